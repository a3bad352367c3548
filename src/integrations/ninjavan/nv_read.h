/*
 * integrations/ninjavan/nv_read.h - NinjaVan's JSON answers read into plain
 * values: the token grant, an error body, a created order, and whether a
 * refusal says the requested tracking number is taken already.
 *
 * Every reader takes the raw bytes of an answer (hostile: fuzzed by
 * fuzz/ninjavan_answer.c) and never reads past `len`. Ids (a token, a tracking
 * number) that do not fit their field are refused rather than cut (a cut one
 * would name something else); free texts (titles, messages) are cut to fit at a
 * UTF-8 character boundary. Pure functions: thread-safe.
 */
#ifndef INTEGRATIONS_NINJAVAN_NV_READ_H
#define INTEGRATIONS_NINJAVAN_NV_READ_H

#include "app/ports/shipper.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether `s` may be a tracking number in a path or a query: 1..SHIPPER_TRACKING_MAX-1 bytes
 * of [A-Za-z0-9-]. */
bool nv_tracking_ok(const char *s);

/* Whether `s` may be a requested tracking number: 1..20 bytes, letters and digits with single
 * hyphens between them (not first, not last, never two together). */
bool nv_requested_ok(const char *s);

/* Copy `n` bytes of `s` into out[size], cut (when longer) at a UTF-8 character boundary;
 * control characters become spaces. Always NUL-terminated. */
void nv_copy_text(char *out, size_t size, const char *s, size_t n);

/* A token grant's answer: {"access_token":"...","expires":<unix s>,"expires_in":<s>,...}.
 * True with the token and when it expires (UTC ms: the earlier of `expires` and now_ms +
 * `expires_in`, whichever are present and positive); false when the token is absent, empty,
 * does not fit NV_TOKEN_MAX or holds a byte that cannot go in a header, or neither time is. */
bool nv_read_token(const char *body, size_t len, int64_t now_ms, char *token, size_t size,
                   int64_t *expires_ms);

/* NinjaVan's error body {"error":{"title","message","details"}} into note->title and
 * note->message (left "" where absent; a top-level "message" is taken when there is no
 * error object). */
void nv_read_error(const char *body, size_t len, shipper_note *note);

/* A created order's answer: its "tracking_number" (nv_tracking_ok). False otherwise. */
bool nv_read_created(const char *body, size_t len, char tracking[SHIPPER_TRACKING_MAX]);

/* Whether the refusal in `body` says that the order for the requested number `requested`
 * exists already ("already exist" in its title or message, either case): true with the
 * carrier's number for it in `tracking`: the first word of a string of "details", else of
 * the message, made of a prefix (the shipper's) and `requested`; else `requested` itself (a
 * prefixless account). */
bool nv_read_exists(const char *body, size_t len, const char *requested,
                    char tracking[SHIPPER_TRACKING_MAX]);

/* Whether the refusal in `body` says the order is cancelled already ("already cancel" or
 * "already been cancel" in its title or message, either case). */
bool nv_read_cancelled_already(const char *body, size_t len);

#endif
