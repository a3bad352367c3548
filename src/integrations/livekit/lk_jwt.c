/*
 * integrations/livekit/lk_jwt.c - HS256 JWTs (see lk_jwt.h). Written on
 * OpenSSL's HMAC rather than libjwt because libjwt 1.10 always adds a "typ"
 * header and LiveKit's tokens have none; verification is as strict as
 * libjwt's and stricter about the algorithm (HS256 only).
 */
#include "integrations/livekit/lk_jwt.h"

#include "base/err.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_MAX (16u * 1024) /* a token longer than this is not one of LiveKit's */

/* Appends base64url (no padding) of `data` at out[*pos]; false when it does not fit (one byte
 * stays free for the NUL). */
static bool b64url_put(const unsigned char *data, size_t len, char *out, size_t size, size_t *pos)
{
    size_t padded = (len + 2) / 3 * 4;
    if (padded >= size - *pos) {
        return false;
    }
    char *o = out + *pos;
    int n = EVP_EncodeBlock((unsigned char *)o, data, (int)len);
    while (n > 0 && o[n - 1] == '=') {
        n--;
    }
    for (int i = 0; i < n; i++) {
        o[i] = o[i] == '+' ? '-' : o[i] == '/' ? '_' : o[i];
    }
    o[n] = '\0';
    *pos += (size_t)n;
    return true;
}

/* Decodes base64url without padding into a malloc'd buffer (NUL-terminated, for JSON text);
 * NULL for a character outside the alphabet (whitespace, '+', '/' and '=' included) or an
 * impossible length. */
static unsigned char *b64url_decode(const char *s, size_t len, size_t *out_len)
{
    if (len % 4 == 1 || len > TOKEN_MAX) {
        return NULL;
    }
    size_t padded = (len + 3) / 4 * 4;
    char *std = malloc(padded + 1);
    unsigned char *out = std ? malloc(padded / 4 * 3 + 1) : NULL;
    bool ok = out != NULL;
    for (size_t i = 0; ok && i < len; i++) {
        char c = s[i];
        ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
             c == '-' || c == '_';
        std[i] = c == '-' ? '+' : c == '_' ? '/' : c;
    }
    if (ok && len % 4) {
        /* One token, one spelling: the last character's spare low bits must be zero. */
        unsigned char last = (unsigned char)s[len - 1];
        int v = last >= 'A' && last <= 'Z'   ? last - 'A'
                : last >= 'a' && last <= 'z' ? last - 'a' + 26
                : last >= '0' && last <= '9' ? last - '0' + 52
                : last == '-'                ? 62
                                             : 63;
        ok = (v & (len % 4 == 2 ? 0x0f : 0x03)) == 0;
    }
    if (ok) {
        memset(std + len, '=', padded - len);
    }
    /* EVP_DecodeBlock counts the padding's zero bytes in its result: taken off here. */
    int n = ok ? EVP_DecodeBlock(out, (const unsigned char *)std, (int)padded) : -1;
    free(std);
    if (n < 0 || (size_t)n < padded - len) {
        free(out);
        return NULL;
    }
    *out_len = (size_t)n - (padded - len);
    out[*out_len] = '\0';
    return out;
}

static bool hmac_sha256(const char *secret, const char *msg, size_t len,
                        unsigned char mac[SHA256_DIGEST_LENGTH])
{
    unsigned int mac_len = 0;
    return HMAC(EVP_sha256(), secret, (int)strlen(secret), (const unsigned char *)msg, len, mac,
                &mac_len) != NULL &&
           mac_len == SHA256_DIGEST_LENGTH;
}

int lk_jwt_sign(const char *secret, const json_t *claims, char *out, size_t size)
{
    static const char header[] = "{\"alg\":\"HS256\"}";
    char *payload = json_dumps(claims, JSON_COMPACT);
    if (!payload || size == 0) {
        free(payload);
        return BZ_EINTERNAL;
    }
    size_t pos = 0;
    bool fits = b64url_put((const unsigned char *)header, sizeof(header) - 1, out, size, &pos) &&
                pos + 1 < size;
    if (fits) {
        out[pos++] = '.';
        fits = b64url_put((const unsigned char *)payload, strlen(payload), out, size, &pos);
    }
    free(payload);
    if (!fits || pos + 1 >= size) {
        out[0] = '\0';
        return BZ_ETOOLARGE;
    }
    unsigned char mac[SHA256_DIGEST_LENGTH];
    if (!hmac_sha256(secret, out, pos, mac)) {
        out[0] = '\0';
        return BZ_EINTERNAL;
    }
    out[pos++] = '.';
    fits = b64url_put(mac, sizeof(mac), out, size, &pos);
    OPENSSL_cleanse(mac, sizeof(mac));
    if (!fits) {
        out[0] = '\0';
        return BZ_ETOOLARGE;
    }
    return BZ_OK;
}

/* Decodes one base64url segment holding a JSON object; NULL if it is anything else. */
static json_t *decode_object(const char *s, size_t len)
{
    size_t n = 0;
    unsigned char *text = b64url_decode(s, len, &n);
    if (!text) {
        return NULL;
    }
    json_t *obj = json_loadb((const char *)text, n, JSON_REJECT_DUPLICATES, NULL);
    free(text);
    if (obj && !json_is_object(obj)) {
        json_decref(obj);
        obj = NULL;
    }
    return obj;
}

/* A NumericDate claim: an integer or a real (RFC 7519 allows fractions), or absent. */
static bool numeric_date(const json_t *claims, const char *name, bool *present, int64_t *out)
{
    const json_t *v = json_object_get(claims, name);
    *present = v != NULL;
    if (!v) {
        return true;
    }
    if (json_is_integer(v)) {
        *out = (int64_t)json_integer_value(v);
        return true;
    }
    if (json_is_real(v) && json_real_value(v) > -1e15 && json_real_value(v) < 1e15) {
        *out = (int64_t)json_real_value(v);
        return true;
    }
    return false;
}

int lk_jwt_verify(const char *token, const char *secret, const char *issuer, int64_t now_s,
                  int leeway_s, json_t **claims_out)
{
    *claims_out = NULL;
    size_t len = token ? strnlen(token, TOKEN_MAX + 1) : 0;
    const char *dot1 = len && len <= TOKEN_MAX ? memchr(token, '.', len) : NULL;
    const char *dot2 = dot1 ? memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - token)) : NULL;
    if (!dot2 || memchr(dot2 + 1, '.', len - (size_t)(dot2 + 1 - token))) {
        return BZ_EUNAUTHORIZED;
    }
    /* The algorithm first: only HS256, whatever else the header says. */
    json_t *header = decode_object(token, (size_t)(dot1 - token));
    const char *alg = json_string_value(json_object_get(header, "alg"));
    bool alg_ok = alg && strcmp(alg, "HS256") == 0 && !json_object_get(header, "crit");
    json_decref(header);
    if (!alg_ok) {
        return BZ_EUNAUTHORIZED;
    }
    /* Then the signature, before anything in the payload is believed. */
    size_t sig_len = 0;
    unsigned char *sig = b64url_decode(dot2 + 1, len - (size_t)(dot2 + 1 - token), &sig_len);
    unsigned char mac[SHA256_DIGEST_LENGTH];
    bool sig_ok = sig && sig_len == sizeof(mac) &&
                  hmac_sha256(secret, token, (size_t)(dot2 - token), mac) &&
                  CRYPTO_memcmp(sig, mac, sizeof(mac)) == 0;
    free(sig);
    OPENSSL_cleanse(mac, sizeof(mac));
    if (!sig_ok) {
        return BZ_EUNAUTHORIZED;
    }
    json_t *claims = decode_object(dot1 + 1, (size_t)(dot2 - dot1 - 1));
    const char *iss = json_string_value(json_object_get(claims, "iss"));
    bool has_exp = false, has_nbf = false;
    int64_t exp = 0, nbf = 0;
    bool ok = claims && iss && strcmp(iss, issuer) == 0 &&
              numeric_date(claims, "exp", &has_exp, &exp) && has_exp &&
              numeric_date(claims, "nbf", &has_nbf, &nbf) && now_s <= exp + leeway_s &&
              (!has_nbf || now_s >= nbf - leeway_s);
    if (!ok) {
        json_decref(claims);
        return BZ_EUNAUTHORIZED;
    }
    *claims_out = claims;
    return BZ_OK;
}

void lk_sha256_b64(const void *data, size_t len, char out[LK_SHA256_B64_LEN])
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(data ? data : (const void *)"", len, digest);
    EVP_EncodeBlock((unsigned char *)out, digest, sizeof(digest)); /* 44 chars + NUL */
}
