/*
 * app/checkout.h - paying for what a buyer won: the quote (items, shipping, tax, total), a
 * payment started on-session (the buyer at the checkout page) or off-session (their default
 * card at the win), and what the provider's answers do to the orders (docs/payments.md
 * "Checkout").
 *
 * What one payment covers: on-session, every order of the parcel the given order belongs to
 * that may still be paid (the buyer's unpaid wins from that seller in that show, paid
 * together); off-session, the won order alone (charged as it is won, the shipping fee in parts:
 * domain/payment.h).
 *
 * Only the outbox worker calls the provider (app/ports/payments.h):
 *   request: POST checkout ── payment row "creating", parts, payment.create enqueued ──►
 *   worker: intent made ── "open" (client_secret for Stripe.js) | succeeded | failed
 *   webhook / sync: payment_intent.succeeded ── orders paid (order_decide), parcel's address
 *   fixed; a success for an order already paid or cancelled is refunded (payment.refund)
 * A new payment of an order cancels the payments of it still open (their intents are
 * cancelled through the outbox), so at most one attempt is live; one that succeeds anyway in
 * that race is refunded as above.
 *
 * Rules, checked in this order: payments configured (BZ_EUNAVAILABLE); the order is the
 * buyer's (BZ_ENOTFOUND otherwise, never BZ_EFORBIDDEN: its existence is not the caller's to
 * learn); it may be paid now (order_can_pay: BZ_EORDERSTATE, BZ_EPAYDEADLINE); a delivery
 * address (the parcel's once fixed; else `address_id`, else the buyer's default: BZ_EVALIDATION
 * on "address_id" when there is none); the sums within the provider's limits
 * (BZ_EBELOWMINIMUM, BZ_EABOVEMAXIMUM).
 *
 * Results live in c->arena.
 */
#ifndef APP_CHECKOUT_H
#define APP_CHECKOUT_H

#include "app/app.h"
#include "app/outbox.h"
#include "domain/payment.h"
#include "domain/shipping.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Outbox kinds. */
#define APP_PAYMENT_CREATE                                                                         \
    "payment.create" /* make the payment's intent (and charge, off-session) */
#define APP_PAYMENT_CANCEL "payment.cancel" /* cancel the intent of a payment replaced or ended */
#define APP_PAYMENT_REFUND "payment.refund" /* before 0018: now refund.create (app/refunds.h) */
#define APP_ORDER_CHARGE   "order.charge"   /* charge a won order to the default card */

/* What a payment of an order would take, or took. */
typedef struct app_checkout {
    order_record *orders; /* the orders it covers, oldest first */
    checkout_sums *parts; /* parts[i] is orders[i]'s share of the sums */
    size_t n;
    checkout_sums sums;    /* what the buyer pays: items + shipping + tax = total */
    shipping_quote parcel; /* the quote of the whole parcel (orders paid before and these) */
    int64_t shipping_paid; /* what the parcel's earlier payments charged for shipping */
    bool address_fixed;    /* an earlier payment fixed where the parcel goes */
    const char *ship_name; /* where it goes */
    const char *ship_phone;
    address_postal ship_to;
    int64_t pay_by;    /* the earliest deadline of the orders */
    int64_t parcel_id; /* 0 when the parcel has no row yet (a quote) */
} app_checkout;

/* The quote for paying order `order_id` of `buyer` on-session, shipped to `address_id` (0: the
 * default). Errors as the rules above. Reads only. */
int app_checkout_quote(app_ctx *c, int64_t buyer, int64_t order_id, int64_t address_id,
                       app_checkout *out);

/* Start paying order `order_id` (and what it is paid with) on-session with `methods`
 * (payments_method_kind bits; 0 = card, FPX and GrabPay). *out is the payment, "creating":
 * the worker makes its intent; app_payment_get tells when it is open. */
int app_checkout_pay(app_ctx *c, int64_t buyer, int64_t order_id, int64_t address_id,
                     unsigned methods, payment_record *out);

/* At a win: charge order `order_id` alone (its shipping part, domain/payment.h) to its buyer's
 * default card off-session, to their default address. BZ_OK also when there is nothing to do
 * (no card on file or no address: the buyer pays at checkout; paid or ended meanwhile). */
int app_checkout_charge(app_ctx *c, int64_t order_id);

/* A payment of `buyer` (BZ_ENOTFOUND for anyone else's) and what it covers. */
int app_payment_get(app_ctx *c, int64_t buyer, int64_t payment_id, payment_record *out,
                    payment_part **parts, size_t *n);

/* The outbox handlers of the kinds above and of APP_PAYMENT_SYNC (app/payment_events.h), for
 * register_outbox_handlers when payments are configured. */
extern const app_outbox_handler app_payment_handlers[];
extern const size_t app_payment_n_handlers;

#endif
