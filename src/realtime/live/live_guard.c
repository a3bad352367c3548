/*
 * The socket side of the event limits (live_limit.h): every client event passes
 * live_limit_admit before it is read. A refused event is answered `rate_limited` (with
 * details{class, retry_after_ms}) when it asked for an ack, and costs nothing more: its
 * payload is not even parsed. A socket that spends its flood allowance is disconnected, and
 * its Engine.IO session closed, so a client that keeps flooding pays a new handshake for
 * every burst.
 */
#include "realtime/live/live_internal.h"

#include "base/err.h"
#include "base/log.h"
#include "wire/acks.h"

bool live_limit_admit(live_hub *a, gw_sock *s, const char *name, int64_t ack_id)
{
    live_sock *as = live_sock_of(s);
    if (!as) {
        live_ack_error(s, ack_id, BZ_ENOMEM, NULL, NULL);
        return false;
    }
    enum live_ev_class cls = live_ev_class_of(name);
    enum live_verdict v = live_bucket_take(&as->limit, &a->limits, cls, (uint32_t)uv_now(a->loop));
    if (v == LIVE_ALLOW) {
        a->stats.events[cls]++;
        return true;
    }
    a->stats.limited[cls]++;
    if (v == LIVE_FLOOD) {
        a->stats.flood_disconnects++;
        bz_warn("gateway: socket %s disconnected for flooding (%s events)", gw_sock_id(s),
                live_ev_class_name(cls));
        gw_sock_disconnect(s, true);
        return false;
    }
    uint32_t retry = live_bucket_retry_ms(&as->limit, &a->limits, cls);
    live_ack_error(s, ack_id, BZ_ERATELIMIT, NULL,
                   wire_limit_details(live_ev_class_name(cls), (int64_t)retry));
    return false;
}
