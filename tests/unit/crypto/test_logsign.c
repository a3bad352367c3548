/*
 * Unit tests for the bid log's signatures in src/crypto (logsign.c): parsing
 * its key ring, the generated key file, signing and verifying through the
 * port, rotation, and agreement with RFC 8032 and with OpenSSL's independent
 * Ed25519.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "base/err.h"
#include "base/str.h"
#include "crypto/crypto_impl.h"
#include "fixture.h"

#define JWT_KEY "node1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
/* RFC 8032 section 7.1, TEST 1: the seed, its public key, the signature of the empty message. */
#define RFC_SEED_B64 "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="
#define RFC_PUBLIC   "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
#define RFC_SIG                                                                                    \
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9" \
    "b46bd25bf5f0595bbe24655141438e7a100b"
#define KEY_A "la:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
#define KEY_B "lb:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

static const char MSG[] = "blytz-bid-log-v1|4242|3|"
                          "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

static crypto *open_with_log(const char *log_spec)
{
    return fixture_crypto_open(JWT_KEY, log_spec);
}

static void hex(const unsigned char *b, size_t n, char *out)
{
    bz_hex_encode(b, n, out);
}

static void parse_ring_and_bare_seed(void **state)
{
    (void)state;
    fixture_ring_of_two(crypto_log_keyring_parse, KEY_A, KEY_B, "la", "lb");
    crypto_keyring ring;
    char why[160];

    /* A bare seed gets a kid named after its public key: "log-" + SHA-256(pk)[0..4) in hex. */
    assert_int_equal(crypto_log_keyring_parse(" " RFC_SEED_B64 "\n", &ring, why, sizeof why),
                     BZ_OK);
    assert_int_equal(ring.count, 1);
    assert_string_equal(ring.keys[0].kid, "log-21fe31df");
    assert_int_equal(ring.keys[0].secret_len, 32);
    crypto_keyring_wipe(&ring);
}

static void parse_refusals_say_why(void **state)
{
    (void)state;
    crypto_keyring ring;
    char why[160];
    static const char *bad[] = {
        "",
        "l1:c2hvcnQ=",                                                     /* 5 bytes */
        "l1:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB", /* 45 bytes */
        "c2hvcnQ=",                                                        /* bare, 5 bytes */
        "not base64 at all",
        "l1:"
        "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=,l1:"
        "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=", /* kid twice */
        "bad kid!:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=",
    };
    fixture_ring_refusals(crypto_log_keyring_parse, bad, sizeof bad / sizeof bad[0], "QUFB");
    assert_int_equal(crypto_log_keyring_parse(NULL, &ring, why, sizeof why), BZ_EVALIDATION);
}

static void rfc8032_test_vector(void **state)
{
    (void)state;
    crypto *c = open_with_log(RFC_SEED_B64);
    crypto_log_pubkey keys[CRYPTO_LOG_KEYS];
    assert_int_equal(c->ops->log_keys(c, keys, CRYPTO_LOG_KEYS), 1);
    char pk[65], sig_hex[129];
    hex(keys[0].key, 32, pk);
    assert_string_equal(pk, RFC_PUBLIC);
    assert_string_equal(keys[0].x, "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    assert_string_equal(keys[0].kid, "log-21fe31df");

    unsigned char sig[CRYPTO_SIG_LEN];
    char kid[CRYPTO_LOG_KID_MAX];
    assert_int_equal(c->ops->log_sign(c, "", 0, sig, kid), BZ_OK);
    hex(sig, sizeof sig, sig_hex);
    assert_string_equal(sig_hex, RFC_SIG);
    assert_string_equal(kid, "log-21fe31df");
    assert_int_equal(c->ops->log_verify(c, kid, "", 0, sig), BZ_OK);
    crypto_close(c);
}

/* OpenSSL's Ed25519 from the same seed gives the same public key and the same (deterministic)
 * signature, and accepts ours. */
static void agrees_with_openssl(void **state)
{
    (void)state;
    crypto *c = open_with_log(KEY_B);
    unsigned char seed[32];
    for (int i = 0; i < 32; i++) {
        seed[i] = (unsigned char)i;
    }
    EVP_PKEY *pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, sizeof seed);
    assert_non_null(pkey);
    unsigned char pub[32];
    size_t pub_len = sizeof pub;
    assert_int_equal(EVP_PKEY_get_raw_public_key(pkey, pub, &pub_len), 1);
    crypto_log_pubkey keys[CRYPTO_LOG_KEYS];
    assert_int_equal(c->ops->log_keys(c, keys, CRYPTO_LOG_KEYS), 1);
    assert_memory_equal(keys[0].key, pub, 32);

    unsigned char ours[CRYPTO_SIG_LEN], theirs[64];
    char kid[CRYPTO_LOG_KID_MAX];
    assert_int_equal(c->ops->log_sign(c, MSG, strlen(MSG), ours, kid), BZ_OK);
    assert_string_equal(kid, "lb");
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    size_t sig_len = sizeof theirs;
    assert_int_equal(EVP_DigestSignInit(md, NULL, NULL, NULL, pkey), 1);
    assert_int_equal(EVP_DigestSign(md, theirs, &sig_len, (const unsigned char *)MSG, strlen(MSG)),
                     1);
    assert_memory_equal(ours, theirs, 64);
    EVP_MD_CTX_free(md);

    md = EVP_MD_CTX_new();
    assert_int_equal(EVP_DigestVerifyInit(md, NULL, NULL, NULL, pkey), 1);
    assert_int_equal(EVP_DigestVerify(md, ours, 64, (const unsigned char *)MSG, strlen(MSG)), 1);
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(pkey);
    crypto_close(c);
}

static void tampering_and_unknown_keys_are_refused(void **state)
{
    (void)state;
    crypto *c = open_with_log(KEY_A);
    unsigned char sig[CRYPTO_SIG_LEN];
    char kid[CRYPTO_LOG_KID_MAX];
    assert_int_equal(c->ops->log_sign(c, MSG, strlen(MSG), sig, kid), BZ_OK);
    assert_int_equal(c->ops->log_verify(c, "la", MSG, strlen(MSG), sig), BZ_OK);
    char other[sizeof MSG];
    memcpy(other, MSG, sizeof MSG);
    other[sizeof MSG - 2] ^= 1; /* another head */
    assert_int_equal(c->ops->log_verify(c, "la", other, strlen(other), sig), BZ_EUNAUTHORIZED);
    sig[10] ^= 0x40;
    assert_int_equal(c->ops->log_verify(c, "la", MSG, strlen(MSG), sig), BZ_EUNAUTHORIZED);
    sig[10] ^= 0x40;
    assert_int_equal(c->ops->log_verify(c, "lb", MSG, strlen(MSG), sig), BZ_ENOTFOUND);
    assert_int_equal(c->ops->log_verify(c, "", MSG, strlen(MSG), sig), BZ_ENOTFOUND);
    crypto_close(c);
}

static void rotation_signs_with_the_first_and_verifies_with_all(void **state)
{
    (void)state;
    crypto *old = open_with_log(KEY_A);
    unsigned char sig_old[CRYPTO_SIG_LEN], sig_new[CRYPTO_SIG_LEN];
    char kid[CRYPTO_LOG_KID_MAX];
    assert_int_equal(old->ops->log_sign(old, MSG, strlen(MSG), sig_old, kid), BZ_OK);
    assert_string_equal(kid, "la");
    crypto_close(old);

    crypto *c = open_with_log(KEY_B "," KEY_A);
    assert_int_equal(c->ops->log_sign(c, MSG, strlen(MSG), sig_new, kid), BZ_OK);
    assert_string_equal(kid, "lb");
    assert_int_equal(c->ops->log_verify(c, "la", MSG, strlen(MSG), sig_old), BZ_OK);
    assert_int_equal(c->ops->log_verify(c, "lb", MSG, strlen(MSG), sig_new), BZ_OK);
    assert_int_equal(c->ops->log_verify(c, "lb", MSG, strlen(MSG), sig_old), BZ_EUNAUTHORIZED);
    crypto_log_pubkey keys[CRYPTO_LOG_KEYS];
    assert_int_equal(c->ops->log_keys(c, keys, CRYPTO_LOG_KEYS), 2);
    assert_string_equal(keys[0].kid, "lb");
    assert_string_equal(keys[1].kid, "la");
    assert_int_equal(c->ops->log_keys(c, keys, 1), 1); /* never more than asked */
    crypto_close(c);
}

static void no_log_key_means_no_signature(void **state)
{
    (void)state;
    crypto *c = open_with_log(NULL);
    unsigned char sig[CRYPTO_SIG_LEN];
    char kid[CRYPTO_LOG_KID_MAX];
    assert_int_equal(c->ops->log_sign(c, MSG, strlen(MSG), sig, kid), BZ_EUNAVAILABLE);
    assert_int_equal(c->ops->log_verify(c, "la", MSG, strlen(MSG), sig), BZ_ENOTFOUND);
    crypto_log_pubkey keys[CRYPTO_LOG_KEYS];
    assert_int_equal(c->ops->log_keys(c, keys, CRYPTO_LOG_KEYS), 0);
    /* A ring of the JWT kind with a longer secret is refused as a bid-log ring. */
    crypto_keyring ring = {0};
    char why[160];
    assert_int_equal(crypto_set_log_keys(c, &ring, why, sizeof why), BZ_EVALIDATION);
    assert_int_equal(crypto_keyring_parse("k:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB",
                                          &ring, why, sizeof why),
                     BZ_OK);
    assert_int_equal(crypto_set_log_keys(c, &ring, why, sizeof why), BZ_EVALIDATION);
    assert_non_null(strstr(why, "32"));
    crypto_keyring_wipe(&ring);
    crypto_close(c);
}

static void key_file_is_created_private_and_reused(void **state)
{
    (void)state;
    fixture_key_file kf;
    fixture_key_file_twice(&kf, crypto_log_keyring_load_or_create, "log-signing.key");

    /* An operator may write any bid-log ring into it, e.g. a bare seed; group-readable is
     * refused. */
    FILE *f = fopen(kf.path, "w");
    assert_non_null(f);
    fputs(RFC_SEED_B64 "\n", f);
    fclose(f);
    crypto_keyring ring;
    char why[160];
    assert_int_equal(crypto_log_keyring_load_or_create(kf.path, &ring, why, sizeof why), BZ_OK);
    assert_string_equal(ring.keys[0].kid, "log-21fe31df");
    crypto_keyring_wipe(&ring);
    assert_int_equal(chmod(kf.path, 0640), 0);
    assert_int_equal(crypto_log_keyring_load_or_create(kf.path, &ring, why, sizeof why),
                     BZ_EVALIDATION);
    fixture_key_file_remove(&kf);
}

UNIT_MAIN(cmocka_unit_test(parse_ring_and_bare_seed), cmocka_unit_test(parse_refusals_say_why),
          cmocka_unit_test(rfc8032_test_vector), cmocka_unit_test(agrees_with_openssl),
          cmocka_unit_test(tampering_and_unknown_keys_are_refused),
          cmocka_unit_test(rotation_signs_with_the_first_and_verifies_with_all),
          cmocka_unit_test(no_log_key_means_no_signature),
          cmocka_unit_test(key_file_is_created_private_and_reused))
