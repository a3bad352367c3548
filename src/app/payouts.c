/*
 * Paying sellers: connected accounts, completion, transfers and payouts (app/payouts.h).
 *
 * Lock order as checkout's (docs/payments.md "Checkout"): an order, then its transfer.
 */
#include "app/payouts.h"

#include "app/app_util.h"
#include "app/payment_flow.h"
#include "app/room_events.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define job_fail      pay_flow_job_fail
#define finish        pay_flow_finish
#define need_payments pay_flow_need_payments

static int enqueue_transfer(app_ctx *c, int64_t order_id)
{
    char key[96], payload[64];
    /* a transfer may wait and go again (a dispute, payouts turned off): a key per time; the
     * provider's key is the order's, so that jobs of one order send one transfer */
    snprintf(key, sizeof(key), "%s:order:%" PRId64 ":%" PRId64, APP_TRANSFER_CREATE, order_id,
             c->now);
    snprintf(payload, sizeof(payload), "{\"order_id\":\"%" PRId64 "\"}", order_id);
    return app_outbox_enqueue(c, APP_TRANSFER_CREATE, key, payload);
}

/* ---- the page ------------------------------------------------------------------------------ */

int app_payouts_get(app_ctx *c, int64_t user_id, app_payouts_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = app_require_seller(c, user_id, "only sellers are paid out");
    if (rc != BZ_OK) {
        return rc;
    }
    payout_account *acct = bz_arena_alloc(c->arena, sizeof(*acct));
    payout_earning *e = NULL;
    size_t n = 0;
    int64_t paid_out = 0;
    if (!acct) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    /* Read without a transaction (on SQLite one would take the write lock for a page): the
     * sums add up whatever moves meanwhile, since earned is pending + transferred by
     * construction; a transfer sent between the reads shows in the list a moment early. */
    rc = store_payout_account_get(c->store, user_id, c->arena, acct);
    out->account = rc == BZ_OK ? acct : NULL;
    if (rc == BZ_ENOTFOUND) {
        rc = BZ_OK;
    }
    if (rc == BZ_OK) {
        rc = store_seller_earnings(c->store, user_id, c->arena, &e, &n);
    }
    if (rc == BZ_OK) {
        rc = store_transfers_of(c->store, user_id, APP_PAYOUTS_LIST_MAX, c->arena, &out->transfers,
                                &out->n_transfers);
    }
    if (rc == BZ_OK) {
        rc = store_payouts_of(c->store, user_id, APP_PAYOUTS_LIST_MAX, c->arena, &out->payouts,
                              &out->n_payouts, &paid_out);
    }
    checkout_payouts_init(&out->sums);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        order_facts f = {
            .state = order_state_parse(e[i].status), .paid = e[i].paid, .refunded = e[i].refunded};
        rc = payout_sums_add(&out->sums, &f, e[i].share, e[i].sent);
    }
    if (rc == BZ_OK) {
        rc = checkout_payouts_finish(&out->sums, paid_out);
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_EINTERNAL);
}

/* ---- delivery and completion --------------------------------------------------------------- */

int app_order_received(app_ctx *c, int64_t user_id, int64_t order_id, order_record *out)
{
    order_step step;
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = store_order_get(c->store, order_id, true, c->arena, out);
    if (rc == BZ_OK && out->buyer_id != user_id) {
        store_rollback(c->store);
        return out->seller_id == user_id ? app_fail(c, BZ_EONLYBUYER, NULL, NULL)
                                         : app_fail(c, BZ_ENOTFOUND, NULL, NULL);
    }
    if (rc != BZ_OK) {
        store_rollback(c->store);
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if ((rc = pay_flow_step(c, out, ORDER_EV_DELIVERED, 0, &step)) != BZ_OK && step.code != BZ_OK) {
        store_rollback(c->store);
        return app_fail(c, step.code, NULL, "%s", step.reason);
    }
    if (rc == BZ_OK) {
        rc = pay_flow_log(c, out->id, ORDER_LOG_DELIVERED, 0, "the buyer received it");
    }
    rc = finish(c, rc);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

/* Inside the transaction: order `id`, locked, completed if its window is over. */
static int complete_one(app_ctx *c, int64_t id, bool *done)
{
    order_record o;
    order_step step = {.code = BZ_OK}; /* read when the order cannot be read */
    *done = false;
    int rc = store_order_get(c->store, id, true, c->arena, &o);
    if (rc == BZ_OK) {
        rc = pay_flow_step(c, &o, ORDER_EV_PROTECTION_OVER, 0, &step);
    }
    if (rc != BZ_OK) {
        return step.code != BZ_OK ? BZ_OK : rc; /* reported, disputed or refunded meanwhile */
    }
    rc = pay_flow_log(c, o.id, ORDER_LOG_COMPLETED, 0, "the buyer-protection window passed");
    if (rc == BZ_OK && step.transfer_share) {
        rc = app_payout_order_completed(c, &o);
    }
    *done = rc == BZ_OK;
    return rc;
}

int app_orders_complete(app_ctx *c, int limit)
{
    int64_t *due = NULL;
    size_t n = 0;
    int rc = store_orders_to_complete(c->store, c->now - c->env->cfg.pay.protection_ms, limit,
                                      c->arena, &due, &n);
    int completed = 0;
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        bool done = false;
        if ((rc = store_begin(c->store)) != BZ_OK) {
            break;
        }
        if ((rc = finish(c, complete_one(c, due[i], &done))) == BZ_OK && done) {
            bz_info("order %" PRId64 ": protection window over: completed", due[i]);
            completed++;
        }
    }
    return rc == BZ_OK ? completed : rc;
}

/* ---- transfers ------------------------------------------------------------------------------ */

/* Whether seller `seller_id`'s payouts are enabled now. */
static int payouts_enabled(app_ctx *c, int64_t seller_id, bool *on, payout_account *acct)
{
    int rc = store_payout_account_get(c->store, seller_id, c->arena, acct);
    *on = rc == BZ_OK && acct->payouts_enabled && acct->account_id && acct->account_id[0];
    return rc == BZ_ENOTFOUND ? BZ_OK : rc;
}

/* Where transfer *t of order *o stands now (domain/payout.h), written when it changed; a
 * transfer that becomes pending gets its job. */
static int redecide(app_ctx *c, const order_record *o, payout_transfer *t)
{
    order_facts f;
    payout_account acct;
    payout_transfer_state next;
    int64_t amount;
    bool on = false;
    int rc = payouts_enabled(c, o->seller_id, &on, &acct);
    order_facts_of(o, c->env->cfg.pay.protection_ms, &f);
    if (rc == BZ_OK) {
        rc = payout_transfer_decide(&f, o->share, on, &next, &amount);
    }
    if (rc != BZ_OK || strcmp(t->status, payout_transfer_state_name(next)) == 0) {
        return rc;
    }
    t->status = payout_transfer_state_name(next);
    t->updated_at = c->now;
    if ((rc = store_transfer_save(c->store, t)) == BZ_OK && next == PAYOUT_TRANSFER_PENDING) {
        rc = enqueue_transfer(c, o->id);
    }
    return rc;
}

int app_payout_order_completed(app_ctx *c, const order_record *o)
{
    payout_transfer t = {.order_id = o->id,
                         .seller_id = o->seller_id,
                         .status = payout_transfer_state_name(PAYOUT_TRANSFER_WAITING),
                         .created_at = c->now,
                         .updated_at = c->now};
    int rc = store_transfer_create(c->store, &t);
    if (rc == BZ_ECONFLICT) { /* made before: a dispute opened after completion, now won */
        return app_payout_release(c, o->id);
    }
    return rc == BZ_OK ? redecide(c, o, &t) : rc;
}

int app_payout_release(app_ctx *c, int64_t order_id)
{
    payout_transfer t;
    order_record o;
    int rc = store_order_get(c->store, order_id, true, c->arena, &o);
    if (rc == BZ_OK) {
        rc = store_transfer_get(c->store, order_id, true, c->arena, &t);
    }
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc != BZ_OK || payout_transfer_state_parse(t.status) != PAYOUT_TRANSFER_WAITING) {
        return rc;
    }
    return redecide(c, &o, &t);
}

/* The order and its transfer, locked, in a transaction the caller ends with finish() (when
 * it could not begin, a failed rollback of nothing does no harm). */
static int lock_transfer(app_ctx *c, int64_t order_id, order_record *o, payout_transfer *t)
{
    int rc = store_begin(c->store);
    if (rc == BZ_OK) {
        rc = store_order_get(c->store, order_id, true, c->arena, o);
    }
    if (rc == BZ_OK) {
        rc = store_transfer_get(c->store, order_id, true, c->arena, t);
    }
    return rc;
}

/* Inside lock_transfer's transaction: what pending transfer *t sends now, into *req; false
 * (with the row written as it stands now) when it is not to be sent (any more). */
static int prepare_send(app_ctx *c, const order_record *o, payout_transfer *t,
                        payments_transfer_req *req, bool *send)
{
    *send = false;
    int rc = redecide(c, o, t);
    if (rc != BZ_OK || payout_transfer_state_parse(t->status) != PAYOUT_TRANSFER_PENDING) {
        return rc;
    }
    order_facts f;
    payout_transfer_state st;
    int64_t left;
    order_facts_of(o, c->env->cfg.pay.protection_ms, &f);
    if ((rc = payout_transfer_decide(&f, o->share, true, &st, &left)) != BZ_OK) {
        return rc;
    }
    if (t->amount == 0) { /* decided once: a retry sends the same request */
        t->amount = left;
        t->updated_at = c->now;
        rc = store_transfer_save(c->store, t);
    }
    payout_account acct;
    payment_record p;
    if (rc == BZ_OK) {
        rc = store_payout_account_get(c->store, o->seller_id, c->arena, &acct);
    }
    if (rc == BZ_OK) {
        rc = store_payment_get(c->store, o->payment_id, false, c->arena, &p);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    *req = (payments_transfer_req){
        .amount = t->amount,
        .currency = "myr",
        .destination = acct.account_id,
        .transfer_group = bz_arena_printf(c->arena, "order_%" PRId64, o->id),
        .source_charge = p.charge_id && p.charge_id[0] ? p.charge_id : NULL,
        .order_id = o->id,
    };
    *send = true;
    return BZ_OK;
}

/* Inside the transaction that recorded sent transfer *t of order *o: a refund that came after
 * its amount was fixed (its own transfer.reverse found nothing sent and did nothing) is
 * reversed now. */
static int reverse_refunded(app_ctx *c, const order_record *o, const payout_transfer *t)
{
    order_facts f;
    int64_t left = 0, owed = 0;
    order_facts_of(o, c->env->cfg.pay.protection_ms, &f);
    if (checkout_share_left(f.paid, o->share, f.refunded, &left) != BZ_OK ||
        payout_reversal_due(t, left, INT64_MAX, &owed) != BZ_OK) {
        return BZ_EINTERNAL;
    }
    if (owed == 0) {
        return BZ_OK;
    }
    char key[96], payload[96];
    snprintf(key, sizeof(key), "%s:order:%" PRId64 ":sent", APP_TRANSFER_REVERSE, o->id);
    snprintf(payload, sizeof(payload), "{\"order_id\":%" PRId64 ",\"amount\":%" PRId64 "}", o->id,
             owed);
    return app_outbox_enqueue(c, APP_TRANSFER_REVERSE, key, payload);
}

static int create_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payments *pay = c->env->payments;
    if (!pay) {
        return job_fail(why, len, BZ_EUNAVAILABLE, "payments are not configured");
    }
    int64_t order_id = app_outbox_payload_num(job->payload, "order_id");
    order_record o;
    payout_transfer t;
    payments_transfer_req req;
    bool send = false;
    int rc = lock_transfer(c, order_id, &o, &t);
    if (rc == BZ_OK && payout_transfer_state_parse(t.status) != PAYOUT_TRANSFER_PENDING) {
        return finish(c, BZ_OK); /* sent, or waiting for another job */
    }
    if (rc == BZ_OK) {
        rc = prepare_send(c, &o, &t, &req, &send);
    }
    if ((rc = finish(c, rc)) != BZ_OK || !send) {
        return rc == BZ_OK ? BZ_OK : job_fail(why, len, rc, "cannot read the transfer");
    }
    payments_transfer out;
    char key[64];
    snprintf(key, sizeof(key), "blytz-transfer-order-%" PRId64, order_id);
    if ((rc = pay->ops->transfer_create(pay, &req, key, &out)) != BZ_OK) {
        return job_fail(why, len, rc, "the provider did not make the transfer");
    }
    if ((rc = lock_transfer(c, order_id, &o, &t)) == BZ_OK) {
        t.status = payout_transfer_state_name(PAYOUT_TRANSFER_SENT);
        t.transfer_id = out.id;
        t.amount = out.amount;
        t.updated_at = c->now;
        rc = store_transfer_save(c->store, &t);
    }
    if (rc == BZ_OK) {
        rc = reverse_refunded(c, &o, &t);
    }
    if ((rc = finish(c, rc)) == BZ_OK) {
        bz_info("order %" PRId64 ": %" PRId64 " sen sent to the seller (%s)", order_id, out.amount,
                out.id);
    }
    return rc == BZ_OK ? BZ_OK : job_fail(why, len, rc, "cannot record the transfer");
}

static int reverse_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payments *pay = c->env->payments;
    if (!pay) {
        return job_fail(why, len, BZ_EUNAVAILABLE, "payments are not configured");
    }
    int64_t order_id = app_outbox_payload_num(job->payload, "order_id");
    int64_t cap = app_outbox_payload_num(job->payload, "amount");
    order_record o;
    payout_transfer t;
    int rc = lock_transfer(c, order_id, &o, &t);
    payout_transfer_state st =
        rc == BZ_OK ? payout_transfer_state_parse(t.status) : PAYOUT_TRANSFER_NONE;
    finish(c, rc == BZ_OK ? BZ_OK : rc); /* read only */
    if (rc == BZ_ENOTFOUND ||
        (rc == BZ_OK && st != PAYOUT_TRANSFER_SENT && st != PAYOUT_TRANSFER_PENDING)) {
        return BZ_OK; /* nothing sent: what is sent later is the share left after the refund */
    }
    if (rc != BZ_OK || cap <= 0) {
        return job_fail(why, len, rc == BZ_OK ? BZ_EINTERNAL : rc, "no such order or amount");
    }
    if (st == PAYOUT_TRANSFER_PENDING) { /* on its way: reverse once it is sent */
        return job_fail(why, len, BZ_EUNAVAILABLE, "the transfer is not sent yet");
    }
    int64_t left = 0, amount = 0;
    order_facts f;
    order_facts_of(&o, c->env->cfg.pay.protection_ms, &f);
    if ((rc = checkout_share_left(f.paid, o.share, f.refunded, &left)) != BZ_OK ||
        (rc = payout_reversal_due(&t, left, cap, &amount)) != BZ_OK) {
        return job_fail(why, len, rc, "inconsistent sums");
    }
    if (amount == 0) {
        return BZ_OK; /* reversed already */
    }
    /* The key is the transfer's state, not the job's: two jobs that saw the same state send
     * one reversal; one that saw another amount is refused by the provider and runs again
     * once the first is recorded. */
    payments_transfer out;
    char key[96];
    snprintf(key, sizeof(key), "blytz-reverse-order-%" PRId64 "-from-%" PRId64, order_id,
             t.reversed);
    rc = pay->ops->transfer_reverse(pay, t.transfer_id, amount, order_id, key, &out);
    if (rc == BZ_ESTRIPEIDEMPOTENCY) {
        return job_fail(why, len, BZ_EUNAVAILABLE, "another reversal of this transfer ran first");
    }
    if (rc != BZ_OK) {
        return job_fail(why, len, rc, "the provider did not reverse the transfer");
    }
    if ((rc = lock_transfer(c, order_id, &o, &t)) == BZ_OK) {
        t.reversed += out.amount;
        t.updated_at = c->now;
        rc = t.reversed <= t.amount ? store_transfer_save(c->store, &t) : BZ_EINTERNAL;
    }
    rc = finish(c, rc);
    return rc == BZ_OK ? BZ_OK : job_fail(why, len, rc, "cannot record the reversal");
}

/* ---- the provider's reports ---------------------------------------------------------------- */

int app_payout_paid(app_ctx *c, const payments_event *ev)
{
    payout_account acct;
    int rc = ev->account[0] ? store_payout_account_by_ref(c->store, ev->account, c->arena, &acct)
                            : BZ_ENOTFOUND;
    if (rc == BZ_ENOTFOUND) {
        bz_info("payout %s: not on an account of ours: acknowledged", ev->object_id);
        return BZ_OK;
    }
    seller_payout p = {.id = bz_id_new(c->now),
                       .seller_id = acct.seller_id,
                       .payout_id = ev->object_id,
                       .amount = ev->amount,
                       .paid_at = ev->created ? ev->created : c->now,
                       .created_at = c->now};
    if (rc == BZ_OK && (rc = store_payout_add(c->store, &p)) == BZ_ECONFLICT) {
        rc = BZ_OK; /* the same payout reported again under another event */
    }
    return rc;
}

const app_outbox_handler app_payout_handlers[] = {
    {APP_TRANSFER_CREATE, create_job, NULL},
    {APP_TRANSFER_REVERSE, reverse_job, NULL},
};
const size_t app_payout_n_handlers = sizeof(app_payout_handlers) / sizeof(app_payout_handlers[0]);
