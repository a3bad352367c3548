/*
 * Moderation use cases (rules in app/moderation.h): appointing moderators,
 * mutes, bans, slow mode, blocked words, and the ban check of bids.
 */
#include "app/moderation.h"

#include "app/app_util.h"
#include "app/chat_internal.h"
#include "app/chat_room.h"
#include "base/err.h"
#include "base/str.h"
#include "base/time.h"
#include "domain/text_fold.h"

#include <inttypes.h>
#include <string.h>

static int require_user(app_ctx *c, int64_t user_id)
{
    account_user u;
    int rc = store_user_get(c->store, user_id, c->arena, &u);
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

int app_mod_appoint(app_ctx *c, int64_t actor, int64_t user_id)
{
    int rc = app_require_seller(c, actor, NULL);
    if (rc == BZ_OK && user_id == actor) {
        rc = app_fail(c, BZ_EVALIDATION, "user_id", "you moderate your own shows already");
    }
    if (rc == BZ_OK) {
        rc = require_user(c, user_id);
    }
    if (rc == BZ_OK && (rc = store_moderator_add(c->store, actor, user_id, c->now)) != BZ_OK) {
        rc = app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    return rc;
}

int app_mod_dismiss(app_ctx *c, int64_t actor, int64_t user_id)
{
    int rc = app_require_seller(c, actor, NULL);
    if (rc == BZ_OK && (rc = store_moderator_remove(c->store, actor, user_id)) != BZ_OK) {
        rc = app_fail(c, rc, NULL, NULL);
    }
    return rc;
}

int app_mod_list(app_ctx *c, int64_t actor, chat_moderator **out, size_t *n)
{
    int rc = app_require_seller(c, actor, NULL);
    if (rc == BZ_OK && (rc = store_moderators(c->store, actor, c->arena, out, n)) != BZ_OK) {
        rc = app_fail(c, rc, NULL, NULL);
    }
    return rc;
}

/* ---- mutes and bans ------------------------------------------------------------------ */

/* The target of a mute or ban: an existing user, not the seller, not the actor, and a
 * moderator only when the seller acts. */
static int check_target(app_ctx *c, int64_t actor, bool actor_is_seller, const show_stream *st,
                        int64_t user_id)
{
    if (user_id == st->seller_id || user_id == actor) {
        return app_fail(c, BZ_EVALIDATION, "user_id",
                        user_id == actor ? "you cannot do this to yourself"
                                         : "the show's seller cannot be muted or banned");
    }
    int rc = require_user(c, user_id);
    if (rc != BZ_OK || actor_is_seller) {
        return rc;
    }
    bool target_is_mod = false;
    if ((rc = store_is_moderator(c->store, st->seller_id, user_id, &target_is_mod)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    return target_is_mod ? app_fail(c, BZ_EFORBIDDEN, "user_id",
                                    "only the seller can mute or ban a moderator")
                         : BZ_OK;
}

typedef struct sanction {
    int64_t stream_id, user_id, by, until;
    enum { MUTE, UNMUTE, BAN, UNBAN } kind;
} sanction;

static int write_sanction(app_ctx *c, const sanction *s)
{
    switch (s->kind) {
    case MUTE:
        return store_chat_mute_set(c->store, s->stream_id, s->user_id, s->until, s->by, c->now);
    case UNMUTE:
        return store_chat_mute_clear(c->store, s->stream_id, s->user_id);
    case BAN:
        return store_stream_ban_add(c->store, s->stream_id, s->user_id, s->by, c->now);
    case UNBAN:
        return store_stream_ban_remove(c->store, s->stream_id, s->user_id);
    }
    return BZ_EINTERNAL;
}

static const app_event_kind sanction_events[] = {
    [MUTE] = APP_EVENT_CHAT_MUTED,
    [UNMUTE] = APP_EVENT_CHAT_UNMUTED,
    [BAN] = APP_EVENT_CHAT_BANNED,
    [UNBAN] = APP_EVENT_CHAT_UNBANNED,
};

static int apply_sanction(app_ctx *c, int64_t actor, const sanction *s)
{
    app_event ev = {.kind = sanction_events[s->kind]};
    ev.u.sanction.user_id = s->user_id;
    ev.u.sanction.until = s->kind == MUTE ? s->until : 0;
    show_stream st;
    bool is_seller = false;
    int rc = chat_room_authorize(c, actor, s->stream_id, &st, &is_seller);
    if (rc == BZ_OK) {
        rc = check_target(c, actor, is_seller, &st, s->user_id);
    }
    app_evbuf evs;
    if (rc == BZ_OK && (rc = chat_room_begin(c, s->stream_id, &ev, &evs)) == BZ_OK) {
        rc = ev_commit(c, &evs, write_sanction(c, s));
    }
    return rc;
}

int app_mod_mute(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id, int64_t minutes,
                 int64_t *until_out)
{
    if (minutes < 1 || minutes > APP_MUTE_MAX_MINUTES) {
        return app_fail(c, BZ_EVALIDATION, "minutes", "minutes must be 1..%d",
                        APP_MUTE_MAX_MINUTES);
    }
    sanction s = {stream_id, user_id, actor, c->now + minutes * 60 * 1000, MUTE};
    int rc = apply_sanction(c, actor, &s);
    if (rc == BZ_OK && until_out) {
        *until_out = s.until;
    }
    return rc;
}

int app_mod_unmute(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id)
{
    sanction s = {stream_id, user_id, actor, 0, UNMUTE};
    return apply_sanction(c, actor, &s);
}

int app_mod_ban(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id)
{
    sanction s = {stream_id, user_id, actor, 0, BAN};
    return apply_sanction(c, actor, &s);
}

int app_mod_unban(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id)
{
    sanction s = {stream_id, user_id, actor, 0, UNBAN};
    return apply_sanction(c, actor, &s);
}

/* ---- slow mode -------------------------------------------------------------------------- */

int app_mod_set_slow_mode(app_ctx *c, int64_t actor, int64_t stream_id, int seconds)
{
    if (seconds < 0 || seconds > APP_SLOW_MODE_MAX_S) {
        return app_fail(c, BZ_EVALIDATION, "slow_mode_s", "slow_mode_s must be 0..%d",
                        APP_SLOW_MODE_MAX_S);
    }
    show_stream st;
    bool is_seller = false;
    int rc = chat_room_authorize(c, actor, stream_id, &st, &is_seller);
    if (rc != BZ_OK) {
        return rc;
    }
    app_event ev = {.kind = APP_EVENT_CHAT_SLOW_MODE, .u.slow_mode_s = seconds};
    app_evbuf evs;
    if ((rc = chat_room_begin(c, stream_id, &ev, &evs)) == BZ_OK) {
        rc = ev_commit(c, &evs, store_chat_slow_mode_set(c->store, stream_id, seconds, c->now));
    }
    return rc;
}

/* ---- the pinned message ------------------------------------------------------------------ */

int app_mod_pin(app_ctx *c, int64_t actor, int64_t stream_id, int64_t message_id)
{
    show_stream st;
    bool is_seller = false;
    int rc = chat_room_authorize(c, actor, stream_id, &st, &is_seller);
    if (rc != BZ_OK) {
        return rc;
    }
    app_event ev = {.kind = APP_EVENT_CHAT_PINNED};
    if (message_id) {
        rc = store_chat_message_get(c->store, message_id, c->arena, &ev.u.chat);
        if (rc == BZ_OK && (ev.u.chat.stream_id != stream_id || ev.u.chat.deleted_at != 0)) {
            rc = BZ_ENOTFOUND; /* only a message of this show's chat that is still there */
        }
        if (rc != BZ_OK) {
            return app_store_fail(c, rc, BZ_ENOTFOUND);
        }
    }
    app_evbuf evs;
    if ((rc = chat_room_begin(c, stream_id, &ev, &evs)) == BZ_OK) {
        rc = ev_commit(c, &evs, store_chat_pin_set(c->store, stream_id, message_id, c->now));
    }
    return rc;
}

int app_mod_pinned(app_ctx *c, int64_t stream_id, chat_message *out, bool *has)
{
    show_stream st;
    int64_t id = 0;
    *has = false;
    int rc = chat_room_load(c, stream_id, &st);
    if (rc == BZ_OK && (rc = store_chat_pinned(c->store, stream_id, &id)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (rc != BZ_OK || id == 0) {
        return rc;
    }
    rc = store_chat_message_get(c->store, id, c->arena, out);
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    *has = out->deleted_at == 0;
    return BZ_OK;
}

int app_mod_slow_mode(app_ctx *c, int64_t stream_id, int *seconds)
{
    show_stream st;
    int rc = chat_room_load(c, stream_id, &st);
    if (rc == BZ_OK && (rc = store_chat_slow_mode(c->store, stream_id, seconds)) != BZ_OK) {
        rc = app_fail(c, rc, NULL, NULL);
    }
    return rc;
}

/* ---- blocked words ------------------------------------------------------------------------ */

int app_mod_blocked_words(app_ctx *c, int64_t actor, const char ***out, size_t *n)
{
    int rc = app_require_seller(c, actor, NULL);
    if (rc == BZ_OK && (rc = store_blocked_words(c->store, actor, c->arena, out, n)) != BZ_OK) {
        rc = app_fail(c, rc, NULL, NULL);
    }
    return rc;
}

/* Clean every entry, lower-case it and drop the ones that fold like an earlier one (the same
 * text_fold that chat matches with, so what is merged here could never match differently). */
static int clean_words(app_ctx *c, const char *const *words, size_t n, const char ***out,
                       size_t *n_out)
{
    if (n > APP_BLOCKED_WORDS_MAX) {
        return app_fail(c, BZ_EVALIDATION, "words", "at most %d words", APP_BLOCKED_WORDS_MAX);
    }
    const char **clean = bz_arena_calloc(c->arena, n ? n : 1, sizeof(*clean));
    char **folded = bz_arena_calloc(c->arena, n ? n : 1, sizeof(*folded));
    if (!clean || !folded) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = NULL;
        if (chat_clean_text(c, words[i], APP_BLOCKED_WORD_CHARS, &w) != BZ_OK) {
            char why[sizeof(c->err.message)];
            bz_strlcpy(why, c->err.message, sizeof(why));
            return app_fail(c, BZ_EVALIDATION, "words", "entry %zu: %s", i + 1, why);
        }
        if (!(w = app_lower_dup(c, w))) {
            return app_fail(c, BZ_ENOMEM, NULL, NULL);
        }
        size_t flen = 0;
        int rc = text_fold(c->arena, w, strlen(w), &folded[k], &flen);
        if (rc != BZ_OK) {
            return app_fail(c, rc == BZ_ENOMEM ? rc : BZ_EINTERNAL, NULL, NULL);
        }
        if (flen == 0) {
            return app_fail(c, BZ_EVALIDATION, "words", "entry %zu has nothing visible to match",
                            i + 1);
        }
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++) {
            seen = strcmp(folded[j], folded[k]) == 0;
        }
        if (!seen) {
            clean[k++] = w;
        }
    }
    *out = clean;
    *n_out = k;
    return BZ_OK;
}

int app_mod_set_blocked_words(app_ctx *c, int64_t actor, const char *const *words, size_t n,
                              const char ***out, size_t *n_out)
{
    const char **clean = NULL;
    size_t k = 0;
    int rc = app_require_seller(c, actor, NULL);
    if (rc == BZ_OK) {
        rc = clean_words(c, words, n, &clean, &k);
    }
    if (rc == BZ_OK && (rc = store_blocked_words_set(c->store, actor, clean, k)) != BZ_OK) {
        rc = app_fail(c, rc, NULL, NULL);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return app_mod_blocked_words(c, actor, out, n_out);
}
