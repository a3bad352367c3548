/*
 * The outbox handlers that call the payment provider for checkouts (app/checkout.h): make a
 * payment's intent, cancel one, refund an order's part of a payment it could not pay.
 *
 * Each passes its row's idempotency key to the provider, so a worker killed after the
 * provider acted and before the outcome was written runs the row again and gets the same
 * intent, refund or cancellation back, never a second one (docs/outbox.md).
 */
#include "app/checkout.h"

#include "app/app_util.h"
#include "app/outbox.h"
#include "app/payment_events.h"
#include "app/payment_flow.h"
#include "app/refunds.h"
#include "app/room_events.h"
#include "base/err.h"
#include "base/log.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define job_fail pay_flow_job_fail

/* `step` for payment `id` in a transaction of its own. */
static int in_tx(app_ctx *c, int (*step)(app_ctx *, int64_t, const payments_intent *, bool),
                 int64_t id, const payments_intent *in, bool flag)
{
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return rc;
    }
    app_evbuf none;
    ev_init(&none, 0);
    return ev_commit(c, &none, step(c, id, in, flag));
}

static int opened(app_ctx *c, int64_t id, const payments_intent *in, bool unused)
{
    (void)unused;
    return pay_flow_opened(c, id, in);
}

static int succeeded(app_ctx *c, int64_t id, const payments_intent *in, bool unused)
{
    (void)unused;
    return pay_flow_succeeded(c, id, in);
}

static bool card_failure(int rc)
{
    return rc == BZ_ECARDDECLINED || rc == BZ_EAUTHREQUIRED || rc == BZ_EPAYMENTFAILED;
}

/* The intent's request for payment *p: on-session, the methods it offers; off-session, its
 * saved card on the buyer's customer. */
static int intent_req(app_ctx *c, const payment_record *p, payments_intent_req *req)
{
    *req = (payments_intent_req){
        .amount = p->sums.total,
        .currency = "myr",
        .customer = "",
        .methods = (unsigned)p->methods,
        .transfer_group = bz_arena_printf(c->arena, "payment-%" PRId64, p->id),
        .payment_id = p->id,
        .description = bz_arena_printf(c->arena, "Blytz payment %" PRId64, p->id),
    };
    if (!p->off_session) {
        return BZ_OK;
    }
    payment_card card;
    int rc = store_customer_get(c->store, p->buyer_id, c->arena, &req->customer);
    if (rc == BZ_OK) {
        rc = store_card_get(c->store, p->buyer_id, p->card_id, c->arena, &card);
    }
    req->payment_method = rc == BZ_OK ? card.method_id : NULL;
    return rc;
}

/* An off-session payment whose card or customer is gone (forgotten meanwhile): failed, so
 * that the buyer pays on-session. */
static int card_gone(app_ctx *c, const payment_record *p)
{
    payments_intent none = {0};
    snprintf(none.failure_code, sizeof(none.failure_code), "card_removed");
    return in_tx(c, pay_flow_failed, p->id, &none, true);
}

static int create_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payment_record p;
    int rc = pay_flow_job_payment(c, job, why, len, &p);
    if (rc != BZ_OK) {
        return rc;
    }
    payment_state s = payment_state_parse(p.status);
    /* A payment cancelled before its first attempt never had an intent; after a failed
     * attempt one may exist: asking again with the same key finds it, so it is cancelled. */
    if (s != PAYMENT_CREATING && !(s == PAYMENT_CANCELED && job->attempts > 1)) {
        return BZ_OK;
    }
    payments_intent_req req;
    payments_intent in;
    if ((rc = intent_req(c, &p, &req)) == BZ_ENOTFOUND) {
        return card_gone(c, &p);
    }
    if (rc != BZ_OK) {
        return job_fail(why, len, rc, "cannot read the payment's card");
    }
    payments *pay = c->env->payments;
    rc = pay->ops->intent_create(pay, &req, job->idempotency_key, &in);
    if (card_failure(rc)) {
        return in_tx(c, pay_flow_failed, p.id, &in, true);
    }
    if (rc != BZ_OK) {
        return job_fail(why, len, rc, "the provider did not make the intent");
    }
    return in_tx(c, in.status == PAYMENTS_INTENT_SUCCEEDED ? succeeded : opened, p.id, &in, false);
}

static int cancel_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payment_record p;
    int rc = pay_flow_job_payment(c, job, why, len, &p);
    if (rc != BZ_OK || !p.intent_id || !p.intent_id[0]) {
        return rc; /* none made: the create job cancels what it makes after this */
    }
    payments *pay = c->env->payments;
    rc = pay->ops->intent_cancel(pay, p.intent_id, job->idempotency_key);
    if (rc == BZ_ECONFLICT) {
        /* It succeeded first: the success (webhook) refunds what no order can take. */
        bz_info("payment %" PRId64 ": its intent succeeded before it could be cancelled", p.id);
        return BZ_OK;
    }
    return rc == BZ_OK ? BZ_OK : job_fail(why, len, rc, "the provider did not cancel the intent");
}

static int refund_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payments *pay = c->env->payments;
    int64_t order_id = app_outbox_payload_id(job->payload, "order_id");
    payment_record p;
    payment_part *parts = NULL;
    size_t n = 0;
    int rc = pay_flow_job_payment(c, job, why, len, &p);
    if (rc == BZ_OK) {
        rc = store_payment_parts(c->store, p.id, c->arena, &parts, &n);
    }
    if (rc != BZ_OK || !p.intent_id || !p.intent_id[0]) {
        return job_fail(why, len, rc == BZ_OK ? BZ_EINTERNAL : rc, "no such paid payment");
    }
    for (size_t i = 0; i < n; i++) {
        if (parts[i].order_id != order_id) {
            continue;
        }
        payments_refund_req req = {.intent = p.intent_id,
                                   .amount = parts[i].sums.total,
                                   .reason = PAYMENTS_REFUND_DUPLICATE};
        payments_refund out;
        rc = pay->ops->refund_create(pay, &req, job->idempotency_key, &out);
        return rc == BZ_OK ? BZ_OK : job_fail(why, len, rc, "the provider did not refund");
    }
    return job_fail(why, len, BZ_EINTERNAL, "the order is not in the payment");
}

static int charge_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    if (!c->env->payments) {
        return job_fail(why, len, BZ_EUNAVAILABLE, "payments are not configured");
    }
    int rc = app_checkout_charge(c, app_outbox_payload_id(job->payload, "order_id"));
    return rc == BZ_OK ? BZ_OK : job_fail(why, len, rc, c->err.message);
}

const app_outbox_handler app_payment_handlers[] = {
    {APP_ORDER_CHARGE, charge_job, NULL},           {APP_PAYMENT_CREATE, create_job, NULL},
    {APP_PAYMENT_CANCEL, cancel_job, NULL},         {APP_PAYMENT_REFUND, refund_job, NULL},
    {APP_PAYMENT_SYNC, app_payment_sync_job, NULL}, {APP_REFUND_CREATE, app_refund_job, NULL},
};
const size_t app_payment_n_handlers =
    sizeof(app_payment_handlers) / sizeof(app_payment_handlers[0]);
