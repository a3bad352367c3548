/*
 * Chat use cases: post, history, delete (rules in app/chat.h).
 *
 * Posting reads everything it checks (show, ban, mute, blocked words, rate
 * figures, slow mode) before its transaction, which then holds only the
 * insert and the event: the show's event counter is the row every bid of the
 * show also takes, so the write lock is kept short. Two messages of one user
 * racing past the rate check at the same instant can both pass; the limits
 * are about spam, not money.
 */
#include "app/chat.h"

#include "app/app_util.h"
#include "app/chat_internal.h"
#include "app/chat_room.h"
#include "base/err.h"
#include "base/rand.h"

#include <inttypes.h>
#include <string.h>

/* ---- posting ------------------------------------------------------------------- */

static bool chat_open(const show_stream *st)
{
    return strcmp(st->status, "scheduled") == 0 || strcmp(st->status, "live") == 0;
}

/* Banned, muted, blocked word: who may say what. */
static int check_speaker(app_ctx *c, int64_t actor, const show_stream *st, const char *text,
                         app_chat_post_result *out)
{
    int rc = chat_room_check_not_banned(c, st->id, actor);
    if (rc != BZ_OK) {
        return rc;
    }
    int64_t until = 0;
    if ((rc = store_chat_mute_until(c->store, st->id, actor, &until)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (until > c->now) {
        out->muted_until = until;
        return app_fail(c, BZ_EMUTED, NULL, "you are muted in this chat for a while");
    }
    const char **words = NULL;
    size_t n = 0;
    if ((rc = store_blocked_words(c->store, st->seller_id, c->arena, &words, &n)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    bool blocked = false;
    if ((rc = chat_text_blocked(c, st->seller_id, text, words, n, &blocked)) != BZ_OK) {
        return rc;
    }
    if (blocked) {
        return app_fail(c, BZ_EBLOCKEDWORD, "text", NULL);
    }
    return BZ_OK;
}

/* The per-user rate limit, then slow mode (which the seller and moderators skip). */
static int check_pace(app_ctx *c, int64_t actor, const show_stream *st, app_chat_post_result *out)
{
    const app_config *cfg = &c->env->cfg;
    int64_t recent = 0, last = 0;
    int rc = store_chat_activity(c->store, actor, st->id, c->now - cfg->chat_rate_window_ms,
                                 &recent, &last);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (recent >= cfg->chat_rate_count) {
        out->retry_after_ms = cfg->chat_rate_window_ms;
        return app_fail(c, BZ_ERATELIMIT, NULL, "at most %d messages per %" PRId64 " s",
                        cfg->chat_rate_count, cfg->chat_rate_window_ms / 1000);
    }
    int slow_s = 0;
    if ((rc = store_chat_slow_mode(c->store, st->id, &slow_s)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    int64_t next_at = last + (int64_t)slow_s * 1000;
    if (slow_s <= 0 || last == 0 || next_at <= c->now) {
        return BZ_OK;
    }
    bool staff = false;
    if ((rc = chat_room_is_staff(c, actor, st, &staff)) != BZ_OK || staff) {
        return rc;
    }
    out->retry_after_ms = next_at - c->now;
    return app_fail(c, BZ_ESLOWMODE, NULL, "slow mode: one message every %d s", slow_s);
}

int app_chat_post(app_ctx *c, int64_t actor, int64_t stream_id, const char *text,
                  app_chat_post_result *out)
{
    memset(out, 0, sizeof(*out));
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, "sign in to chat");
    }
    const char *clean = NULL;
    show_stream st;
    account_user author;
    int rc = chat_clean_text(c, text, APP_CHAT_TEXT_MAX, &clean);
    if (rc == BZ_OK) {
        rc = chat_room_load(c, stream_id, &st);
    }
    if (rc == BZ_OK && !chat_open(&st)) {
        rc = app_fail(c, BZ_ECHATCLOSED, NULL, "the show is %s", st.status);
    }
    if (rc == BZ_OK) {
        rc = check_speaker(c, actor, &st, clean, out);
    }
    if (rc == BZ_OK) {
        rc = check_pace(c, actor, &st, out);
    }
    if (rc == BZ_OK && (rc = store_user_get(c->store, actor, c->arena, &author)) != BZ_OK) {
        rc = app_store_fail(c, rc, BZ_EUNAUTHORIZED);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    chat_message *m = &out->message;
    *m = (chat_message){.id = bz_id_new(c->now),
                        .stream_id = stream_id,
                        .user_id = actor,
                        .username = author.username,
                        .text = clean,
                        .created_at = c->now};
    app_event ev = {.kind = APP_EVENT_CHAT_MESSAGE, .u.chat = *m};
    app_evbuf evs;
    rc = chat_room_begin(c, stream_id, &ev, &evs);
    if (rc == BZ_OK && (rc = ev_commit(c, &evs, store_chat_message_insert(c->store, m))) == BZ_OK) {
        out->seq = evs.items[0].ev.seq;
    }
    return rc;
}

/* ---- history and delete ----------------------------------------------------------- */

int app_chat_history(app_ctx *c, int64_t stream_id, int64_t cursor, int limit, app_chat_page *out)
{
    memset(out, 0, sizeof(*out));
    if (limit < 1 || limit > 100) {
        return app_fail(c, BZ_EVALIDATION, "limit", "limit must be 1..100");
    }
    show_stream st;
    int rc = chat_room_load(c, stream_id, &st);
    if (rc != BZ_OK) {
        return rc;
    }
    store_page page = {0};
    rc = store_chat_messages(c->store, stream_id, cursor, limit, c->arena, &out->items, &page);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    out->n = page.n;
    out->next_cursor = page.next_cursor;
    return BZ_OK;
}

int app_chat_delete(app_ctx *c, int64_t actor, int64_t stream_id, int64_t message_id)
{
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, NULL);
    }
    chat_message m;
    int rc = store_chat_message_get(c->store, message_id, c->arena, &m);
    if (rc == BZ_OK && m.stream_id != stream_id) {
        rc = BZ_ENOTFOUND;
    }
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (m.user_id != actor) {
        show_stream st;
        bool is_seller = false;
        if ((rc = chat_room_authorize(c, actor, stream_id, &st, &is_seller)) != BZ_OK) {
            return rc;
        }
    }
    if (m.deleted_at != 0) {
        return BZ_OK;
    }
    app_event ev = {.kind = APP_EVENT_CHAT_DELETED, .u.message_id = message_id};
    app_evbuf evs;
    rc = chat_room_begin(c, stream_id, &ev, &evs);
    if (rc == BZ_OK) {
        rc = ev_commit(c, &evs, store_chat_message_delete(c->store, message_id, actor, c->now));
    }
    /* a racing delete won: the message is deleted, which is what was asked */
    if (rc == BZ_ECONFLICT) {
        app_err_clear(c);
        return BZ_OK;
    }
    return rc;
}
