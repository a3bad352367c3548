/*
 * integrations/stripe/stripe_sellers.c - what the payments port does for sellers
 * on Stripe (see stripe_payments.h): Connect transfers and their reversals,
 * connected accounts and their onboarding links, and plan subscriptions.
 *
 * Separate charges and transfers: a seller's share leaves the platform's balance
 * as a transfer with the order's transfer_group and source_transaction = the
 * charge it came from (so it waits for that charge's funds, not for the
 * balance). Accounts are Express, in Malaysia, with card_payments and transfers
 * requested (Stripe grants transfers alone only under the cross-border recipient
 * agreement, which a Malaysian platform paying Malaysian sellers does not use). The
 * demo seller's is a Custom account onboarded through the API with Stripe's
 * test-mode identity and bank (a test key only), so the demo pays out at once.
 *
 * Subscriptions, two ways. Off-session (a saved card, nobody at the browser):
 * payment_behavior=error_if_incomplete and off_session=true, so the first
 * invoice is paid at once or the call fails with the card's error
 * (BZ_ECARDDECLINED, ...) and nothing is left behind. On-session (the seller
 * waits at the plan page to pay with the Payment Element, which is how Blytz
 * subscribes): payment_behavior=default_incomplete, so the subscription is made
 * incomplete and its first invoice's intent is confirmed by Stripe.js; with
 * payment_settings[save_default_payment_method]=on_subscription the card paid
 * with becomes the subscription's default for renewals. One never confirmed
 * expires after 23 hours (incomplete_expired: the free plan). The answer expands
 * latest_invoice.confirmation_secret (the invoice's PaymentIntent is no longer
 * an invoice field in this API version), read as client_secret while the
 * subscription is incomplete.
 *
 * Cancelling: at the period's end is an update (cancel_at_period_end=true, with
 * the caller's key); now is a DELETE.
 */
#include "integrations/stripe/stripe_payments_internal.h"

#include "base/err.h"
#include "base/rand.h"
#include "base/str.h"
#include "integrations/stripe/stripe_read.h"

#include <stdio.h>
#include <string.h>

/* ---- transfers --------------------------------------------------------------------------- */

int sp_transfer_create(payments *p, const payments_transfer_req *req, const char *key,
                       payments_transfer *out)
{
    memset(out, 0, sizeof(*out));
    if (req->amount <= 0) {
        return BZ_EVALIDATION;
    }
    sp_params f;
    sp_params_init(&f);
    sp_add_i64(&f, "amount", req->amount);
    sp_need(&f, "currency", req->currency);
    sp_need(&f, "destination", req->destination);
    sp_add(&f, "transfer_group", req->transfer_group);
    sp_need(&f, "source_transaction", req->source_charge);
    if (req->order_id > 0) {
        sp_add_i64(&f, "metadata[blytz_order]", req->order_id);
    }
    json_t *ans;
    int rc = sp_call(sp_of(p), "POST", "/v1/transfers", NULL, NULL, &f, key, &ans, NULL);
    sp_params_free(&f);
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_transfer(ans, out), "a transfer");
}

int sp_transfer_reverse(payments *p, const char *transfer, int64_t amount, int64_t order_id,
                        const char *key, payments_transfer *out)
{
    memset(out, 0, sizeof(*out));
    if (amount <= 0) {
        return BZ_EVALIDATION;
    }
    sp_params f;
    sp_params_init(&f);
    sp_add_i64(&f, "amount", amount);
    if (order_id > 0) {
        sp_add_i64(&f, "metadata[blytz_order]", order_id);
    }
    json_t *ans;
    int rc = sp_call(sp_of(p), "POST", "/v1/transfers", transfer, "reversals", &f, key, &ans, NULL);
    sp_params_free(&f);
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_transfer(ans, out), "a reversal");
}

/* ---- connected accounts ------------------------------------------------------------------ */

/* Stripe's documented test-mode values (docs: Connect testing): a date of birth of 1901-01-01
 * and id number 000000000 verify the person, line1 address_full_match their address, and this
 * bank and account number are Malaysia's test account whose payouts succeed. */
#define TEST_DOB_YEAR   1901
#define TEST_ID_NUMBER  "000000000"
#define TEST_ADDRESS    "address_full_match"
#define TEST_BANK       "HSBCMYKLXXX"
#define TEST_BANK_ACCNO "000123456000"
#define TEST_MCC        "5999" /* miscellaneous and specialty retail */

/* A Custom account onboarded through the API: the person, their business, the terms they
 * accepted and the bank they are paid to, all of it Stripe's test values where it verifies. */
static void add_test_identity(sp_params *f, const payments_test_identity *t, const char *email)
{
    sp_add(f, "type", "custom");
    sp_add(f, "business_type", "individual");
    sp_need(f, "individual[first_name]", t->first_name);
    sp_need(f, "individual[last_name]", t->last_name);
    sp_add(f, "individual[email]", email);
    sp_need(f, "individual[phone]", t->phone);
    sp_add_i64(f, "individual[dob][day]", 1);
    sp_add_i64(f, "individual[dob][month]", 1);
    sp_add_i64(f, "individual[dob][year]", TEST_DOB_YEAR);
    sp_add(f, "individual[id_number]", TEST_ID_NUMBER);
    sp_add(f, "individual[address][line1]", TEST_ADDRESS);
    sp_add(f, "individual[address][line2]", t->address.line1);
    sp_need(f, "individual[address][city]", t->address.city);
    sp_need(f, "individual[address][state]", t->address.state);
    sp_need(f, "individual[address][postal_code]", t->address.postcode);
    sp_add(f, "individual[address][country]", "MY");
    sp_add(f, "business_profile[mcc]", TEST_MCC);
    sp_need(f, "business_profile[product_description]", t->what_they_sell);
    sp_add_i64(f, "tos_acceptance[date]", t->terms_accepted_at / 1000);
    sp_need(f, "tos_acceptance[ip]", t->terms_ip);
    sp_add(f, "external_account[object]", "bank_account");
    sp_add(f, "external_account[country]", "MY");
    sp_add(f, "external_account[currency]", "myr");
    sp_add(f, "external_account[routing_number]", TEST_BANK);
    sp_add(f, "external_account[account_number]", TEST_BANK_ACCNO);
    sp_add(f, "external_account[account_holder_type]", "individual");
    char holder[256];
    snprintf(holder, sizeof(holder), "%s %s", t->first_name ? t->first_name : "",
             t->last_name ? t->last_name : "");
    sp_add(f, "external_account[account_holder_name]", holder);
}

int sp_account_create(payments *p, const payments_account_req *req, const char *key,
                      char out_id[PAYMENTS_ID_MAX])
{
    out_id[0] = '\0';
    const payments_test_identity *test = req->test_identity;
    if (test && (!sp_of(p)->test_mode || test->terms_accepted_at <= 0)) {
        return BZ_EVALIDATION; /* test data never reaches a live account */
    }
    sp_params f;
    sp_params_init(&f);
    if (test) {
        add_test_identity(&f, test, req->email);
    } else {
        sp_add(&f, "type", "express");
    }
    sp_add(&f, "country", req->country && req->country[0] ? req->country : "MY");
    sp_add(&f, "email", req->email);
    sp_add_bool(&f, "capabilities[card_payments][requested]", true);
    sp_add_bool(&f, "capabilities[transfers][requested]", true);
    if (req->seller_id > 0) {
        sp_add_i64(&f, "metadata[blytz_seller]", req->seller_id);
    }
    json_t *ans;
    payments_account acct;
    int rc = sp_call(sp_of(p), "POST", "/v1/accounts", NULL, NULL, &f, key, &ans, NULL);
    sp_params_free(&f);
    bool read = rc != BZ_OK || stripe_read_account(ans, &acct);
    if (rc == BZ_OK && read) {
        memcpy(out_id, acct.id, PAYMENTS_ID_MAX);
    }
    return sp_answer(rc, ans, read, "an account");
}

int sp_account_link(payments *p, const char *account, const char *refresh_url,
                    const char *return_url, payments_link *out)
{
    memset(out, 0, sizeof(*out));
    /* a link is used once: each call is a new request, so a new key */
    unsigned char nonce[12];
    char key[16 + 2 * sizeof(nonce) + 1] = "blytz-link-";
    bz_random_bytes(nonce, sizeof(nonce));
    bz_hex_encode(nonce, sizeof(nonce), key + strlen(key));
    sp_params f;
    sp_params_init(&f);
    sp_need(&f, "account", account);
    sp_need(&f, "refresh_url", refresh_url);
    sp_need(&f, "return_url", return_url);
    sp_add(&f, "type", "account_onboarding");
    json_t *ans;
    int64_t expires = 0;
    int rc = sp_call(sp_of(p), "POST", "/v1/account_links", NULL, NULL, &f, key, &ans, NULL);
    sp_params_free(&f);
    bool read = rc != BZ_OK || (stripe_read_is(ans, "account_link") &&
                                stripe_read_str(ans, "url", out->url, sizeof(out->url)) &&
                                out->url[0] && stripe_read_i64(ans, "expires_at", &expires) &&
                                expires >= 0 && expires <= INT64_MAX / 1000);
    out->expires_at = read ? expires * 1000 : 0;
    return sp_answer(rc, ans, read, "an account link");
}

int sp_account_get(payments *p, const char *id, payments_account *out)
{
    memset(out, 0, sizeof(*out));
    json_t *ans;
    int rc = sp_call(sp_of(p), "GET", "/v1/accounts", id, NULL, NULL, NULL, &ans, NULL);
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_account(ans, out), "an account");
}

/* ---- plans ------------------------------------------------------------------------------- */

static int read_sub(int rc, json_t *ans, payments_subscription *out)
{
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_sub(ans, out), "a subscription");
}

int sp_sub_create(payments *p, const payments_sub_req *req, const char *key,
                  payments_subscription *out)
{
    memset(out, 0, sizeof(*out));
    sp_params f;
    sp_params_init(&f);
    sp_need(&f, "customer", req->customer);
    sp_need(&f, "items[0][price]", req->price);
    sp_add(&f, "default_payment_method", req->payment_method);
    if (req->on_session) {
        sp_add(&f, "payment_behavior", "default_incomplete");
        sp_add(&f, "payment_settings[save_default_payment_method]", "on_subscription");
    } else {
        sp_add(&f, "payment_behavior", "error_if_incomplete");
        sp_add_bool(&f, "off_session", true);
    }
    if (req->seller_id > 0) {
        sp_add_i64(&f, "metadata[blytz_seller]", req->seller_id);
    }
    sp_add(&f, "expand[0]", "latest_invoice.confirmation_secret");
    json_t *ans;
    stripe_error err;
    memset(&err, 0, sizeof(err));
    int rc = sp_call(sp_of(p), "POST", "/v1/subscriptions", NULL, NULL, &f, key, &ans, &err);
    sp_params_free(&f);
    return read_sub(sp_card_rc(rc, &err), ans, out);
}

int sp_sub_cancel(payments *p, const char *id, bool at_period_end, const char *key,
                  payments_subscription *out)
{
    memset(out, 0, sizeof(*out));
    json_t *ans;
    int rc;
    if (at_period_end) {
        sp_params f;
        sp_params_init(&f);
        sp_add_bool(&f, "cancel_at_period_end", true);
        rc = sp_call(sp_of(p), "POST", "/v1/subscriptions", id, NULL, &f, key, &ans, NULL);
        sp_params_free(&f);
        return read_sub(rc, ans, out); /* a cancelled one: Stripe refuses the update */
    }
    /* a DELETE is idempotent by itself: Stripe takes no key for it */
    rc = sp_call(sp_of(p), "DELETE", "/v1/subscriptions", id, NULL, NULL, NULL, &ans, NULL);
    /* Stripe answers a cancelled subscription's cancel with 404 resource_missing, though a
     * GET still finds it: cancelled already? */
    if (rc == BZ_ENOTFOUND || rc == BZ_ESTRIPEREFUSED) {
        payments_subscription got;
        json_t *again;
        int got_rc =
            sp_call(sp_of(p), "GET", "/v1/subscriptions", id, NULL, NULL, NULL, &again, NULL);
        if (read_sub(got_rc, again, &got) == BZ_OK && got.status == PAYMENTS_SUB_CANCELED) {
            *out = got;
            return BZ_OK;
        }
    }
    return read_sub(rc, ans, out);
}
