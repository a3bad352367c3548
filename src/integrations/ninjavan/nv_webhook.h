/*
 * integrations/ninjavan/nv_webhook.h - verifying NinjaVan's webhook signature
 * before anything reads the body.
 *
 * X-Ninjavan-Hmac-Sha256 = base64(HMAC-SHA256(secret, raw body)): standard
 * base64 with padding (44 characters), the secret used as its bytes (the API
 * client secret unless a separate webhook secret is configured). The compare
 * takes the same time wherever the strings differ. There is no timestamp in
 * the scheme, hence no replay window: the app processes each event once
 * (tracking number, status, timestamp). Pure functions: thread-safe.
 */
#ifndef INTEGRATIONS_NINJAVAN_NV_WEBHOOK_H
#define INTEGRATIONS_NINJAVAN_NV_WEBHOOK_H

#include <stddef.h>

#define NV_SIG_B64_LEN 44 /* base64 of a SHA-256 HMAC, with its padding */

/* The signature NinjaVan would send for `body` with `secret`: 44 characters and a NUL into
 * `out`. BZ_OK or BZ_EINTERNAL (OpenSSL failed). */
int nv_webhook_sign(const char *secret, const void *body, size_t len, char out[NV_SIG_B64_LEN + 1]);

/* Verify `header` (NUL-terminated; NULL when absent; spaces around it ignored) for the `len`
 * bytes of `body` (NULL only when len is 0) with `secret` (non-empty). BZ_OK; BZ_ESHIPSIG when
 * it is missing, not 44 characters, or not the body's; BZ_EINTERNAL when OpenSSL fails. */
int nv_webhook_verify(const char *header, const void *body, size_t len, const char *secret);

#endif
