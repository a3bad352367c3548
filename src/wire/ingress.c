/*
 * A show's encoder endpoint (wire/ingress.h).
 */
#include "wire/ingress.h"

#include "wire/wire.h"

/* The store reads a column it has no value for as "": that is null to a client. */
static json_t *set_or_null(const char *s)
{
    return s && *s ? wire_str(s) : json_null();
}

json_t *wire_ingress(const show_ingress *in)
{
    json_t *o = json_object();
    o = wire_set(o, "stream_id", wire_id(in->stream_id));
    o = wire_set(o, "state", wire_str(in->state));
    o = wire_set(o, "url", set_or_null(in->url));
    o = wire_set(o, "stream_key", set_or_null(in->stream_key));
    o = wire_set(o, "whip", json_boolean(in->whip));
    o = wire_set(o, "error", set_or_null(in->error));
    o = wire_set(o, "created_at", wire_time(in->created_at));
    o = wire_set(o, "updated_at", wire_time(in->updated_at));
    return wire_wrap("ingress", o);
}
