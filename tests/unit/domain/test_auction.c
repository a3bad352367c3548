/* Unit tests for domain/auction.h: one scenario per rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/auction.h"
#include "domain/money.h"

#define RM(x)  ((int64_t)(x)*100)
#define T0     1700000000000LL
#define SELLER 9

static auction started(auction_mode mode, int64_t starting, int64_t reserve, int64_t buy_now)
{
    auction_params p;
    auction_params_defaults(&p);
    p.mode = mode;
    p.seller_id = SELLER;
    p.starting_bid = starting;
    p.reserve_price = reserve;
    p.buy_now_price = buy_now;
    auction a;
    field_error err = {0};
    assert_int_equal(auction_start(&a, &p, T0, &err), BZ_OK);
    return a;
}

static int bid(auction *a, int64_t who, int64_t amount, int64_t at, auction_outcome *out)
{
    auction_bid b = {.bidder_id = who, .kind = AUCTION_BID_AMOUNT, .amount = amount};
    return auction_place_bid(a, &b, at, out);
}

static int max_bid(auction *a, int64_t who, int64_t amount, int64_t at, auction_outcome *out)
{
    auction_bid b = {.bidder_id = who, .kind = AUCTION_BID_MAX, .amount = amount};
    return auction_place_bid(a, &b, at, out);
}

/* Parameters that pass: a seller, a starting bid, a reserve and a buy-now price. */
static auction_params valid_params(void)
{
    auction_params p;
    auction_params_defaults(&p);
    p.seller_id = SELLER;
    p.starting_bid = RM(10);
    p.reserve_price = RM(20);
    p.buy_now_price = RM(100);
    return p;
}

static void start_validates(void **state)
{
    auction_params p;
    auction a;
    field_error err;
    /* Each case sets one int64_t member (at `offset`) of valid parameters to `value`. */
    static const struct {
        size_t offset;
        int64_t value;
        const char *field;
    } cases[] = {
#define AT(member) offsetof(auction_params, member)
        {AT(starting_bid), 99, "starting_bid"},
        {AT(starting_bid), RM(1000000) + 1, "starting_bid"},
        {AT(duration_ms), 4999, "duration_s"},
        {AT(duration_ms), 300001, "duration_s"},
        {AT(reserve_price), RM(5), "reserve_price"},
        {AT(reserve_price), RM(2000000), "reserve_price"},
        {AT(buy_now_price), RM(10), "buy_now_price"},
        {AT(buy_now_price), RM(15), "buy_now_price"}, /* below reserve */
        {AT(soft_close_window_ms), -1, "soft_close"},
        {AT(soft_close_window_ms), 60001, "soft_close"},
        {AT(soft_close_extend_ms), 999, "soft_close"},
#undef AT
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        p = valid_params();
        memcpy((char *)&p + cases[i].offset, &cases[i].value, sizeof(int64_t));
        err.field = NULL;
        if (auction_start(&a, &p, T0, &err) != BZ_EVALIDATION) {
            fail_msg("case %zu (%s = %lld) was not refused", i, cases[i].field,
                     (long long)cases[i].value);
        }
        assert_string_equal(err.field, cases[i].field);
    }
    p = valid_params();
    p.mode = (auction_mode)7;
    assert_int_equal(auction_start(&a, &p, T0, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "mode");
    /* Sudden death ignores soft-close settings. */
    auction_params_defaults(&p);
    p.mode = AUCTION_SUDDEN_DEATH;
    p.soft_close_extend_ms = 0;
    assert_int_equal(auction_start(&a, &p, T0, &err), BZ_OK);
    assert_int_equal(a.status, AUCTION_RUNNING);
    assert_int_equal(a.ends_at, T0 + AUCTION_DURATION_DEFAULT_MS);
    assert_false(a.has_bid);
}

static void first_bid_and_increments(void **state)
{
    auction a = started(AUCTION_STANDARD, RM(10), 0, 0);
    auction_outcome o;
    assert_int_equal(auction_min_next_bid(&a), RM(10));
    assert_int_equal(bid(&a, 1, RM(9), T0 + 1000, &o), BZ_EBIDTOOLOW);
    assert_false(o.has_bid);
    assert_int_equal(o.min_next_bid, RM(10));
    assert_int_equal(bid(&a, 1, RM(10), T0 + 1000, &o), BZ_OK);
    assert_int_equal(o.step_count, 1);
    assert_int_equal(o.steps[0].bidder_id, 1);
    assert_int_equal(o.steps[0].amount, RM(10));
    assert_true(o.bidder_leads);
    assert_int_equal(o.current_bid, RM(10));
    assert_int_equal(o.min_next_bid, RM(11));
    assert_int_equal(bid(&a, 2, RM(10) + 50, T0 + 2000, &o), BZ_EBIDTOOLOW);
    assert_int_equal(o.current_bid, RM(10));
    assert_int_equal(o.min_next_bid, RM(11));
    assert_int_equal(bid(&a, 2, RM(29), T0 + 2000, &o), BZ_OK); /* jump bids are fine */
    assert_int_equal(o.min_next_bid, RM(30));
    assert_int_equal(bid(&a, 1, RM(30), T0 + 3000, &o), BZ_OK);
    assert_int_equal(o.min_next_bid, RM(32));
    assert_int_equal(a.step_count, 3);
}

static void refusals(void **state)
{
    auction a = started(AUCTION_STANDARD, RM(10), 0, 0);
    auction_outcome o;
    assert_int_equal(bid(&a, SELLER, RM(10), T0, &o), BZ_ENOTELIGIBLE);
    assert_int_equal(bid(&a, 0, RM(10), T0, &o), BZ_ENOTELIGIBLE);
    assert_int_equal(bid(&a, 1, 0, T0, &o), BZ_EVALIDATION);
    assert_int_equal(bid(&a, 1, MONEY_PRICE_CAP_SEN + 1, T0, &o), BZ_EVALIDATION);
    assert_int_equal(bid(&a, 1, RM(10), T0 + 30000, &o), BZ_EAUCTIONENDED);
    assert_int_equal(a.step_count, 0);
    assert_int_equal(bid(&a, 1, RM(10), T0, &o), BZ_OK);
    assert_int_equal(bid(&a, 1, RM(20), T0, &o), BZ_EALREADYLEADING);
    assert_int_equal(o.current_bid, RM(10));
    assert_int_equal(a.current_bid, RM(10));
    assert_true(strlen(o.reason) > 0);
}

static void proxy_answers_one_increment_above(void **state)
{
    auction a = started(AUCTION_STANDARD, RM(10), 0, 0);
    auction_outcome o;
    assert_int_equal(max_bid(&a, 1, RM(50), T0, &o), BZ_OK);
    assert_int_equal(o.steps[0].amount, RM(10)); /* opens at the starting bid */
    assert_int_equal(bid(&a, 2, RM(20), T0 + 1, &o), BZ_OK);
    assert_int_equal(o.step_count, 2);
    assert_int_equal(o.steps[0].bidder_id, 2);
    assert_int_equal(o.steps[0].amount, RM(20));
    assert_false(o.steps[0].by_proxy);
    assert_int_equal(o.steps[1].bidder_id, 1);
    assert_int_equal(o.steps[1].amount, RM(21));
    assert_true(o.steps[1].by_proxy);
    assert_false(o.bidder_leads);
    assert_int_equal(o.leader_id, 1);
    /* A challenger just below the maximum: the answer is capped at the maximum. */
    assert_int_equal(bid(&a, 2, RM(49), T0 + 2, &o), BZ_OK);
    assert_int_equal(o.steps[1].amount, RM(50));
    assert_int_equal(o.leader_id, 1);
    /* Now the maximum is spent: a bid above it takes the lead at its own amount. */
    assert_int_equal(bid(&a, 2, RM(55), T0 + 3, &o), BZ_OK);
    assert_int_equal(o.step_count, 1);
    assert_int_equal(o.leader_id, 2);
    assert_int_equal(o.current_bid, RM(55));
}

static void proxy_against_proxy_and_ties(void **state)
{
    auction a = started(AUCTION_STANDARD, RM(10), 0, 0);
    auction_outcome o;
    assert_int_equal(max_bid(&a, 1, RM(50), T0, &o), BZ_OK);
    /* Same maximum later: the earlier one keeps the lead at that amount. */
    assert_int_equal(max_bid(&a, 2, RM(50), T0 + 1, &o), BZ_OK);
    assert_int_equal(o.step_count, 1);
    assert_int_equal(o.steps[0].bidder_id, 2);
    assert_int_equal(o.current_bid, RM(50));
    assert_int_equal(o.leader_id, 1);
    assert_false(o.bidder_leads);
    /* A higher maximum wins, paying one increment over the old maximum. */
    assert_int_equal(max_bid(&a, 3, RM(80), T0 + 2, &o), BZ_OK);
    assert_int_equal(o.step_count, 1);
    assert_int_equal(o.current_bid, RM(55));
    assert_int_equal(o.leader_id, 3);
    /* A higher maximum that is within one increment pays only its maximum. */
    assert_int_equal(max_bid(&a, 4, RM(81), T0 + 3, &o), BZ_OK);
    assert_int_equal(o.current_bid, RM(81));
    assert_int_equal(o.leader_id, 4);
}

static void leader_raises_own_maximum(void **state)
{
    auction a = started(AUCTION_STANDARD, RM(10), 0, 0);
    auction_outcome o;
    assert_int_equal(max_bid(&a, 1, RM(30), T0, &o), BZ_OK);
    assert_int_equal(max_bid(&a, 1, RM(30), T0 + 1, &o), BZ_EBIDTOOLOW);
    assert_int_equal(max_bid(&a, 1, RM(60), T0 + 1, &o), BZ_OK);
    assert_int_equal(o.step_count, 0); /* the price does not move against oneself */
    assert_int_equal(o.current_bid, RM(10));
    assert_true(o.bidder_leads);
    assert_int_equal(bid(&a, 2, RM(40), T0 + 2, &o), BZ_OK);
    assert_int_equal(o.leader_id, 1);
    assert_int_equal(o.current_bid, RM(42));
}

static void soft_close_extends_standard_only(void **state)
{
    auction a = started(AUCTION_STANDARD, RM(10), 0, 0);
    auction_outcome o;
    int64_t end = T0 + 30000;
    assert_int_equal(bid(&a, 1, RM(10), T0 + 15000, &o), BZ_OK); /* 15 s left */
    assert_false(o.extended);
    assert_int_equal(o.ends_at, end);
    assert_int_equal(bid(&a, 2, RM(11), T0 + 20001, &o), BZ_OK); /* 9.999 s left */
    assert_true(o.extended);
    assert_int_equal(o.ends_at, T0 + 30001);
    assert_int_equal(bid(&a, 1, RM(12), T0 + 30000, &o), BZ_OK); /* 1 ms left */
    assert_int_equal(o.ends_at, T0 + 40000);
    assert_int_equal(bid(&a, 2, RM(13), T0 + 40000, &o), BZ_EAUCTIONENDED);
    /* A leader raising a maximum moves no price and so no clock. */
    assert_int_equal(max_bid(&a, 1, RM(99), T0 + 39000, &o), BZ_OK);
    assert_false(o.extended);
    assert_int_equal(o.ends_at, T0 + 40000);

    auction sd = started(AUCTION_SUDDEN_DEATH, RM(10), 0, 0);
    assert_int_equal(bid(&sd, 1, RM(10), T0 + 29999, &o), BZ_OK);
    assert_false(o.extended);
    assert_int_equal(o.ends_at, T0 + 30000);
}

static void buy_now_ends_it(void **state)
{
    auction a = started(AUCTION_STANDARD, RM(10), RM(50), RM(100));
    auction_outcome o;
    auction_result r;
    assert_int_equal(bid(&a, 1, RM(20), T0, &o), BZ_OK);
    /* what a bid commits its bidder to: the buy-now price when it would buy */
    assert_int_equal(auction_commitment(&a, RM(60)), RM(60));
    assert_int_equal(auction_commitment(&a, RM(150)), RM(100));
    assert_int_equal(bid(&a, 2, RM(150), T0 + 1, &o), BZ_OK);
    assert_true(o.ended);
    assert_int_equal(o.step_count, 1);
    assert_int_equal(o.steps[0].amount, RM(100)); /* pays the buy-now price, not the bid */
    assert_int_equal(a.status, AUCTION_ENDED);
    assert_int_equal(a.winner_id, 2);
    assert_true(a.bought_now);
    assert_int_equal(bid(&a, 1, RM(200), T0 + 2, &o), BZ_EAUCTIONENDED);
    assert_int_equal(auction_close(&a, T0 + 60000, &r), BZ_EAUCTIONENDED);
    assert_int_equal(auction_result_of(&a, &r), BZ_OK);
    assert_int_equal(r.winner_id, 2);
    assert_int_equal(r.price, RM(100));
    assert_true(r.reserve_met);

    /* A maximum at or above the buy-now price buys too, even as the leader. */
    auction none = started(AUCTION_STANDARD, RM(10), 0, 0);
    assert_int_equal(auction_commitment(&none, RM(150)), RM(150));
    auction b = started(AUCTION_STANDARD, RM(10), 0, RM(100));
    assert_int_equal(max_bid(&b, 1, RM(40), T0, &o), BZ_OK);
    assert_int_equal(max_bid(&b, 1, RM(100), T0 + 1, &o), BZ_OK);
    assert_true(o.ended);
    assert_int_equal(b.winner_id, 1);
    assert_int_equal(b.current_bid, RM(100));

    /* The leader buys it now with a plain bid: the lot is not theirs until the clock
     * runs out, and buy-it-now is offered to every buyer alike. */
    auction c = started(AUCTION_STANDARD, RM(10), 0, RM(100));
    assert_int_equal(bid(&c, 1, RM(40), T0, &o), BZ_OK);
    assert_int_equal(bid(&c, 1, RM(50), T0 + 1, &o), BZ_EALREADYLEADING);
    assert_int_equal(bid(&c, 1, RM(100), T0 + 2, &o), BZ_OK);
    assert_true(o.ended);
    assert_int_equal(o.step_count, 1);
    assert_int_equal(o.steps[0].amount, RM(100));
    assert_true(o.bidder_leads);
    assert_true(c.bought_now);
    assert_int_equal(c.winner_id, 1);
    assert_int_equal(auction_result_of(&c, &r), BZ_OK);
    assert_int_equal(r.price, RM(100));

    /* The minimum next bid may pass the buy-now price (RM 99 + RM 5 > RM 100): the
     * buy-now price still buys, for anyone, while the price is below it. */
    auction d = started(AUCTION_STANDARD, RM(10), 0, RM(100));
    assert_int_equal(bid(&d, 1, RM(99), T0, &o), BZ_OK);
    assert_true(auction_min_next_bid(&d) > RM(100));
    assert_int_equal(bid(&d, 2, RM(100), T0 + 1, &o), BZ_OK);
    assert_true(o.ended);
    assert_int_equal(d.winner_id, 2);
    assert_int_equal(d.current_bid, RM(100));
}

static void reserve_rules(void **state)
{
    auction a = started(AUCTION_STANDARD, RM(10), RM(50), 0);
    auction_outcome o;
    auction_result r;
    assert_int_equal(bid(&a, 1, RM(20), T0, &o), BZ_OK);
    assert_int_equal(bid(&a, 2, RM(45), T0 + 1, &o), BZ_OK);
    assert_int_equal(auction_close(&a, T0 + 29999, &r), BZ_ECONFLICT);
    assert_false(auction_due(&a, T0 + 29999));
    assert_true(auction_due(&a, T0 + 30000));
    assert_int_equal(auction_close(&a, T0 + 30000, &r), BZ_OK);
    assert_int_equal(r.winner_id, 0);
    assert_false(r.reserve_met);
    assert_int_equal(a.status, AUCTION_ENDED);
    assert_int_equal(auction_close(&a, T0 + 30001, &r), BZ_EAUCTIONENDED); /* exactly once */

    /* A maximum that reaches the reserve lifts the price to it. */
    auction b = started(AUCTION_STANDARD, RM(10), RM(50), 0);
    assert_int_equal(max_bid(&b, 1, RM(70), T0, &o), BZ_OK);
    assert_int_equal(o.current_bid, RM(50));
    assert_int_equal(bid(&b, 2, RM(60), T0 + 1, &o), BZ_OK);
    assert_int_equal(o.current_bid, RM(65));
    assert_int_equal(auction_close(&b, T0 + 30000, &r), BZ_OK);
    assert_int_equal(r.winner_id, 1);
    assert_int_equal(r.price, RM(65));
    assert_true(r.reserve_met);

    /* A leader raising a maximum past the reserve lifts the price too. */
    auction c = started(AUCTION_STANDARD, RM(10), RM(50), 0);
    assert_int_equal(max_bid(&c, 1, RM(20), T0, &o), BZ_OK);
    assert_int_equal(max_bid(&c, 1, RM(50), T0 + 1, &o), BZ_OK);
    assert_int_equal(o.step_count, 1);
    assert_true(o.steps[0].by_proxy);
    assert_int_equal(o.current_bid, RM(50));
}

static void close_without_bids_and_cancel(void **state)
{
    auction a = started(AUCTION_STANDARD, RM(10), 0, 0);
    auction_result r;
    assert_int_equal(auction_result_of(&a, &r), BZ_ECONFLICT);
    assert_int_equal(auction_close(&a, T0 + 30000, &r), BZ_OK);
    assert_int_equal(r.winner_id, 0);
    assert_int_equal(r.price, 0);

    auction b = started(AUCTION_STANDARD, RM(10), 0, 0);
    auction_outcome o;
    assert_int_equal(bid(&b, 1, RM(10), T0, &o), BZ_OK);
    assert_int_equal(auction_cancel(&b, T0 + 5), BZ_OK);
    assert_int_equal(b.status, AUCTION_CANCELLED);
    assert_int_equal(auction_cancel(&b, T0 + 6), BZ_EAUCTIONENDED);
    assert_int_equal(bid(&b, 2, RM(11), T0 + 7, &o), BZ_EAUCTIONENDED);
    assert_int_equal(auction_close(&b, T0 + 30000, &r), BZ_EAUCTIONENDED);
    assert_false(auction_due(&b, T0 + 30000));
}

static void stock_rules(void **state)
{
    /* A start needs a unit that no running auction holds. */
    assert_int_equal(auction_stock_can_start(1, 0), BZ_OK);
    assert_int_equal(auction_stock_can_start(1, 1), BZ_EOUTOFSTOCK);
    assert_int_equal(auction_stock_can_start(2, 1), BZ_OK);
    assert_int_equal(auction_stock_can_start(0, 0), BZ_EOUTOFSTOCK);
    /* The seller may lower the quantity to the units held, not below. */
    assert_int_equal(auction_stock_can_set(1, 1), BZ_OK);
    assert_int_equal(auction_stock_can_set(0, 1), BZ_EAUCTIONRUNNING);
    assert_int_equal(auction_stock_can_set(0, 0), BZ_OK);

    /* A sale that finds no unit: ended, nobody won, nobody bought it now. */
    auction a = started(AUCTION_STANDARD, RM(10), 0, RM(50));
    auction_outcome o;
    assert_int_equal(auction_void_sale(&a), BZ_ECONFLICT); /* still running */
    assert_int_equal(bid(&a, 1, RM(50), T0, &o), BZ_OK);
    assert_true(o.ended);
    assert_int_equal(auction_void_sale(&a), BZ_OK);
    auction_result r;
    assert_int_equal(auction_result_of(&a, &r), BZ_OK);
    assert_int_equal(r.winner_id, 0);
    assert_int_equal(r.price, 0);
    assert_false(a.bought_now);
    assert_int_equal(a.status, AUCTION_ENDED);
    assert_int_equal(bid(&a, 2, RM(60), T0 + 1, &o), BZ_EAUCTIONENDED);
}

static void names(void **state)
{
    auction_mode m;
    assert_true(auction_mode_parse("standard", &m));
    assert_int_equal(m, AUCTION_STANDARD);
    assert_true(auction_mode_parse("sudden_death", &m));
    assert_int_equal(m, AUCTION_SUDDEN_DEATH);
    assert_false(auction_mode_parse("dutch", &m));
    assert_false(auction_mode_parse(NULL, &m));
    assert_string_equal(auction_mode_name(AUCTION_SUDDEN_DEATH), "sudden_death");
    assert_string_equal(auction_status_name(AUCTION_RUNNING), "running");
    assert_string_equal(auction_status_name(AUCTION_ENDED), "ended");
    assert_string_equal(auction_status_name(AUCTION_CANCELLED), "cancelled");
}

UNIT_MAIN(cmocka_unit_test(start_validates), cmocka_unit_test(first_bid_and_increments),
          cmocka_unit_test(refusals), cmocka_unit_test(proxy_answers_one_increment_above),
          cmocka_unit_test(proxy_against_proxy_and_ties),
          cmocka_unit_test(leader_raises_own_maximum),
          cmocka_unit_test(soft_close_extends_standard_only), cmocka_unit_test(buy_now_ends_it),
          cmocka_unit_test(reserve_rules), cmocka_unit_test(close_without_bids_and_cancel),
          cmocka_unit_test(stock_rules), cmocka_unit_test(names))
