/*
 * crypto/crypto.c - opening the adapter, argon2id passwords, refresh tokens
 * and SHA-256. Access tokens live in token.c, the bid log's signatures in
 * logsign.c.
 */
#include "crypto/crypto_private.h"

#include "base/err.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

crypto_password_cost crypto_password_cost_default(void)
{
    crypto_password_cost cost = {.opslimit = 2, .memlimit = 19u * 1024 * 1024};
    return cost;
}

crypto_password_cost crypto_password_cost_min(void)
{
    crypto_password_cost cost = {.opslimit = crypto_pwhash_argon2id_OPSLIMIT_MIN,
                                 .memlimit = crypto_pwhash_argon2id_MEMLIMIT_MIN};
    return cost;
}

static int password_hash(crypto *base, const char *password, char out[CRYPTO_PHC_MAX])
{
    crypto_impl *c = (crypto_impl *)base;
    size_t len = strnlen(password, CRYPTO_PASSWORD_MAX + 1);
    if (len > CRYPTO_PASSWORD_MAX) {
        return BZ_EVALIDATION;
    }
    /* The only runtime failure of crypto_pwhash_str_alg is failing to allocate memlimit. */
    if (crypto_pwhash_str_alg(out, password, len, c->cost.opslimit, c->cost.memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return BZ_ENOMEM;
    }
    return BZ_OK;
}

static int password_verify(crypto *base, const char *phc, const char *password)
{
    (void)base;
    size_t len = strnlen(password, CRYPTO_PASSWORD_MAX + 1);
    if (len > CRYPTO_PASSWORD_MAX || strnlen(phc, CRYPTO_PHC_MAX) >= CRYPTO_PHC_MAX) {
        return BZ_EBADCREDENTIALS;
    }
    /* Accept only argon2id, so a tampered row cannot downgrade to a cheaper KDF. */
    if (strncmp(phc, "$argon2id$", 10) != 0) {
        return BZ_EBADCREDENTIALS;
    }
    return crypto_pwhash_str_verify(phc, password, len) == 0 ? BZ_OK : BZ_EBADCREDENTIALS;
}

bool crypto_password_needs_rehash(crypto *base, const char *phc)
{
    crypto_impl *c = (crypto_impl *)base;
    if (strnlen(phc, CRYPTO_PHC_MAX) >= CRYPTO_PHC_MAX) {
        return true;
    }
    return crypto_pwhash_str_needs_rehash(phc, c->cost.opslimit, c->cost.memlimit) != 0;
}

static void sha256(crypto *base, const void *data, size_t len, unsigned char out[32])
{
    (void)base;
    crypto_hash_sha256(out, data, len);
}

static void refresh_hash(crypto *base, const char *token, unsigned char hash[32])
{
    sha256(base, token, strlen(token), hash);
}

static void refresh_new(crypto *base, char out[CRYPTO_REFRESH_LEN + 1], unsigned char hash[32])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, CRYPTO_REFRESH_LEN + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    refresh_hash(base, out, hash);
}

static const struct crypto_ops crypto_sodium_ops = {
    .password_hash = password_hash,
    .password_verify = password_verify,
    .access_sign = crypto_token_sign,
    .access_verify = crypto_token_verify,
    .refresh_new = refresh_new,
    .refresh_hash = refresh_hash,
    .sha256 = sha256,
    .log_sign = crypto_log_sign,
    .log_verify = crypto_log_verify,
    .log_keys = crypto_log_keys,
    .link_sign = crypto_link_sign,
    .link_verify = crypto_link_verify,
};

int crypto_open_with_cost(const crypto_keyring *keys, const crypto_password_cost *cost,
                          crypto **out)
{
    *out = NULL;
    _Static_assert(CRYPTO_PHC_MAX == crypto_pwhash_STRBYTES, "PHC buffer size");
    _Static_assert(CRYPTO_REFRESH_LEN + 1 ==
                       sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                   "refresh token length");
    if (sodium_init() < 0) {
        return BZ_EINTERNAL;
    }
    if (!keys || keys->count == 0 || keys->count > CRYPTO_KEYS_MAX) {
        return BZ_EVALIDATION;
    }
    for (size_t i = 0; i < keys->count; i++) {
        const crypto_key *k = &keys->keys[i];
        size_t kid_len = strnlen(k->kid, CRYPTO_KID_MAX);
        if (!crypto_kid_valid(k->kid, kid_len) || k->secret_len < CRYPTO_SECRET_MIN ||
            k->secret_len > CRYPTO_SECRET_MAX) {
            return BZ_EVALIDATION;
        }
    }
    crypto_password_cost chosen = cost ? *cost : crypto_password_cost_default();
    if (chosen.opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
        chosen.memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN) {
        return BZ_EVALIDATION;
    }

    crypto_impl *c = calloc(1, sizeof *c);
    if (!c) {
        return BZ_ENOMEM;
    }
    c->base.ops = &crypto_sodium_ops;
    c->ring = *keys;
    c->cost = chosen;
    *out = &c->base;
    return BZ_OK;
}

int crypto_open(const crypto_keyring *keys, crypto **out)
{
    return crypto_open_with_cost(keys, NULL, out);
}

void crypto_close(crypto *base)
{
    crypto_impl *c = (crypto_impl *)base;
    if (!c) {
        return;
    }
    sodium_memzero(c, sizeof *c);
    free(c);
}
