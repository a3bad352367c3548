/*
 * A sale as anyone may see it (wire/resources.h): on a show's lineup and on a product. Its own
 * file because both catalog.c and shows.c use it and it uses neither.
 */
#include "wire/resources.h"
#include "wire/wire.h"

json_t *wire_sale(const order_sale *s)
{
    json_t *o =
        json_pack("{s:o, s:o, s:I, s:s, s:o}", "auction_id", wire_id_or_null(s->auction_id),
                  "stream_id", wire_id_or_null(s->stream_id), "price", (json_int_t)s->amount,
                  "currency", "MYR", "sold_at", wire_time(s->sold_at));
    json_t *winner = s->buyer_id ? json_pack("{s:o, s:o}", "id", wire_id(s->buyer_id), "username",
                                             wire_str(s->buyer_username))
                                 : json_null();
    return wire_set(o, "winner", winner);
}
