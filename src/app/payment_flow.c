/*
 * What the provider's answers do to payments and orders (app/payment_flow.h).
 */
#include "app/payment_flow.h"

#include "app/documents.h"

#include "app/app_util.h"
#include "app/checkout.h"
#include "app/outbox.h"
#include "app/refunds.h"
#include "app/room_events.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"
#include "base/str.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int pay_flow_lock(app_ctx *c, int64_t payment_id, pay_locked *out)
{
    *out = (pay_locked){0};
    int rc = store_payment_get(c->store, payment_id, false, c->arena, &out->p);
    if (rc == BZ_OK) {
        rc = store_payment_parts(c->store, payment_id, c->arena, &out->parts, &out->n);
    }
    if (rc == BZ_OK &&
        !(out->orders = bz_arena_alloc(c->arena, (out->n + 1) * sizeof(order_record)))) {
        rc = BZ_ENOMEM;
    }
    for (size_t i = 0; rc == BZ_OK && i < out->n; i++) { /* parts come by order id */
        rc = store_order_get(c->store, out->parts[i].order_id, true, c->arena, &out->orders[i]);
    }
    order_parcel p;
    if (rc == BZ_OK) {
        rc = store_parcel_get(c->store, out->p.parcel_id, c->arena, &p);
    }
    if (rc == BZ_OK) {
        rc = store_parcel_take(c->store, &p, c->arena, &out->parcel);
    }
    if (rc == BZ_OK) {
        rc = store_payment_get(c->store, payment_id, true, c->arena, &out->p);
    }
    return rc;
}

int pay_flow_enqueue(app_ctx *c, const char *kind, int64_t payment_id)
{
    char key[96], payload[64];
    snprintf(key, sizeof(key), "%s:payment:%" PRId64, kind, payment_id);
    snprintf(payload, sizeof(payload), "{\"payment_id\":\"%" PRId64 "\"}", payment_id);
    return app_outbox_enqueue(c, kind, key, payload);
}

/* Payment *p (locked) is over: cancelled, its intent too when it has or may get one. */
static int cancel(app_ctx *c, payment_record *p)
{
    p->status = payment_state_name(PAYMENT_CANCELED);
    p->updated_at = c->now;
    int rc = store_payment_save(c->store, p);
    return rc == BZ_OK ? pay_flow_enqueue(c, APP_PAYMENT_CANCEL, p->id) : rc;
}

int pay_flow_cancel_open(app_ctx *c, int64_t order_id, int64_t keep)
{
    payment_record *open = NULL;
    size_t n = 0;
    int rc = store_payments_open_of_order(c->store, order_id, c->arena, &open, &n);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        payment_record p;
        if (open[i].id == keep) {
            continue;
        }
        rc = store_payment_get(c->store, open[i].id, true, c->arena, &p);
        if (rc == BZ_OK && !payment_state_final(payment_state_parse(p.status))) {
            rc = cancel(c, &p);
        }
    }
    return rc;
}

/* Keep the provider's side of `in` on payment *p. */
static void take_intent(app_ctx *c, payment_record *p, const payments_intent *in)
{
    p->intent_id = bz_arena_strdup(c->arena, in->id);
    if (in->client_secret[0]) {
        p->client_secret = bz_arena_strdup(c->arena, in->client_secret);
    }
    if (in->charge[0]) {
        p->charge_id = bz_arena_strdup(c->arena, in->charge);
    }
    if (in->method_kind) {
        p->method_used = payments_method_name(in->method_kind);
    }
    p->updated_at = c->now;
}

int pay_flow_opened(app_ctx *c, int64_t payment_id, const payments_intent *in)
{
    payment_record p;
    int rc = store_payment_get(c->store, payment_id, true, c->arena, &p);
    if (rc != BZ_OK) {
        return rc;
    }
    payment_state s = payment_state_parse(p.status);
    if (s != PAYMENT_CREATING && s != PAYMENT_CANCELED) {
        return BZ_OK; /* reported already (the webhook came first) */
    }
    bool had = p.intent_id && p.intent_id[0];
    take_intent(c, &p, in);
    if (s == PAYMENT_CREATING) {
        p.status = payment_state_name(in->status == PAYMENTS_INTENT_PROCESSING ? PAYMENT_PROCESSING
                                                                               : PAYMENT_OPEN);
    }
    if ((rc = store_payment_save(c->store, &p)) != BZ_OK) {
        return rc;
    }
    /* cancelled before its intent existed: the intent goes too */
    return s == PAYMENT_CANCELED && !had ? pay_flow_enqueue(c, APP_PAYMENT_CANCEL, p.id) : BZ_OK;
}

/* ---- success ---------------------------------------------------------------------------- */

/* Order *o (locked) takes its part `x` of payment *p: BZ_OK, or BZ_EORDERSTATE when it cannot
 * (then its part is to be refunded). */
static int order_paid(app_ctx *c, const payment_record *p, const payment_part *x, order_record *o)
{
    order_facts f;
    order_step step;
    order_facts_of(o, c->env->cfg.pay.protection_ms, &f);
    int rc = order_decide(&f, ORDER_EV_PAYMENT_SUCCEEDED, x->sums.total, c->now, &step);
    if (rc != BZ_OK) {
        bz_warn("payment %" PRId64 ": order %" PRId64 " cannot take it (%s): refunding its part",
                p->id, o->id, step.reason);
        return BZ_EORDERSTATE;
    }
    order_record_set_facts(o, &step.next);
    o->shipping = x->sums.shipping;
    o->tax = x->sums.tax;
    o->commission = x->sums.commission;
    o->share = x->sums.share;
    o->payment_id = p->id;
    o->parcel_id = p->parcel_id;
    o->updated_at = c->now;
    rc = store_order_save(c->store, o);
    if (rc == BZ_OK) {
        rc = app_documents_issue(c, o);
    }
    return rc == BZ_OK ? pay_flow_log(c, o->id, ORDER_LOG_PAID, x->sums.total, p->method_used) : rc;
}

/* The parcel goes where payment *p said, unless an earlier payment fixed it. */
static int fix_address(app_ctx *c, order_parcel *parcel, const payment_record *p)
{
    if (parcel_has_address(parcel)) {
        return BZ_OK;
    }
    parcel->ship_name = p->ship_name;
    parcel->ship_phone = p->ship_phone;
    parcel->ship_to = p->ship_to;
    parcel->updated_at = c->now;
    return store_parcel_save(c->store, parcel);
}

int pay_flow_succeeded(app_ctx *c, int64_t payment_id, const payments_intent *in)
{
    pay_locked l;
    int rc = pay_flow_lock(c, payment_id, &l);
    if (rc != BZ_OK || payment_state_parse(l.p.status) == PAYMENT_SUCCEEDED) {
        return rc;
    }
    if (in->amount_received != l.p.sums.total) {
        return app_fail(c, BZ_EINTERNAL, NULL,
                        "payment %" PRId64 ": the provider took %" PRId64 " sen of %" PRId64,
                        payment_id, in->amount_received, l.p.sums.total);
    }
    take_intent(c, &l.p, in);
    l.p.status = payment_state_name(PAYMENT_SUCCEEDED);
    l.p.failure_code = l.p.decline_code = NULL;
    if ((rc = store_payment_save(c->store, &l.p)) != BZ_OK) {
        return rc;
    }
    bool any = false;
    for (size_t i = 0; rc == BZ_OK && i < l.n; i++) {
        rc = order_paid(c, &l.p, &l.parts[i], &l.orders[i]);
        if (rc == BZ_EORDERSTATE) {
            rc = refund_flow_duplicate(c, payment_id, &l.orders[i], l.parts[i].sums.total);
        } else if (rc == BZ_OK) {
            any = true;
            rc = pay_flow_cancel_open(c, l.orders[i].id, payment_id);
        }
    }
    return rc == BZ_OK && any ? fix_address(c, &l.parcel, &l.p) : rc;
}

/* ---- failure ---------------------------------------------------------------------------- */

/* Order *o (locked), still awaiting payment, is marked failed with `code`. */
static int order_failed(app_ctx *c, order_record *o, const char *code)
{
    order_facts f;
    order_step step;
    order_facts_of(o, c->env->cfg.pay.protection_ms, &f);
    if (order_decide(&f, ORDER_EV_PAYMENT_FAILED, 0, c->now, &step) != BZ_OK) {
        return BZ_OK; /* paid or ended meanwhile: the failure no longer matters */
    }
    order_record_set_facts(o, &step.next);
    o->failure_code = code;
    o->updated_at = c->now;
    int rc = store_order_save(c->store, o);
    return rc == BZ_OK ? pay_flow_log(c, o->id, ORDER_LOG_PAYMENT_FAILED, 0, code) : rc;
}

int pay_flow_failed(app_ctx *c, int64_t payment_id, const payments_intent *in, bool final)
{
    pay_locked l;
    int rc = pay_flow_lock(c, payment_id, &l);
    if (rc != BZ_OK || payment_state_final(payment_state_parse(l.p.status))) {
        return rc;
    }
    const char *code =
        in->failure_code[0] ? bz_arena_strdup(c->arena, in->failure_code) : "payment_failed";
    if (in->id[0]) {
        take_intent(c, &l.p, in);
    }
    l.p.status = payment_state_name(final ? PAYMENT_FAILED : PAYMENT_OPEN);
    l.p.failure_code = code;
    l.p.decline_code = in->decline_code[0] ? bz_arena_strdup(c->arena, in->decline_code) : NULL;
    l.p.updated_at = c->now;
    rc = store_payment_save(c->store, &l.p);
    for (size_t i = 0; rc == BZ_OK && i < l.n; i++) {
        rc = order_failed(c, &l.orders[i], code);
    }
    return rc;
}

int pay_flow_step(app_ctx *c, order_record *o, order_event ev, int64_t amount, order_step *step)
{
    order_facts f;
    order_facts_of(o, c->env->cfg.pay.protection_ms, &f);
    if (order_decide(&f, ev, amount, c->now, step) != BZ_OK) {
        return step->code;
    }
    order_record_set_facts(o, &step->next);
    o->updated_at = c->now;
    return store_order_save(c->store, o);
}

int pay_flow_finish(app_ctx *c, int rc)
{
    app_evbuf none;
    ev_init(&none, 0);
    return ev_commit(c, &none, rc);
}

int pay_flow_need_payments(app_ctx *c)
{
    return c->env->payments
               ? BZ_OK
               : app_fail(c, BZ_EUNAVAILABLE, NULL, "payments are not configured on this server");
}

int pay_flow_log(app_ctx *c, int64_t order_id, const char *kind, int64_t amount, const char *detail)
{
    order_event_rec e = {.id = bz_id_new(c->now),
                         .order_id = order_id,
                         .kind = kind,
                         .amount = amount,
                         .detail = detail ? detail : "",
                         .created_at = c->now};
    return store_order_event_add(c->store, &e);
}

/* ---- for the outbox handlers -------------------------------------------------------------- */

int pay_flow_job_fail(char *why, size_t len, int rc, const char *what)
{
    snprintf(why, len, "%s", what);
    return rc;
}

int pay_flow_job_payment(app_ctx *c, const app_outbox_job *job, char *why, size_t len,
                         payment_record *p)
{
    if (!c->env->payments) {
        return pay_flow_job_fail(why, len, BZ_EUNAVAILABLE, "payments are not configured");
    }
    int64_t id = app_outbox_payload_id(job->payload, "payment_id");
    int rc = store_payment_get(c->store, id, false, c->arena, p);
    return rc == BZ_OK ? BZ_OK : pay_flow_job_fail(why, len, rc, "no such payment");
}
