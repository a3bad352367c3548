/* Unit tests for src/crypto: passwords, access tokens, refresh tokens, key rings. */
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

#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include "base/err.h"
#include "crypto/crypto_impl.h"
#include "fixture.h"

/* Two 32-byte keys: bytes 0..31 ("node1", also used by the node fixture) and 32 x 0x41. */
#define KEY_NODE1 "node1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define KEY_NEW   "k2:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="

/* Computed independently with node 20 at test-writing time:
 *   key = bytes 0..31; header {"alg":"HS256","typ":"JWT","kid":"node1"};
 *   payload {"sub":"1234567890123","iat":1700000000,"exp":1700000900,"jti":"fixture-jti"};
 *   signature = crypto.createHmac("sha256", key).update(h + "." + p).digest("base64url") */
static const char NODE_TOKEN[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Im5vZGUxIn0."
    "eyJzdWIiOiIxMjM0NTY3ODkwMTIzIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDA5MDAsImp0aSI6ImZpeHR1"
    "cmUtanRpIn0.BEtBr_gBFTR04NxGAxhLUPML0MqHMMtfSkXT8Xis77Q";

#define NOW 1700000000000LL

static crypto *open_ring(const char *spec)
{
    return fixture_crypto_open(spec, NULL);
}

static void sign(crypto *c, int64_t user, int64_t iat, int64_t exp, char out[CRYPTO_TOKEN_MAX])
{
    crypto_claims cl = {.user_id = user, .issued_at = iat, .expires_at = exp};
    assert_int_equal(c->ops->access_sign(c, &cl, out), BZ_OK);
}

static char *b64url(const void *data, size_t len)
{
    size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *s = malloc(cap);
    sodium_bin2base64(s, cap, data, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return s;
}

/* Build header.payload.signature by hand, HMAC-SHA256 with OpenSSL (independent of the code
 * under test); `sig` overrides the signature when not NULL. */
static void craft(const char *header, const char *payload, const unsigned char *key, size_t keylen,
                  const char *sig, char *out, size_t out_len)
{
    char *h = b64url(header, strlen(header));
    char *p = b64url(payload, strlen(payload));
    char input[2048];
    snprintf(input, sizeof input, "%s.%s", h, p);
    unsigned char mac[32];
    unsigned int mac_len = 0;
    HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)input, strlen(input), mac,
         &mac_len);
    char *s = b64url(mac, mac_len);
    snprintf(out, out_len, "%s.%s", input, sig ? sig : s);
    free(h);
    free(p);
    free(s);
}

static const unsigned char *node1_key(void)
{
    static unsigned char key[32];
    for (int i = 0; i < 32; i++) {
        key[i] = (unsigned char)i;
    }
    return key;
}

static void password_hash_and_verify(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    char phc[CRYPTO_PHC_MAX];
    assert_int_equal(c->ops->password_hash(c, "correct horse battery", phc), BZ_OK);
    assert_memory_equal(phc, "$argon2id$", 10);
    assert_int_equal(c->ops->password_verify(c, phc, "correct horse battery"), BZ_OK);
    assert_int_equal(c->ops->password_verify(c, phc, "correct horse batterY"), BZ_EBADCREDENTIALS);
    assert_int_equal(c->ops->password_verify(c, phc, ""), BZ_EBADCREDENTIALS);
    assert_int_equal(c->ops->password_verify(c, "garbage", "x"), BZ_EBADCREDENTIALS);
    /* Same password, different salt. */
    char phc2[CRYPTO_PHC_MAX];
    assert_int_equal(c->ops->password_hash(c, "correct horse battery", phc2), BZ_OK);
    assert_string_not_equal(phc, phc2);
    assert_false(crypto_password_needs_rehash(c, phc));
    crypto_close(c);
}

static void password_needs_rehash_when_cost_changes(void **state)
{
    crypto *cheap = open_ring(KEY_NODE1);
    char phc[CRYPTO_PHC_MAX];
    assert_int_equal(cheap->ops->password_hash(cheap, "pw-one-two-three", phc), BZ_OK);

    crypto_keyring ring;
    assert_int_equal(crypto_keyring_parse(KEY_NODE1, &ring, NULL, 0), BZ_OK);
    crypto_password_cost cost = {.opslimit = 2, .memlimit = 64 * 1024};
    crypto *dear = NULL;
    assert_int_equal(crypto_open_with_cost(&ring, &cost, &dear), BZ_OK);
    assert_true(crypto_password_needs_rehash(dear, phc));
    /* The old hash still verifies; only the cost differs. */
    assert_int_equal(dear->ops->password_verify(dear, phc, "pw-one-two-three"), BZ_OK);
    assert_true(crypto_password_needs_rehash(dear, "not a phc string"));
    crypto_close(dear);
    crypto_close(cheap);
}

static void password_too_long_refused(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    char *big = malloc(CRYPTO_PASSWORD_MAX + 2);
    memset(big, 'a', CRYPTO_PASSWORD_MAX + 1);
    big[CRYPTO_PASSWORD_MAX + 1] = '\0';
    char phc[CRYPTO_PHC_MAX];
    assert_int_equal(c->ops->password_hash(c, big, phc), BZ_EVALIDATION);
    free(big);
    crypto_close(c);
}

static void token_round_trip(void **state)
{
    crypto *c = open_ring(KEY_NEW "," KEY_NODE1);
    char tok[CRYPTO_TOKEN_MAX];
    sign(c, 987654321012345LL, NOW, NOW + 900000, tok);
    crypto_claims cl;
    assert_int_equal(c->ops->access_verify(c, tok, NOW + 1000, &cl), BZ_OK);
    assert_int_equal(cl.user_id, 987654321012345LL);
    assert_int_equal(cl.issued_at, NOW);
    assert_int_equal(cl.expires_at, NOW + 900000);
    assert_string_equal(cl.kid, "k2");

    /* The header carries alg, typ and kid; the payload sub as a string and a jti. */
    jwt_t *j = NULL;
    assert_int_equal(jwt_decode(&j, tok, NULL, 0), 0);
    assert_string_equal(jwt_get_header(j, "alg"), "HS256");
    assert_string_equal(jwt_get_header(j, "typ"), "JWT");
    assert_string_equal(jwt_get_header(j, "kid"), "k2");
    assert_string_equal(jwt_get_grant(j, "sub"), "987654321012345");
    assert_int_equal(jwt_get_grant_int(j, "exp"), (NOW + 900000) / 1000);
    assert_non_null(jwt_get_grant(j, "jti"));
    jwt_free(j);

    /* Two tokens for the same claims differ (jti). */
    char tok2[CRYPTO_TOKEN_MAX];
    sign(c, 987654321012345LL, NOW, NOW + 900000, tok2);
    assert_string_not_equal(tok, tok2);
    crypto_close(c);
}

/* The session id travels as the "sid" claim (a decimal string, like "sub"); a token without
 * one verifies with session_id 0 and the app decides (app_access_check refuses it). */
static void token_session_id_claim(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    char tok[CRYPTO_TOKEN_MAX];
    crypto_claims in = {
        .user_id = 42, .session_id = 7654321098765LL, .issued_at = NOW, .expires_at = NOW + 60000};
    assert_int_equal(c->ops->access_sign(c, &in, tok), BZ_OK);
    jwt_t *j = NULL;
    assert_int_equal(jwt_decode(&j, tok, NULL, 0), 0);
    assert_string_equal(jwt_get_grant(j, "sid"), "7654321098765");
    jwt_free(j);
    crypto_claims cl;
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_OK);
    assert_int_equal(cl.session_id, 7654321098765LL);
    assert_int_equal(cl.user_id, 42);

    sign(c, 42, NOW, NOW + 60000, tok); /* no session */
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_OK);
    assert_int_equal(cl.session_id, 0);

    /* A sid that is there but not a positive decimal string is a bad token, not "none". */
    static const char *bad[] = {"\"sid\":12",      "\"sid\":\"0\"", "\"sid\":\"-3\"",
                                "\"sid\":\"12x\"", "\"sid\":\"\"",  "\"sid\":null"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char payload[160];
        snprintf(payload, sizeof payload, "{\"sub\":\"42\",\"iat\":%lld,\"exp\":%lld,%s}",
                 NOW / 1000, NOW / 1000 + 60, bad[i]);
        char forged[CRYPTO_TOKEN_MAX];
        craft("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"node1\"}", payload, node1_key(), 32,
              NULL, forged, sizeof forged);
        assert_int_equal(c->ops->access_verify(c, forged, NOW, &cl), BZ_EUNAUTHORIZED);
    }
    /* ...and a well-formed one crafted independently is read. */
    char ok[CRYPTO_TOKEN_MAX];
    char payload[160];
    snprintf(payload, sizeof payload, "{\"sub\":\"42\",\"iat\":%lld,\"exp\":%lld,\"sid\":\"99\"}",
             NOW / 1000, NOW / 1000 + 60);
    craft("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"node1\"}", payload, node1_key(), 32, NULL,
          ok, sizeof ok);
    assert_int_equal(c->ops->access_verify(c, ok, NOW, &cl), BZ_OK);
    assert_int_equal(cl.session_id, 99);
    crypto_close(c);
}

static void token_signature_matches_independent_hmac(void **state)
{
    crypto *c = open_ring("k2:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=");
    char tok[CRYPTO_TOKEN_MAX];
    sign(c, 7, NOW, NOW + 60000, tok);
    const char *dot2 = strrchr(tok, '.');
    unsigned char key[32];
    memset(key, 'A', sizeof key);
    unsigned char mac[32];
    unsigned int mac_len = 0;
    HMAC(EVP_sha256(), key, 32, (const unsigned char *)tok, (size_t)(dot2 - tok), mac, &mac_len);
    char *expect = b64url(mac, mac_len);
    assert_string_equal(dot2 + 1, expect);
    free(expect);
    crypto_close(c);
}

static void node_fixture_verifies(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    crypto_claims cl;
    assert_int_equal(c->ops->access_verify(c, NODE_TOKEN, NOW + 10000, &cl), BZ_OK);
    assert_int_equal(cl.user_id, 1234567890123LL);
    assert_int_equal(cl.issued_at, 1700000000000LL);
    assert_int_equal(cl.expires_at, 1700000900000LL);
    assert_string_equal(cl.kid, "node1");
    /* And the same token crafted here with OpenSSL is byte-identical up to JSON key order. */
    char again[CRYPTO_TOKEN_MAX];
    craft(
        "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"node1\"}",
        "{\"sub\":\"1234567890123\",\"iat\":1700000000,\"exp\":1700000900,\"jti\":\"fixture-jti\"}",
        node1_key(), 32, NULL, again, sizeof again);
    assert_string_equal(again, NODE_TOKEN);
    crypto_close(c);
}

static void token_expired(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    char tok[CRYPTO_TOKEN_MAX];
    sign(c, 5, NOW, NOW + 60000, tok);
    crypto_claims cl;
    assert_int_equal(c->ops->access_verify(c, tok, NOW + 60000 + CRYPTO_LEEWAY_MS - 1, &cl), BZ_OK);
    assert_int_equal(c->ops->access_verify(c, tok, NOW + 60000 + CRYPTO_LEEWAY_MS, &cl),
                     BZ_ETOKENEXPIRED);
    assert_int_equal(c->ops->access_verify(c, tok, NOW + 3600000, &cl), BZ_ETOKENEXPIRED);
    assert_int_equal(cl.user_id, 0);
    crypto_close(c);
}

static void token_tampered_payload_and_signature(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    char tok[CRYPTO_TOKEN_MAX];
    crypto_claims cl;
    /* Payload: swap in another sub, keep the signature. */
    char *dot1 = strchr(NODE_TOKEN, '.');
    const char *dot2 = strrchr(NODE_TOKEN, '.');
    char *forged_payload = b64url("{\"sub\":\"1\",\"iat\":1700000000,\"exp\":1700000900}", 45);
    snprintf(tok, sizeof tok, "%.*s.%s%s", (int)(dot1 - NODE_TOKEN), NODE_TOKEN, forged_payload,
             dot2);
    free(forged_payload);
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    /* Signature: flip one character. */
    strcpy(tok, NODE_TOKEN);
    char *last = tok + strlen(tok) - 5;
    *last = *last == 'A' ? 'B' : 'A';
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    /* Signature truncated, or missing. */
    strcpy(tok, NODE_TOKEN);
    tok[strlen(tok) - 1] = '\0';
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    strcpy(tok, NODE_TOKEN);
    strrchr(tok, '.')[1] = '\0';
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    /* Expired and forged: forged wins (no hint that the claims were plausible). */
    strcpy(tok, NODE_TOKEN);
    tok[strlen(tok) - 3] ^= 1;
    assert_int_equal(c->ops->access_verify(c, tok, NOW + 86400000LL, &cl), BZ_EUNAUTHORIZED);
    crypto_close(c);
}

static void token_alg_none_and_other_algs_refused(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    crypto_claims cl;
    const char *payload = "{\"sub\":\"42\",\"iat\":1700000000,\"exp\":1700000900}";
    char *p = b64url(payload, strlen(payload));
    char tok[CRYPTO_TOKEN_MAX];
    const char *none_headers[] = {"{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"node1\"}",
                                  "{\"alg\":\"None\",\"kid\":\"node1\"}",
                                  "{\"alg\":\"NONE\",\"kid\":\"node1\"}", "{\"kid\":\"node1\"}"};
    for (size_t i = 0; i < sizeof none_headers / sizeof none_headers[0]; i++) {
        char *h = b64url(none_headers[i], strlen(none_headers[i]));
        snprintf(tok, sizeof tok, "%s.%s.", h, p); /* unsigned */
        assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
        free(h);
    }
    /* Valid HMAC with the right key, but the header claims another algorithm. */
    craft("{\"alg\":\"HS512\",\"kid\":\"node1\"}", payload, node1_key(), 32, NULL, tok, sizeof tok);
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    craft("{\"alg\":\"RS256\",\"kid\":\"node1\"}", payload, node1_key(), 32, NULL, tok, sizeof tok);
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    craft("{\"alg\":\"HS256\",\"typ\":\"JWE\",\"kid\":\"node1\"}", payload, node1_key(), 32, NULL,
          tok, sizeof tok);
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    /* Control: the same crafting with HS256 is accepted, so the refusals above are about alg. */
    craft("{\"alg\":\"HS256\",\"kid\":\"node1\"}", payload, node1_key(), 32, NULL, tok, sizeof tok);
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_OK);
    assert_int_equal(cl.user_id, 42);
    free(p);
    crypto_close(c);
}

static void token_old_key_still_verifies_unknown_kid_refused(void **state)
{
    crypto *old = open_ring(KEY_NODE1);
    char tok[CRYPTO_TOKEN_MAX];
    sign(old, 11, NOW, NOW + 900000, tok);
    crypto_claims cl;

    /* Rotated: k2 signs now, node1 only verifies. */
    crypto *rotated = open_ring(KEY_NEW "," KEY_NODE1);
    assert_int_equal(rotated->ops->access_verify(rotated, tok, NOW + 1000, &cl), BZ_OK);
    assert_string_equal(cl.kid, "node1");
    char fresh[CRYPTO_TOKEN_MAX];
    sign(rotated, 11, NOW, NOW + 900000, fresh);
    assert_int_equal(rotated->ops->access_verify(rotated, fresh, NOW, &cl), BZ_OK);
    assert_string_equal(cl.kid, "k2");
    /* The old node (before rotation) does not know k2. */
    assert_int_equal(old->ops->access_verify(old, fresh, NOW, &cl), BZ_EUNAUTHORIZED);

    /* Retired: node1 dropped from the ring. */
    crypto *retired = open_ring(KEY_NEW);
    assert_int_equal(retired->ops->access_verify(retired, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    /* A kid we know but signed with another secret. */
    craft("{\"alg\":\"HS256\",\"kid\":\"k2\"}", "{\"sub\":\"1\",\"iat\":1,\"exp\":9999999999}",
          node1_key(), 32, NULL, tok, sizeof tok);
    assert_int_equal(retired->ops->access_verify(retired, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    crypto_close(retired);
    crypto_close(rotated);
    crypto_close(old);
}

static void token_malformed(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    crypto_claims cl;
    const char *bad[] = {
        "",
        "abc",
        "a.b",
        "a.b.c.d",
        "..",
        "eyJhbGciOiJIUzI1NiJ9..sig",
        "e30.e30.AAAA", /* {} . {} */
        "W10.e30.AAAA", /* [] header */
        "eyJhbGciOiJIUzI1NiIsImtpZCI6Im5vZGUxIn0.e30.%%%%",
        "bm90IGpzb24.e30.AAAA", /* not json */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(c->ops->access_verify(c, bad[i], NOW, &cl), BZ_EUNAUTHORIZED);
    }
    assert_int_equal(c->ops->access_verify(c, NULL, NOW, &cl), BZ_EUNAUTHORIZED);

    /* Correctly signed, but the claims are wrong in type or value. */
    const char *payloads[] = {
        "{\"sub\":42,\"iat\":1700000000,\"exp\":1700000900}",
        "{\"sub\":\"42x\",\"iat\":1700000000,\"exp\":1700000900}",
        "{\"sub\":\"-4\",\"iat\":1700000000,\"exp\":1700000900}",
        "{\"sub\":\"42\",\"iat\":1700000000}",
        "{\"sub\":\"42\",\"iat\":1700000000,\"exp\":\"1700000900\"}",
        "{\"sub\":\"42\",\"iat\":1700000000,\"exp\":1700000900.5}",
        "{\"sub\":\"42\",\"iat\":1700000000,\"exp\":99999999999999999}",
        "{\"sub\":\"42\",\"iat\":1700000900,\"exp\":1700000000}",
        "{\"sub\":\"42\",\"sub\":\"43\",\"iat\":1700000000,\"exp\":1700000900}",
        "[1,2]",
    };
    char tok[CRYPTO_TOKEN_MAX];
    for (size_t i = 0; i < sizeof payloads / sizeof payloads[0]; i++) {
        craft("{\"alg\":\"HS256\",\"kid\":\"node1\"}", payloads[i], node1_key(), 32, NULL, tok,
              sizeof tok);
        assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    }
    crypto_close(c);
}

static void token_too_long_refused(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    crypto_claims cl;
    char payload[1200];
    snprintf(payload, sizeof payload,
             "{\"sub\":\"42\",\"iat\":1700000000,\"exp\":1700000900,"
             "\"pad\":\"%0700d\"}",
             0);
    char tok[2048];
    craft("{\"alg\":\"HS256\",\"kid\":\"node1\"}", payload, node1_key(), 32, NULL, tok, sizeof tok);
    assert_true(strlen(tok) >= CRYPTO_TOKEN_MAX);
    assert_int_equal(c->ops->access_verify(c, tok, NOW, &cl), BZ_EUNAUTHORIZED);
    crypto_close(c);
}

static void refresh_tokens_and_sha256(void **state)
{
    crypto *c = open_ring(KEY_NODE1);
    char a[CRYPTO_REFRESH_LEN + 1], b[CRYPTO_REFRESH_LEN + 1];
    unsigned char ha[32], hb[32], again[32];
    c->ops->refresh_new(c, a, ha);
    c->ops->refresh_new(c, b, hb);
    assert_int_equal(strlen(a), CRYPTO_REFRESH_LEN);
    assert_string_not_equal(a, b);
    for (size_t i = 0; i < CRYPTO_REFRESH_LEN; i++) {
        assert_true(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                           a[i]) != NULL);
    }
    c->ops->refresh_hash(c, a, again);
    assert_memory_equal(ha, again, 32);
    assert_memory_not_equal(ha, hb, 32);

    /* FIPS 180-2 vector, also `node -e` createHash("sha256").update("abc"). */
    static const unsigned char abc[32] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
                                          0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
                                          0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
                                          0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    unsigned char out[32];
    c->ops->sha256(c, "abc", 3, out);
    assert_memory_equal(out, abc, 32);
    c->ops->refresh_hash(c, "abc", out);
    assert_memory_equal(out, abc, 32);
    crypto_close(c);
}

UNIT_MAIN(cmocka_unit_test(password_hash_and_verify),
          cmocka_unit_test(password_needs_rehash_when_cost_changes),
          cmocka_unit_test(password_too_long_refused), cmocka_unit_test(token_round_trip),
          cmocka_unit_test(token_session_id_claim),
          cmocka_unit_test(token_signature_matches_independent_hmac),
          cmocka_unit_test(node_fixture_verifies), cmocka_unit_test(token_expired),
          cmocka_unit_test(token_tampered_payload_and_signature),
          cmocka_unit_test(token_alg_none_and_other_algs_refused),
          cmocka_unit_test(token_old_key_still_verifies_unknown_kid_refused),
          cmocka_unit_test(token_malformed), cmocka_unit_test(token_too_long_refused),
          cmocka_unit_test(refresh_tokens_and_sha256))
