/* Unit tests for domain/checkout.h: totals, tax and commission rounded once, the parts of a
 * checkout's orders adding up, Stripe's limits, refunds' reversals adding up across many
 * partial refunds, and a payouts page that adds up. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/check.h"
#include "base/err.h"
#include "domain/checkout.h"
#include "domain/money.h"

static const checkout_terms sst6 = {
    .tax_bp = 600, .tax_on_shipping = true, .tax_on_items = false, .commission_bp = 800};

static void one_order(void **state)
{
    (void)state;
    const int64_t items[] = {1234};
    checkout_sums s, per[1];
    assert_int_equal(checkout_compute(items, 1, 850, &sst6, &s, per, NULL), BZ_OK);
    assert_int_equal(s.items, 1234);
    assert_int_equal(s.shipping, 850);
    assert_int_equal(s.tax, 51); /* 6 % of 850 = 51.0 */
    assert_int_equal(s.total, 1234 + 850 + 51);
    assert_int_equal(s.commission, 99); /* 8 % of 1234 = 98.72 -> 99 */
    assert_int_equal(s.share, s.total - 99);
    assert_memory_equal(&per[0], &s, sizeof s);
    /* no tax line at rate 0; tax on items and shipping when the terms say so */
    checkout_terms t = sst6;
    t.tax_bp = 0;
    assert_int_equal(checkout_compute(items, 1, 850, &t, &s, NULL, NULL), BZ_OK);
    assert_int_equal(s.tax, 0);
    assert_int_equal(s.total, 2084);
    t.tax_bp = 600;
    t.tax_on_items = true;
    assert_int_equal(checkout_compute(items, 1, 850, &t, &s, NULL, NULL), BZ_OK);
    assert_int_equal(s.tax, 125); /* 6 % of 2084 = 125.04 */
    t.tax_on_shipping = false;
    assert_int_equal(checkout_compute(items, 1, 850, &t, &s, NULL, NULL), BZ_OK);
    assert_int_equal(s.tax, 74); /* 6 % of 1234 = 74.04 */
    /* half a sen rounds up, once: 6 % of 25 sen = 1.5 */
    const int64_t small[] = {300};
    assert_int_equal(checkout_compute(small, 1, 25, &sst6, &s, NULL, NULL), BZ_OK);
    assert_int_equal(s.tax, 2);
    assert_int_equal(s.commission, 24);
    /* commission 0 and 100 % */
    t = sst6;
    t.commission_bp = 0;
    assert_int_equal(checkout_compute(items, 1, 850, &t, &s, NULL, NULL), BZ_OK);
    assert_int_equal(s.share, s.total);
    t.commission_bp = MONEY_BP_ONE;
    assert_int_equal(checkout_compute(items, 1, 850, &t, &s, NULL, NULL), BZ_OK);
    assert_int_equal(s.share, 850 + 51); /* shipping and tax stay the seller's */
}

/* Many orders of awkward amounts: every part adds up to the checkout's sum exactly. */
static void parts_add_up(void **state)
{
    (void)state;
    uint32_t seed = 88172645u;
    for (int round = 0; round < 500; round++) {
        int64_t items[CHECKOUT_ORDERS_MAX];
        checkout_sums per[CHECKOUT_ORDERS_MAX], s;
        seed = seed * 1103515245u + 12345u;
        size_t n = 1 + seed % CHECKOUT_ORDERS_MAX;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            items[i] = 100 + (seed >> 3) % 99901; /* RM1 .. RM1000 */
        }
        checkout_terms t = {.tax_bp = (seed >> 5) % 1200,
                            .tax_on_shipping = true,
                            .tax_on_items = seed & 1,
                            .commission_bp = (seed >> 9) % 2500};
        int64_t shipping = (seed >> 12) % 5000;
        assert_int_equal(checkout_compute(items, n, shipping, &t, &s, per, NULL), BZ_OK);
        checkout_sums sum = {0};
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(per[i].items, items[i]);
            assert_int_equal(per[i].total, per[i].items + per[i].shipping + per[i].tax);
            assert_int_equal(per[i].share, per[i].total - per[i].commission);
            assert_true(per[i].shipping >= 0 && per[i].tax >= 0 && per[i].commission >= 0);
            assert_true(per[i].commission <= per[i].items);
            sum.items += per[i].items;
            sum.shipping += per[i].shipping;
            sum.tax += per[i].tax;
            sum.total += per[i].total;
            sum.commission += per[i].commission;
            sum.share += per[i].share;
        }
        assert_memory_equal(&sum, &s, sizeof s);
    }
}

static void part_of_a_whole(void **state)
{
    (void)state;
    /* 100 sen over three equal weights: 33 + 34 + 33 (cumulative 33.3, 66.7, 100) */
    const int64_t w[] = {1, 1, 1};
    int64_t p[3];
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(checkout_part(100, w, 3, i, &p[i]), BZ_OK);
    }
    assert_int_equal(p[0], 33);
    assert_int_equal(p[1], 34);
    assert_int_equal(p[2], 33);
    const int64_t z[] = {0, 5};
    assert_int_equal(checkout_part(7, z, 2, 0, &p[0]), BZ_OK);
    assert_int_equal(p[0], 0);
    assert_int_equal(checkout_part(7, z, 2, 1, &p[0]), BZ_OK);
    assert_int_equal(p[0], 7);
    const int64_t none[] = {0, 0};
    assert_int_equal(checkout_part(7, none, 2, 0, &p[0]), BZ_EINTERNAL);
    assert_int_equal(checkout_part(7, w, 3, 3, &p[0]), BZ_EINTERNAL);
    assert_int_equal(checkout_part(-1, w, 3, 0, &p[0]), BZ_EINTERNAL);
    const int64_t neg[] = {2, -1};
    assert_int_equal(checkout_part(7, neg, 2, 0, &p[0]), BZ_EINTERNAL);
}

static void limits(void **state)
{
    (void)state;
    checkout_sums s;
    field_error err;
    /* Stripe's minimum: RM2.00 in all, shipping included */
    const int64_t cheap[] = {150};
    assert_int_equal(checkout_compute(cheap, 1, 45, &sst6, &s, NULL, &err), BZ_EBELOWMINIMUM);
    assert_int_equal(s.total, 150 + 45 + 3); /* filled, to show */
    assert_int_equal(checkout_compute(cheap, 1, 46, &sst6, &s, NULL, &err), BZ_EBELOWMINIMUM);
    assert_int_equal(s.total, 199);
    assert_int_equal(checkout_compute(cheap, 1, 47, &sst6, &s, NULL, &err), BZ_OK);
    assert_int_equal(s.total, 200);
    /* and its maximum */
    int64_t big[CHECKOUT_ORDERS_MAX];
    for (size_t i = 0; i < CHECKOUT_ORDERS_MAX; i++) {
        big[i] = MONEY_PRICE_CAP_SEN;
    }
    assert_int_equal(checkout_compute(big, 100, MONEY_PRICE_CAP_SEN, &sst6, &s, NULL, &err),
                     BZ_EABOVEMAXIMUM);
    const int64_t edge[] = {99999999 - 1000};
    checkout_terms t = {.commission_bp = 500};
    assert_int_equal(checkout_compute(edge, 1, 1000, &t, &s, NULL, &err), BZ_OK);
    assert_int_equal(s.total, CHECKOUT_MAX_CHARGE_SEN);
    assert_int_equal(checkout_compute(edge, 1, 1001, &t, &s, NULL, &err), BZ_EABOVEMAXIMUM);
    /* bad input */
    const int64_t ok[] = {500};
    assert_int_equal(checkout_compute(ok, 0, 0, &sst6, &s, NULL, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "items");
    assert_int_equal(checkout_compute(ok, CHECKOUT_ORDERS_MAX + 1, 0, &sst6, &s, NULL, &err),
                     BZ_EVALIDATION);
    const int64_t zero[] = {500, 0};
    assert_int_equal(checkout_compute(zero, 2, 0, &sst6, &s, NULL, &err), BZ_EVALIDATION);
    const int64_t over[] = {MONEY_PRICE_CAP_SEN + 1};
    assert_int_equal(checkout_compute(over, 1, 0, &sst6, &s, NULL, &err), BZ_EVALIDATION);
    assert_int_equal(checkout_compute(ok, 1, -1, &sst6, &s, NULL, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "shipping");
    t = sst6;
    t.tax_bp = MONEY_BP_ONE + 1;
    assert_int_equal(checkout_compute(ok, 1, 0, &t, &s, NULL, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "tax_bp");
    t = sst6;
    t.commission_bp = -1;
    assert_int_equal(checkout_compute(ok, 1, 0, &t, &s, NULL, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "commission_bp");
}

/* Any sequence of partial refunds reverses, in all, exactly what one full refund would. */
static void reversals_add_up(void **state)
{
    (void)state;
    uint32_t seed = 521288629u;
    for (int round = 0; round < 3000; round++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        int64_t paid = 200 + seed % (round % 3 == 0 ? 20000 : 2000000); /* small steps: small */
        int64_t share = paid - (int64_t)((seed >> 7) % (uint64_t)(paid / 4 + 1));
        int64_t full;
        assert_int_equal(checkout_reversal(paid, share, 0, paid, &full), BZ_OK);
        assert_int_equal(full, share);
        int64_t refunded = 0, reversed = 0;
        while (refunded < paid) {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            int64_t amount = 1 + seed % (uint64_t)(round % 3 == 0 ? 7 : paid / 3 + 1);
            if (amount > paid - refunded) {
                amount = paid - refunded;
            }
            int64_t r;
            assert_int_equal(checkout_reversal(paid, share, refunded, amount, &r), BZ_OK);
            assert_true(r >= 0 && r <= amount); /* the seller never gives back more */
            reversed += r;
            refunded += amount;
            int64_t left;
            assert_int_equal(checkout_share_left(paid, share, refunded, &left), BZ_OK);
            assert_int_equal(left, share - reversed);
        }
        assert_int_equal(reversed, share);
    }
    /* the edges */
    int64_t r;
    assert_int_equal(checkout_reversal(1000, 900, 0, 1, &r), BZ_OK);
    assert_int_equal(r, 1); /* 0.9 -> 1 */
    assert_int_equal(checkout_reversal(1000, 900, 1, 1, &r), BZ_OK);
    assert_int_equal(r, 1); /* R(1.8) - R(0.9) = 2 - 1 */
    assert_int_equal(checkout_reversal(1000, 900, 999, 2, &r), BZ_EREFUNDEXCEEDS);
    assert_int_equal(checkout_reversal(1000, 900, 0, 0, &r), BZ_EVALIDATION);
    assert_int_equal(checkout_reversal(1000, 900, -1, 1, &r), BZ_EINTERNAL);
    assert_int_equal(checkout_reversal(1000, 1001, 0, 1, &r), BZ_EINTERNAL);
    assert_int_equal(checkout_reversal(0, 0, 0, 1, &r), BZ_EINTERNAL);
    assert_int_equal(checkout_reversal(1000, 900, 1, INT64_MAX, &r), BZ_EINTERNAL);
    assert_int_equal(checkout_share_left(1000, 900, 1001, &r), BZ_EINTERNAL);
    assert_int_equal(checkout_share_left(1000, 0, 500, &r), BZ_OK);
    assert_int_equal(r, 0);
}

static order_facts order(order_state s, int64_t paid, int64_t refunded, bool transferred)
{
    return (order_facts){.state = s,
                         .paid = paid,
                         .refunded = refunded,
                         .transferred = transferred,
                         .delivered_at = s == ORDER_DELIVERED ? 1 : 0};
}

static void payouts_add_up(void **state)
{
    (void)state;
    checkout_payouts p;
    checkout_payouts_init(&p);
    const struct {
        order_facts f;
        int64_t share;
    } rows[] = {
        {order(ORDER_AWAITING_PAYMENT, 0, 0, false), 0},    /* nothing */
        {order(ORDER_CANCELLED, 0, 0, false), 0},           /* nothing */
        {order(ORDER_PAID, 10000, 0, false), 9200},         /* pending 9200 */
        {order(ORDER_SHIPPED, 10000, 2500, false), 9200},   /* pending 9200 - 2300 = 6900 */
        {order(ORDER_DELIVERED, 5000, 0, false), 4600},     /* pending 4600 */
        {order(ORDER_DISPUTED, 3000, 0, false), 2760},      /* held: pending 2760 */
        {order(ORDER_COMPLETED, 20000, 0, true), 18400},    /* transferred 18400 */
        {order(ORDER_COMPLETED, 20000, 5000, true), 18400}, /* 18400 - 4600 = 13800 */
        {order(ORDER_DISPUTED, 4000, 0, true), 3680},       /* after completion: 3680 */
        {order(ORDER_REFUNDED, 7000, 7000, true), 6440},    /* reversed: 0 */
        {order(ORDER_REFUNDED, 7000, 7000, false), 6440},   /* never out: 0 */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_int_equal(checkout_payouts_add(&p, &rows[i].f, rows[i].share), BZ_OK);
    }
    assert_int_equal(checkout_payouts_finish(&p, 30000), BZ_OK);
    assert_int_equal(p.pending, 9200 + 6900 + 4600 + 2760);
    assert_int_equal(p.transferred, 18400 + 13800 + 3680);
    assert_int_equal(p.paid_out, 30000);
    assert_int_equal(p.available, 18400 + 13800 + 3680 - 30000);
    assert_int_equal(p.pending + p.available + p.paid_out, p.earned);
    /* a reversal after a payout: available goes negative, the page still adds up */
    checkout_payouts_init(&p);
    order_facts f = order(ORDER_REFUNDED, 7000, 7000, true);
    assert_int_equal(checkout_payouts_add(&p, &f, 6440), BZ_OK);
    assert_int_equal(checkout_payouts_finish(&p, 6440), BZ_OK);
    assert_int_equal(p.available, -6440);
    assert_int_equal(p.pending + p.available + p.paid_out, p.earned);
    assert_int_equal(p.earned, 0);
    assert_int_equal(checkout_payouts_finish(&p, -1), BZ_EINTERNAL);
    /* a share above what was paid is a bug upstream */
    bz_check_set_abort(false);
    f = order(ORDER_PAID, 1000, 0, false);
    assert_int_equal(checkout_payouts_add(&p, &f, 1001), BZ_EINTERNAL);
    bz_check_set_abort(true);
}

UNIT_MAIN(cmocka_unit_test(one_order), cmocka_unit_test(parts_add_up),
          cmocka_unit_test(part_of_a_whole), cmocka_unit_test(limits),
          cmocka_unit_test(reversals_add_up), cmocka_unit_test(payouts_add_up))
