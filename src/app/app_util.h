/*
 * app/app_util.h - small helpers shared by the use cases (not a use case
 * header: nothing outside src/app needs these).
 */
#ifndef APP_APP_UTIL_H
#define APP_APP_UTIL_H

#include "app/app.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ASCII-lower-cased copy of `s` in c->arena; NULL on OOM. */
char *app_lower_dup(app_ctx *c, const char *s);

/* Parse a decimal id (1..INT64_MAX) with nothing else around it. False if not an id. */
bool app_parse_id(const char *s, int64_t *out);

/* Record a store failure: BZ_ENOTFOUND becomes `missing` (with message NULL), everything else
 * is passed through. Returns the code recorded. */
int app_store_fail(app_ctx *c, int rc, int missing);

/* BZ_OK if `actor` is a seller. Else records and returns BZ_EUNAUTHORIZED (no such user), the
 * store's failure, or BZ_ENOTSELLER with message `why` (may be NULL). */
int app_require_seller(app_ctx *c, int64_t actor, const char *why);

/* Whether `actor` runs Blytz (an admin, granted with `blytz admin grant`): false for anyone
 * else, a missing user, or when the store cannot say (an admin's power is never assumed). */
bool app_is_admin(app_ctx *c, int64_t actor);

/* Load product `id` into *p (its strings in c->arena) and check that `actor` sells it. BZ_OK,
 * or records and returns BZ_ENOTFOUND, BZ_EFORBIDDEN or the store's failure. */
int app_own_product(app_ctx *c, int64_t actor, int64_t id, catalog_product *p);

/* The same for show `id` into *st; BZ_EFORBIDDEN carries the message `why`. */
int app_own_show(app_ctx *c, int64_t actor, int64_t id, const char *why, show_stream *st);

/* Inside the transaction: show `id` into *st, its row locked until the commit (taking its event
 * counter locks it, as going live does). BZ_OK, or records and returns BZ_ENOTFOUND or the
 * store's failure. */
int app_show_lock(app_ctx *c, int64_t id, show_stream *st);

/* `ev` through c->env->encoder (app/ports/encoder.h) into *out, its payload in c->arena.
 * BZ_OK, or BZ_ENOMEM / BZ_EINTERNAL (no encoder plugged in), recorded. */
int app_event_encode(app_ctx *c, const app_event *ev, event *out);

/* A provider's id we may put into an outbox payload or key as it is: 1..max-1 bytes of
 * [A-Za-z0-9_.:-]. */
bool app_id_safe(const char *s, size_t max);

/* True if `s` is valid UTF-8 of at most `max_chars` code points (NULL counts as valid). */
bool app_text_ok(const char *s, size_t max_chars);

#endif
