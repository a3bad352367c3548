/*
 * wire/payments.h - the JSON of checkouts and payments (docs/payments.md "Checkout"). Money is
 * integer sen with "currency": "MYR" beside it, as everywhere on the wire.
 */
#ifndef WIRE_PAYMENTS_H
#define WIRE_PAYMENTS_H

#include "app/checkout.h"
#include "app/plans.h"
#include "app/payouts.h"
#include "domain/payment.h"
#include "domain/refund.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* {items, shipping, tax, total, currency}: what the buyer pays (never the seller's share or
 * Blytz's commission: those are the seller's to see). */
json_t *wire_buyer_sums(const checkout_sums *s);

/* {order_ids, orders[{order_id, product_id, amount, parts{...}}], sums{...}, shipping{from,
 * to, actual_g, volumetric_g, chargeable_g, parcel_price, paid_before}, ship_to{name, phone,
 * line1, line2, city, state, postcode, country}, address_fixed, pay_by, currency}. */
json_t *wire_checkout(const app_checkout *co);

/* {id, status, methods[...], off_session, sums{...}, ship_to{...}, method_used, failure{code,
 * decline_code} | null, order_ids[...], client_secret (the buyer's own, while open or
 * processing; else null), created_at, updated_at}. */
json_t *wire_payment(const payment_record *p, const payment_part *parts, size_t n);

/* A saved card: {id, brand, last4, exp_month, exp_year, is_default, created_at} (never the
 * provider's method id); a user's, {cards: [...]}. */
json_t *wire_card(const payment_card *card);
json_t *wire_cards(const payment_card *cards, size_t n);

/* A card being saved: {id, status, client_secret (while open), failure_code, card_id,
 * created_at, updated_at}. */
json_t *wire_card_setup(const card_setup *u);

/* A refund: {id, order_id, amount, currency, reason, note, role ("seller", "admin", "system",
 * "provider"), status, created_at, updated_at} (never the provider's id or who asked); an
 * order's, {refunds: [...], paid, refunded, refundable, currency, may_refund (the reader may
 * ask for one: the order's seller or an admin)}. */
json_t *wire_refund(const refund_record *r);
json_t *wire_refunds(const refund_record *rows, size_t n, int64_t paid, int64_t refunded,
                     bool may_refund);

/* The plans sellers may choose: {plans: [{name, free, commission_bp, monthly_price,
 * currency}] (the free plan first; never the provider's price id), grace_s}. */
json_t *wire_plans(const plan_table *t, int64_t grace_ms);

/* A seller's plan: {name, commission_bp (the plan in force: what their sales pay now), chosen
 * (the plan subscribed to, null when none), status ("none" when they never subscribed, else
 * creating | incomplete | active | past_due | canceled | failed), current_period_end,
 * cancel_at_period_end, renews_at (active and renewing: the period's end, else null),
 * past_due_since, grace_ends_at, ends_at (when the plan in force stops by itself), client_secret
 * (while incomplete: the first invoice's, for Stripe.js), failure_code, updated_at}. */
json_t *wire_seller_plan(const app_plan_view *v);

/* What the browser needs to pay: {provider: "stripe", publishable_key, js_url, methods}. */
json_t *wire_payments_config(const char *publishable_key, const char *js_url);

/* ---- sellers' payouts (wire/payouts.c) ---- */

/* A seller's payouts page: {account: null | {connected, details_submitted, charges_enabled,
 * payouts_enabled, requirements_due[...], updated_at}, sums{pending, available, paid_out,
 * transferred, earned, currency} (sen; pending + available + paid_out = earned),
 * transfers[{order_id, status, amount, reversed, transfer_id, created_at, updated_at}],
 * payouts[{id, payout_id, amount, paid_at}]}. */
json_t *wire_payouts(const app_payouts_view *v);

/* An onboarding request: {id, status, url (once ready), expires_at, failure, created_at}. */
json_t *wire_payout_onboarding(const payout_onboarding *o);

#endif
