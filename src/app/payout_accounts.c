/*
 * Sellers' connected accounts (app/payouts.h): onboarding on the provider's hosted pages, the
 * demo seller's test-mode account, and what the provider reports of an account.
 */
#include "app/payouts.h"

#include "app/app_util.h"
#include "app/payment_flow.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define job_fail      pay_flow_job_fail
#define finish        pay_flow_finish
#define need_payments pay_flow_need_payments

/* ---- onboarding ----------------------------------------------------------------------------- */

/* An origin safe to put in a payload and a URL: http(s)://, then host, port and path chars. */
static bool base_ok(const char *b)
{
    size_t n = b ? strlen(b) : 0;
    if (n < 8 || n > 200 || (strncmp(b, "http://", 7) != 0 && strncmp(b, "https://", 8) != 0)) {
        return false;
    }
    return strspn(b, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:/[]") == n;
}

/* Inside a transaction: seller `user_id`'s payouts row, made empty when they have none (the
 * row the provider's account id is kept in, once made). */
static int keep_account_row(app_ctx *c, int64_t user_id)
{
    payout_account acct;
    int rc = store_payout_account_get(c->store, user_id, c->arena, &acct);
    if (rc == BZ_ENOTFOUND) {
        acct = (payout_account){.seller_id = user_id, .requirements_due = "", .updated_at = c->now};
        rc = store_payout_account_put(c->store, &acct);
    }
    return rc;
}

int app_payout_onboard(app_ctx *c, int64_t user_id, const char *web_base, payout_onboarding *out)
{
    int rc = need_payments(c);
    if (rc == BZ_OK) {
        rc = app_require_seller(c, user_id, "only sellers are paid out: become a seller first");
    }
    if (rc != BZ_OK) {
        return rc;
    }
    if (!base_ok(web_base)) {
        return app_fail(c, BZ_EVALIDATION, NULL, "this server's public URL is not usable");
    }
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = keep_account_row(c, user_id);
    *out = (payout_onboarding){.id = bz_id_new(c->now),
                               .seller_id = user_id,
                               .status = PAYOUT_ONBOARDING_CREATING,
                               .created_at = c->now,
                               .updated_at = c->now};
    if (rc == BZ_OK) {
        rc = store_payout_onboarding_create(c->store, out);
    }
    if (rc == BZ_OK) {
        char key[96],
            *payload = bz_arena_printf(
                c->arena, "{\"onboarding_id\":\"%" PRId64 "\",\"base\":\"%s\"}", out->id, web_base);
        snprintf(key, sizeof(key), "%s:%" PRId64, APP_PAYOUT_ONBOARD, out->id);
        rc = payload ? app_outbox_enqueue(c, APP_PAYOUT_ONBOARD, key, payload) : BZ_ENOMEM;
    }
    return finish(c, rc);
}

int app_payout_onboarding_get(app_ctx *c, int64_t user_id, int64_t id, payout_onboarding *out)
{
    int rc = store_payout_onboarding_get(c->store, id, c->arena, out);
    if (rc == BZ_OK && out->seller_id != user_id) {
        rc = BZ_ENOTFOUND;
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

/* Onboarding request `id` ends as `status` with the link or why not, in a transaction. */
static int onboarding_done(app_ctx *c, int64_t id, const payments_link *link, const char *failure)
{
    payout_onboarding o;
    int rc = store_begin(c->store);
    if (rc != BZ_OK || (rc = store_payout_onboarding_get(c->store, id, c->arena, &o)) != BZ_OK) {
        return rc == BZ_OK ? rc : finish(c, rc);
    }
    o.status = link ? PAYOUT_ONBOARDING_READY : PAYOUT_ONBOARDING_FAILED;
    o.url = link ? link->url : NULL;
    o.expires_at = link ? link->expires_at : 0;
    o.failure = failure;
    o.updated_at = c->now;
    return finish(c, store_payout_onboarding_save(c->store, &o));
}

/* The seller's connected account, made at the provider when they have none: Express, or with
 * `test` one the provider's test mode verifies (demo data). The key is the seller's, not the
 * row's: two onboarding requests make one account. */
static int account_of(app_ctx *c, int64_t seller_id, const payments_test_identity *test,
                      payout_account *acct)
{
    int rc = store_payout_account_get(c->store, seller_id, c->arena, acct);
    if (rc != BZ_OK || (acct->account_id && acct->account_id[0])) {
        return rc;
    }
    account_user u;
    if ((rc = store_user_get(c->store, seller_id, c->arena, &u)) != BZ_OK) {
        return rc;
    }
    payments *pay = c->env->payments;
    payments_account_req req = {
        .seller_id = seller_id, .email = u.email, .country = "MY", .test_identity = test};
    char id[PAYMENTS_ID_MAX], key[64];
    snprintf(key, sizeof(key), "blytz-account-seller-%" PRId64, seller_id);
    if ((rc = pay->ops->account_create(pay, &req, key, id)) != BZ_OK) {
        return rc;
    }
    acct->account_id = id;
    acct->updated_at = c->now;
    if ((rc = store_payout_account_put(c->store, acct)) != BZ_OK) {
        return rc;
    }
    return store_payout_account_get(c->store, seller_id, c->arena, acct); /* the first kept */
}

static int onboard_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payments *pay = c->env->payments;
    if (!pay) {
        return job_fail(why, len, BZ_EUNAVAILABLE, "payments are not configured");
    }
    int64_t id = app_outbox_payload_id(job->payload, "onboarding_id");
    char base[256];
    payout_onboarding o;
    int rc = store_payout_onboarding_get(c->store, id, c->arena, &o);
    if (rc != BZ_OK || !app_outbox_payload_str(job->payload, "base", base, sizeof(base))) {
        return job_fail(why, len, rc == BZ_OK ? BZ_EINTERNAL : rc, "no such onboarding request");
    }
    if (strcmp(o.status, PAYOUT_ONBOARDING_CREATING) != 0) {
        return BZ_OK; /* done before */
    }
    payout_account acct;
    if ((rc = account_of(c, o.seller_id, NULL, &acct)) != BZ_OK) {
        bool retry = rc == BZ_EUNAVAILABLE || rc == BZ_ETIMEOUT;
        if (!retry) {
            onboarding_done(c, o.id, NULL, "the payment provider refused to open an account");
        }
        return job_fail(why, len, rc, "the provider did not make the account");
    }
    char *back = bz_arena_printf(c->arena, "%s/studio/payouts?onboarding=done", base);
    char *again = bz_arena_printf(c->arena, "%s/studio/payouts?onboarding=again", base);
    payments_link link;
    if (!back || !again) {
        return job_fail(why, len, BZ_ENOMEM, "out of memory");
    }
    rc = pay->ops->account_link(pay, acct.account_id, again, back, &link);
    if (rc == BZ_EUNAVAILABLE || rc == BZ_ETIMEOUT) {
        return job_fail(why, len, rc, "the provider did not make the link");
    }
    rc = onboarding_done(c, o.id, rc == BZ_OK ? &link : NULL,
                         rc == BZ_OK ? NULL : "the payment provider refused the onboarding link");
    return rc == BZ_OK ? BZ_OK : job_fail(why, len, rc, "cannot record the link");
}

/* ---- the demo seller's test-mode account -------------------------------------------------- */

/* Letters, spaces and . ' - (a name), 1..63 bytes: safe in a payload as it is. */
static bool name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && n < 64 &&
           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .'-") == n;
}

/* +60 then 8 to 10 digits: a Malaysian number as E.164. */
static bool phone_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n >= 11 && n <= 13 && !strncmp(s, "+60", 3) && strspn(s + 3, "0123456789") == n - 3;
}

int app_payout_test_account(app_ctx *c, int64_t user_id, const char *first_name,
                            const char *last_name, const char *phone)
{
    int rc = need_payments(c);
    if (rc == BZ_OK) {
        rc = app_require_seller(c, user_id, "only sellers are paid out: become a seller first");
    }
    if (rc != BZ_OK) {
        return rc;
    }
    if (!name_ok(first_name) || !name_ok(last_name) || !phone_ok(phone)) {
        return app_fail(c, BZ_EVALIDATION, NULL, "a name of letters and a +60 phone number");
    }
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = keep_account_row(c, user_id);
    char key[96], *payload = bz_arena_printf(c->arena,
                                             "{\"seller_id\":\"%" PRId64 "\",\"first\":\"%s\","
                                             "\"last\":\"%s\",\"phone\":\"%s\","
                                             "\"accepted_at\":\"%" PRId64 "\"}",
                                             user_id, first_name, last_name, phone, c->now);
    /* a key per request: asked again after a refusal, it goes again (the account is the
     * seller's either way) */
    snprintf(key, sizeof(key), "%s:%" PRId64 ":%" PRId64, APP_PAYOUT_TEST_ACCOUNT, user_id, c->now);
    if (rc == BZ_OK) {
        rc = payload ? app_outbox_enqueue(c, APP_PAYOUT_TEST_ACCOUNT, key, payload) : BZ_ENOMEM;
    }
    return finish(c, rc);
}

/* The account as the provider has it now, applied as account.updated would be (the webhook
 * may have come before the account was ours, and been acknowledged unapplied). */
static int apply_account(app_ctx *c, const char *account_id)
{
    payments *pay = c->env->payments;
    payments_account now;
    int rc = pay->ops->account_get(pay, account_id, &now);
    if (rc != BZ_OK) {
        bz_warn("account %s: not read back (%s): its webhook will tell", account_id,
                bz_err_message(rc));
        return BZ_OK;
    }
    if ((rc = store_begin(c->store)) == BZ_OK) {
        rc = finish(c, app_payout_account_updated(c, &now));
    }
    return rc;
}

static int test_account_job(void *data, app_ctx *c, const app_outbox_job *job, char *why,
                            size_t len)
{
    (void)data;
    if (!c->env->payments) {
        return job_fail(why, len, BZ_EUNAVAILABLE, "payments are not configured");
    }
    int64_t seller_id = app_outbox_payload_id(job->payload, "seller_id");
    char first[64], last[64], phone[16];
    catalog_seller seller;
    int rc = store_seller_get(c->store, seller_id, c->arena, &seller);
    if (rc != BZ_OK || !app_outbox_payload_str(job->payload, "first", first, sizeof(first)) ||
        !app_outbox_payload_str(job->payload, "last", last, sizeof(last)) ||
        !app_outbox_payload_str(job->payload, "phone", phone, sizeof(phone))) {
        return job_fail(why, len, rc == BZ_OK ? BZ_EINTERNAL : rc, "no such seller");
    }
    payments_test_identity test = {
        .first_name = first,
        .last_name = last,
        .phone = phone,
        .address = seller.pickup,
        .what_they_sell =
            seller.description && seller.description[0] ? seller.description : seller.shop_name,
        /* the same on every attempt: the same request */
        .terms_accepted_at = app_outbox_payload_id(job->payload, "accepted_at"),
        .terms_ip = "127.0.0.1"};
    payout_account acct;
    if ((rc = account_of(c, seller_id, &test, &acct)) != BZ_OK) {
        return job_fail(why, len, rc, "the provider did not make the test account");
    }
    return apply_account(c, acct.account_id);
}

/* ---- the provider's reports ---------------------------------------------------------------- */

int app_payout_account_updated(app_ctx *c, const payments_account *in)
{
    payout_account acct;
    int rc = store_payout_account_by_ref(c->store, in->id, c->arena, &acct);
    if (rc == BZ_ENOTFOUND) {
        bz_info("account %s is none of ours: acknowledged", in->id);
        return BZ_OK;
    }
    bool was = acct.payouts_enabled;
    acct.details_submitted = in->details_submitted;
    acct.charges_enabled = in->charges_enabled;
    acct.payouts_enabled = in->payouts_enabled;
    acct.requirements_due = in->requirements_due;
    acct.updated_at = c->now;
    if (rc != BZ_OK || (rc = store_payout_account_put(c->store, &acct)) != BZ_OK || was ||
        !acct.payouts_enabled) {
        return rc;
    }
    /* payouts just enabled: what waited for them goes */
    payout_transfer *waiting = NULL;
    size_t n = 0;
    rc = store_transfers_in_state(c->store, acct.seller_id,
                                  payout_transfer_state_name(PAYOUT_TRANSFER_WAITING), 500,
                                  c->arena, &waiting, &n);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = app_payout_release(c, waiting[i].order_id);
    }
    return rc;
}

const app_outbox_handler app_payout_account_handlers[] = {
    {APP_PAYOUT_ONBOARD, onboard_job, NULL},
    {APP_PAYOUT_TEST_ACCOUNT, test_account_job, NULL},
};
const size_t app_payout_account_n_handlers =
    sizeof(app_payout_account_handlers) / sizeof(app_payout_account_handlers[0]);
