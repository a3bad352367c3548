/*
 * domain/checkout.h - the money of a checkout: several orders of one buyer from one seller in
 * one show paid as one charge, Blytz's commission and the seller's share, refunds' transfer
 * reversals, and a seller's payout summary. docs/payments.md "Money rules and order states".
 *
 *   items      = sum of the orders' amounts
 *   shipping   = one fee for the combined parcel (domain/shipping.h), quoted by the caller
 *   tax        = bp(taxable, tax_bp), taxable = shipping and/or items as the terms say
 *   total      = items + shipping + tax            (MYR: 200 <= total <= 99,999,999 sen)
 *   commission = bp(items, commission_bp)          (not on shipping or tax: see below)
 *   share      = total - commission                (the seller's, transferred on completion)
 *
 * Every division is money_muldiv (half up, once): the tax and the commission are rounded once
 * on the checkout, then split over its orders in proportion to their items by cumulative
 * rounding, share_i = R(x * c_i / T) - R(x * c_(i-1) / T) with c_i the items of orders 1..i,
 * so that the parts add up to the whole exactly. Refunds reverse the seller's share the same
 * way: refunding up to r of `paid` reverses R(share * r / paid) in all, whatever the steps.
 *
 * Commission is on items only: shipping is the carrier's money passing through the seller, and
 * tax is the government's; a commission on them would charge sellers for postage and SST.
 *
 * Invariants: every amount out is >= 0 and every sum is overflow-checked (BZ_EINTERNAL when one
 * overflows: inputs are capped well below); sum(per order x) == the checkout's x for every x;
 * commission <= items; share >= shipping + tax. Pure: no I/O, no allocation.
 */
#ifndef DOMAIN_CHECKOUT_H
#define DOMAIN_CHECKOUT_H

#include "domain/field.h"
#include "domain/order.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CHECKOUT_ORDERS_MAX     100      /* orders one checkout may pay */
#define CHECKOUT_MIN_CHARGE_SEN 200      /* Stripe's minimum charge in MYR: RM2.00 */
#define CHECKOUT_MAX_CHARGE_SEN 99999999 /* Stripe's 8 digits: RM999,999.99 */

/* What the configuration and the seller's plan say. */
typedef struct checkout_terms {
    int64_t tax_bp;        /* 0..10000; 0 = no tax line */
    bool tax_on_shipping;  /* the delivery service is taxed (service tax) */
    bool tax_on_items;     /* the goods are taxed too */
    int64_t commission_bp; /* the seller's plan: 0..10000 */
} checkout_terms;

/* The sums of a checkout, or of one order's part in it. */
typedef struct checkout_sums {
    int64_t items, shipping, tax, total; /* total = items + shipping + tax: what the buyer pays */
    int64_t commission, share;           /* share = total - commission: what the seller gets */
} checkout_sums;

/* Compute a checkout of `n` orders of `items[i]` sen (1..MONEY_PRICE_CAP_SEN each) and one
 * shipping fee (>= 0). Fills `sum` and, when `per_order` is not NULL, per_order[0..n-1] (each
 * order's part: its items, and its proportional part of the rest; what that order is paid).
 * BZ_OK; BZ_EVALIDATION with the field ("items", "shipping", "tax_bp", "commission_bp");
 * BZ_EBELOWMINIMUM / BZ_EABOVEMAXIMUM for a total outside Stripe's limits (`sum` is filled
 * anyway, to show); BZ_EINTERNAL on overflow. */
int checkout_compute(const int64_t *items, size_t n, int64_t shipping, const checkout_terms *t,
                     checkout_sums *sum, checkout_sums *per_order, field_error *err);

/* The part i (0-based) of `whole` over weights w[0..n-1] (sum > 0): the cumulative rounding
 * above, so that the parts of i = 0..n-1 add up to `whole` exactly. BZ_OK or BZ_EINTERNAL
 * (negative inputs, a zero weight sum, overflow). */
int checkout_part(int64_t whole, const int64_t *w, size_t n, size_t i, int64_t *out);

/* The seller's share left after `refunded` of `paid` went back to the buyer:
 * share - R(share * refunded / paid). What completion transfers. BZ_OK or BZ_EINTERNAL
 * (refunded outside 0..paid, paid <= 0, share outside 0..paid). */
int checkout_share_left(int64_t paid, int64_t share, int64_t refunded, int64_t *out);

/* The transfer reversal that goes with refunding `amount` (> 0) when `refunded_before` was
 * refunded already: R(share * (before + amount) / paid) - R(share * before / paid). Partial
 * reversals add up to the full one exactly. BZ_OK; BZ_EREFUNDEXCEEDS when before + amount >
 * paid; BZ_EVALIDATION for amount <= 0; BZ_EINTERNAL as checkout_share_left. */
int checkout_reversal(int64_t paid, int64_t share, int64_t refunded_before, int64_t amount,
                      int64_t *out);

/* A seller's payouts page. pending: the shares (after refunds) of orders paid and not yet
 * transferred (the money waits for completion or a dispute's close); transferred: what went to
 * the seller's account, net of reversals; paid_out: what Stripe paid from there to the bank;
 * available = transferred - paid_out (negative when a reversal came after a payout: the seller
 * owes it). pending + available + paid_out = earned. */
typedef struct checkout_payouts {
    int64_t pending, transferred, available, paid_out, earned;
} checkout_payouts;

/* Start a summary at zero. */
void checkout_payouts_init(checkout_payouts *p);

/* Add one order of the seller (its facts and its share from checkout_compute). Orders never
 * paid add nothing. BZ_OK or BZ_EINTERNAL (facts or share inconsistent, overflow). */
int checkout_payouts_add(checkout_payouts *p, const order_facts *f, int64_t share);

/* Record what Stripe paid out to the bank (>= 0, the sum of the account's paid payouts) and
 * finish the sums. BZ_OK or BZ_EINTERNAL (negative, overflow). */
int checkout_payouts_finish(checkout_payouts *p, int64_t paid_out);

#endif
