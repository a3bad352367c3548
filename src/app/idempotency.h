/*
 * app/idempotency.h - Idempotency-Key for POST mutations of signed-in
 * callers, in one place (the HTTP layer wraps every POST handler with it).
 *
 * The fingerprint of a request is SHA-256(method "\n" path "\n"
 * hex(SHA-256(body))), through the crypto port. A key seen before with the
 * same fingerprint replays the stored status and body; with another
 * fingerprint it is BZ_EIDEMPOTENCY. Only successful (2xx) answers are
 * recorded, so a failed attempt can be retried with the same key.
 *
 * Limitation: two concurrent first attempts with one key both run (the store
 * port has no "reserve"); the later record loses and is dropped.
 */
#ifndef APP_IDEMPOTENCY_H
#define APP_IDEMPOTENCY_H

#include "app/app.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_IDEM_KEY_MAX 128

typedef struct app_idem {
    bool active; /* false: no key or anonymous caller, nothing to record */
    int64_t user_id;
    const char *key;
    unsigned char fingerprint[32];
} app_idem;

typedef struct app_idem_replay {
    int status;       /* 0 = nothing stored: run the request */
    const char *body; /* as first sent ("" for an empty body) */
} app_idem_replay;

/* Look the key up. `key` NULL or `user_id` 0 makes st inactive. BZ_EVALIDATION (field
 * Idempotency-Key) for a key that is empty, too long or not printable ASCII;
 * BZ_EIDEMPOTENCY when the key was used for another request. */
int app_idem_begin(app_ctx *c, int64_t user_id, const char *key, const char *method,
                   const char *path, const void *body, size_t body_len, app_idem *st,
                   app_idem_replay *replay);

/* Record a 2xx answer for an active key (other statuses and inactive keys are ignored). */
int app_idem_finish(app_ctx *c, const app_idem *st, int status, const char *body);

#endif
