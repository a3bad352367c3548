/*
 * app/moderation.h - moderating a show's chat (the ban check bids use is app/chat_room.h).
 *
 * Who moderates: the show's seller, and the users the seller appointed as
 * moderators. Appointments are per seller, valid for all of the seller's
 * shows (a seller runs many shows with the same helpers); only the seller
 * appoints and dismisses. Every action is persisted and announced to the
 * show's room in the same transaction, with a seq:
 *
 *   chat:muted {user_id, until}      chat:unmuted {user_id}
 *   chat:banned {user_id}            chat:unbanned {user_id}
 *   chat:slow_mode {seconds}         (chat:deleted comes from app/chat.h)
 *
 * A ban keeps the user out of the show's chat and its auctions. Nobody can
 * mute or ban the show's seller or themselves, and only the seller can mute
 * or ban a moderator (BZ_EFORBIDDEN).
 *
 * Results live in c->arena.
 */
#ifndef APP_MODERATION_H
#define APP_MODERATION_H

#include "app/app.h"
#include "domain/chat.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_MUTE_MAX_MINUTES   (7 * 24 * 60) /* a week */
#define APP_SLOW_MODE_MAX_S    3600
#define APP_BLOCKED_WORDS_MAX  200
#define APP_BLOCKED_WORD_CHARS 40

/* Seller `actor` appoints / dismisses `user_id` (BZ_ENOTSELLER; BZ_ENOTFOUND: no such user;
 * BZ_EVALIDATION: oneself). Both are idempotent. */
int app_mod_appoint(app_ctx *c, int64_t actor, int64_t user_id);
int app_mod_dismiss(app_ctx *c, int64_t actor, int64_t user_id);
/* The seller's moderators, most recently appointed first. BZ_ENOTSELLER. */
int app_mod_list(app_ctx *c, int64_t actor, chat_moderator **out, size_t *n);

/* Mute `user_id` in the show for 1..APP_MUTE_MAX_MINUTES minutes from now (a new mute
 * replaces the old one); *until_out receives the end. BZ_ENOTFOUND (show or user),
 * BZ_EFORBIDDEN, BZ_EVALIDATION (minutes, or the target is the seller or oneself). */
int app_mod_mute(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id, int64_t minutes,
                 int64_t *until_out);
int app_mod_unmute(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id);
/* Ban / unban from the show (chat and bids). Idempotent; errors as app_mod_mute. */
int app_mod_ban(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id);
int app_mod_unban(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id);

/* Slow mode: 0 (off) .. APP_SLOW_MODE_MAX_S seconds between one user's messages. */
int app_mod_set_slow_mode(app_ctx *c, int64_t actor, int64_t stream_id, int seconds);
/* The show's slow mode for anyone. BZ_ENOTFOUND. */
int app_mod_slow_mode(app_ctx *c, int64_t stream_id, int *seconds);

/* Pin message `message_id` of this show's chat above it (0 unpins), for its seller or one of
 * their moderators; the room hears chat:pinned. BZ_ENOTFOUND (no such show, or no such
 * message in its chat, or deleted), BZ_EUNAUTHORIZED and BZ_EFORBIDDEN as chat_room_authorize. */
int app_mod_pin(app_ctx *c, int64_t actor, int64_t stream_id, int64_t message_id);
/* The pinned message of a show for anyone: *has false when none (or it was deleted since).
 * BZ_ENOTFOUND (no such show). */
int app_mod_pinned(app_ctx *c, int64_t stream_id, chat_message *out, bool *has);

/* Seller `actor`'s blocked words (lower-cased, byte order). BZ_ENOTSELLER. */
int app_mod_blocked_words(app_ctx *c, int64_t actor, const char ***out, size_t *n);
/* Replace them: at most APP_BLOCKED_WORDS_MAX entries of 1..APP_BLOCKED_WORD_CHARS code points
 * each (trimmed, ASCII lower-cased; no control characters; an entry with nothing left once
 * folded, such as only invisible characters, is refused; entries that fold alike, such as
 * "scam" and Cyrillic "ѕсаm", are merged and the first kept).
 * BZ_ENOTSELLER, BZ_EVALIDATION (field "words"). The result is the stored list. */
int app_mod_set_blocked_words(app_ctx *c, int64_t actor, const char *const *words, size_t n,
                              const char ***out, size_t *n_out);

/* Whether `text` contains one of `words`, both folded (domain/text_fold.h, docs/chat.md: case,
 * width, invisible and look-alike characters ignored; whole words at ASCII edges; an entry of
 * several words matches them as a phrase). Folds every entry on each call: chat posts use the
 * per-thread memo of chat_internal.h instead. On OOM or an ICU failure it says true. */
bool app_mod_text_blocked(const char *text, const char *const *words, size_t n);

#endif
