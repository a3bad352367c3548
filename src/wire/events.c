/*
 * Event payloads and the encoder port (wire/events.h).
 */
#include "wire/events.h"

#include "base/err.h"
#include "wire/auctions.h"
#include "wire/cohosts.h"
#include "wire/resources.h"
#include "wire/text.h"
#include "wire/wire.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[] = {
    [APP_EVENT_AUCTION_BID] = "auction:bid",
    [APP_EVENT_AUCTION_UPDATE] = "auction:update",
    [APP_EVENT_STREAM_STATUS] = "stream:status",
    [APP_EVENT_CHAT_MESSAGE] = "chat:message",
    [APP_EVENT_CHAT_DELETED] = "chat:deleted",
    [APP_EVENT_CHAT_MUTED] = "chat:muted",
    [APP_EVENT_CHAT_UNMUTED] = "chat:unmuted",
    [APP_EVENT_CHAT_BANNED] = "chat:banned",
    [APP_EVENT_CHAT_UNBANNED] = "chat:unbanned",
    [APP_EVENT_CHAT_SLOW_MODE] = "chat:slow_mode",
    [APP_EVENT_CHAT_PINNED] = "chat:pinned",
    [APP_EVENT_NOTIFICATION] = "notification",
    [APP_EVENT_REVOKED] = "_revoked",
    [APP_EVENT_SHOW_STAGE] = "show:stage",
};

const char *wire_event_name(app_event_kind kind)
{
    return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : NULL;
}

/* ---- auction events: every bid's, written as text (wire/text.h) ------------------- */

/* log_head_seq, log_head, log_sig, log_kid (docs/realtime-protocol.md). */
static void head_members(wire_text *t, const app_log_head *h)
{
    bool any = h->seq > 0;
    bool sig = any && h->has_sig;
    wire_text_int(t, "log_head_seq", h->seq);
    if (any) {
        wire_text_hex(t, "log_head", h->hash, BIDLOG_HASH_LEN);
    } else {
        wire_text_null(t, "log_head");
    }
    if (sig) {
        wire_text_hex(t, "log_sig", h->sig, BIDLOG_SIG_LEN);
        wire_text_str_or_null(t, "log_kid", h->kid);
    } else {
        wire_text_null(t, "log_sig");
        wire_text_null(t, "log_kid");
    }
}

/* The bid (wire_bid_members) and where it left the auction. */
static void bid_event(wire_text *t, const app_event *ev)
{
    wire_bid_members(t, &ev->u.bid.bid);
    wire_text_int(t, "current_bid", ev->u.bid.current_bid);
    wire_text_int(t, "min_next_bid", ev->u.bid.min_next_bid);
    wire_text_time(t, "ends_at", ev->u.bid.ends_at);
    wire_text_int(t, "log_seq", ev->u.bid.log_seq);
}

static void update_event(wire_text *t, const app_auction_event *a)
{
    wire_text_id(t, "auction_id", a->auction_id);
    wire_text_id(t, "stream_id", a->stream_id);
    wire_text_id(t, "product_id", a->product_id);
    wire_text_str(t, "status", a->status);
    wire_text_str(t, "mode", a->mode);
    wire_text_int(t, "starting_bid", a->starting_bid);
    wire_text_money_or_null(t, "current_bid", a->has_bid, a->current_bid);
    wire_text_int(t, "min_next_bid", a->min_next_bid);
    wire_text_str(t, "currency", "MYR");
    wire_text_time(t, "ends_at", a->ends_at);
    wire_text_time(t, "ended_at", a->ended_at);
    if (a->winner_id) {
        wire_text_object(t, "winner");
        wire_text_id(t, "id", a->winner_id);
        wire_text_str(t, "username", a->winner_username);
        wire_text_end(t);
    } else {
        wire_text_null(t, "winner");
    }
    wire_text_bool(t, "bought_now", a->bought_now);
}

static int auction_event(const app_event *ev, bz_buf *out)
{
    wire_text t;
    wire_text_begin(&t, out);
    if (ev->kind == APP_EVENT_AUCTION_BID) {
        bid_event(&t, ev);
    } else {
        update_event(&t, &ev->u.auction);
    }
    if (ev->head) {
        head_members(&t, ev->head);
    }
    if (ev->seq) {
        wire_text_int(&t, "seq", ev->seq);
    }
    wire_text_end(&t);
    return wire_text_finish(&t);
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
    case APP_EVENT_AUCTION_UPDATE:
        break; /* auction_event */
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
    case APP_EVENT_CHAT_PINNED:
        return wire_wrap("message",
                         ev->u.chat.id ? wire_chat_message(&ev->u.chat, 0) : json_null());
    case APP_EVENT_NOTIFICATION:
        return wire_notification(&ev->u.notification, false);
    case APP_EVENT_REVOKED:
        return revoked_event(ev);
    case APP_EVENT_SHOW_STAGE:
        return wire_stage(ev->target, ev->u.stage.cohosts, ev->u.stage.n);
    }
    return NULL;
}

int wire_event_write(const app_event *ev, bz_buf *out)
{
    if (ev->kind == APP_EVENT_AUCTION_BID || ev->kind == APP_EVENT_AUCTION_UPDATE) {
        return auction_event(ev, out);
    }
    json_t *o = payload(ev);
    return wire_dump_buf(ev->seq ? wire_set(o, "seq", json_integer((json_int_t)ev->seq)) : o, out);
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
    bz_buf text;
    bz_buf_init(&text, 0);
    int rc = wire_event_write(ev, &text);
    char *json = rc == BZ_OK ? bz_arena_strndup(a, text.data, text.len) : NULL;
    out->json = json;
    out->json_len = json ? text.len : 0;
    bz_buf_free(&text);
    return rc != BZ_OK ? rc : json ? BZ_OK : BZ_ENOMEM;
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
