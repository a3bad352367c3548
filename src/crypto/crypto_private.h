/*
 * crypto/crypto_private.h - state shared by the files of the crypto adapter.
 * Not for use outside src/crypto.
 */
#ifndef CRYPTO_CRYPTO_PRIVATE_H
#define CRYPTO_CRYPTO_PRIVATE_H

#include "crypto/crypto_impl.h"

/* A bid-log signing key: the Ed25519 key pair of a 32-byte seed. */
typedef struct crypto_log_key {
    char kid[CRYPTO_LOG_KID_MAX];
    unsigned char pk[CRYPTO_PUBKEY_LEN];
    unsigned char sk[64]; /* libsodium's secret key: seed ‖ public key */
} crypto_log_key;

/* `base` comes first so a `crypto *` handed to the app is a `crypto_impl *`. Read-only after
 * crypto_open (and crypto_set_log_keys, which runs before the crypto is shared), which is what
 * makes every operation thread-safe without locks. */
typedef struct crypto_impl {
    crypto base;
    crypto_keyring ring;
    crypto_password_cost cost;
    crypto_log_key log_keys[CRYPTO_LOG_KEYS]; /* [0] signs */
    size_t n_log_keys;
} crypto_impl;

/* The key of `ring` with this kid, or NULL (keyring.c). */
const crypto_key *crypto_keyring_find(const crypto_keyring *ring, const char *kid);

/* Read a key file, creating it first with one random key if it is missing, and hand its text
 * to `parse` (crypto_keyring_parse or crypto_log_keyring_parse): the one file routine of both
 * rings, so keyring.c needs nothing of logsign.c (keyring.c). */
int crypto_keyring_load_with(const char *path, crypto_keyring *out, char *why, size_t why_len,
                             int (*parse)(const char *, crypto_keyring *, char *, size_t));

/* link.c */
void crypto_link_sign(crypto *c, const char *purpose, const char *msg,
                      char out[CRYPTO_LINK_SIG_LEN + 1]);
int crypto_link_verify(crypto *c, const char *purpose, const char *msg, const char *mac);

int crypto_token_sign(crypto *c, const crypto_claims *claims, char out[CRYPTO_TOKEN_MAX]);
int crypto_token_verify(crypto *c, const char *token, int64_t now_ms, crypto_claims *out);

/* What the key-ring parsers share (keyring.c). A refusal: its reason into `why` (may be
 * NULL; never secret bytes), and `code` returned. */
int crypto_fail(char *why, size_t why_len, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Empty `why` (may be NULL) before a call that may fill it. */
void crypto_why_clear(char *why, size_t why_len);
/* Narrow s[0..*len) to what lies between its blanks (space, tab, CR, LF). */
void crypto_trim(const char **s, size_t *len);

/* True if kid is 1..31 chars of [A-Za-z0-9._-]. */
bool crypto_kid_valid(const char *kid, size_t len);

/* Decode base64 in either alphabet, padded or not, all of `len`. BZ_OK or BZ_EVALIDATION. */
int crypto_base64_decode(const char *b64, size_t len, unsigned char *out, size_t out_max,
                         size_t *out_len);

/* logsign.c: the bid-log operations of the port. */
int crypto_log_sign(crypto *c, const void *msg, size_t len, unsigned char sig[CRYPTO_SIG_LEN],
                    char kid[CRYPTO_LOG_KID_MAX]);
int crypto_log_verify(crypto *c, const char *kid, const void *msg, size_t len,
                      const unsigned char sig[CRYPTO_SIG_LEN]);
size_t crypto_log_keys(crypto *c, crypto_log_pubkey *out, size_t max);

#endif
