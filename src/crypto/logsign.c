/*
 * crypto/logsign.c - Ed25519 signatures of the bid log's heads (libsodium's
 * crypto_sign_detached), with a key ring of their own so that the key can
 * rotate while old signatures stay checkable.
 *
 * The keys live in configuration or a file under the var dir, never in the
 * database: someone who can write the database can rewrite the log and
 * recompute its hash chain, but cannot sign the new head.
 */
#include "crypto/crypto_private.h"

#include "base/err.h"
#include "base/str.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define SEED_LEN crypto_sign_SEEDBYTES

_Static_assert(CRYPTO_SIG_LEN == crypto_sign_BYTES, "signature size");
_Static_assert(CRYPTO_PUBKEY_LEN == crypto_sign_PUBLICKEYBYTES, "public key size");
_Static_assert(sizeof(((crypto_log_key *)0)->sk) == crypto_sign_SECRETKEYBYTES, "secret key");
_Static_assert(CRYPTO_LOG_KID_MAX == CRYPTO_KID_MAX, "one kid syntax for both rings");
_Static_assert(CRYPTO_LOG_KEYS <= CRYPTO_KEYS_MAX, "a log ring fits a crypto_keyring");
_Static_assert(sizeof(((crypto_log_pubkey *)0)->x) ==
                   sodium_base64_ENCODED_LEN(CRYPTO_PUBKEY_LEN,
                                             sodium_base64_VARIANT_URLSAFE_NO_PADDING),
               "JWK x");

/* The kid of a bare seed: names the key, so two different bare seeds never share a kid. */
static void kid_of_seed(const unsigned char seed[SEED_LEN], char kid[CRYPTO_KID_MAX])
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], h[32];
    char hex[9];
    crypto_sign_seed_keypair(pk, sk, seed);
    crypto_hash_sha256(h, pk, sizeof pk);
    bz_hex_encode(h, 4, hex);
    snprintf(kid, CRYPTO_KID_MAX, "log-%s", hex);
    sodium_memzero(sk, sizeof sk);
}

static int parse_bare(const char *spec, crypto_keyring *out, char *why, size_t why_len)
{
    const char *s = spec;
    size_t len = strlen(s);
    crypto_trim(&s, &len);
    unsigned char seed[SEED_LEN + 1];
    size_t n = 0;
    int rc = crypto_base64_decode(s, len, seed, sizeof seed, &n);
    if (rc != BZ_OK || n != SEED_LEN) {
        sodium_memzero(seed, sizeof seed);
        return crypto_fail(why, why_len, BZ_EVALIDATION,
                           "a bare bid-log key must be a 32-byte seed in base64 "
                           "(or use kid:base64seed)");
    }
    kid_of_seed(seed, out->keys[0].kid);
    memcpy(out->keys[0].secret, seed, SEED_LEN);
    out->keys[0].secret_len = SEED_LEN;
    out->count = 1;
    sodium_memzero(seed, sizeof seed);
    return BZ_OK;
}

int crypto_log_keyring_parse(const char *spec, crypto_keyring *out, char *why, size_t why_len)
{
    memset(out, 0, sizeof *out);
    crypto_why_clear(why, why_len);
    if (sodium_init() < 0) {
        return crypto_fail(why, why_len, BZ_EVALIDATION, "libsodium did not start");
    }
    if (spec && *spec && !strchr(spec, ':')) {
        return parse_bare(spec, out, why, why_len);
    }
    int rc = crypto_keyring_parse(spec, out, why, why_len);
    for (size_t i = 0; rc == BZ_OK && i < out->count; i++) {
        if (out->keys[i].secret_len != SEED_LEN) {
            rc = crypto_fail(why, why_len, BZ_EVALIDATION,
                             "key %s: a bid-log seed must decode to exactly %d bytes",
                             out->keys[i].kid, SEED_LEN);
        }
    }
    if (rc == BZ_OK && out->count > CRYPTO_LOG_KEYS) {
        rc = crypto_fail(why, why_len, BZ_EVALIDATION, "at most %d bid-log keys", CRYPTO_LOG_KEYS);
    }
    if (rc != BZ_OK) {
        crypto_keyring_wipe(out);
    }
    return rc;
}

int crypto_log_keyring_load_or_create(const char *path, crypto_keyring *out, char *why,
                                      size_t why_len)
{
    return crypto_keyring_load_with(path, out, why, why_len, crypto_log_keyring_parse);
}

int crypto_set_log_keys(crypto *base, const crypto_keyring *ring, char *why, size_t why_len)
{
    crypto_impl *c = (crypto_impl *)base;
    crypto_why_clear(why, why_len);
    if (!ring || ring->count == 0 || ring->count > CRYPTO_LOG_KEYS) {
        return crypto_fail(why, why_len, BZ_EVALIDATION, "a bid-log key ring holds 1 to %d keys",
                           CRYPTO_LOG_KEYS);
    }
    crypto_log_key keys[CRYPTO_LOG_KEYS];
    int rc = BZ_OK;
    for (size_t i = 0; rc == BZ_OK && i < ring->count; i++) {
        const crypto_key *k = &ring->keys[i];
        if (!crypto_kid_valid(k->kid, strnlen(k->kid, CRYPTO_KID_MAX))) {
            rc = crypto_fail(why, why_len, BZ_EVALIDATION, "bid-log key %zu: bad kid", i + 1);
        } else if (k->secret_len != SEED_LEN) {
            rc = crypto_fail(why, why_len, BZ_EVALIDATION, "key %s: a bid-log seed is %d bytes",
                             k->kid, SEED_LEN);
        } else {
            bz_strlcpy(keys[i].kid, k->kid, sizeof keys[i].kid);
            crypto_sign_seed_keypair(keys[i].pk, keys[i].sk, k->secret);
        }
    }
    if (rc == BZ_OK) {
        memcpy(c->log_keys, keys, ring->count * sizeof keys[0]);
        c->n_log_keys = ring->count;
    }
    sodium_memzero(keys, sizeof keys);
    return rc;
}

static const crypto_log_key *find_log_key(const crypto_impl *c, const char *kid)
{
    for (size_t i = 0; i < c->n_log_keys; i++) {
        if (strcmp(c->log_keys[i].kid, kid) == 0) {
            return &c->log_keys[i];
        }
    }
    return NULL;
}

int crypto_log_sign(crypto *base, const void *msg, size_t len, unsigned char sig[CRYPTO_SIG_LEN],
                    char kid[CRYPTO_LOG_KID_MAX])
{
    crypto_impl *c = (crypto_impl *)base;
    if (c->n_log_keys == 0) {
        return BZ_EUNAVAILABLE;
    }
    const crypto_log_key *k = &c->log_keys[0];
    crypto_sign_detached(sig, NULL, msg, len, k->sk);
    memcpy(kid, k->kid, CRYPTO_LOG_KID_MAX);
    return BZ_OK;
}

int crypto_log_verify(crypto *base, const char *kid, const void *msg, size_t len,
                      const unsigned char sig[CRYPTO_SIG_LEN])
{
    const crypto_log_key *k = find_log_key((crypto_impl *)base, kid);
    if (!k) {
        return BZ_ENOTFOUND;
    }
    return crypto_sign_verify_detached(sig, msg, len, k->pk) == 0 ? BZ_OK : BZ_EUNAUTHORIZED;
}

size_t crypto_log_keys(crypto *base, crypto_log_pubkey *out, size_t max)
{
    crypto_impl *c = (crypto_impl *)base;
    size_t n = c->n_log_keys < max ? c->n_log_keys : max;
    for (size_t i = 0; i < n; i++) {
        memcpy(out[i].kid, c->log_keys[i].kid, CRYPTO_LOG_KID_MAX);
        memcpy(out[i].key, c->log_keys[i].pk, CRYPTO_PUBKEY_LEN);
        sodium_bin2base64(out[i].x, sizeof out[i].x, out[i].key, CRYPTO_PUBKEY_LEN,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    }
    return n;
}
