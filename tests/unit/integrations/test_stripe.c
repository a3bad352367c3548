/*
 * The Stripe adapter's local parts. Webhook signatures: headers made by the
 * official SDK's generateTestHeaderString (stripe_vectors.h, printed by
 * stripe_vectors.mjs) verify; a body changed by one byte, a timestamp out of
 * the 300 s window either way, a wrong secret, a missing or malformed header
 * are refused, each for its own reason; several v1 values and several secrets
 * (rotation) work; v0 never does. The API client's form builder (keys checked,
 * values escaped, all or nothing at its cap), its error mapping and its
 * configuration checks are tested here; its network half
 * against the local fake with the SDK as judge (tests/integration).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "integrations/stripe/stripe_api.h"
#include "integrations/stripe/stripe_webhook.h"
#include "stripe_vectors.h"

#define N_VECTORS (sizeof(stripe_vectors) / sizeof(stripe_vectors[0]))

static stripe_sig_fault verify_one(const char *header, const char *body, size_t len,
                                   const char *secret, long long now)
{
    const char *secrets[] = {secret};
    stripe_sig_fault why = STRIPE_SIG_VALID;
    int rc = stripe_webhook_verify(header, body, len, secrets, 1, now, &why, NULL);
    assert_int_equal(rc, why == STRIPE_SIG_VALID ? BZ_OK : BZ_ESTRIPESIG);
    return why;
}

static void sdk_vectors_verify(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_VECTORS; i++) {
        const stripe_vector *v = &stripe_vectors[i];
        size_t len = strlen(v->body);
        int64_t t = -1;
        const char *secrets[] = {v->secret};
        assert_int_equal(stripe_webhook_verify(v->header, v->body, len, secrets, 1, v->t, NULL, &t),
                         BZ_OK);
        assert_int_equal(t, v->t);
        char sig[STRIPE_SIG_HEX_LEN + 1];
        assert_int_equal(stripe_webhook_sign(v->secret, v->t, v->body, len, sig), BZ_OK);
        assert_string_equal(sig, strchr(v->header, ',') + 4); /* after ",v1=" */
    }
}

static void one_byte_changed_is_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_VECTORS; i++) {
        const stripe_vector *v = &stripe_vectors[i];
        size_t len = strlen(v->body);
        char body[512];
        assert_true(len + 1 < sizeof(body));
        for (size_t k = 0; k < len; k++) {
            memcpy(body, v->body, len);
            body[k] ^= 1;
            assert_int_equal(verify_one(v->header, body, len, v->secret, v->t),
                             STRIPE_SIG_MISMATCH);
        }
        memcpy(body, v->body, len);
        body[len] = ' '; /* one byte added */
        assert_int_equal(verify_one(v->header, body, len + 1, v->secret, v->t),
                         STRIPE_SIG_MISMATCH);
        if (len) { /* one byte less */
            assert_int_equal(verify_one(v->header, v->body, len - 1, v->secret, v->t),
                             STRIPE_SIG_MISMATCH);
        }
    }
}

static void tolerance_both_ways(void **state)
{
    (void)state;
    const stripe_vector *v = &stripe_vectors[1];
    size_t len = strlen(v->body);
    assert_int_equal(verify_one(v->header, v->body, len, v->secret, v->t + 300), STRIPE_SIG_VALID);
    assert_int_equal(verify_one(v->header, v->body, len, v->secret, v->t - 300), STRIPE_SIG_VALID);
    assert_int_equal(verify_one(v->header, v->body, len, v->secret, v->t + 301), STRIPE_SIG_STALE);
    assert_int_equal(verify_one(v->header, v->body, len, v->secret, v->t - 301), STRIPE_SIG_STALE);
    /* the timestamp is signed: moving it into the window breaks the signature */
    char moved[256];
    snprintf(moved, sizeof(moved), "t=%lld%s", v->t + 1, strchr(v->header, ','));
    assert_int_equal(verify_one(moved, v->body, len, v->secret, v->t), STRIPE_SIG_MISMATCH);
}

static void wrong_secret_and_rotation(void **state)
{
    (void)state;
    const stripe_vector *old = &stripe_vectors[1], *rot = &stripe_vectors[2];
    size_t len = strlen(rot->body);
    assert_int_equal(verify_one(rot->header, rot->body, len, old->secret, rot->t),
                     STRIPE_SIG_MISMATCH);
    assert_int_equal(verify_one(rot->header, rot->body, len, "whsec_test_secret", rot->t),
                     STRIPE_SIG_MISMATCH);
    /* we hold the old and the new secret: either signature is accepted */
    const char *both[] = {old->secret, rot->secret};
    assert_int_equal(
        stripe_webhook_verify(rot->header, rot->body, len, both, 2, rot->t, NULL, NULL), BZ_OK);
    /* Stripe sends one v1 per active secret: ours may be second, after a bogus one */
    char old_sig[STRIPE_SIG_HEX_LEN + 1];
    assert_int_equal(stripe_webhook_sign(old->secret, rot->t, rot->body, len, old_sig), BZ_OK);
    char header[512];
    snprintf(header, sizeof(header), "t=%lld,v1=%064d,v1=%s,v0=abc", rot->t, 0, old_sig);
    assert_int_equal(verify_one(header, rot->body, len, old->secret, rot->t), STRIPE_SIG_VALID);
    /* the right signature under v0 (or any other scheme) is never enough */
    snprintf(header, sizeof(header), "t=%lld,v0=%s", rot->t, old_sig);
    assert_int_equal(verify_one(header, rot->body, len, old->secret, rot->t), STRIPE_SIG_MALFORMED);
    snprintf(header, sizeof(header), "t=%lld,v2=%s,v1=%064d", rot->t, old_sig, 0);
    assert_int_equal(verify_one(header, rot->body, len, old->secret, rot->t), STRIPE_SIG_MISMATCH);
}

static void missing_and_malformed(void **state)
{
    (void)state;
    const stripe_vector *v = &stripe_vectors[0];
    size_t len = strlen(v->body);
    const char *sig = strchr(v->header, ',') + 4;
    assert_int_equal(verify_one(NULL, v->body, len, v->secret, v->t), STRIPE_SIG_MISSING);
    assert_int_equal(verify_one("", v->body, len, v->secret, v->t), STRIPE_SIG_MISSING);
    char h[4096];
    const char *const bad[] = {
        "t=1700000000",                    /* no v1 */
        "v1=%s",                           /* no t */
        "t=,v1=%s",                        /* empty t */
        "t=-1700000000,v1=%s",             /* signed */
        "t=17000000x0,v1=%s",              /* not decimal */
        "t=1700000000,t=1700000000,v1=%s", /* t twice */
        "t=1700000000000000000000,v1=%s",  /* too long */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(h, sizeof(h), bad[i], sig);
        assert_int_equal(verify_one(h, v->body, len, v->secret, v->t), STRIPE_SIG_MALFORMED);
    }
    /* a v1 of the wrong length or case never matches, and alone makes no v1 */
    snprintf(h, sizeof(h), "t=1700000000,v1=%.63s", sig);
    assert_int_equal(verify_one(h, v->body, len, v->secret, v->t), STRIPE_SIG_MALFORMED);
    snprintf(h, sizeof(h),
             "t=1700000000,v1=D95C6B7477FBD7E9F90B1B0EF5F9C7AC25ABCA5382460E0D988C2B2A5B71B990");
    assert_int_equal(verify_one(h, v->body, len, v->secret, v->t), STRIPE_SIG_MALFORMED);
    /* caps: more than 8 v1 values, more than 16 items, a header over 2 KiB */
    int n = snprintf(h, sizeof(h), "t=1700000000");
    for (int i = 0; i < STRIPE_SIG_V1_MAX; i++) {
        n += snprintf(h + n, sizeof(h) - (size_t)n, ",v1=%064d", i);
    }
    snprintf(h + n, sizeof(h) - (size_t)n, ",v1=%s", sig);
    assert_int_equal(verify_one(h, v->body, len, v->secret, v->t), STRIPE_SIG_MALFORMED);
    n = snprintf(h, sizeof(h), "t=1700000000,v1=%s", sig);
    for (int i = 0; i < STRIPE_SIG_ITEMS_MAX - 2; i++) {
        n += snprintf(h + n, sizeof(h) - (size_t)n, ",x=%d", i);
    }
    assert_int_equal(verify_one(h, v->body, len, v->secret, v->t), STRIPE_SIG_VALID);
    snprintf(h + n, sizeof(h) - (size_t)n, ",x=y");
    assert_int_equal(verify_one(h, v->body, len, v->secret, v->t), STRIPE_SIG_MALFORMED);
    n = snprintf(h, sizeof(h), "t=1700000000,v1=%s,x=", sig);
    memset(h + n, 'a', STRIPE_SIG_HEADER_MAX - (size_t)n);
    h[STRIPE_SIG_HEADER_MAX] = '\0';
    assert_int_equal(verify_one(h, v->body, len, v->secret, v->t), STRIPE_SIG_VALID);
    h[STRIPE_SIG_HEADER_MAX] = 'a';
    h[STRIPE_SIG_HEADER_MAX + 1] = '\0';
    assert_int_equal(verify_one(h, v->body, len, v->secret, v->t), STRIPE_SIG_MALFORMED);
    assert_string_equal(stripe_sig_fault_name(STRIPE_SIG_STALE), "stale");
}

static void form_builder(void **state)
{
    (void)state;
    stripe_form *f = stripe_form_new();
    size_t len;
    assert_string_equal(stripe_form_text(f, &len), "");
    assert_int_equal(len, 0);
    assert_int_equal(stripe_form_add_i64(f, "amount", 1250), BZ_OK);
    assert_int_equal(stripe_form_add(f, "metadata[order_id]", "42 & 7"), BZ_OK);
    assert_int_equal(stripe_form_add_bool(f, "off_session", true), BZ_OK);
    assert_int_equal(stripe_form_add(f, "payment_method_types[0]", "card"), BZ_OK);
    assert_int_equal(stripe_form_add(f, "capabilities[transfers][requested]", ""), BZ_OK);
    assert_int_equal(stripe_form_add_i64(f, "n", -9223372036854775807LL - 1), BZ_OK);
    const char *want = "amount=1250&metadata[order_id]=42%20%26%207&off_session=true&"
                       "payment_method_types[0]=card&capabilities[transfers][requested]=&"
                       "n=-9223372036854775808";
    assert_string_equal(stripe_form_text(f, &len), want);
    const char *const bad[] = {"", "Amount", "a b", "a[", "a]", "[a]", "a[b]c", "a[b-c]", "a.b"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(stripe_form_add(f, bad[i], "x"), BZ_EVALIDATION);
    }
    assert_string_equal(stripe_form_text(f, &len), want); /* unchanged */
    /* at the cap: the pair that does not fit is not written at all */
    static char big[STRIPE_FORM_MAX];
    memset(big, 'x', sizeof(big) - 1);
    assert_int_equal(stripe_form_add(f, "description", big), BZ_ETOOLARGE);
    assert_string_equal(stripe_form_text(f, &len), want);
    assert_int_equal(len, strlen(want));
    stripe_form_free(f);
    stripe_form_free(NULL);
}

static void error_mapping(void **state)
{
    (void)state;
    assert_int_equal(stripe_error_code(200, "", ""), BZ_OK);
    assert_int_equal(stripe_error_code(402, "card_error", "card_declined"), BZ_ECARDDECLINED);
    assert_int_equal(stripe_error_code(402, "card_error", "authentication_required"),
                     BZ_EAUTHREQUIRED);
    assert_int_equal(stripe_error_code(402, "card_error", "expired_card"), BZ_EPAYMENTFAILED);
    assert_int_equal(stripe_error_code(400, "idempotency_error", ""), BZ_ESTRIPEIDEMPOTENCY);
    assert_int_equal(stripe_error_code(401, "invalid_request_error", ""), BZ_ESTRIPEAUTH);
    assert_int_equal(stripe_error_code(403, "invalid_request_error", "account_invalid"),
                     BZ_ESTRIPEAUTH);
    assert_int_equal(stripe_error_code(404, "invalid_request_error", "resource_missing"),
                     BZ_ENOTFOUND);
    assert_int_equal(stripe_error_code(400, "invalid_request_error", "amount_too_small"),
                     BZ_ESTRIPEREFUSED);
    assert_int_equal(stripe_error_code(409, "invalid_request_error", "lock_timeout"),
                     BZ_EUNAVAILABLE);
    assert_int_equal(stripe_error_code(429, "invalid_request_error", "rate_limit"),
                     BZ_EUNAVAILABLE);
    assert_int_equal(stripe_error_code(500, "api_error", ""), BZ_EUNAVAILABLE);
    assert_int_equal(stripe_error_code(0, "", ""), BZ_EUNAVAILABLE);
    assert_int_equal(bz_err_http_status(BZ_ECARDDECLINED), 402);
    assert_string_equal(bz_err_code(BZ_ESTRIPESIG), "invalid_signature");
}

static void client_configuration(void **state)
{
    (void)state;
    stripe_client *c = NULL;
    stripe_config cfg = {.secret_key = "sk_test_x"};
    assert_int_equal(stripe_client_new(&cfg, &c), BZ_OK);
    stripe_client_free(c);
    const stripe_config bad[] = {
        {.secret_key = NULL},
        {.secret_key = ""},
        {.secret_key = "sk_test_x", .api_base = "ftp://api.stripe.com"},
        {.secret_key = "sk_test_x", .max_retries = STRIPE_RETRIES_MAX + 1},
        {.secret_key = "sk_test_x", .max_retries = -1},
        {.secret_key = "sk_test_x", .timeout_ms = -1},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(stripe_client_new(&bad[i], &c), BZ_EVALIDATION);
        assert_null(c);
    }
}

UNIT_MAIN(cmocka_unit_test(sdk_vectors_verify), cmocka_unit_test(one_byte_changed_is_refused),
          cmocka_unit_test(tolerance_both_ways), cmocka_unit_test(wrong_secret_and_rotation),
          cmocka_unit_test(missing_and_malformed), cmocka_unit_test(form_builder),
          cmocka_unit_test(error_mapping), cmocka_unit_test(client_configuration))
