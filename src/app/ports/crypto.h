/*
 * app/ports/crypto.h - password hashing and access tokens, as a port so the
 * app layer stays free of crypto libraries (adapter: src/crypto, libsodium
 * argon2id + HS256 JWTs through libjwt).
 *
 * One `crypto` serves every thread: all functions are thread-safe.
 */
#ifndef APP_PORTS_CRYPTO_H
#define APP_PORTS_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

typedef struct crypto crypto;

#define CRYPTO_PHC_MAX     128  /* argon2id PHC string, NUL included */
#define CRYPTO_TOKEN_MAX   1024 /* a serialised access token, NUL included */
#define CRYPTO_REFRESH_LEN 43   /* base64url of 32 random bytes, no padding */
#define CRYPTO_LEEWAY_MS                                                                           \
    5000 /* clock skew tolerated on `exp`: a token is expired once                                 \
          * now >= expires_at + CRYPTO_LEEWAY_MS */

typedef struct crypto_claims {
    int64_t user_id;
    int64_t session_id; /* the session (refresh-token family), JWT "sid"; 0 = none */
    int64_t issued_at;  /* ms */
    int64_t expires_at; /* ms */
    char kid[32];       /* key that signed it */
} crypto_claims;

struct crypto_ops {
    /* argon2id of `password` into a PHC string. BZ_ENOMEM if the KDF cannot get memory. */
    int (*password_hash)(crypto *c, const char *password, char out[CRYPTO_PHC_MAX]);
    /* BZ_OK if it matches, BZ_EBADCREDENTIALS if not. Constant time in the password. */
    int (*password_verify)(crypto *c, const char *phc, const char *password);
    /* Sign an access token for `claims` with the current key (its kid goes in the header);
     * a session_id > 0 goes in as the "sid" claim. */
    int (*access_sign)(crypto *c, const crypto_claims *claims, char out[CRYPTO_TOKEN_MAX]);
    /* Verify signature (any known kid), algorithm (HS256 only) and expiry against `now_ms`.
     * BZ_EUNAUTHORIZED if invalid, BZ_ETOKENEXPIRED if expired. A token without "sid" verifies
     * with session_id 0 (whether to accept it is the caller's policy); a malformed one does
     * not. */
    int (*access_verify)(crypto *c, const char *token, int64_t now_ms, crypto_claims *out);
    /* A fresh refresh token (CRYPTO_REFRESH_LEN chars + NUL) and its SHA-256. */
    void (*refresh_new)(crypto *c, char out[CRYPTO_REFRESH_LEN + 1], unsigned char hash[32]);
    /* SHA-256 of a presented refresh token (any string). */
    void (*refresh_hash)(crypto *c, const char *token, unsigned char hash[32]);
    /* SHA-256 of arbitrary bytes (idempotency fingerprints). */
    void (*sha256)(crypto *c, const void *data, size_t len, unsigned char out[32]);
};

struct crypto {
    const struct crypto_ops *ops;
};

#endif
