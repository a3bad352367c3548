/*
 * app/chat.h - a show's chat: post a message, read the history, delete a
 * message. The rules (docs/chat.md):
 *
 * - Chat is open while the show is scheduled or live; ended or cancelled
 *   shows answer BZ_ECHATCLOSED.
 * - Text: trimmed of surrounding Unicode white space (U+00A0, U+3000 ... as well as ASCII;
 *   domain/text.h text_trim_unicode), then 1..APP_CHAT_TEXT_MAX code
 *   points of valid UTF-8 with no control characters (C0, DEL, C1) and no
 *   bidirectional overrides: BZ_EVALIDATION, field "text".
 * - Who may post: a signed-in user who is not banned from the show
 *   (BZ_EBANNED) nor muted in it (BZ_EMUTED, muted_until says until when),
 *   whose text has none of the seller's blocked words (BZ_EBLOCKEDWORD; the
 *   word is not named), within the per-user rate limit of
 *   cfg.chat_rate_count messages per cfg.chat_rate_window_ms over all shows
 *   (BZ_ERATELIMIT) and, unless they are the seller or one of the seller's
 *   moderators, the show's slow mode (BZ_ESLOWMODE); retry_after_ms says
 *   how long to wait.
 * - A message and its room event `chat:message` are written in one
 *   transaction, the event with the show's next seq; the event is published
 *   after the commit.
 *
 * The Socket.IO gateway calls app_chat_post for `chat:message` exactly as
 * the REST handler does, and acks {ok:true, message} (the room's payload:
 * the message with its seq) or the error code (with until / retry_after_ms
 * when set).
 *
 * Results live in c->arena.
 */
#ifndef APP_CHAT_H
#define APP_CHAT_H

#include "app/app.h"
#include "domain/chat.h"

#include <stddef.h>
#include <stdint.h>

#define APP_CHAT_TEXT_MAX 500 /* code points, after trimming */

typedef struct app_chat_post_result {
    chat_message message;   /* on BZ_OK, with the author's username */
    int64_t seq;            /* the room event's seq (the room's payload is both) */
    int64_t muted_until;    /* BZ_EMUTED: when the mute ends (UTC ms) */
    int64_t retry_after_ms; /* BZ_ERATELIMIT, BZ_ESLOWMODE: how long to wait */
} app_chat_post_result;

/* Post `text` as `actor` (0 = anonymous: BZ_EUNAUTHORIZED) in show `stream_id`.
 * BZ_ENOTFOUND (no show), BZ_ECHATCLOSED, BZ_EVALIDATION, BZ_EBANNED, BZ_EMUTED,
 * BZ_EBLOCKEDWORD, BZ_ERATELIMIT, BZ_ESLOWMODE, or a store failure. */
int app_chat_post(app_ctx *c, int64_t actor, int64_t stream_id, const char *text,
                  app_chat_post_result *out);

typedef struct app_chat_page {
    chat_message *items; /* newest first; deleted messages are left out */
    size_t n;
    int64_t next_cursor; /* 0 at the end */
} app_chat_page;

/* A page of a show's history for anyone. `cursor` 0 = the newest; limit 1..100
 * (BZ_EVALIDATION). BZ_ENOTFOUND when there is no such show. */
int app_chat_history(app_ctx *c, int64_t stream_id, int64_t cursor, int limit, app_chat_page *out);

/* Delete message `message_id` of show `stream_id`: its author, the show's seller or one of the
 * seller's moderators may. The room hears `chat:deleted` {message_id}. Deleting a deleted
 * message is BZ_OK (nothing is announced twice). BZ_ENOTFOUND (no such message in this show),
 * BZ_EFORBIDDEN. */
int app_chat_delete(app_ctx *c, int64_t actor, int64_t stream_id, int64_t message_id);

#endif
