/*
 * crypto/token.c - HS256 access tokens (RFC 7519) signed and checked with
 * libjwt 1.10, plus our own checks that 1.10 lacks.
 *
 * Verification order matters: nothing in a token is trusted before its
 * signature is checked, and the algorithm is taken from our policy, never
 * from the token. So we (1) cap the size and check the shape, (2) parse the
 * header ourselves and insist on alg "HS256" and a known kid - which is what
 * defeats "alg":"none" and RS/HS confusion - (3) compare the HMAC in
 * constant time (libjwt 1.10 compares with strcmp), (4) let libjwt decode
 * with the key as a second opinion, and only then (5) read the claims and
 * (6) check expiry, so an attacker cannot learn "expired" for a forged token.
 */
#include "crypto/crypto_private.h"

#include "base/check.h"
#include "base/err.h"
#include "base/str.h"

#include <errno.h>
#include <jansson.h>
#include <jwt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_JSON_MAX  256
#define PAYLOAD_JSON_MAX 768
#define JTI_BYTES        16
#define MAX_EPOCH_S      100000000000LL /* year ~5138: keeps *1000 far from overflow */

int crypto_token_sign(crypto *base, const crypto_claims *claims, char out[CRYPTO_TOKEN_MAX])
{
    crypto_impl *c = (crypto_impl *)base;
    BZ_CHECK(c->ring.count > 0); /* crypto_open refuses an empty ring; keys[0] signs */
    const crypto_key *key = &c->ring.keys[0];
    out[0] = '\0';
    if (BZ_NEVER(claims->user_id <= 0 || claims->expires_at <= claims->issued_at ||
                 claims->issued_at < 0 || claims->expires_at / 1000 >= MAX_EPOCH_S)) {
        return BZ_EINTERNAL; /* a caller bug, not a client error */
    }

    char sub[24], sid[24];
    snprintf(sub, sizeof sub, "%lld", (long long)claims->user_id);
    snprintf(sid, sizeof sid, "%lld", (long long)claims->session_id);
    unsigned char jti_raw[JTI_BYTES];
    char jti[sodium_base64_ENCODED_LEN(JTI_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    randombytes_buf(jti_raw, sizeof jti_raw);
    sodium_bin2base64(jti, sizeof jti, jti_raw, sizeof jti_raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);

    jwt_t *jwt = NULL;
    if (jwt_new(&jwt) != 0) {
        return BZ_ENOMEM;
    }
    int rc = BZ_OK;
    if (jwt_set_alg(jwt, JWT_ALG_HS256, key->secret, (int)key->secret_len) != 0 ||
        jwt_add_header(jwt, "typ", "JWT") != 0 || jwt_add_header(jwt, "kid", key->kid) != 0 ||
        jwt_add_grant(jwt, "sub", sub) != 0 ||
        jwt_add_grant_int(jwt, "iat", (long)(claims->issued_at / 1000)) != 0 ||
        jwt_add_grant_int(jwt, "exp", (long)(claims->expires_at / 1000)) != 0 ||
        jwt_add_grant(jwt, "jti", jti) != 0 ||
        (claims->session_id > 0 && jwt_add_grant(jwt, "sid", sid) != 0)) {
        rc = BZ_ENOMEM;
    }
    char *encoded = rc == BZ_OK ? jwt_encode_str(jwt) : NULL;
    jwt_free(jwt);
    if (rc == BZ_OK && !encoded) {
        rc = BZ_ENOMEM;
    }
    if (rc == BZ_OK) {
        if (BZ_NEVER(strlen(encoded) >= CRYPTO_TOKEN_MAX)) { /* sized for the largest claims */
            rc = BZ_EINTERNAL;
        } else {
            strcpy(out, encoded);
        }
    }
    free(encoded);
    return rc;
}

static bool is_b64url(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_')) {
            return false;
        }
    }
    return len > 0;
}

/* Decode one base64url segment and parse it as a JSON object. NULL if anything is off. */
static json_t *decode_segment(const char *seg, size_t len, size_t max_json)
{
    unsigned char buf[PAYLOAD_JSON_MAX];
    size_t n = 0;
    const char *end = NULL;
    if (max_json > sizeof buf) {
        return NULL;
    }
    if (sodium_base642bin(buf, max_json, seg, len, NULL, &n, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != seg + len) {
        return NULL;
    }
    json_t *obj = json_loadb((const char *)buf, n, JSON_REJECT_DUPLICATES, NULL);
    if (obj && !json_is_object(obj)) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* A NumericDate we can use: a positive integer number of seconds. */
static bool get_epoch(json_t *payload, const char *name, int64_t *out)
{
    json_t *v = json_object_get(payload, name);
    if (!json_is_integer(v)) {
        return false;
    }
    json_int_t s = json_integer_value(v);
    if (s <= 0 || s >= MAX_EPOCH_S) {
        return false;
    }
    *out = (int64_t)s;
    return true;
}

/* A positive decimal id in a string claim: BZ_OK, or BZ_ENOTFOUND when the claim is absent. */
static int get_id(json_t *payload, const char *name, int64_t *out)
{
    json_t *v = json_object_get(payload, name);
    if (!v) {
        return BZ_ENOTFOUND;
    }
    const char *s = json_string_value(v);
    if (!s || bz_parse_i64(s, strlen(s), out) != BZ_OK || *out <= 0) {
        return BZ_EUNAUTHORIZED;
    }
    return BZ_OK;
}

static int read_claims(json_t *payload, crypto_claims *out)
{
    int64_t user_id = 0, session_id = 0, iat = 0, exp = 0;
    if (get_id(payload, "sub", &user_id) != BZ_OK) {
        return BZ_EUNAUTHORIZED;
    }
    int sid_rc = get_id(payload, "sid", &session_id);
    if (sid_rc != BZ_OK && sid_rc != BZ_ENOTFOUND) {
        return BZ_EUNAUTHORIZED;
    }
    if (!get_epoch(payload, "iat", &iat) || !get_epoch(payload, "exp", &exp) || exp < iat) {
        return BZ_EUNAUTHORIZED;
    }
    out->user_id = user_id;
    out->session_id = session_id;
    out->issued_at = iat * 1000;
    out->expires_at = exp * 1000;
    return BZ_OK;
}

static bool hmac_matches(const crypto_key *key, const char *signing_input, size_t input_len,
                         const char *sig_b64, size_t sig_len)
{
    unsigned char sig[crypto_auth_hmacsha256_BYTES + 1];
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    size_t n = 0;
    const char *end = NULL;
    if (sodium_base642bin(sig, sizeof sig, sig_b64, sig_len, NULL, &n, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != sig_b64 + sig_len || n != crypto_auth_hmacsha256_BYTES) {
        return false;
    }
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key->secret, key->secret_len);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)signing_input, input_len);
    crypto_auth_hmacsha256_final(&st, mac);
    return sodium_memcmp(mac, sig, sizeof mac) == 0;
}

int crypto_token_verify(crypto *base, const char *token, int64_t now_ms, crypto_claims *out)
{
    crypto_impl *c = (crypto_impl *)base;
    memset(out, 0, sizeof *out);
    if (!token) {
        return BZ_EUNAUTHORIZED;
    }
    size_t len = strnlen(token, CRYPTO_TOKEN_MAX);
    if (len >= CRYPTO_TOKEN_MAX) {
        return BZ_EUNAUTHORIZED;
    }

    /* (1) shape: three non-empty base64url segments. */
    const char *dot1 = memchr(token, '.', len);
    const char *dot2 = dot1 ? memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - token)) : NULL;
    if (!dot2) {
        return BZ_EUNAUTHORIZED;
    }
    size_t head_len = (size_t)(dot1 - token);
    size_t body_len = (size_t)(dot2 - dot1 - 1);
    size_t sig_len = len - (size_t)(dot2 + 1 - token);
    if (!is_b64url(token, head_len) || !is_b64url(dot1 + 1, body_len) ||
        !is_b64url(dot2 + 1, sig_len)) {
        return BZ_EUNAUTHORIZED;
    }

    /* (2) header: our algorithm, a kid we hold. */
    json_t *header = decode_segment(token, head_len, HEADER_JSON_MAX);
    if (!header) {
        return BZ_EUNAUTHORIZED;
    }
    const char *alg = json_string_value(json_object_get(header, "alg"));
    const char *kid = json_string_value(json_object_get(header, "kid"));
    json_t *typ = json_object_get(header, "typ");
    const crypto_key *key = NULL;
    if (alg && strcmp(alg, "HS256") == 0 && kid &&
        (!typ || (json_is_string(typ) && strcmp(json_string_value(typ), "JWT") == 0))) {
        key = crypto_keyring_find(&c->ring, kid);
    }
    json_decref(header);
    if (!key) {
        return BZ_EUNAUTHORIZED;
    }

    /* (3) signature, constant time. */
    if (!hmac_matches(key, token, (size_t)(dot2 - token), dot2 + 1, sig_len)) {
        return BZ_EUNAUTHORIZED;
    }

    /* (4) libjwt agrees (also rejects alg none when given a key). */
    jwt_t *jwt = NULL;
    int decode_rc = jwt_decode(&jwt, token, key->secret, (int)key->secret_len);
    if (decode_rc != 0) {
        return decode_rc == ENOMEM ? BZ_ENOMEM : BZ_EUNAUTHORIZED;
    }
    bool alg_ok = jwt_get_alg(jwt) == JWT_ALG_HS256;
    jwt_free(jwt);
    if (!alg_ok) {
        return BZ_EUNAUTHORIZED;
    }

    /* (5) claims with exact types. */
    json_t *payload = decode_segment(dot1 + 1, body_len, PAYLOAD_JSON_MAX);
    if (!payload) {
        return BZ_EUNAUTHORIZED;
    }
    crypto_claims claims = {0};
    int rc = read_claims(payload, &claims);
    json_decref(payload);
    if (rc != BZ_OK) {
        return rc;
    }
    bz_strlcpy(claims.kid, key->kid, sizeof claims.kid);

    /* (6) expiry: RFC 7519 says reject on or after exp; allow a little clock skew. */
    if (now_ms >= claims.expires_at + CRYPTO_LEEWAY_MS) {
        return BZ_ETOKENEXPIRED;
    }
    *out = claims;
    return BZ_OK;
}
