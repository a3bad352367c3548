/*
 * integrations/stripe/stripe_webhook.c - Stripe-Signature verification (see
 * stripe_webhook.h).
 */
#include "integrations/stripe/stripe_webhook.h"

#include "base/check.h"
#include "base/err.h"
#include "base/str.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

const char *stripe_sig_fault_name(stripe_sig_fault why)
{
    switch (why) {
    case STRIPE_SIG_VALID:
        return "valid";
    case STRIPE_SIG_MISSING:
        return "missing";
    case STRIPE_SIG_MALFORMED:
        return "malformed";
    case STRIPE_SIG_STALE:
        return "stale";
    case STRIPE_SIG_MISMATCH:
        return "mismatch";
    }
    return "?";
}

int stripe_webhook_sign(const char *secret, int64_t t, const void *body, size_t len,
                        char out[STRIPE_SIG_HEX_LEN + 1])
{
    char prefix[32];
    int n = snprintf(prefix, sizeof(prefix), "%lld.", (long long)t);
    unsigned char mac[32];
    size_t mac_len = 0;
    int rc = BZ_EINTERNAL;
    EVP_MAC *hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    EVP_MAC_CTX *ctx = hmac ? EVP_MAC_CTX_new(hmac) : NULL;
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0),
                           OSSL_PARAM_construct_end()};
    if (ctx && EVP_MAC_init(ctx, (const unsigned char *)secret, strlen(secret), params) == 1 &&
        EVP_MAC_update(ctx, (const unsigned char *)prefix, (size_t)n) == 1 &&
        (len == 0 || EVP_MAC_update(ctx, body, len) == 1) &&
        EVP_MAC_final(ctx, mac, &mac_len, sizeof(mac)) == 1 && mac_len == sizeof(mac)) {
        static const char hex[] = "0123456789abcdef";
        for (size_t i = 0; i < sizeof(mac); i++) {
            out[2 * i] = hex[mac[i] >> 4];
            out[2 * i + 1] = hex[mac[i] & 15];
        }
        out[STRIPE_SIG_HEX_LEN] = '\0';
        rc = BZ_OK;
    }
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(hmac);
    OPENSSL_cleanse(mac, sizeof(mac));
    return rc;
}

/* What the header says: t, and where each v1 value starts (64 characters each). */
typedef struct parsed_sig {
    int64_t t;
    const char *v1[STRIPE_SIG_V1_MAX];
    size_t n_v1;
} parsed_sig;

static bool is_lower_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) {
            return false;
        }
    }
    return true;
}

/* 1..18 decimal digits, no sign: every plausible Unix time, and no overflow. */
static bool parse_time(const char *s, size_t n, int64_t *out)
{
    return n > 0 && n <= 18 && s[0] != '-' && bz_parse_i64(s, n, out) == BZ_OK;
}

/* One "key=value" item of `len` bytes at `item`. False when it makes the header malformed. */
static bool take_item(const char *item, size_t len, parsed_sig *p, bool *have_t)
{
    const char *eq = memchr(item, '=', len);
    if (!eq) {
        return true; /* no scheme: ignored, as Stripe's SDK does */
    }
    size_t klen = (size_t)(eq - item), vlen = len - klen - 1;
    const char *v = eq + 1;
    if (klen == 1 && item[0] == 't') {
        if (*have_t || !parse_time(v, vlen, &p->t)) {
            return false;
        }
        *have_t = true;
    } else if (klen == 2 && item[0] == 'v' && item[1] == '1') {
        if (p->n_v1 == STRIPE_SIG_V1_MAX) {
            return false;
        }
        if (vlen == STRIPE_SIG_HEX_LEN && is_lower_hex(v, vlen)) {
            p->v1[p->n_v1++] = v;
        }
    }
    return true; /* v0 and unknown schemes: never used */
}

static stripe_sig_fault parse(const char *header, parsed_sig *p)
{
    size_t len = header ? strnlen(header, STRIPE_SIG_HEADER_MAX + 1) : 0;
    if (len == 0) {
        return STRIPE_SIG_MISSING;
    }
    if (len > STRIPE_SIG_HEADER_MAX) {
        return STRIPE_SIG_MALFORMED;
    }
    bool have_t = false;
    size_t items = 0;
    for (const char *s = header;;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        if (++items > STRIPE_SIG_ITEMS_MAX || !take_item(s, n, p, &have_t)) {
            return STRIPE_SIG_MALFORMED;
        }
        if (!comma) {
            break;
        }
        s = comma + 1;
    }
    return have_t && p->n_v1 > 0 ? STRIPE_SIG_VALID : STRIPE_SIG_MALFORMED;
}

int stripe_webhook_verify(const char *header, const void *body, size_t len,
                          const char *const *secrets, size_t n_secrets, int64_t now_s,
                          stripe_sig_fault *why, int64_t *t_out)
{
    stripe_sig_fault dummy;
    why = why ? why : &dummy;
    if (t_out) {
        *t_out = 0;
    }
    BZ_CHECK(secrets && n_secrets >= 1 && n_secrets <= STRIPE_WEBHOOK_SECRETS_MAX);
    BZ_CHECK(body || len == 0);
    parsed_sig p = {0};
    *why = parse(header, &p);
    if (*why != STRIPE_SIG_VALID) {
        return BZ_ESTRIPESIG;
    }
    if (t_out) {
        *t_out = p.t;
    }
    if (p.t > now_s + STRIPE_WEBHOOK_TOLERANCE_S || p.t < now_s - STRIPE_WEBHOOK_TOLERANCE_S) {
        *why = STRIPE_SIG_STALE;
        return BZ_ESTRIPESIG;
    }
    /* Every secret against every v1, without stopping at a match: the time taken says
     * nothing about which one matched or how much of it. */
    bool match = false;
    for (size_t s = 0; s < n_secrets; s++) {
        BZ_CHECK(secrets[s] && secrets[s][0]);
        char want[STRIPE_SIG_HEX_LEN + 1];
        if (stripe_webhook_sign(secrets[s], p.t, body, len, want) != BZ_OK) {
            return BZ_EINTERNAL;
        }
        for (size_t i = 0; i < p.n_v1; i++) {
            match |= CRYPTO_memcmp(want, p.v1[i], STRIPE_SIG_HEX_LEN) == 0;
        }
        OPENSSL_cleanse(want, sizeof(want));
    }
    *why = match ? STRIPE_SIG_VALID : STRIPE_SIG_MISMATCH;
    return match ? BZ_OK : BZ_ESTRIPESIG;
}
