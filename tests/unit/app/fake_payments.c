#include "fake_payments.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"

/* Where each copied argument string lives in fp->text. */
enum {
    T_CUS_EMAIL,
    T_CUS_NAME,
    T_PI_CURRENCY,
    T_PI_CUSTOMER,
    T_PI_METHOD,
    T_PI_GROUP,
    T_PI_DESCRIPTION,
    T_RE_INTENT,
    T_TR_CURRENCY,
    T_TR_DESTINATION,
    T_TR_GROUP,
    T_TR_SOURCE,
    T_ACCT_EMAIL,
    T_ACCT_COUNTRY,
    T_SUB_CUSTOMER,
    T_SUB_PRICE,
    T_SUB_METHOD,
    T_TEST_FIRST,
    T_TEST_LAST,
    T_TEST_PHONE,
    T_TEST_CITY,
    T_TEST_WHAT,
    T_TEXTS /* == the slots of fp->text */
};
_Static_assert(T_TEXTS <=
                   sizeof(((fake_payments *)0)->text) / sizeof(((fake_payments *)0)->text[0]),
               "fp->text has a slot for every copied string");

static const char *keep(fake_payments *fp, int slot, const char *s)
{
    if (!s) {
        return NULL;
    }
    snprintf(fp->text[slot], sizeof(fp->text[slot]), "%s", s);
    return fp->text[slot];
}

void fake_payments_id(const char *prefix, const char *key, char out[PAYMENTS_ID_MAX])
{
    uint64_t h = 14695981039346656037ull; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h = (h ^ *p) * 1099511628211ull;
    }
    snprintf(out, PAYMENTS_ID_MAX, "%s_%016" PRIx64, prefix, h);
}

/* Count a call of `op` with `key` (may be NULL) about `id` (may be NULL), or answer its knob. */
static int enter(fake_payments *fp, fake_payments_op op, const char *key, const char *id)
{
    if (fp->fail[op]) {
        return fp->fail[op];
    }
    fp->calls[op]++;
    snprintf(fp->key[op], sizeof(fp->key[op]), "%s", key ? key : "");
    snprintf(fp->id[op], sizeof(fp->id[op]), "%s", id ? id : "");
    return BZ_OK;
}

#define FP(base) ((fake_payments *)(base))

static int fp_event_read(payments *p, const char *signature, const void *body, size_t len,
                         int64_t now_ms, payments_event *out)
{
    memset(out, 0, sizeof(*out));
    int rc = enter(FP(p), FAKE_PAY_EVENT_READ, NULL, NULL);
    if (rc == BZ_OK) {
        FP(p)->event_len = len;
        *out = FP(p)->event;
    }
    return rc;
}

static int fp_customer_create(payments *p, const payments_customer_req *req, const char *key,
                              char out_id[PAYMENTS_ID_MAX])
{
    fake_payments *fp = FP(p);
    out_id[0] = '\0';
    int rc = enter(fp, FAKE_PAY_CUSTOMER_CREATE, key, NULL);
    if (rc == BZ_OK) {
        fp->customer_req = *req;
        fp->customer_req.email = keep(fp, T_CUS_EMAIL, req->email);
        fp->customer_req.name = keep(fp, T_CUS_NAME, req->name);
        fake_payments_id("cus", key, out_id);
    }
    return rc;
}

static int fp_setup_create(payments *p, const char *customer, const char *confirm_with,
                           const char *key, payments_setup *out)
{
    memset(out, 0, sizeof(*out));
    int rc = enter(FP(p), FAKE_PAY_SETUP_CREATE, key, customer);
    if (rc == BZ_OK) {
        fake_payments_id("seti", key, out->id);
        snprintf(out->client_secret, sizeof(out->client_secret), "%s_secret_fake", out->id);
        snprintf(out->customer, sizeof(out->customer), "%s", customer);
        out->status = confirm_with ? PAYMENTS_SETUP_SUCCEEDED : PAYMENTS_SETUP_OPEN;
        if (confirm_with) {
            snprintf(out->payment_method, sizeof(out->payment_method), "%s", confirm_with);
        }
    }
    return rc;
}

static int fp_setup_get(payments *p, const char *id, payments_setup *out)
{
    memset(out, 0, sizeof(*out));
    int rc = enter(FP(p), FAKE_PAY_SETUP_GET, NULL, id);
    if (rc == BZ_OK) {
        *out = FP(p)->setup;
        snprintf(out->id, sizeof(out->id), "%s", id);
    }
    return rc;
}

static int fp_method_get(payments *p, const char *id, payments_method *out)
{
    memset(out, 0, sizeof(*out));
    int rc = enter(FP(p), FAKE_PAY_METHOD_GET, NULL, id);
    if (rc == BZ_OK) {
        *out = FP(p)->method;
        snprintf(out->id, sizeof(out->id), "%s", id);
    }
    return rc;
}

static int fp_method_detach(payments *p, const char *id, const char *key)
{
    return enter(FP(p), FAKE_PAY_METHOD_DETACH, key, id);
}

static payments_intent *find_intent(fake_payments *fp, const char *id)
{
    for (int i = 0; i < fp->n_intents; i++) {
        if (strcmp(fp->intents[i].id, id) == 0) {
            return &fp->intents[i];
        }
    }
    return NULL;
}

payments_intent *fake_payments_settle(fake_payments *fp, const char *id,
                                      payments_intent_status status)
{
    payments_intent *pi = find_intent(fp, id);
    if (pi) {
        pi->status = status;
        if (status == PAYMENTS_INTENT_SUCCEEDED) {
            pi->amount_received = pi->amount;
            fake_payments_id("ch", pi->id, pi->charge);
            pi->failure_code[0] = pi->decline_code[0] = '\0';
        }
    }
    return pi;
}

/* A new intent as Stripe answers `req` (see the header). */
static void make_intent(fake_payments *fp, const payments_intent_req *req, const char *key,
                        payments_intent *pi)
{
    memset(pi, 0, sizeof(*pi));
    fake_payments_id("pi", key, pi->id);
    snprintf(pi->client_secret, sizeof(pi->client_secret), "%s_secret_fake", pi->id);
    pi->amount = req->amount;
    pi->payment_id = req->payment_id;
    bool off_session = req->payment_method && req->payment_method[0];
    payments_method_kind only = (payments_method_kind)req->methods;
    pi->method_kind = payments_method_name(only)[0] ? only : PAYMENTS_METHOD_NONE;
    if (!off_session) {
        pi->status = PAYMENTS_INTENT_REQUIRES_METHOD;
        return;
    }
    snprintf(pi->payment_method, sizeof(pi->payment_method), "%s", req->payment_method);
    pi->method_kind = PAYMENTS_CARD;
    if (fp->card_fail) {
        pi->status = PAYMENTS_INTENT_REQUIRES_METHOD;
        snprintf(pi->failure_code, sizeof(pi->failure_code), "%s", fp->card_code);
        snprintf(pi->decline_code, sizeof(pi->decline_code), "%s", fp->card_decline);
        snprintf(pi->failure_message, sizeof(pi->failure_message), "Your card was declined.");
        return;
    }
    pi->status = PAYMENTS_INTENT_SUCCEEDED;
    pi->amount_received = req->amount;
    fake_payments_id("ch", pi->id, pi->charge);
}

static int fp_intent_create(payments *p, const payments_intent_req *req, const char *key,
                            payments_intent *out)
{
    fake_payments *fp = FP(p);
    memset(out, 0, sizeof(*out));
    int rc = enter(fp, FAKE_PAY_INTENT_CREATE, key, NULL);
    if (rc != BZ_OK) {
        return rc;
    }
    fp->intent_req = *req;
    fp->intent_req.currency = keep(fp, T_PI_CURRENCY, req->currency);
    fp->intent_req.customer = keep(fp, T_PI_CUSTOMER, req->customer);
    fp->intent_req.payment_method = keep(fp, T_PI_METHOD, req->payment_method);
    fp->intent_req.transfer_group = keep(fp, T_PI_GROUP, req->transfer_group);
    fp->intent_req.description = keep(fp, T_PI_DESCRIPTION, req->description);
    for (int i = 0; i < fp->n_intents; i++) { /* a replayed key: the answer it had */
        if (strcmp(fp->intent_keys[i], key) == 0) {
            *out = fp->intents[i];
            return fp->intent_rcs[i];
        }
    }
    assert_true(fp->n_intents < FAKE_PAY_INTENTS);
    make_intent(fp, req, key, out);
    bool off_session = req->payment_method && req->payment_method[0];
    int n = fp->n_intents++;
    snprintf(fp->intent_keys[n], FAKE_PAY_KEY_MAX, "%s", key);
    fp->intents[n] = *out;
    fp->intent_rcs[n] = off_session && fp->card_fail ? fp->card_fail : BZ_OK;
    return fp->intent_rcs[n];
}

static int fp_intent_get(payments *p, const char *id, payments_intent *out)
{
    memset(out, 0, sizeof(*out));
    int rc = enter(FP(p), FAKE_PAY_INTENT_GET, NULL, id);
    const payments_intent *pi = rc == BZ_OK ? find_intent(FP(p), id) : NULL;
    if (pi) {
        *out = *pi;
    }
    return rc != BZ_OK ? rc : pi ? BZ_OK : BZ_ENOTFOUND;
}

static int fp_intent_cancel(payments *p, const char *id, const char *key)
{
    int rc = enter(FP(p), FAKE_PAY_INTENT_CANCEL, key, id);
    payments_intent *pi = rc == BZ_OK ? find_intent(FP(p), id) : NULL;
    if (rc != BZ_OK || !pi) {
        return rc != BZ_OK ? rc : BZ_ENOTFOUND;
    }
    if (pi->status == PAYMENTS_INTENT_SUCCEEDED) {
        return BZ_ECONFLICT;
    }
    pi->status = PAYMENTS_INTENT_CANCELED;
    return BZ_OK;
}

static int fp_refund_create(payments *p, const payments_refund_req *req, const char *key,
                            payments_refund *out)
{
    fake_payments *fp = FP(p);
    memset(out, 0, sizeof(*out));
    int rc = enter(fp, FAKE_PAY_REFUND_CREATE, key, req->intent);
    if (rc == BZ_OK) {
        fp->refund_req = *req;
        fp->refund_req.intent = keep(fp, T_RE_INTENT, req->intent);
        fake_payments_id("re", key, out->id);
        out->amount = req->amount;
        snprintf(out->status, sizeof(out->status), "succeeded");
    }
    return rc;
}

static int fp_transfer_create(payments *p, const payments_transfer_req *req, const char *key,
                              payments_transfer *out)
{
    fake_payments *fp = FP(p);
    memset(out, 0, sizeof(*out));
    int rc = enter(fp, FAKE_PAY_TRANSFER_CREATE, key, req->destination);
    if (rc == BZ_OK) {
        fp->transfer_req = *req;
        fp->transfer_req.currency = keep(fp, T_TR_CURRENCY, req->currency);
        fp->transfer_req.destination = keep(fp, T_TR_DESTINATION, req->destination);
        fp->transfer_req.transfer_group = keep(fp, T_TR_GROUP, req->transfer_group);
        fp->transfer_req.source_charge = keep(fp, T_TR_SOURCE, req->source_charge);
        fake_payments_id("tr", key, out->id);
        out->amount = req->amount;
    }
    return rc;
}

static int fp_transfer_reverse(payments *p, const char *transfer, int64_t amount, int64_t order_id,
                               const char *key, payments_transfer *out)
{
    fake_payments *fp = FP(p);
    memset(out, 0, sizeof(*out));
    int rc = enter(fp, FAKE_PAY_TRANSFER_REVERSE, key, transfer);
    if (rc == BZ_OK) {
        fp->reverse_amount = amount;
        fp->reverse_order = order_id;
        fake_payments_id("trr", key, out->id);
        out->amount = amount;
    }
    return rc;
}

static int fp_account_create(payments *p, const payments_account_req *req, const char *key,
                             char out_id[PAYMENTS_ID_MAX])
{
    fake_payments *fp = FP(p);
    out_id[0] = '\0';
    int rc = enter(fp, FAKE_PAY_ACCOUNT_CREATE, key, NULL);
    if (rc == BZ_OK) {
        fp->account_req = *req;
        fp->account_req.email = keep(fp, T_ACCT_EMAIL, req->email);
        fp->account_req.country = keep(fp, T_ACCT_COUNTRY, req->country);
        if (req->test_identity) { /* kept as a copy: the caller's is gone after the call */
            const payments_test_identity *t = req->test_identity;
            fp->account_test = *t;
            fp->account_test.first_name = keep(fp, T_TEST_FIRST, t->first_name);
            fp->account_test.last_name = keep(fp, T_TEST_LAST, t->last_name);
            fp->account_test.phone = keep(fp, T_TEST_PHONE, t->phone);
            fp->account_test.address =
                (address_postal){.city = keep(fp, T_TEST_CITY, t->address.city)};
            fp->account_test.what_they_sell = keep(fp, T_TEST_WHAT, t->what_they_sell);
            fp->account_test.terms_ip = NULL;
            fp->account_req.test_identity = &fp->account_test;
        }
        fake_payments_id("acct", key, out_id);
    }
    return rc;
}

static int fp_account_link(payments *p, const char *account, const char *refresh_url,
                           const char *return_url, payments_link *out)
{
    fake_payments *fp = FP(p);
    memset(out, 0, sizeof(*out));
    int rc = enter(fp, FAKE_PAY_ACCOUNT_LINK, NULL, account);
    if (rc == BZ_OK) {
        snprintf(fp->link_refresh, sizeof(fp->link_refresh), "%s", refresh_url);
        snprintf(fp->link_return, sizeof(fp->link_return), "%s", return_url);
        snprintf(out->url, sizeof(out->url), "https://connect.fake/setup/%s/%d", account,
                 fp->calls[FAKE_PAY_ACCOUNT_LINK]);
        out->expires_at = fp->link_expires;
    }
    return rc;
}

static int fp_account_get(payments *p, const char *id, payments_account *out)
{
    memset(out, 0, sizeof(*out));
    int rc = enter(FP(p), FAKE_PAY_ACCOUNT_GET, NULL, id);
    if (rc == BZ_OK) {
        *out = FP(p)->account;
        snprintf(out->id, sizeof(out->id), "%s", id);
    }
    return rc;
}

static int fp_sub_create(payments *p, const payments_sub_req *req, const char *key,
                         payments_subscription *out)
{
    fake_payments *fp = FP(p);
    memset(out, 0, sizeof(*out));
    int rc = enter(fp, FAKE_PAY_SUB_CREATE, key, NULL);
    if (rc == BZ_OK) {
        fp->sub_req = *req;
        fp->sub_req.customer = keep(fp, T_SUB_CUSTOMER, req->customer);
        fp->sub_req.price = keep(fp, T_SUB_PRICE, req->price);
        fp->sub_req.payment_method = keep(fp, T_SUB_METHOD, req->payment_method);
        fake_payments_id("sub", key, out->id);
        out->status = req->on_session ? PAYMENTS_SUB_INCOMPLETE : PAYMENTS_SUB_ACTIVE;
        if (req->on_session) { /* the first invoice waits for Stripe.js */
            snprintf(out->client_secret, sizeof(out->client_secret), "%s_secret", out->id);
        }
        snprintf(out->price, sizeof(out->price), "%s", req->price);
        snprintf(out->customer, sizeof(out->customer), "%s", req->customer);
        out->current_period_end = fp->period_end;
        out->seller_id = req->seller_id;
    }
    return rc;
}

static int fp_sub_cancel(payments *p, const char *id, bool at_period_end, const char *key,
                         payments_subscription *out)
{
    memset(out, 0, sizeof(*out));
    int rc = enter(FP(p), FAKE_PAY_SUB_CANCEL, key, id);
    if (rc == BZ_OK) {
        snprintf(out->id, sizeof(out->id), "%s", id);
        out->status = at_period_end ? PAYMENTS_SUB_ACTIVE : PAYMENTS_SUB_CANCELED;
        out->cancel_at_period_end = at_period_end;
        out->current_period_end = FP(p)->period_end;
    }
    return rc;
}

static void fp_close(payments *p)
{
    (void)p; /* the test owns it */
}

const struct payments_ops fake_payments_ops = PAYMENTS_OPS_OF(fp);

void fake_payments_init(fake_payments *fp)
{
    memset(fp, 0, sizeof(*fp));
    fp->base.ops = &fake_payments_ops;
}
