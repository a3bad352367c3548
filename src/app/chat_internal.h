/*
 * app/chat_internal.h - what chat.c, moderation.c and chat_text.c share:
 * reading a show for a chat action, who may moderate it, and committing one
 * change together with its room event.
 */
#ifndef APP_CHAT_INTERNAL_H
#define APP_CHAT_INTERNAL_H

#include "app/app.h"
#include "app/ports/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Read show `stream_id` into *st. BZ_ENOTFOUND (recorded). */
int chat_load_show(app_ctx *c, int64_t stream_id, store_stream *st);

/* Read the show and require `actor` to moderate it: BZ_EUNAUTHORIZED (actor 0),
 * BZ_ENOTFOUND, BZ_EFORBIDDEN (all recorded). *is_seller tells the seller from a moderator. */
int chat_authorize(app_ctx *c, int64_t actor, int64_t stream_id, store_stream *st, bool *is_seller);

/* One change and its room event, atomically: store_begin, write(c, arg), log `ev` (a room
 * event of show `stream_id`, app/ports/encoder.h) with its seq, commit, then publish. *seq_out
 * (may be NULL) receives the seq. Errors are recorded in c->err. */
typedef int (*chat_write_fn)(app_ctx *c, const void *arg);
int chat_commit_with_event(app_ctx *c, int64_t stream_id, chat_write_fn write, const void *arg,
                           const app_event *ev, int64_t *seq_out);

/* chat_text.c: `text` trimmed of surrounding whitespace into c->arena, checked against the
 * message rules of app/chat.h (BZ_EVALIDATION with field "text", recorded). */
int chat_clean_text(app_ctx *c, const char *text, size_t max_chars, const char **out);

/* chat_text.c: whether `text` contains one of seller `seller_id`'s blocked `words` (as the
 * store holds them), matched in folded form (domain/text_fold.h). The folded list is kept per
 * thread and folded again only when the entries differ from last time. BZ_OK with *blocked,
 * or BZ_ENOMEM / BZ_EINTERNAL (recorded: the message is refused rather than let through). */
int chat_text_blocked(app_ctx *c, int64_t seller_id, const char *text, const char *const *words,
                      size_t n, bool *blocked);

#endif
