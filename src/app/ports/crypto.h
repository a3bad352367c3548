/*
 * app/ports/crypto.h - password hashing, access tokens and the bid log's
 * signatures, as a port so the app layer stays free of crypto libraries
 * (adapter: src/crypto, libsodium argon2id and Ed25519 + HS256 JWTs through
 * libjwt).
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
    5000                       /* clock skew tolerated on `exp`: a token is expired once           \
                                * now >= expires_at + CRYPTO_LEEWAY_MS */
#define CRYPTO_SIG_LEN      64 /* an Ed25519 signature */
#define CRYPTO_PUBKEY_LEN   32 /* an Ed25519 public key */
#define CRYPTO_LOG_KID_MAX  32 /* a bid-log key id, NUL included */
#define CRYPTO_LOG_KEYS     8  /* bid-log keys in a ring: the current one and older ones */
#define CRYPTO_LINK_SIG_LEN 43 /* base64url of a 32-byte HMAC-SHA256, no padding */
#define CRYPTO_PURPOSE_MAX  64 /* bytes of a link's purpose ("document", ...) */

typedef struct crypto_claims {
    int64_t user_id;
    int64_t session_id; /* the session (refresh-token family), JWT "sid"; 0 = none */
    int64_t issued_at;  /* ms */
    int64_t expires_at; /* ms */
    char kid[32];       /* key that signed it */
} crypto_claims;

/* A bid-log verification key as published (JWK "OKP"/"Ed25519": x is the key in base64url). */
typedef struct crypto_log_pubkey {
    char kid[CRYPTO_LOG_KID_MAX];
    unsigned char key[CRYPTO_PUBKEY_LEN];
    char x[44]; /* base64url of `key`, no padding, NUL-terminated */
} crypto_log_pubkey;

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
    /* SHA-256 of arbitrary bytes (idempotency fingerprints, the bid log's chain). */
    void (*sha256)(crypto *c, const void *data, size_t len, unsigned char out[32]);
    /* Sign `msg` with the current bid-log key (Ed25519, a key kept outside the database);
     * its kid goes to `kid`. BZ_EUNAVAILABLE when no bid-log key was configured. */
    int (*log_sign)(crypto *c, const void *msg, size_t len, unsigned char sig[CRYPTO_SIG_LEN],
                    char kid[CRYPTO_LOG_KID_MAX]);
    /* BZ_OK if `sig` is the signature of `msg` by bid-log key `kid` (any key of the ring);
     * BZ_ENOTFOUND for a kid not in the ring; BZ_EUNAUTHORIZED for a wrong signature. */
    int (*log_verify)(crypto *c, const char *kid, const void *msg, size_t len,
                      const unsigned char sig[CRYPTO_SIG_LEN]);
    /* The ring's public keys, the current signing key first; returns how many (<= max). */
    size_t (*log_keys)(crypto *c, crypto_log_pubkey *out, size_t max);
    /* A link's MAC: whoever holds `msg` and its MAC may have what `msg` names (a document
     * until a time). HMAC-SHA256 of `msg` under a key derived from the current access-token
     * key and `purpose` (1..CRYPTO_PURPOSE_MAX bytes), base64url without padding. A MAC made
     * for one purpose never verifies for another, and no MAC is an access token. */
    void (*link_sign)(crypto *c, const char *purpose, const char *msg,
                      char out[CRYPTO_LINK_SIG_LEN + 1]);
    /* BZ_OK if `mac` is link_sign's for (purpose, msg) under any key of the ring (links
     * outlive a rotation as tokens do); BZ_EUNAUTHORIZED otherwise. Constant time in `mac`. */
    int (*link_verify)(crypto *c, const char *purpose, const char *msg, const char *mac);
};

struct crypto {
    const struct crypto_ops *ops;
};

#endif
