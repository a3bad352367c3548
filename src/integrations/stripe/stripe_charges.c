/*
 * integrations/stripe/stripe_charges.c - payment intents and refunds on Stripe
 * (the payments port's charges; see stripe_payments.h).
 *
 * An off-session charge is created confirmed (confirm=true, off_session=true,
 * the saved card and its customer, cards only); an on-session one is created
 * unconfirmed with the methods allowed (payment_method_types[]) and confirmed by
 * Stripe.js in the buyer's browser (which gives the return_url FPX and GrabPay
 * redirect to). A card refused at an off-session charge comes back as HTTP 402
 * with the intent in the error: *out is that intent, read from the error, so
 * that the app records which intent failed and why. A decline whose
 * decline_code is authentication_required is BZ_EAUTHREQUIRED: the fix is the
 * same (the buyer authenticates on-session), whichever code the bank chose.
 */
#include "integrations/stripe/stripe_payments_internal.h"

#include "base/err.h"
#include "base/str.h"
#include "integrations/stripe/stripe_read.h"

#include <string.h>

#define ALL_METHODS (PAYMENTS_CARD | PAYMENTS_FPX | PAYMENTS_GRABPAY)

static bool set(const char *s)
{
    return s && s[0];
}

/* The parameters of an intent as `req` asks it. */
static void intent_params(const payments_intent_req *req, sp_params *f)
{
    sp_add_i64(f, "amount", req->amount);
    sp_need(f, "currency", req->currency);
    sp_add(f, "customer", req->customer);
    static const payments_method_kind kinds[] = {PAYMENTS_CARD, PAYMENTS_FPX, PAYMENTS_GRABPAY};
    static const char *const keys[] = {"payment_method_types[0]", "payment_method_types[1]",
                                       "payment_method_types[2]"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (req->methods & kinds[i]) {
            sp_add(f, keys[n++], payments_method_name(kinds[i]));
        }
    }
    if (set(req->payment_method)) {
        sp_add(f, "payment_method", req->payment_method);
        sp_add_bool(f, "confirm", true);
        sp_add_bool(f, "off_session", true);
    }
    sp_add(f, "transfer_group", req->transfer_group);
    sp_add(f, "description", req->description);
    if (req->payment_id > 0) {
        sp_add_i64(f, "metadata[blytz_payment]", req->payment_id);
    }
}

/* The intent a refused off-session charge left, as the error describes it. */
static void failed_intent(const payments_intent_req *req, const stripe_error *err,
                          payments_intent *out)
{
    memset(out, 0, sizeof(*out));
    bz_strlcpy(out->id, err->payment_intent, sizeof(out->id));
    out->status = PAYMENTS_INTENT_REQUIRES_METHOD;
    out->amount = req->amount;
    bz_strlcpy(out->payment_method, req->payment_method, sizeof(out->payment_method));
    out->method_kind = PAYMENTS_CARD;
    out->payment_id = req->payment_id;
    bz_strlcpy(out->failure_code, err->code, sizeof(out->failure_code));
    bz_strlcpy(out->decline_code, err->decline_code, sizeof(out->decline_code));
    bz_strlcpy(out->failure_message, err->message, sizeof(out->failure_message));
}

int sp_intent_create(payments *p, const payments_intent_req *req, const char *key,
                     payments_intent *out)
{
    memset(out, 0, sizeof(*out));
    bool off_session = set(req->payment_method);
    if ((req->methods & ~(unsigned)ALL_METHODS) || !(req->methods & ALL_METHODS) ||
        (off_session && req->methods != PAYMENTS_CARD) || (off_session && !set(req->customer)) ||
        req->amount <= 0) {
        return BZ_EVALIDATION; /* only a saved card of a customer is charged off-session */
    }
    sp_params f;
    sp_params_init(&f);
    intent_params(req, &f);
    json_t *ans;
    stripe_error err;
    memset(&err, 0, sizeof(err));
    int rc = sp_call(sp_of(p), "POST", "/v1/payment_intents", NULL, NULL, &f, key, &ans, &err);
    sp_params_free(&f);
    rc = sp_card_rc(rc, &err);
    if (sp_card_failure(rc) && err.payment_intent[0]) {
        failed_intent(req, &err, out);
    }
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_intent(ans, out), "a payment intent");
}

int sp_intent_get(payments *p, const char *id, payments_intent *out)
{
    memset(out, 0, sizeof(*out));
    sp_params f;
    sp_params_init(&f);
    sp_add(&f, "expand[0]", "payment_method"); /* its type is the method's kind */
    json_t *ans;
    int rc = sp_call(sp_of(p), "GET", "/v1/payment_intents", id, NULL, &f, NULL, &ans, NULL);
    sp_params_free(&f);
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_intent(ans, out), "a payment intent");
}

int sp_intent_cancel(payments *p, const char *id, const char *key)
{
    json_t *ans;
    int rc = sp_call(sp_of(p), "POST", "/v1/payment_intents", id, "cancel", NULL, key, &ans, NULL);
    json_decref(ans);
    if (rc == BZ_ESTRIPEREFUSED) { /* Stripe refuses to cancel a canceled or paid intent */
        payments_intent pi;
        if (sp_intent_get(p, id, &pi) == BZ_OK) {
            rc = pi.status == PAYMENTS_INTENT_CANCELED    ? BZ_OK
                 : pi.status == PAYMENTS_INTENT_SUCCEEDED ? BZ_ECONFLICT
                                                          : rc;
        }
    }
    return rc;
}

static const char *const refund_reasons[] = {
    [PAYMENTS_REFUND_REQUESTED] = "requested_by_customer",
    [PAYMENTS_REFUND_DUPLICATE] = "duplicate",
    [PAYMENTS_REFUND_FRAUDULENT] = "fraudulent",
};

int sp_refund_create(payments *p, const payments_refund_req *req, const char *key,
                     payments_refund *out)
{
    memset(out, 0, sizeof(*out));
    if (req->amount <= 0 ||
        (size_t)req->reason >= sizeof(refund_reasons) / sizeof(refund_reasons[0])) {
        return BZ_EVALIDATION;
    }
    sp_params f;
    sp_params_init(&f);
    sp_need(&f, "payment_intent", req->intent);
    sp_add_i64(&f, "amount", req->amount);
    sp_add(&f, "reason", refund_reasons[req->reason]);
    if (req->refund_id > 0) {
        sp_add_i64(&f, "metadata[blytz_refund]", req->refund_id);
    }
    json_t *ans;
    int rc = sp_call(sp_of(p), "POST", "/v1/refunds", NULL, NULL, &f, key, &ans, NULL);
    sp_params_free(&f);
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_refund(ans, out), "a refund");
}
