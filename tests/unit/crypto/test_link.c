/* Unit tests for src/crypto/link.c: link MACs, checked against an independent HMAC (OpenSSL). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include "base/err.h"
#include "crypto/crypto_impl.h"
#include "fixture.h"

/* Bytes 0..31 ("node1") and 32 x 0x41 ("k2"), as in test_crypto.c. */
#define KEY_NODE1 "node1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define KEY_NEW   "k2:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="

#define MSG "document:42:1700000300000"

/* The MAC as link.c's header defines it, with OpenSSL's HMAC. */
static void expected(const unsigned char *secret, size_t secret_len, const char *purpose,
                     const char *msg, char out[CRYPTO_LINK_SIG_LEN + 1])
{
    unsigned char info[96], key[32], mac[32];
    unsigned int klen = 0, mlen = 0;
    size_t n = sizeof "blytz-link-v1"; /* the label and its NUL */
    memcpy(info, "blytz-link-v1", n);
    memcpy(info + n, purpose, strlen(purpose));
    n += strlen(purpose);
    assert_non_null(HMAC(EVP_sha256(), secret, (int)secret_len, info, n, key, &klen));
    assert_non_null(
        HMAC(EVP_sha256(), key, (int)klen, (const unsigned char *)msg, strlen(msg), mac, &mlen));
    assert_int_equal(mlen, 32);
    sodium_bin2base64(out, CRYPTO_LINK_SIG_LEN + 1, mac, sizeof mac,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void agrees_with_openssl(void **state)
{
    (void)state;
    crypto *c = fixture_crypto_open(KEY_NODE1, NULL);
    unsigned char secret[32];
    for (int i = 0; i < 32; i++) {
        secret[i] = (unsigned char)i;
    }
    char got[CRYPTO_LINK_SIG_LEN + 1], want[CRYPTO_LINK_SIG_LEN + 1];
    c->ops->link_sign(c, "document", MSG, got);
    expected(secret, sizeof secret, "document", MSG, want);
    assert_string_equal(got, want);
    assert_int_equal(strlen(got), CRYPTO_LINK_SIG_LEN);
    assert_int_equal(c->ops->link_verify(c, "document", MSG, got), BZ_OK);
    crypto_close(c);
}

static void tampering_is_refused(void **state)
{
    (void)state;
    crypto *c = fixture_crypto_open(KEY_NODE1, NULL);
    char mac[CRYPTO_LINK_SIG_LEN + 1];
    c->ops->link_sign(c, "document", MSG, mac);
    /* another message, another purpose */
    assert_int_equal(c->ops->link_verify(c, "document", "document:42:1700000300001", mac),
                     BZ_EUNAUTHORIZED);
    assert_int_equal(c->ops->link_verify(c, "avatar", MSG, mac), BZ_EUNAUTHORIZED);
    /* one character changed, cut, longer, not base64url, empty */
    char bad[CRYPTO_LINK_SIG_LEN + 2];
    memcpy(bad, mac, sizeof mac);
    bad[5] = bad[5] == 'A' ? 'B' : 'A';
    assert_int_equal(c->ops->link_verify(c, "document", MSG, bad), BZ_EUNAUTHORIZED);
    memcpy(bad, mac, sizeof mac);
    bad[CRYPTO_LINK_SIG_LEN - 1] = '\0';
    assert_int_equal(c->ops->link_verify(c, "document", MSG, bad), BZ_EUNAUTHORIZED);
    memcpy(bad, mac, sizeof mac);
    bad[CRYPTO_LINK_SIG_LEN] = 'A';
    bad[CRYPTO_LINK_SIG_LEN + 1] = '\0';
    assert_int_equal(c->ops->link_verify(c, "document", MSG, bad), BZ_EUNAUTHORIZED);
    memcpy(bad, mac, sizeof mac);
    bad[0] = '+';
    assert_int_equal(c->ops->link_verify(c, "document", MSG, bad), BZ_EUNAUTHORIZED);
    assert_int_equal(c->ops->link_verify(c, "document", MSG, ""), BZ_EUNAUTHORIZED);
    assert_int_equal(c->ops->link_verify(c, "", MSG, mac), BZ_EUNAUTHORIZED);
    crypto_close(c);
}

/* A link is no access token: the raw key's HMAC over the same text does not verify. */
static void raw_key_mac_is_not_a_link(void **state)
{
    (void)state;
    crypto *c = fixture_crypto_open(KEY_NODE1, NULL);
    unsigned char secret[32], mac[32];
    for (int i = 0; i < 32; i++) {
        secret[i] = (unsigned char)i;
    }
    unsigned int n = 0;
    assert_non_null(
        HMAC(EVP_sha256(), secret, 32, (const unsigned char *)MSG, strlen(MSG), mac, &n));
    char b64[CRYPTO_LINK_SIG_LEN + 1];
    sodium_bin2base64(b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    assert_int_equal(c->ops->link_verify(c, "document", MSG, b64), BZ_EUNAUTHORIZED);
    crypto_close(c);
}

/* After a rotation the new key signs and links made before still verify; once the old key
 * leaves the ring they do not. */
static void rotation(void **state)
{
    (void)state;
    crypto *old = fixture_crypto_open(KEY_NODE1, NULL);
    crypto *both = fixture_crypto_open(KEY_NEW "," KEY_NODE1, NULL);
    crypto *fresh = fixture_crypto_open(KEY_NEW, NULL);
    char before[CRYPTO_LINK_SIG_LEN + 1], after[CRYPTO_LINK_SIG_LEN + 1];
    old->ops->link_sign(old, "document", MSG, before);
    both->ops->link_sign(both, "document", MSG, after);
    assert_string_not_equal(before, after);
    assert_int_equal(both->ops->link_verify(both, "document", MSG, before), BZ_OK);
    assert_int_equal(both->ops->link_verify(both, "document", MSG, after), BZ_OK);
    assert_int_equal(fresh->ops->link_verify(fresh, "document", MSG, after), BZ_OK);
    assert_int_equal(fresh->ops->link_verify(fresh, "document", MSG, before), BZ_EUNAUTHORIZED);
    crypto_close(old);
    crypto_close(both);
    crypto_close(fresh);
}

UNIT_MAIN(cmocka_unit_test(agrees_with_openssl), cmocka_unit_test(tampering_is_refused),
          cmocka_unit_test(raw_key_mac_is_not_a_link), cmocka_unit_test(rotation))
