/*
 * integrations/stripe/stripe_payments_internal.h - what the files of the Stripe
 * payments adapter share: the adapter's struct, a parameter list that keeps its
 * first failure, and one call that reads its answer (stripe_call.c).
 * stripe_payments.c holds the port's table and the buyers' operations,
 * stripe_charges.c intents and refunds, stripe_sellers.c transfers, connected
 * accounts and subscriptions; the last two call stripe_call.c only (no cycle between
 * files: stripe_payments.c's table names their operations, nothing names it back).
 */
#ifndef INTEGRATIONS_STRIPE_STRIPE_PAYMENTS_INTERNAL_H
#define INTEGRATIONS_STRIPE_STRIPE_PAYMENTS_INTERNAL_H

#include "integrations/stripe/stripe_payments.h"

#include <jansson.h>

#include <stdbool.h>
#include <stdint.h>

typedef struct stripe_payments {
    payments base;
    stripe_client *client;
    char secrets[STRIPE_WEBHOOK_SECRETS_MAX][STRIPE_WEBHOOK_SECRET_MAX];
    const char *secret_list[STRIPE_WEBHOOK_SECRETS_MAX]; /* points into secrets */
    size_t n_secrets;
    bool test_mode; /* the secret key is a test-mode one (sk_test_, rk_test_) */
} stripe_payments;

static inline const stripe_payments *sp_of(const payments *p)
{
    return (const stripe_payments *)p;
}

/* Parameters being built: every add after a failure does nothing, and the call returns it. */
typedef struct sp_params {
    stripe_form *form;
    int rc;
} sp_params;

void sp_params_init(sp_params *p);
void sp_params_free(sp_params *p);
/* An optional parameter: NULL or "" adds nothing (Stripe would read "" as "unset it"). */
void sp_add(sp_params *p, const char *key, const char *value);
/* A required one: NULL or "" makes the call BZ_EVALIDATION, before any request. */
void sp_need(sp_params *p, const char *key, const char *value);
void sp_add_i64(sp_params *p, const char *key, int64_t value);
void sp_add_bool(sp_params *p, const char *key, bool value);

/* Whether `id` may go into a path: [A-Za-z0-9_], 1..PAYMENTS_ID_MAX-1 bytes. */
bool sp_id_ok(const char *id);

/* `method` ("GET", "POST", "DELETE") to the path made of `prefix`, then `id` and `suffix`
 * when not NULL ("/v1/payment_intents", "pi_1", "/cancel"), with `params` (may be NULL) and
 * `key` (POST). BZ_OK with *out the answer (the caller json_decrefs it), or stripe_request's
 * code (and `err`, which may be NULL, says what Stripe said). */
int sp_call(const stripe_payments *sp, const char *method, const char *prefix, const char *id,
            const char *suffix, sp_params *params, const char *key, json_t **out,
            stripe_error *err);

/* Whether `rc` is the buyer's method failing (BZ_ECARDDECLINED, BZ_EAUTHREQUIRED,
 * BZ_EPAYMENTFAILED). */
bool sp_card_failure(int rc);
/* `rc` of a call that charged a card, with a decline whose decline_code is
 * authentication_required made BZ_EAUTHREQUIRED: the fix is the same (the buyer authenticates
 * on-session) whichever code the bank chose. */
int sp_card_rc(int rc, const stripe_error *err);

/* The end of a call that answered `rc` and `ans`: `ans` is released, and BZ_OK becomes
 * BZ_EUNAVAILABLE (logged) when `read` is false, the answer not read as `what` ("a refund").
 * Callers pass `rc != BZ_OK || stripe_read_...(ans, out)`. */
int sp_answer(int rc, json_t *ans, bool read, const char *what);

/* ---- the operations, by file --------------------------------------------------------------- */

int sp_intent_create(payments *p, const payments_intent_req *req, const char *key,
                     payments_intent *out);
int sp_intent_get(payments *p, const char *id, payments_intent *out);
int sp_intent_cancel(payments *p, const char *id, const char *key);
int sp_refund_create(payments *p, const payments_refund_req *req, const char *key,
                     payments_refund *out);

int sp_transfer_create(payments *p, const payments_transfer_req *req, const char *key,
                       payments_transfer *out);
int sp_transfer_reverse(payments *p, const char *transfer, int64_t amount, int64_t order_id,
                        const char *key, payments_transfer *out);
int sp_account_create(payments *p, const payments_account_req *req, const char *key,
                      char out_id[PAYMENTS_ID_MAX]);
int sp_account_link(payments *p, const char *account, const char *refresh_url,
                    const char *return_url, payments_link *out);
int sp_account_get(payments *p, const char *id, payments_account *out);
int sp_sub_create(payments *p, const payments_sub_req *req, const char *key,
                  payments_subscription *out);
int sp_sub_cancel(payments *p, const char *id, bool at_period_end, const char *key,
                  payments_subscription *out);

#endif
