/*
 * Paying for what a buyer won: quotes and payments started (app/checkout.h).
 *
 * A quote and a payment are one computation (compute()): the second runs it inside the
 * transaction with every row it reads locked, in the lock order of store_ops_payments.h (the
 * parcel's orders by id, then the parcel, then their payments), so that two checkouts of one show's
 * wins see each other's shipping and never pay one order twice in one commit.
 */
#include "app/checkout.h"

#include "app/app_util.h"
#include "app/outbox.h"
#include "app/payment_flow.h"
#include "app/plans.h"
#include "app/ports/payments.h"
#include "app/room_events.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* ---- which orders ----------------------------------------------------------------------- */

/* Paid for and not given back: its lot is in the parcel and its shipping part was charged. */
static bool ships(const order_record *o)
{
    order_state s = order_state_parse(o->status);
    return (s == ORDER_PAID || s == ORDER_SHIPPED || s == ORDER_DELIVERED || s == ORDER_COMPLETED ||
            s == ORDER_DISPUTED) &&
           o->paid > o->refunded;
}

static int can_pay(app_ctx *c, const order_record *o)
{
    order_facts f;
    order_facts_of(o, c->env->cfg.pay.protection_ms, &f);
    return order_can_pay(&f, c->now);
}

/* The orders that may share order `o`'s parcel, oldest first (`o` alone outside a show); with
 * `lock`, each read again write-locked, in id order. */
static int parcel_orders(app_ctx *c, const order_record *o, bool lock, order_record **out,
                         size_t *n)
{
    int rc = BZ_OK;
    if (o->stream_id) {
        rc = store_orders_of_group(c->store, o->buyer_id, o->seller_id, o->stream_id, c->arena, out,
                                   n);
    } else if ((*out = bz_arena_alloc(c->arena, sizeof(**out))) != NULL) {
        **out = *o;
        *n = 1;
    } else {
        rc = BZ_ENOMEM;
    }
    for (size_t i = 0; rc == BZ_OK && lock && i < *n; i++) {
        rc = store_order_get(c->store, (*out)[i].id, true, c->arena, &(*out)[i]);
    }
    return rc;
}

/* Split the parcel's orders into those this payment covers (payable; only `only` when it is
 * not 0) and those already shipping in it, and sum what the latter paid for shipping. */
static int split(app_ctx *c, const order_record *all, size_t n, int64_t only, app_checkout *out,
                 order_record **paid, size_t *n_paid)
{
    out->orders = bz_arena_alloc(c->arena, (n ? n : 1) * sizeof(*out->orders));
    *paid = bz_arena_alloc(c->arena, (n ? n : 1) * sizeof(**paid));
    if (!out->orders || !*paid) {
        return BZ_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const order_record *o = &all[i];
        if (ships(o)) {
            (*paid)[(*n_paid)++] = *o;
            out->shipping_paid += o->shipping;
            out->parcel_id = o->parcel_id;
        } else if ((!only || o->id == only) && can_pay(c, o) == BZ_OK) {
            out->orders[out->n++] = *o;
            if (!out->pay_by || o->pay_by < out->pay_by) {
                out->pay_by = o->pay_by;
            }
        }
    }
    return BZ_OK;
}

/* ---- where it goes ---------------------------------------------------------------------- */

static void ship_to_parcel(app_checkout *out, const order_parcel *p)
{
    out->address_fixed = true;
    out->ship_name = p->ship_name;
    out->ship_phone = p->ship_phone;
    out->ship_to = p->ship_to;
}

/* The buyer's address `address_id`, or their default when 0. */
static int ship_to_book(app_ctx *c, int64_t buyer, int64_t address_id, app_checkout *out)
{
    delivery_address d, *all = NULL;
    size_t n = 0;
    int rc;
    if (address_id) {
        rc = store_address_get(c->store, buyer, address_id, c->arena, &d);
        if (rc == BZ_ENOTFOUND) {
            return app_fail(c, BZ_EVALIDATION, "address_id", "no such address in your book");
        }
    } else if ((rc = store_addresses(c->store, buyer, c->arena, &all, &n)) == BZ_OK) {
        if (n == 0 || !all[0].is_default) {
            return app_fail(c, BZ_EVALIDATION, "address_id",
                            "add a delivery address to pay: the parcel needs somewhere to go");
        }
        d = all[0];
    }
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    out->ship_name = d.name;
    out->ship_phone = d.phone;
    out->ship_to = d.postal;
    return BZ_OK;
}

/* The parcel's row (taken, made if need be, when `lock`) and its address, or the book's. */
static int ship_to(app_ctx *c, const order_record *o, int64_t address_id, bool lock,
                   app_checkout *out)
{
    order_parcel p = {0};
    int rc = BZ_ENOTFOUND;
    if (lock) {
        char key[PARCEL_KEY_MAX];
        parcel_group_key(o->buyer_id, o->seller_id, o->stream_id, o->id, key);
        order_parcel want = {.id = bz_id_new(c->now),
                             .buyer_id = o->buyer_id,
                             .seller_id = o->seller_id,
                             .stream_id = o->stream_id,
                             .group_key = key,
                             .created_at = c->now,
                             .updated_at = c->now};
        rc = store_parcel_take(c->store, &want, c->arena, &p);
    } else if (out->parcel_id) {
        rc = store_parcel_get(c->store, out->parcel_id, c->arena, &p);
    }
    if (rc == BZ_OK) {
        out->parcel_id = p.id;
        if (parcel_has_address(&p)) {
            ship_to_parcel(out, &p);
            return BZ_OK;
        }
    } else if (rc != BZ_ENOTFOUND) {
        return app_store_fail(c, rc, BZ_EINTERNAL);
    }
    return ship_to_book(c, o->buyer_id, address_id, out);
}

/* ---- what it costs ---------------------------------------------------------------------- */

/* The parcel of `paid` and `pay` together, as one box. */
static int parcel_box(app_ctx *c, const order_record *paid, size_t n_paid, const order_record *pay,
                      size_t n_pay, shipping_parcel *box)
{
    size_t n = n_paid + n_pay;
    shipping_parcel *items = bz_arena_alloc(c->arena, n * sizeof(*items));
    if (!items) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        const order_record *o = i < n_paid ? &paid[i] : &pay[i - n_paid];
        int rc = store_product_parcel(c->store, o->product_id, &items[i]);
        if (rc != BZ_OK) {
            return app_store_fail(c, rc, BZ_EINTERNAL);
        }
    }
    field_error ferr;
    if (shipping_combine(items, n, box, &ferr) != BZ_OK) {
        return app_fail(c, BZ_EINTERNAL, NULL, "a lot's size cannot be shipped: %s", ferr.reason);
    }
    return BZ_OK;
}

static int price(app_ctx *c, const order_record *o, const order_record *paid, size_t n_paid,
                 app_checkout *out)
{
    catalog_seller sl;
    int rc = store_seller_get(c->store, o->seller_id, c->arena, &sl);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_EINTERNAL);
    }
    shipping_parcel box;
    if ((rc = parcel_box(c, paid, n_paid, out->orders, out->n, &box)) != BZ_OK) {
        return rc;
    }
    const app_pay_config *pc = &c->env->cfg.pay;
    address_state from = address_state_parse(sl.pickup.state, strlen(sl.pickup.state));
    address_state to = address_state_parse(out->ship_to.state, strlen(out->ship_to.state));
    field_error ferr;
    if ((rc = shipping_quote_parcel(&pc->rates, from, to, &box, &out->parcel, &ferr)) != BZ_OK) {
        return app_fail(c, rc, ferr.field, "%s", ferr.reason);
    }
    int64_t *items = bz_arena_alloc(c->arena, out->n * sizeof(*items));
    out->parts = bz_arena_alloc(c->arena, out->n * sizeof(*out->parts));
    if (!items || !out->parts) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < out->n; i++) {
        items[i] = out->orders[i].amount;
    }
    /* the commission of the seller's plan in force now (app/plans.h) */
    checkout_terms terms = pc->terms;
    if ((rc = app_plan_commission_bp(c, o->seller_id, &terms.commission_bp)) != BZ_OK) {
        return rc;
    }
    int64_t shipping = parcel_shipping_part(out->parcel.price, out->shipping_paid);
    rc = checkout_compute(items, out->n, shipping, &terms, &out->sums, out->parts, &ferr);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, ferr.field, "%s", ferr.reason);
}

/* The quote of paying order `order_id` of `buyer` (only that order when `alone`), its rows
 * locked when `lock` (inside the caller's transaction). */
static int compute(app_ctx *c, int64_t buyer, int64_t order_id, int64_t address_id, bool alone,
                   bool lock, app_checkout *out)
{
    *out = (app_checkout){0};
    order_record o, *all = NULL, *paid = NULL;
    size_t n_all = 0, n_paid = 0;
    int rc = store_order_get(c->store, order_id, false, c->arena, &o);
    if (rc == BZ_OK && o.buyer_id != buyer) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        rc = parcel_orders(c, &o, lock, &all, &n_all);
    }
    if (rc == BZ_OK) {
        rc = split(c, all, n_all, alone ? order_id : 0, out, &paid, &n_paid);
    }
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    bool covered = false;
    for (size_t i = 0; i < out->n; i++) {
        covered |= out->orders[i].id == order_id;
    }
    if (!covered) { /* why the order itself cannot be paid, as it stands now */
        for (size_t i = 0; i < n_all; i++) {
            if (all[i].id == order_id && (rc = can_pay(c, &all[i])) != BZ_OK) {
                return app_fail(c, rc, NULL, NULL);
            }
        }
        return app_fail(c, BZ_EORDERSTATE, NULL, "this order is paid already");
    }
    if ((rc = ship_to(c, &o, address_id, lock, out)) != BZ_OK) {
        return rc;
    }
    return price(c, &o, paid, n_paid, out);
}

int app_checkout_quote(app_ctx *c, int64_t buyer, int64_t order_id, int64_t address_id,
                       app_checkout *out)
{
    return compute(c, buyer, order_id, address_id, false, false, out);
}

/* ---- starting a payment ----------------------------------------------------------------- */

/* The payment row of checkout `co`, "creating". */
static void new_payment(app_ctx *c, const app_checkout *co, bool off_session, int64_t card_id,
                        unsigned methods, payment_record *p)
{
    *p = (payment_record){.id = bz_id_new(c->now),
                          .buyer_id = co->orders[0].buyer_id,
                          .seller_id = co->orders[0].seller_id,
                          .parcel_id = co->parcel_id,
                          .off_session = off_session,
                          .methods = (int32_t)methods,
                          .card_id = card_id,
                          .status = payment_state_name(PAYMENT_CREATING),
                          .sums = co->sums,
                          .ship_name = co->ship_name,
                          .ship_phone = co->ship_phone,
                          .ship_to = co->ship_to,
                          .created_at = c->now,
                          .updated_at = c->now};
}

/* Inside the transaction: cancel the payments still open of the orders of `co` (at most one
 * attempt is live), then keep payment *p with its parts and put the orders in the parcel. */
static int start(app_ctx *c, const app_checkout *co, payment_record *p)
{
    int rc = BZ_OK;
    for (size_t i = 0; rc == BZ_OK && i < co->n; i++) {
        rc = pay_flow_cancel_open(c, co->orders[i].id, 0);
    }
    payment_part *parts = bz_arena_alloc(c->arena, co->n * sizeof(*parts));
    if (rc == BZ_OK && !parts) {
        rc = BZ_ENOMEM;
    }
    for (size_t i = 0; rc == BZ_OK && i < co->n; i++) {
        parts[i] =
            (payment_part){.payment_id = p->id, .order_id = co->orders[i].id, .sums = co->parts[i]};
    }
    if (rc == BZ_OK) {
        rc = store_payment_create(c->store, p, parts, co->n);
    }
    for (size_t i = 0; rc == BZ_OK && i < co->n; i++) {
        order_record o = co->orders[i];
        o.parcel_id = co->parcel_id;
        o.updated_at = c->now;
        if ((rc = store_order_save(c->store, &o)) == BZ_OK) {
            rc = pay_flow_log(c, o.id, ORDER_LOG_PAYMENT_STARTED, co->parts[i].total,
                              p->off_session ? "card on file" : "");
        }
    }
    return rc == BZ_OK ? pay_flow_enqueue(c, APP_PAYMENT_CREATE, p->id) : rc;
}

static unsigned on_session_methods(unsigned methods)
{
    const unsigned all = PAYMENTS_CARD | PAYMENTS_FPX | PAYMENTS_GRABPAY;
    return methods & all ? methods & all : all;
}

int app_checkout_pay(app_ctx *c, int64_t buyer, int64_t order_id, int64_t address_id,
                     unsigned methods, payment_record *out)
{
    if (!c->env->payments) {
        return app_fail(c, BZ_EUNAVAILABLE, NULL, "payments are not configured on this server");
    }
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    app_checkout co;
    app_evbuf none;
    ev_init(&none, 0);
    if ((rc = compute(c, buyer, order_id, address_id, false, true, &co)) == BZ_OK) {
        new_payment(c, &co, false, 0, on_session_methods(methods), out);
        rc = start(c, &co, out);
    }
    return ev_commit(c, &none, rc);
}

/* The buyer's default card, when it is still good; BZ_ENOTFOUND when none. */
static int default_card(app_ctx *c, int64_t buyer, payment_card *out)
{
    payment_card *cards = NULL;
    size_t n = 0;
    int rc = store_cards_of(c->store, buyer, c->arena, &cards, &n);
    if (rc != BZ_OK) {
        return rc;
    }
    if (n == 0 || !cards[0].is_default || !payment_card_current(&cards[0], c->now)) {
        return BZ_ENOTFOUND;
    }
    *out = cards[0];
    return BZ_OK;
}

/* Why a won order is left to the buyer to pay, for the log. */
static int leave_to_buyer(app_ctx *c, int64_t order_id, const char *why)
{
    bz_info("order %" PRId64 ": not charged at the win (%s): the buyer pays at checkout", order_id,
            why);
    return BZ_OK;
}

int app_checkout_charge(app_ctx *c, int64_t order_id)
{
    order_record o;
    payment_card card;
    const char *customer;
    int rc = store_order_get(c->store, order_id, false, c->arena, &o);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (can_pay(c, &o) != BZ_OK || o.payment_id) {
        return leave_to_buyer(c, order_id, "no longer payable");
    }
    if ((rc = default_card(c, o.buyer_id, &card)) == BZ_OK) {
        rc = store_customer_get(c->store, o.buyer_id, c->arena, &customer);
    }
    if (rc == BZ_ENOTFOUND) {
        return leave_to_buyer(c, order_id, "no card on file");
    }
    if (rc != BZ_OK || (rc = store_begin(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    app_checkout co;
    app_evbuf none;
    ev_init(&none, 0);
    if ((rc = compute(c, o.buyer_id, order_id, 0, true, true, &co)) != BZ_OK) {
        store_rollback(c->store);
        return rc == BZ_EVALIDATION || rc == BZ_EORDERSTATE || rc == BZ_EPAYDEADLINE ||
                       rc == BZ_EBELOWMINIMUM || rc == BZ_EABOVEMAXIMUM
                   ? leave_to_buyer(c, order_id, c->err.message)
                   : rc;
    }
    payment_record p;
    new_payment(c, &co, true, card.id, PAYMENTS_CARD, &p);
    return ev_commit(c, &none, start(c, &co, &p));
}

int app_payment_get(app_ctx *c, int64_t buyer, int64_t payment_id, payment_record *out,
                    payment_part **parts, size_t *n)
{
    int rc = store_payment_get(c->store, payment_id, false, c->arena, out);
    if (rc == BZ_OK && out->buyer_id != buyer) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK && parts) {
        rc = store_payment_parts(c->store, payment_id, c->arena, parts, n);
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}
