/* domain/checkout.c - the sums of a checkout, refunds' reversals and payouts (checkout.h). */
#include "domain/checkout.h"

#include "base/check.h"
#include "base/err.h"
#include "domain/money.h"

#include <string.h>

/* R(whole * upto / total) - R(whole * before / total): the part of `whole` between two
 * cumulative weights. The one place parts are cut, so that they always add up. */
static bool cut(int64_t whole, int64_t before, int64_t upto, int64_t total, int64_t *out)
{
    int64_t hi, lo;
    if (!money_muldiv(whole, upto, total, &hi) || !money_muldiv(whole, before, total, &lo)) {
        return false;
    }
    *out = hi - lo;
    return true;
}

int checkout_part(int64_t whole, const int64_t *w, size_t n, size_t i, int64_t *out)
{
    if (whole < 0 || i >= n) {
        return BZ_EINTERNAL;
    }
    int64_t total = 0, before = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == i) {
            before = total;
        }
        if (w[k] < 0 || !money_add(total, w[k], &total)) {
            return BZ_EINTERNAL;
        }
    }
    int64_t upto;
    if (total <= 0 || !money_add(before, w[i], &upto) || !cut(whole, before, upto, total, out)) {
        return BZ_EINTERNAL;
    }
    return BZ_OK;
}

static bool bp_ok(int64_t bp)
{
    return bp >= 0 && bp <= MONEY_BP_ONE;
}

/* items + shipping + tax and commission, share of one set of sums. */
static bool finish(checkout_sums *s)
{
    return money_add(s->items, s->shipping, &s->total) && money_add(s->total, s->tax, &s->total) &&
           money_sub(s->total, s->commission, &s->share);
}

/* Each order's part: its own items, and its cut of shipping, tax and commission. */
static int split(const int64_t *items, size_t n, const checkout_sums *sum, checkout_sums *per)
{
    int64_t before = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t upto = before + items[i]; /* <= sum->items: no overflow */
        checkout_sums *o = &per[i];
        memset(o, 0, sizeof *o);
        o->items = items[i];
        if (!cut(sum->shipping, before, upto, sum->items, &o->shipping) ||
            !cut(sum->tax, before, upto, sum->items, &o->tax) ||
            !cut(sum->commission, before, upto, sum->items, &o->commission) || !finish(o)) {
            return BZ_EINTERNAL;
        }
        BZ_CHECK(o->commission <= o->items && o->share >= 0);
        before = upto;
    }
    return BZ_OK;
}

int checkout_compute(const int64_t *items, size_t n, int64_t shipping, const checkout_terms *t,
                     checkout_sums *sum, checkout_sums *per_order, field_error *err)
{
    if (n == 0 || n > CHECKOUT_ORDERS_MAX) {
        return field_fail(err, BZ_EVALIDATION, "items", "A checkout pays 1 to 100 orders");
    }
    if (!bp_ok(t->tax_bp)) {
        return field_fail(err, BZ_EVALIDATION, "tax_bp", "A tax rate is 0 to 10000 bp");
    }
    if (!bp_ok(t->commission_bp)) {
        return field_fail(err, BZ_EVALIDATION, "commission_bp", "A commission is 0 to 10000 bp");
    }
    if (!money_price_ok(shipping)) {
        return field_fail(err, BZ_EVALIDATION, "shipping", "The shipping fee is out of range");
    }
    checkout_sums s = {.shipping = shipping};
    for (size_t i = 0; i < n; i++) {
        if (items[i] <= 0 || !money_price_ok(items[i])) {
            return field_fail(err, BZ_EVALIDATION, "items", "An order's amount is out of range");
        }
        s.items += items[i]; /* <= 100 x 10^8: no overflow */
    }
    int64_t taxable = 0;
    if ((t->tax_on_items && !money_add(taxable, s.items, &taxable)) ||
        (t->tax_on_shipping && !money_add(taxable, shipping, &taxable)) ||
        !money_bp(taxable, t->tax_bp, &s.tax) ||
        !money_bp(s.items, t->commission_bp, &s.commission) || !finish(&s)) {
        return field_fail(err, BZ_EINTERNAL, "", "Checkout sums overflow");
    }
    *sum = s;
    if (per_order) {
        int rc = split(items, n, &s, per_order);
        if (rc != BZ_OK) {
            return field_fail(err, rc, "", "Checkout sums overflow");
        }
    }
    if (s.total < CHECKOUT_MIN_CHARGE_SEN) {
        return field_fail(err, BZ_EBELOWMINIMUM, "total", "");
    }
    if (s.total > CHECKOUT_MAX_CHARGE_SEN) {
        return field_fail(err, BZ_EABOVEMAXIMUM, "total", "");
    }
    return BZ_OK;
}

static bool share_ok(int64_t paid, int64_t share, int64_t refunded)
{
    return paid > 0 && share >= 0 && share <= paid && refunded >= 0 && refunded <= paid;
}

int checkout_share_left(int64_t paid, int64_t share, int64_t refunded, int64_t *out)
{
    int64_t reversed;
    if (!share_ok(paid, share, refunded) || !money_muldiv(share, refunded, paid, &reversed)) {
        return BZ_EINTERNAL;
    }
    *out = share - reversed;
    return BZ_OK;
}

int checkout_reversal(int64_t paid, int64_t share, int64_t refunded_before, int64_t amount,
                      int64_t *out)
{
    if (amount <= 0) {
        return BZ_EVALIDATION;
    }
    int64_t after;
    if (!share_ok(paid, share, refunded_before) || !money_add(refunded_before, amount, &after)) {
        return BZ_EINTERNAL;
    }
    if (after > paid) {
        return BZ_EREFUNDEXCEEDS;
    }
    return cut(share, refunded_before, after, paid, out) ? BZ_OK : BZ_EINTERNAL;
}

void checkout_payouts_init(checkout_payouts *p)
{
    memset(p, 0, sizeof *p);
}

int checkout_payouts_add(checkout_payouts *p, const order_facts *f, int64_t share)
{
    if (f->state == ORDER_AWAITING_PAYMENT || f->state == ORDER_CANCELLED) {
        return BZ_OK; /* never paid: nothing is the seller's */
    }
    int64_t left = 0; /* set on BZ_OK; -O2 cannot see through BZ_NEVER */
    if (BZ_NEVER(checkout_share_left(f->paid, share, f->refunded, &left) != BZ_OK)) {
        return BZ_EINTERNAL;
    }
    int64_t *into = f->transferred ? &p->transferred : &p->pending;
    if (f->state == ORDER_REFUNDED && !f->transferred) {
        BZ_CHECK(left == 0); /* all refunded, nothing held */
    }
    return money_add(*into, left, into) ? BZ_OK : BZ_EINTERNAL;
}

int checkout_payouts_finish(checkout_payouts *p, int64_t paid_out)
{
    if (paid_out < 0 || !money_sub(p->transferred, paid_out, &p->available) ||
        !money_add(p->pending, p->transferred, &p->earned)) {
        return BZ_EINTERNAL;
    }
    p->paid_out = paid_out;
    return BZ_OK;
}
