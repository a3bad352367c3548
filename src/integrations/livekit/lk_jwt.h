/*
 * integrations/livekit/lk_jwt.h - the HS256 JSON Web Tokens LiveKit speaks:
 * the grants browsers join rooms with, the service tokens of each Twirp call,
 * and the signature on LiveKit's webhooks.
 *
 * Signing writes the header LiveKit's own SDKs write, {"alg":"HS256"} and
 * nothing else, then the claims as compact JSON, base64url without padding.
 * Verification accepts HS256 only (never "none", never another algorithm
 * chosen by the token), checks the signature before reading any claim, then
 * the issuer and the validity window with a leeway for clock skew.
 *
 * Pure functions of their arguments (time is passed in): thread-safe.
 */
#ifndef INTEGRATIONS_LIVEKIT_LK_JWT_H
#define INTEGRATIONS_LIVEKIT_LK_JWT_H

#include <jansson.h>

#include <stddef.h>
#include <stdint.h>

/* Standard base64 (padded) of a SHA-256: 44 characters and the NUL. */
#define LK_SHA256_B64_LEN 45

/* Sign `claims` (borrowed) with `secret`; the token goes to `out` (NUL-terminated).
 * BZ_ETOOLARGE if it does not fit in `size`, BZ_EINTERNAL if serialising or signing fails. */
int lk_jwt_sign(const char *secret, const json_t *claims, char *out, size_t size);

/* Verify `token` against `secret` and `issuer` at `now_s` (exp and nbf checked with `leeway_s`
 * either side; exp is required). On BZ_OK *claims_out is the payload (the caller releases it
 * with json_decref). BZ_EUNAUTHORIZED for anything that does not verify. */
int lk_jwt_verify(const char *token, const char *secret, const char *issuer, int64_t now_s,
                  int leeway_s, json_t **claims_out);

/* out = base64(SHA-256(data)), as LiveKit's webhook `sha256` claim carries it. */
void lk_sha256_b64(const void *data, size_t len, char out[LK_SHA256_B64_LEN]);

#endif
