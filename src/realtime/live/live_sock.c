/*
 * What every file of the live room uses on a socket: its data (live_sock), room names, acks,
 * the event's first argument and its id fields. Calls no other file of the live room but the
 * pure limits (live_limit.c).
 */
#include "realtime/live/live_internal.h"

#include "wire/acks.h"
#include "wire/wire.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void live_room_name(char out[40], const char *kind, int64_t id)
{
    snprintf(out, 40, "%s:%" PRId64, kind, id);
}

void live_ack_json(gw_sock *s, int64_t ack_id, json_t *o)
{
    char *text = wire_dump(o);
    if (text) {
        live_ack_text(s, ack_id, text);
    }
    free(text);
}

void live_ack_text(gw_sock *s, int64_t ack_id, const char *json)
{
    if (ack_id >= 0) {
        gw_ack(s, ack_id, json, strlen(json), NULL, 0);
    }
}

void live_ack_error(gw_sock *s, int64_t ack_id, int code, const char *message, json_t *details)
{
    live_ack_json(s, ack_id, wire_ack_error(code, message, details));
}

/* The first argument as a JSON object, or NULL. */
json_t *live_first_arg(const char *args, size_t len)
{
    json_t *arr = NULL;
    char *text = malloc(len + 3);
    if (text) {
        text[0] = '[';
        memcpy(text + 1, args, len);
        text[len + 1] = ']';
        text[len + 2] = '\0';
        arr = json_loads(text, 0, NULL);
        free(text);
    }
    json_t *first = json_incref(json_array_get(arr, 0));
    json_decref(arr);
    if (first && !json_is_object(first)) {
        json_decref(first);
        return NULL;
    }
    return first;
}

live_sock *live_sock_of(gw_sock *s)
{
    live_sock *as = gw_sock_data(s);
    if (!as && (as = calloc(1, sizeof(*as)))) {
        live_hub *a = gw_app(gw_sock_gateway(s));
        live_bucket_init(&as->limit, &a->limits, (uint32_t)uv_now(a->loop));
        gw_sock_set_data(s, as);
    }
    return as;
}

void live_job_submit(live_hub *a, live_job *j, gw_sock *s, int64_t stream_id, int64_t ack_id,
                     void (*work)(net_job *job, void *state), void (*done)(net_job *job))
{
    j->app = a;
    j->sock = s;
    gw_sock_hold(s);
    j->stream_id = stream_id;
    j->user_id = gw_sock_user(s);
    j->ack_id = ack_id;
    j->job.work = work;
    j->job.done = done;
    http_server_submit(a->srv, &j->job);
}
