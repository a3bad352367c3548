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

/* `ev` through c->env->encoder (app/ports/encoder.h) into *out, its payload in c->arena.
 * BZ_OK, or BZ_ENOMEM / BZ_EINTERNAL (no encoder plugged in), recorded. */
int app_event_encode(app_ctx *c, const app_event *ev, event *out);

/* True if `s` is valid UTF-8 of at most `max_chars` code points (NULL counts as valid). */
bool app_text_ok(const char *s, size_t max_chars);

#endif
