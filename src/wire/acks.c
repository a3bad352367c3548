/*
 * Socket.IO acks (wire/acks.h).
 */
#include "wire/acks.h"

#include "wire/auctions.h"
#include "wire/resources.h"
#include "wire/text.h"
#include "wire/wire.h"

json_t *wire_ack_join(json_t *stream, json_t *auction, int64_t viewers, int64_t server_time,
                      bool can_moderate)
{
    return wire_ack_ok(json_pack("{s:o, s:o, s:I, s:o, s:b}", "stream", stream, "auction",
                                 auction ? auction : json_null(), "viewers", (json_int_t)viewers,
                                 "server_time", wire_time(server_time), "can_moderate",
                                 can_moderate));
}

int wire_ack_bid(bz_buf *out, const app_bid_result *r, int64_t bidder_id, int64_t server_time)
{
    wire_text t;
    wire_text_begin(&t, out);
    wire_text_bool(&t, "ok", true);
    wire_bid_reply_members(&t, r, bidder_id, server_time);
    if (r->replayed) {
        wire_text_bool(&t, "replayed", true);
    }
    wire_text_end(&t);
    return wire_text_finish(&t);
}

json_t *wire_ack_chat(const chat_message *m, int64_t seq)
{
    return wire_ack_ok(wire_wrap("message", wire_chat_message(m, seq)));
}

json_t *wire_ack_chat_refusal(int64_t muted_until, int64_t retry_after_ms)
{
    json_t *d = json_object();
    if (muted_until) {
        d = wire_set(d, "until", json_integer((json_int_t)muted_until));
    }
    if (retry_after_ms) {
        d = wire_set(d, "retry_after_ms", json_integer((json_int_t)retry_after_ms));
    }
    return d;
}

json_t *wire_ack_refresh(int64_t expires_at)
{
    return wire_ack_ok(wire_wrap("expires_at", wire_time(expires_at)));
}

json_t *wire_limit_details(const char *event_class, int64_t retry_after_ms)
{
    return json_pack("{s:s, s:I}", "class", event_class, "retry_after_ms",
                     (json_int_t)retry_after_ms);
}
