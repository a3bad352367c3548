/*
 * Refunds a seller asks for, and the outbox handler that asks the provider (app/refunds.h).
 */
#include "app/refunds.h"

#include "app/app_util.h"
#include "app/payment_flow.h"
#include "app/payouts.h"
#include "app/room_events.h"
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"
#include "domain/checkout.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* ---- writing what order_decide answered ------------------------------------------------------ */

/* The seller's share of `amount` now refunded of order *o (facts before the refund) goes back
 * from their account: the payouts' handler reverses it. */
static int reverse_share(app_ctx *c, const order_record *o, int64_t amount)
{
    int64_t rev = 0;
    int rc = checkout_reversal(o->paid, o->share, o->refunded, amount, &rev);
    if (rc != BZ_OK || rev == 0) {
        return rc;
    }
    char key[128], payload[96];
    snprintf(key, sizeof(key), "%s:order:%" PRId64 ":refunded:%" PRId64, APP_TRANSFER_REVERSE,
             o->id, o->refunded + amount);
    snprintf(payload, sizeof(payload), "{\"order_id\":\"%" PRId64 "\",\"amount\":\"%" PRId64 "\"}",
             o->id, rev);
    return app_outbox_enqueue(c, APP_TRANSFER_REVERSE, key, payload);
}

int refund_flow_write(app_ctx *c, order_record *o, const order_step *step, const char *log_kind,
                      int64_t log_amount, const char *detail)
{
    int rc = step->reverse_transfer ? reverse_share(c, o, step->refund) : BZ_OK;
    order_record_set_facts(o, &step->next);
    o->updated_at = c->now;
    if (rc == BZ_OK) {
        rc = store_order_save(c->store, o);
    }
    /* Completed by a won dispute: its transfer (made, or waiting since the dispute opened after
     * completion) goes now. Otherwise a transfer held by a dispute is looked at again: a refund
     * or a lost dispute may leave nothing to send (void), a closed one lets it go. */
    if (rc == BZ_OK) {
        rc = step->transfer_share ? app_payout_order_completed(c, o) : app_payout_release(c, o->id);
    }
    if (rc == BZ_OK && step->restock) {
        rc = store_product_put_back(c->store, o->product_id, c->now);
    }
    return rc == BZ_OK ? pay_flow_log(c, o->id, log_kind, log_amount, detail) : rc;
}

/* ---- a seller (or an admin) refunds ---------------------------------------------------------- */

static int ask(app_ctx *c, int64_t actor, int64_t order_id, int64_t amount, refund_reason reason,
               const char *note, refund_record *out)
{
    order_record o;
    int rc = store_order_get(c->store, order_id, true, c->arena, &o);
    bool admin = rc == BZ_OK && o.seller_id != actor && app_is_admin(c, actor);
    if (rc == BZ_OK && o.seller_id != actor && !admin) {
        rc = BZ_ENOTFOUND;
    }
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    order_facts f;
    order_step step;
    order_facts_of(&o, c->env->cfg.pay.protection_ms, &f);
    order_event ev = amount > 0 ? ORDER_EV_REFUND_PARTIAL : ORDER_EV_REFUND_FULL;
    if ((rc = order_decide(&f, ev, amount, c->now, &step)) != BZ_OK) {
        return app_fail(c, rc, rc == BZ_EVALIDATION ? "amount" : NULL, "%s", step.reason);
    }
    if (BZ_NEVER(o.payment_id == 0 || step.refund <= 0)) {
        return app_fail(c, BZ_EINTERNAL, NULL, "order %" PRId64 ": paid without a payment", o.id);
    }
    *out = (refund_record){.order_id = o.id,
                           .payment_id = o.payment_id,
                           .amount = step.refund,
                           .reason = refund_reason_name(reason),
                           .note = note,
                           .asked_by = actor,
                           .role = admin ? "admin" : "seller",
                           .order_state = o.status};
    rc = refund_flow_write(c, &o, &step, ORDER_LOG_REFUNDED, step.refund, out->reason);
    if (rc == BZ_OK) {
        rc = refund_flow_record(c, out, REFUND_CREATING);
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_EINTERNAL);
}

int app_refund_ask(app_ctx *c, int64_t actor, int64_t order_id, int64_t amount, const char *reason,
                   const char *note, refund_record *out)
{
    if (!c->env->payments) {
        return app_fail(c, BZ_EUNAVAILABLE, NULL, "payments are not configured on this server");
    }
    field_error fe;
    int rc = refund_check_ask(amount, reason, note, &fe);
    if (rc != BZ_OK) {
        return app_fail(c, rc, fe.field, "%s", fe.reason);
    }
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    app_evbuf none;
    ev_init(&none, 0);
    return ev_commit(c, &none,
                     ask(c, actor, order_id, amount, refund_reason_askable(reason), note, out));
}

int app_refunds_of(app_ctx *c, int64_t actor, int64_t order_id, order_record *o,
                   refund_record **out, size_t *n, bool *may_refund)
{
    *out = NULL;
    *n = 0;
    int rc = store_order_get(c->store, order_id, false, c->arena, o);
    bool seller = rc == BZ_OK && actor == o->seller_id;
    *may_refund = seller || (rc == BZ_OK && actor != o->buyer_id && app_is_admin(c, actor));
    if (rc == BZ_OK && !*may_refund && actor != o->buyer_id) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        rc = store_refunds_of(c->store, order_id, 0, c->arena, out, n);
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

/* ---- the provider's answer ------------------------------------------------------------------ */

/* The lot a failed full refund had put back is the buyer's again. Sold meanwhile (or the
 * product deleted), there is none to take: the seller hears of it on the order's timeline and
 * settles it with the buyer (refund again, or find another). */
static int unstock(app_ctx *c, const order_record *o)
{
    int rc = store_product_take_one(c->store, o->product_id, c->now);
    if (rc == BZ_EOUTOFSTOCK || rc == BZ_ENOTFOUND) {
        bz_warn("order %" PRId64 ": its lot was sold again after the refund that failed", o->id);
        return pay_flow_log(c, o->id, "restock_lost", 0, "the lot was sold again");
    }
    return rc;
}

int refund_flow_settle(app_ctx *c, int64_t id, refund_status reported, const char *provider_id)
{
    refund_record r;
    order_record o;
    int rc = store_refund_get(c->store, id, c->arena, &r);
    if (rc == BZ_OK) { /* the order's lock first, then the row read again under it */
        rc = store_order_get(c->store, r.order_id, true, c->arena, &o);
    }
    if (rc == BZ_OK) {
        rc = store_refund_get(c->store, id, c->arena, &r);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    refund_status now = refund_status_parse(r.status);
    refund_status to = refund_next_status(now, reported);
    if (to == REFUND_FAILED && now != REFUND_FAILED && strcmp(r.role, "system") != 0) {
        order_facts f, back;
        order_state before = order_state_parse(r.order_state);
        order_facts_of(&o, c->env->cfg.pay.protection_ms, &f);
        if ((rc = refund_give_back(&f, r.amount, before, &back)) == BZ_OK) {
            order_record_set_facts(&o, &back);
            o.updated_at = c->now;
            rc = store_order_save(c->store, &o);
        }
        if (rc == BZ_OK) {
            rc = pay_flow_log(c, o.id, "refund_failed", r.amount, r.reason);
        }
        if (rc == BZ_OK && refund_give_back_unstocks(&f, before)) {
            rc = unstock(c, &o);
        }
    }
    r.status = refund_status_name(to);
    r.provider_id = provider_id;
    r.updated_at = c->now;
    return rc == BZ_OK ? store_refund_save(c->store, &r) : rc;
}

static int settle_tx(app_ctx *c, int64_t id, refund_status to, const char *provider_id)
{
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return rc;
    }
    app_evbuf none;
    ev_init(&none, 0);
    return ev_commit(c, &none, refund_flow_settle(c, id, to, provider_id));
}

int app_refund_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payments *pay = c->env->payments;
    if (!pay) {
        return pay_flow_job_fail(why, len, BZ_EUNAVAILABLE, "payments are not configured");
    }
    refund_record r;
    payment_record p;
    int rc =
        store_refund_get(c->store, app_outbox_payload_id(job->payload, "refund_id"), c->arena, &r);
    if (rc == BZ_OK) {
        rc = store_payment_get(c->store, r.payment_id, false, c->arena, &p);
    }
    if (rc != BZ_OK || !p.intent_id || !p.intent_id[0]) {
        return pay_flow_job_fail(why, len, rc == BZ_OK ? BZ_EINTERNAL : rc, "no such refund");
    }
    if (refund_status_parse(r.status) != REFUND_CREATING) {
        return BZ_OK; /* the provider answered before */
    }
    bool dup = strcmp(r.role, "system") == 0;
    payments_refund_req req = {.intent = p.intent_id,
                               .amount = r.amount,
                               .reason =
                                   dup ? PAYMENTS_REFUND_DUPLICATE : PAYMENTS_REFUND_REQUESTED,
                               .refund_id = r.id};
    payments_refund out;
    rc = pay->ops->refund_create(pay, &req, job->idempotency_key, &out);
    if (rc == BZ_ESTRIPEREFUSED) {
        /* more than the charge has left (refunded at the provider meanwhile), or refused */
        bz_warn("refund %" PRId64 ": the provider refused it: given back to its order", r.id);
        return settle_tx(c, r.id, REFUND_FAILED, "");
    }
    if (rc != BZ_OK) {
        return pay_flow_job_fail(why, len, rc, "the provider did not refund");
    }
    return settle_tx(c, r.id, refund_status_of_provider(out.status), out.id);
}
