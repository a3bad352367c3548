/*
 * The provider's word on refunds and disputes (app/refunds.h): charge.refunded,
 * charge.dispute.created and charge.dispute.closed, each inside the webhook's transaction
 * (claimed once by event id there), each harmless when repeated or out of order.
 */
#include "app/refunds.h"

#include "app/app_util.h"
#include "app/payment_flow.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define LOG_DISPUTED     "disputed"
#define LOG_DISPUTE_WON  "dispute_won"
#define LOG_DISPUTE_LOST "dispute_lost"

/* The payment of the event's intent, its orders, parcel and itself locked (in the lock order);
 * *ours false (and BZ_OK) when it is none of ours. */
static int lock_payment(app_ctx *c, const payments_event *ev, pay_locked *l, bool *ours)
{
    payment_record p;
    *ours = false;
    int rc = ev->intent_id[0] ? store_payment_by_intent(c->store, ev->intent_id, c->arena, &p)
                              : BZ_ENOTFOUND;
    if (rc == BZ_ENOTFOUND) {
        bz_info("payment event %s: intent %s is none of ours: acknowledged", ev->id, ev->intent_id);
        return BZ_OK;
    }
    if (rc == BZ_OK) {
        rc = pay_flow_lock(c, p.id, l);
    }
    *ours = rc == BZ_OK;
    return rc;
}

/* Ask the rules about `what` for order *o (amount: a refund's) and write the answer; BZ_OK
 * and *done false when they refuse (an order the event does not apply to). */
static int step_order(app_ctx *c, order_record *o, order_event what, int64_t amount,
                      const char *log_kind, const char *detail, order_step *step, bool *done)
{
    order_facts f;
    order_facts_of(o, c->env->cfg.pay.protection_ms, &f);
    *done = order_decide(&f, what, amount, c->now, step) == BZ_OK;
    if (!*done) {
        bz_info("order %" PRId64 ": %s does not apply (%s)", o->id, order_event_name(what),
                step->reason);
        return BZ_OK;
    }
    return refund_flow_write(c, o, step, log_kind, step->refund ? step->refund : amount, detail);
}

/* ---- charge.refunded ---------------------------------------------------------------------- */

/* `extra` sen were refunded at the provider, not through Blytz: counted on the payment's
 * orders in turn, each up to what it has left, each recorded as a refund of its own. */
static int record_outside(app_ctx *c, pay_locked *l, int64_t extra)
{
    for (size_t i = 0; extra > 0 && i < l->n; i++) {
        order_record *o = &l->orders[i];
        if (o->payment_id != l->p.id || o->paid <= o->refunded) {
            continue;
        }
        int64_t take = o->paid - o->refunded < extra ? o->paid - o->refunded : extra;
        refund_record r = {.order_id = o->id,
                           .payment_id = l->p.id,
                           .amount = take,
                           .reason = refund_reason_name(REFUND_AT_PROVIDER),
                           .role = "provider",
                           .order_state = o->status};
        order_step step;
        bool done = false;
        int rc = step_order(c, o, ORDER_EV_REFUND_PARTIAL, take, ORDER_LOG_REFUNDED, r.reason,
                            &step, &done);
        if (rc == BZ_OK && done) {
            rc = refund_flow_record(c, &r, REFUND_SUCCEEDED);
            extra -= take;
        }
        if (rc != BZ_OK) {
            return rc;
        }
    }
    if (extra > 0) {
        bz_warn("payment %" PRId64 ": %" PRId64 " sen refunded at the provider fit no order",
                l->p.id, extra);
    }
    return BZ_OK;
}

int refund_flow_charge_refunded(app_ctx *c, const payments_event *ev)
{
    pay_locked l;
    bool ours = false;
    int rc = lock_payment(c, ev, &l, &ours);
    if (rc != BZ_OK || !ours) {
        return rc;
    }
    refund_record *rows = NULL;
    size_t n = 0;
    if ((rc = store_refunds_of(c->store, 0, l.p.id, c->arena, &rows, &n)) != BZ_OK) {
        return rc;
    }
    int64_t known = 0;
    for (size_t i = 0; i < n; i++) {
        known += refund_status_parse(rows[i].status) == REFUND_FAILED ? 0 : rows[i].amount;
    }
    /* All we asked for is done: the refunds the provider took are confirmed. */
    for (size_t i = 0; rc == BZ_OK && ev->amount_refunded >= known && i < n; i++) {
        if (refund_status_parse(rows[i].status) == REFUND_PENDING) {
            rows[i].status = refund_status_name(REFUND_SUCCEEDED);
            rows[i].updated_at = c->now;
            rc = store_refund_save(c->store, &rows[i]);
        }
    }
    int64_t extra = refund_unrecorded(ev->amount_refunded, known);
    return rc == BZ_OK && extra > 0 ? record_outside(c, &l, extra) : rc;
}

/* ---- refund.updated, refund.failed ------------------------------------------------------------
 */

int refund_flow_refund_updated(app_ctx *c, const payments_event *ev)
{
    refund_status reported = refund_status_of_provider(ev->status);
    pay_locked l;
    bool ours = false;
    if (reported == REFUND_PENDING) {
        return BZ_OK; /* nothing settled yet */
    }
    int rc = lock_payment(c, ev, &l, &ours);
    refund_record *rows = NULL;
    size_t n = 0;
    if (rc != BZ_OK || !ours ||
        (rc = store_refunds_of(c->store, 0, l.p.id, c->arena, &rows, &n)) != BZ_OK) {
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        bool same = ev->refund_id
                        ? rows[i].id == ev->refund_id
                        : rows[i].provider_id && !strcmp(rows[i].provider_id, ev->object_id);
        if (same) {
            return refund_flow_settle(c, rows[i].id, reported, ev->object_id);
        }
    }
    bz_info("refund %s of payment %" PRId64 " is none of ours: acknowledged", ev->object_id,
            l.p.id);
    return BZ_OK;
}

/* ---- disputes ------------------------------------------------------------------------------- */

/* The seller of order *o hears of the dispute. */
static int tell_seller(app_ctx *c, const order_record *o, notification *note)
{
    notification n = {.user_id = o->seller_id,
                      .kind = "order_disputed",
                      .order_id = o->id,
                      .title = bz_arena_printf(c->arena,
                                               "The buyer's bank disputes order %" PRId64
                                               ": its payout is held until the bank decides",
                                               o->id),
                      .created_at = c->now};
    return n.title ? store_notification_add(c->store, &n, c->arena, note) : BZ_ENOMEM;
}

/* Open dispute `ev` on the payment of *l: its row, and every order it paid disputed. */
static int open_dispute(app_ctx *c, const payments_event *ev, pay_locked *l, notification *note,
                        bool *noted)
{
    dispute_record d = {.id = bz_id_new(c->now),
                        .provider_id = ev->object_id,
                        .payment_id = l->p.id,
                        .amount = ev->amount,
                        .reason = "",
                        .status = "open",
                        .created_at = c->now};
    int rc = store_dispute_create(c->store, &d);
    if (rc == BZ_ECONFLICT) {
        return BZ_OK; /* known already (its close came first) */
    }
    for (size_t i = 0; rc == BZ_OK && i < l->n; i++) {
        order_record *o = &l->orders[i];
        order_step step;
        bool done = false;
        if (o->payment_id != l->p.id) {
            continue;
        }
        rc = step_order(c, o, ORDER_EV_DISPUTE_OPENED, ev->amount, LOG_DISPUTED, ev->object_id,
                        &step, &done);
        if (rc == BZ_OK && done && !*noted) {
            rc = tell_seller(c, o, note);
            *noted = rc == BZ_OK;
        }
    }
    return rc;
}

int refund_flow_dispute_opened(app_ctx *c, const payments_event *ev, notification *note,
                               bool *noted)
{
    pay_locked l;
    bool ours = false;
    *noted = false;
    int rc = lock_payment(c, ev, &l, &ours);
    return rc == BZ_OK && ours ? open_dispute(c, ev, &l, note, noted) : rc;
}

int refund_flow_dispute_closed(app_ctx *c, const payments_event *ev)
{
    pay_locked l;
    bool ours = false;
    int rc = lock_payment(c, ev, &l, &ours);
    if (rc != BZ_OK || !ours) {
        return rc;
    }
    dispute_record d;
    if ((rc = store_dispute_by_ref(c->store, ev->object_id, c->arena, &d)) == BZ_ENOTFOUND) {
        notification note; /* closed before we heard it open: open it now, quietly */
        bool noted = false;
        rc = open_dispute(c, ev, &l, &note, &noted);
        if (rc == BZ_OK) {
            rc = store_dispute_by_ref(c->store, ev->object_id, c->arena, &d);
        }
    }
    if (rc != BZ_OK || strcmp(d.status, "open") != 0) {
        return rc; /* closed before: a duplicate */
    }
    /* "lost" takes the money; won, warning_closed, ...: the seller keeps it */
    bool lost = strcmp(ev->status, "lost") == 0;
    for (size_t i = 0; rc == BZ_OK && i < l.n; i++) {
        order_step step;
        bool done = false;
        if (l.orders[i].payment_id == l.p.id) {
            rc = step_order(c, &l.orders[i], lost ? ORDER_EV_DISPUTE_LOST : ORDER_EV_DISPUTE_WON, 0,
                            lost ? LOG_DISPUTE_LOST : LOG_DISPUTE_WON, d.provider_id, &step, &done);
        }
    }
    d.status = lost ? "lost" : "won";
    d.closed_at = c->now;
    return rc == BZ_OK ? store_dispute_save(c->store, &d) : rc;
}
