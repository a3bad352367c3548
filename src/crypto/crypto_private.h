/*
 * crypto/crypto_private.h - state shared by the files of the crypto adapter.
 * Not for use outside src/crypto.
 */
#ifndef CRYPTO_CRYPTO_PRIVATE_H
#define CRYPTO_CRYPTO_PRIVATE_H

#include "crypto/crypto_impl.h"

/* `base` comes first so a `crypto *` handed to the app is a `crypto_impl *`. Read-only after
 * crypto_open, which is what makes every operation thread-safe without locks. */
typedef struct crypto_impl {
    crypto base;
    crypto_keyring ring;
    crypto_password_cost cost;
} crypto_impl;

/* The key with this kid, or NULL. */
const crypto_key *crypto_find_key(const crypto_impl *c, const char *kid);

int crypto_token_sign(crypto *c, const crypto_claims *claims, char out[CRYPTO_TOKEN_MAX]);
int crypto_token_verify(crypto *c, const char *token, int64_t now_ms, crypto_claims *out);

/* True if kid is 1..31 chars of [A-Za-z0-9._-]. */
bool crypto_kid_valid(const char *kid, size_t len);

#endif
