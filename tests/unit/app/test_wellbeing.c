/* Unit tests of app/wellbeing: the limits a buyer sets on themselves (a spending cap per day or
 * week, a cool-off that is never shortened) and the check every bid goes through, with what
 * counts as committed (orders in the cap's window, auctions the buyer leads). Over the real
 * SQLite adapter with the clock under the test's control. How bids are refused by these
 * limits is test_bids.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/wellbeing.h"
#include "base/err.h"
#include "base/rand.h"
#include "fixture.h"

static app_limits_input cap_of(int64_t amount, const char *period)
{
    return (app_limits_input){.set_cap = true, .cap_amount = amount, .cap_period = period};
}

static app_buyer_limits limits_of(fixture *f, int64_t user)
{
    app_buyer_limits l;
    assert_int_equal(app_wellbeing_get(&f->ctx, user, &l), BZ_OK);
    return l;
}

/* An order of `buyer` for a product of `seller`, made at `at` with `status`. */
static void order_at(fixture *f, int64_t buyer, int64_t seller, int64_t amount, const char *status,
                     int64_t at)
{
    order_record o = {.id = bz_id_new(at),
                      .buyer_id = buyer,
                      .seller_id = seller,
                      .product_id = fixture_product(f, seller, 1),
                      .amount = amount,
                      .currency = "MYR",
                      .status = status,
                      .created_at = at,
                      .updated_at = at};
    assert_int_equal(store_order_create(f->ctx.store, &o), BZ_OK);
}

static void no_limits_until_set(void **state)
{
    fixture *f = *state;
    int64_t u = fixture_user(f, "ali");
    app_buyer_limits l = limits_of(f, u);
    assert_int_equal(l.spending_cap, 0);
    assert_null(l.cap_period);
    assert_int_equal(l.cool_off_until, 0);
    assert_int_equal(l.committed, 0);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 100000000, FIX_NOW), BZ_OK);
}

static void caps_are_validated_and_changed_only_when_asked(void **state)
{
    fixture *f = *state;
    int64_t u = fixture_user(f, "ali");
    app_buyer_limits l;
    struct {
        app_limits_input in;
        const char *field;
    } bad[] = {
        {cap_of(99, "day"), "spending_cap.amount"},  {cap_of(-5, "day"), "spending_cap.amount"},
        {cap_of(1000, NULL), "spending_cap.period"}, {cap_of(1000, "month"), "spending_cap.period"},
        {{.cool_off_days = -1}, "cool_off_days"},    {{.cool_off_days = 366}, "cool_off_days"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (app_wellbeing_set(&f->ctx, u, &bad[i].in, &l) != BZ_EVALIDATION ||
            strcmp(f->ctx.err.field, bad[i].field) != 0) {
            fail_msg("bad[%zu] not refused on %s", i, bad[i].field);
        }
    }
    app_limits_input in = cap_of(100, "week");
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.spending_cap, 100);
    assert_string_equal(l.cap_period, "week");
    in = (app_limits_input){.cool_off_days = 0}; /* set_cap false: the cap stays */
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.spending_cap, 100);
    /* a refused change changes nothing, not even its valid part */
    in = cap_of(5000, "day");
    in.cool_off_days = 400;
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_EVALIDATION);
    l = limits_of(f, u);
    assert_int_equal(l.spending_cap, 100);
    assert_string_equal(l.cap_period, "week");
    assert_int_equal(l.cool_off_until, 0);
    in = cap_of(0, "month"); /* 0 removes the cap; the period is not read */
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.spending_cap, 0);
    assert_null(l.cap_period);
    assert_int_equal(app_wellbeing_set(&f->ctx, 987654321, &in, &l), BZ_EUNAUTHORIZED);
}

static void cool_off_is_extended_never_shortened(void **state)
{
    fixture *f = *state;
    int64_t u = fixture_user(f, "ali");
    app_buyer_limits l;
    app_limits_input in = {.cool_off_days = 7};
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.cool_off_until, FIX_NOW + 7 * APP_DAY_MS);
    in.cool_off_days = 1;
    f->ctx.now += APP_DAY_MS;
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.cool_off_until, FIX_NOW + 7 * APP_DAY_MS); /* not shortened */
    in.cool_off_days = 0;
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.cool_off_until, FIX_NOW + 7 * APP_DAY_MS); /* 0 starts nothing */
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 100, FIX_NOW), BZ_ECOOLOFF);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 100, FIX_NOW + 7 * APP_DAY_MS - 1),
                     BZ_ECOOLOFF);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 100, FIX_NOW + 7 * APP_DAY_MS), BZ_OK);
    in.cool_off_days = 30; /* from now: extended */
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.cool_off_until, f->ctx.now + 30 * APP_DAY_MS);
    /* once over, it reads as none, and a new one starts from now */
    f->ctx.now = l.cool_off_until;
    assert_int_equal(limits_of(f, u).cool_off_until, 0);
    in.cool_off_days = APP_COOL_OFF_MAX_DAYS;
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.cool_off_until, f->ctx.now + APP_COOL_OFF_MAX_DAYS * APP_DAY_MS);
}

static void spending_cap_counts_orders_in_the_window(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), u = fixture_user(f, "ali");
    app_buyer_limits l;
    app_limits_input in = cap_of(10000, "day");
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 10000, FIX_NOW), BZ_OK);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 10001, FIX_NOW), BZ_ESPENDINGCAP);
    assert_string_equal(f->ctx.err.field, "amount");

    order_at(f, u, seller, 6000, "awaiting_payment", FIX_NOW);
    order_at(f, u, seller, 50000, "cancelled", FIX_NOW); /* left out */
    order_at(f, u, seller, 50000, "refunded", FIX_NOW);
    order_at(f, fixture_user(f, "bala"), seller, 50000, "paid", FIX_NOW); /* someone else's */
    assert_int_equal(limits_of(f, u).committed, 6000);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 4000, FIX_NOW + 1), BZ_OK);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 4001, FIX_NOW + 1), BZ_ESPENDINGCAP);
    /* a rolling day: a day later the order has left the window */
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 4001, FIX_NOW + APP_DAY_MS - 1),
                     BZ_ESPENDINGCAP);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 10000, FIX_NOW + APP_DAY_MS), BZ_OK);
    /* a week's cap looks back seven days */
    in = cap_of(10000, "week");
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 4001, FIX_NOW + 6 * APP_DAY_MS),
                     BZ_ESPENDINGCAP);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 10000, FIX_NOW + 7 * APP_DAY_MS), BZ_OK);
    /* and without a cap nothing is counted */
    in = cap_of(0, NULL);
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(l.committed, 0);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 1000000, FIX_NOW), BZ_OK);
}

static void leading_counts_at_the_larger_of_price_and_maximum(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), u = fixture_user(f, "ali");
    int64_t bala = fixture_user(f, "bala");
    fix_lot lot = fixture_lot(f, seller, true);
    app_auction_input a_in = {.product_id = lot.product, .starting_bid = 1000};
    int64_t a = 0;
    assert_int_equal(fixture_start(f, seller, lot.show, &a_in, &a), BZ_OK);
    app_buyer_limits l;
    app_limits_input in = cap_of(10000, "day");
    assert_int_equal(app_wellbeing_set(&f->ctx, u, &in, &l), BZ_OK);
    assert_int_equal(fixture_max_bid(f, a, u, 3000).code, BZ_OK); /* leads at 1000 */
    assert_int_equal(limits_of(f, u).committed, 3000);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 7000, FIX_NOW), BZ_OK);
    assert_int_equal(app_wellbeing_check_bid(&f->ctx, u, 7001, FIX_NOW), BZ_ESPENDINGCAP);
    /* on the auction they lead, the new amount replaces what they had committed there */
    assert_int_equal(app_wellbeing_check_bid_on(&f->ctx, u, a, 10000, FIX_NOW), BZ_OK);
    assert_int_equal(app_wellbeing_check_bid_on(&f->ctx, u, a, 10001, FIX_NOW), BZ_ESPENDINGCAP);
    /* outbid: nothing committed there any more */
    assert_int_equal(fixture_bid(f, a, bala, 4000).code, BZ_OK);
    assert_int_equal(limits_of(f, u).committed, 0);
    /* won: the order's price counts, not the maximum */
    assert_int_equal(fixture_max_bid(f, a, u, 9000).code, BZ_OK);
    assert_int_equal(limits_of(f, u).committed, 9000);
    f->ctx.now += 30000;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    order_record o;
    assert_true(fixture_order(f, a, &o));
    assert_int_equal(o.buyer_id, u);
    assert_int_equal(limits_of(f, u).committed, o.amount);
    assert_true(o.amount < 9000);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(no_limits_until_set), T(caps_are_validated_and_changed_only_when_asked),
          T(cool_off_is_extended_never_shortened), T(spending_cap_counts_orders_in_the_window),
          T(leading_counts_at_the_larger_of_price_and_maximum))
