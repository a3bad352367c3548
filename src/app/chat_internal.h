/*
 * app/chat_internal.h - what chat.c and moderation.c take from chat_text.c:
 * cleaning a message (or a blocked word) and matching blocked words. The
 * room facts they share are app/chat_room.h.
 */
#ifndef APP_CHAT_INTERNAL_H
#define APP_CHAT_INTERNAL_H

#include "app/app.h"
#include "app/ports/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* chat_text.c: `text` trimmed of surrounding (Unicode) white space into c->arena, checked against
 * the message rules of app/chat.h (BZ_EVALIDATION with field "text", recorded). */
int chat_clean_text(app_ctx *c, const char *text, size_t max_chars, const char **out);

/* chat_text.c: whether `text` contains one of seller `seller_id`'s blocked `words` (as the
 * store holds them), matched in folded form (domain/text_fold.h). The folded list is kept per
 * thread and folded again only when the entries differ from last time. BZ_OK with *blocked,
 * or BZ_ENOMEM / BZ_EINTERNAL (recorded: the message is refused rather than let through). */
int chat_text_blocked(app_ctx *c, int64_t seller_id, const char *text, const char *const *words,
                      size_t n, bool *blocked);

#endif
