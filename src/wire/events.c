/*
 * Event payloads and the encoder port (wire/events.h).
 */
#include "wire/events.h"

#include "base/err.h"
#include "wire/auctions.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[] = {
    [APP_EVENT_AUCTION_BID] = "auction:bid",     [APP_EVENT_AUCTION_UPDATE] = "auction:update",
    [APP_EVENT_STREAM_STATUS] = "stream:status", [APP_EVENT_CHAT_MESSAGE] = "chat:message",
    [APP_EVENT_CHAT_DELETED] = "chat:deleted",   [APP_EVENT_CHAT_MUTED] = "chat:muted",
    [APP_EVENT_CHAT_UNMUTED] = "chat:unmuted",   [APP_EVENT_CHAT_BANNED] = "chat:banned",
    [APP_EVENT_CHAT_UNBANNED] = "chat:unbanned", [APP_EVENT_CHAT_SLOW_MODE] = "chat:slow_mode",
    [APP_EVENT_NOTIFICATION] = "notification",   [APP_EVENT_REVOKED] = "_revoked",
};

const char *wire_event_name(app_event_kind kind)
{
    return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : NULL;
}

/* ---- auction events ------------------------------------------------------------------- */

/* log_head_seq, log_head, log_sig, log_kid (docs/realtime-protocol.md). */
static json_t *with_head(json_t *o, const app_log_head *h)
{
    bool any = h->seq > 0;
    bool sig = any && h->has_sig;
    o = wire_set(o, "log_head_seq", json_integer((json_int_t)h->seq));
    o = wire_set(o, "log_head", any ? wire_hex(h->hash, BIDLOG_HASH_LEN) : json_null());
    o = wire_set(o, "log_sig", sig ? wire_hex(h->sig, BIDLOG_SIG_LEN) : json_null());
    return wire_set(o, "log_kid", sig ? wire_str_or_null(h->kid) : json_null());
}

/* The bid (wire_bid) and where it left the auction. */
static json_t *bid_event(const app_event *ev)
{
    json_t *o = wire_bid(&ev->u.bid.bid);
    o = wire_set(o, "current_bid", json_integer((json_int_t)ev->u.bid.current_bid));
    o = wire_set(o, "min_next_bid", json_integer((json_int_t)ev->u.bid.min_next_bid));
    o = wire_set(o, "ends_at", wire_time(ev->u.bid.ends_at));
    return wire_set(o, "log_seq", json_integer((json_int_t)ev->u.bid.log_seq));
}

static json_t *update_event(const app_auction_event *a)
{
    json_t *o = json_object();
    o = wire_set(o, "auction_id", wire_id(a->auction_id));
    o = wire_set(o, "stream_id", wire_id(a->stream_id));
    o = wire_set(o, "product_id", wire_id(a->product_id));
    o = wire_set(o, "status", wire_str(a->status));
    o = wire_set(o, "mode", wire_str(a->mode));
    o = wire_set(o, "starting_bid", json_integer((json_int_t)a->starting_bid));
    o = wire_set(o, "current_bid", wire_money_or_null(a->has_bid, a->current_bid));
    o = wire_set(o, "min_next_bid", json_integer((json_int_t)a->min_next_bid));
    o = wire_set(o, "currency", json_string("MYR"));
    o = wire_set(o, "ends_at", wire_time(a->ends_at));
    o = wire_set(o, "ended_at", wire_time(a->ended_at));
    o = wire_set(o, "winner",
                 a->winner_id ? json_pack("{s:o, s:o}", "id", wire_id(a->winner_id), "username",
                                          wire_str(a->winner_username))
                              : json_null());
    return wire_set(o, "bought_now", json_boolean(a->bought_now));
}

/* ---- the rest ------------------------------------------------------------------------- */

static json_t *sanction_event(const app_event *ev)
{
    json_t *o = wire_wrap("user_id", wire_id(ev->u.sanction.user_id));
    return ev->kind == APP_EVENT_CHAT_MUTED ? wire_set(o, "until", wire_time(ev->u.sanction.until))
                                            : o;
}

static json_t *revoked_event(const app_event *ev)
{
    return json_pack("{s:o, s:o, s:I}", "session_id", wire_id(ev->u.revoked.session_id), "user_id",
                     wire_id(ev->u.revoked.user_id), "expires_at",
                     (json_int_t)ev->u.revoked.expires_at);
}

static json_t *payload(const app_event *ev)
{
    switch (ev->kind) {
    case APP_EVENT_AUCTION_BID:
        return bid_event(ev);
    case APP_EVENT_AUCTION_UPDATE:
        return update_event(&ev->u.auction);
    case APP_EVENT_STREAM_STATUS:
        return json_pack("{s:o, s:o}", "stream_id", wire_id(ev->target), "status",
                         wire_str(ev->u.status));
    case APP_EVENT_CHAT_MESSAGE:
        return wire_chat_message(&ev->u.chat, 0);
    case APP_EVENT_CHAT_DELETED:
        return wire_wrap("message_id", wire_id(ev->u.message_id));
    case APP_EVENT_CHAT_MUTED:
    case APP_EVENT_CHAT_UNMUTED:
    case APP_EVENT_CHAT_BANNED:
    case APP_EVENT_CHAT_UNBANNED:
        return sanction_event(ev);
    case APP_EVENT_CHAT_SLOW_MODE:
        return wire_wrap("seconds", json_integer(ev->u.slow_mode_s));
    case APP_EVENT_NOTIFICATION:
        return wire_notification(&ev->u.notification, false);
    case APP_EVENT_REVOKED:
        return revoked_event(ev);
    }
    return NULL;
}

json_t *wire_event_payload(const app_event *ev)
{
    json_t *o = payload(ev);
    if (ev->head && (ev->kind == APP_EVENT_AUCTION_BID || ev->kind == APP_EVENT_AUCTION_UPDATE)) {
        o = with_head(o, ev->head);
    }
    return ev->seq ? wire_set(o, "seq", json_integer((json_int_t)ev->seq)) : o;
}

/* ---- the port ------------------------------------------------------------------------- */

static int encode(encoder *e, const app_event *ev, bz_arena *a, event *out)
{
    (void)e;
    const char *name = wire_event_name(ev->kind);
    if (!name) {
        return BZ_EINTERNAL;
    }
    bool user = ev->kind == APP_EVENT_NOTIFICATION || ev->kind == APP_EVENT_REVOKED;
    *out = (event){.scope = user ? EVENT_USER : EVENT_STREAM,
                   .target = ev->target,
                   .seq = ev->seq,
                   .name = name};
    return wire_dump_arena(wire_event_payload(ev), a, &out->json, &out->json_len);
}

static const struct encoder_ops ops = {.encode = encode};
static encoder the_encoder = {.ops = &ops};

encoder *wire_encoder(void)
{
    return &the_encoder;
}

/* ---- node events ---------------------------------------------------------------------- */

bool wire_revoked_read(const event *ev, app_event *out)
{
    if (!ev->name || strcmp(ev->name, names[APP_EVENT_REVOKED]) != 0) {
        return false;
    }
    memset(out, 0, sizeof(*out));
    out->kind = APP_EVENT_REVOKED;
    out->target = ev->target;
    json_t *o = json_loadb(ev->json, ev->json_len, 0, NULL);
    json_t *exp = json_object_get(o, "expires_at");
    if (json_is_integer(exp) && wire_id_read(o, "user_id") > 0) {
        out->u.revoked.session_id = wire_id_read(o, "session_id");
        out->u.revoked.user_id = wire_id_read(o, "user_id");
        out->u.revoked.expires_at = (int64_t)json_integer_value(exp);
    }
    json_decref(o);
    return true;
}

json_t *wire_viewers(int64_t node_id, int64_t count)
{
    return json_pack("{s:o, s:I}", "node", wire_id(node_id), "count", (json_int_t)count);
}

bool wire_viewers_read(const char *json, size_t len, int64_t *node_id, int64_t *count)
{
    json_t *o = json_loadb(json, len, 0, NULL);
    json_t *n = json_object_get(o, "count");
    *node_id = wire_id_read(o, "node");
    *count = json_is_integer(n) ? (int64_t)json_integer_value(n) : -1;
    json_decref(o);
    return *node_id > 0 && *count >= 0;
}

json_t *wire_presence(int64_t stream_id, int64_t user_id, const char *username, int64_t viewers)
{
    return json_pack("{s:o, s:{s:o, s:o}, s:I}", "stream_id", wire_id(stream_id), "user", "id",
                     wire_id(user_id), "username", wire_str(username), "viewers",
                     (json_int_t)viewers);
}
