/* Unit tests of bidding (app_auction_bid_batch, the synchronous batch the engine calls; the
 * engine's threads are tests/unit/engine): the minimum next bid and the increments, who may
 * bid, the end of bidding at ends_at, soft close and sudden death, proxy bids, the reserve,
 * buy-it-now, replays by Idempotency-Key, the buyer's limits and bans, and what one batch
 * publishes. Over the real SQLite adapter, the clock under the test's control. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/auctions.h"
#include "app/moderation.h"
#include "app/wellbeing.h"
#include "base/err.h"
#include "domain/money.h"
#include "fixture.h"

#define S_MS 1000LL

/* A seller, four buyers and one running auction. */
typedef struct room {
    int64_t seller, ali, bala, cat, dan;
    fix_lot lot;
    int64_t auction;
} room;

static room new_room(fixture *f, app_auction_input in)
{
    room r = {.seller = fixture_seller(f, "kedai"),
              .ali = fixture_user(f, "ali"),
              .bala = fixture_user(f, "bala"),
              .cat = fixture_user(f, "cat"),
              .dan = fixture_user(f, "dan")};
    r.auction = fixture_auction_of(f, r.seller, in, &r.lot);
    fixture_events_clear(f);
    return r;
}

static const app_auction_input standard = {.starting_bid = 1000, .duration_s = 30};

static int64_t steps_of(fixture *f, int64_t auction)
{
    return fixture_auction(f, 0, auction).auction.step_count;
}

static void first_bid_reaches_the_start_then_the_increment(void **state)
{
    fixture *f = *state;
    room k = new_room(f, standard);
    app_bid_result r = fixture_bid(f, k.auction, k.ali, 999);
    assert_int_equal(r.code, BZ_EBIDTOOLOW);
    assert_false(r.auction.has_bid);
    assert_int_equal(r.auction.min_next_bid, 1000);
    assert_string_equal(r.auction.status, "running");
    r = fixture_bid(f, k.auction, k.ali, 1000);
    assert_int_equal(r.code, BZ_OK);
    assert_true(r.bid_id != 0);
    assert_int_equal(r.amount, 1000);
    assert_int_equal(r.max_amount, 0);
    assert_int_equal(r.created_at, FIX_NOW);
    assert_false(r.replayed || r.extended || r.ended);
    assert_int_equal(r.auction.leader_id, k.ali);
    r = fixture_bid(f, k.auction, k.bala, 1099);
    assert_int_equal(r.code, BZ_EBIDTOOLOW);
    assert_int_equal(r.auction.current_bid, 1000);
    assert_int_equal(r.auction.min_next_bid, 1100);
    /* jump bids are fine; the step follows the band of the price (docs/auctions.md) */
    const struct {
        int64_t amount, min_next;
    } steps[] = {{2900, 3000}, {3000, 3200}, {5000, 5500}, {10000, 11000}, {25000, 27500}};
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        r = fixture_bid(f, k.auction, i % 2 ? k.ali : k.bala, steps[i].amount);
        assert_int_equal(r.code, BZ_OK);
        assert_int_equal(r.auction.current_bid, steps[i].amount);
        assert_int_equal(r.auction.min_next_bid, steps[i].min_next);
    }
}

static void refused_bids_change_and_announce_nothing(void **state)
{
    fixture *f = *state;
    room k = new_room(f, standard);
    const struct {
        int64_t bidder, amount;
        int code;
    } refused[] = {
        {0, 1000, BZ_EUNAUTHORIZED},       {-1, 1000, BZ_EUNAUTHORIZED},
        {k.seller, 1000, BZ_ENOTELIGIBLE}, {k.ali, 0, BZ_EVALIDATION},
        {k.ali, -1000, BZ_EVALIDATION},    {k.ali, MONEY_PRICE_CAP_SEN + 1, BZ_EVALIDATION},
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        app_bid_result r = fixture_bid(f, k.auction, refused[i].bidder, refused[i].amount);
        if (r.code != refused[i].code) {
            fail_msg("refused[%zu]: %d, not %d", i, r.code, refused[i].code);
        }
    }
    assert_int_equal(fixture_bid(f, k.auction, k.ali, 1000).code, BZ_OK);
    assert_int_equal(fixture_bid(f, k.auction, k.ali, 1100).code, BZ_EALREADYLEADING);
    assert_int_equal(fixture_bid(f, k.auction, k.seller, 5000).code, BZ_ENOTELIGIBLE);
    assert_int_equal(steps_of(f, k.auction), 1);
    assert_int_equal(f->events.n, 1); /* the accepted bid's auction:bid only */

    /* whole batches that cannot run: every bid carries the batch's code */
    app_bid_req reqs[APP_BID_BATCH_MAX + 1] = {{.bidder_id = k.bala, .amount = 2000}};
    app_bid_result out[APP_BID_BATCH_MAX + 1];
    assert_int_equal(app_auction_bid_batch(&f->ctx, 123456789, reqs, 1, out), BZ_ENOTFOUND);
    assert_int_equal(out[0].code, BZ_ENOTFOUND);
    assert_int_equal(app_auction_bid_batch(&f->ctx, k.auction, reqs, 0, out), BZ_EINTERNAL);
    assert_int_equal(app_auction_bid_batch(&f->ctx, k.auction, reqs, APP_BID_BATCH_MAX + 1, out),
                     BZ_EINTERNAL);
    assert_int_equal(steps_of(f, k.auction), 1);
}

static void bidding_stops_at_ends_at_in_sudden_death(void **state)
{
    fixture *f = *state;
    room k = new_room(f, (app_auction_input){.starting_bid = 1000, .mode = "sudden_death"});
    int64_t ends = FIX_NOW + 30 * S_MS;
    f->ctx.now = ends - 1;
    app_bid_result r = fixture_bid(f, k.auction, k.ali, 1000);
    assert_int_equal(r.code, BZ_OK);
    assert_false(r.extended); /* sudden death never extends */
    assert_int_equal(r.auction.ends_at, ends);
    f->ctx.now = ends; /* late, even before any close ran */
    assert_int_equal(fixture_bid(f, k.auction, k.bala, 5000).code, BZ_EAUCTIONENDED);
    assert_int_equal(app_auction_close(&f->ctx, k.auction, NULL), BZ_OK);
    assert_int_equal(fixture_auction(f, 0, k.auction).auction.winner_id, k.ali);
}

static void soft_close_extends_on_late_steps(void **state)
{
    fixture *f = *state;
    room k = new_room(f, standard);
    int64_t ends = FIX_NOW + 30 * S_MS;
    f->ctx.now = ends - 10 * S_MS; /* exactly the window left: not less */
    app_bid_result r = fixture_bid(f, k.auction, k.ali, 1000);
    assert_false(r.extended);
    assert_int_equal(r.auction.ends_at, ends);
    assert_int_equal(fixture_events_named(f, "auction:update"), 0);
    f->ctx.now = ends - 10 * S_MS + 1;
    r = fixture_bid(f, k.auction, k.bala, 1100);
    assert_true(r.extended);
    assert_int_equal(r.auction.ends_at, f->ctx.now + 10 * S_MS);
    assert_int_equal(fixture_events_named(f, "auction:update"), 1);
    ends = r.auction.ends_at;
    /* a leader raising their maximum moves no price, so no clock */
    f->ctx.now = ends - 1;
    r = fixture_max_bid(f, k.auction, k.bala, 5000);
    assert_int_equal(r.code, BZ_OK);
    assert_false(r.extended);
    assert_int_equal(r.auction.ends_at, ends);
    /* a challenger's step and the proxy's answer do */
    r = fixture_bid(f, k.auction, k.ali, 1200);
    assert_true(r.extended);
    assert_int_equal(r.auction.ends_at, f->ctx.now + 10 * S_MS);
    assert_int_equal(r.auction.leader_id, k.bala);
}

static void proxy_bids_answer_one_increment_at_a_time(void **state)
{
    fixture *f = *state;
    room k = new_room(f, standard);
    app_bid_result r = fixture_max_bid(f, k.auction, k.ali, 5000);
    assert_int_equal(r.code, BZ_OK);
    assert_int_equal(r.amount, 1000); /* a maximum opens at the starting bid */
    assert_int_equal(r.max_amount, 5000);
    r = fixture_bid(f, k.auction, k.bala, 2000);
    assert_int_equal(r.amount, 2000);              /* bala's own step ... */
    assert_int_equal(r.auction.current_bid, 2100); /* ... and ali's proxy one increment above */
    assert_int_equal(r.auction.leader_id, k.ali);
    r = fixture_max_bid(f, k.auction, k.cat, 5000);
    assert_int_equal(r.auction.current_bid, 5000);
    assert_int_equal(r.auction.leader_id, k.ali); /* equal maximums: the earlier leads */
    r = fixture_max_bid(f, k.auction, k.cat, 9000);
    assert_int_equal(r.auction.current_bid, 5500); /* one increment above ali's maximum */
    assert_int_equal(r.auction.leader_id, k.cat);
    /* the leader may raise their maximum (no step), not lower it nor bid against themselves */
    int64_t steps = steps_of(f, k.auction);
    fixture_events_clear(f);
    r = fixture_max_bid(f, k.auction, k.cat, 9500);
    assert_int_equal(r.code, BZ_OK);
    assert_int_equal(r.bid_id, 0);
    assert_int_equal(r.amount, 5500);
    assert_int_equal(steps_of(f, k.auction), steps);
    assert_int_equal(fixture_events_named(f, "auction:bid"), 0);
    assert_int_equal(fixture_max_bid(f, k.auction, k.cat, 9500).code, BZ_EBIDTOOLOW);
    assert_int_equal(fixture_max_bid(f, k.auction, k.cat, 9000).code, BZ_EBIDTOOLOW);
    assert_int_equal(fixture_bid(f, k.auction, k.cat, 6000).code, BZ_EALREADYLEADING);
    app_auction_log log;
    assert_int_equal(app_auction_log_read(&f->ctx, k.auction, &log), BZ_OK);
    const struct {
        int64_t amount;
        bool by_proxy;
    } want[] = {{1000, false}, {2000, false}, {2100, true}, {5000, false}, {5500, false}};
    assert_int_equal(log.n, 5);
    for (size_t i = 0; i < log.n; i++) {
        assert_int_equal(log.entries[i].amount, want[i].amount);
        assert_int_equal(log.entries[i].by_proxy, want[i].by_proxy);
    }
    /* the answer is capped at the maximum */
    int64_t a2 = fixture_auction_of(f, k.seller, standard, NULL);
    assert_int_equal(fixture_max_bid(f, a2, k.ali, 2050).code, BZ_OK);
    r = fixture_bid(f, a2, k.bala, 2000);
    assert_int_equal(r.auction.current_bid, 2050);
    assert_int_equal(r.auction.leader_id, k.ali);
}

static void a_maximum_that_reaches_the_reserve_lifts_the_price(void **state)
{
    fixture *f = *state;
    room k = new_room(f, (app_auction_input){.starting_bid = 1000, .reserve_price = 5000});
    app_bid_result r = fixture_max_bid(f, k.auction, k.ali, 4000);
    assert_int_equal(r.auction.current_bid, 1000); /* below the reserve: no lift */
    r = fixture_max_bid(f, k.auction, k.bala, 6000);
    assert_int_equal(r.auction.current_bid, 5000); /* 4200 would do; the reserve lifts it */
    assert_int_equal(r.auction.leader_id, k.bala);
    assert_true(fixture_auction(f, k.bala, k.auction).reserve_met);
    /* a leader raising their maximum to the reserve gets a proxy step to it */
    int64_t a2 = fixture_auction_of(
        f, k.seller, (app_auction_input){.starting_bid = 1000, .reserve_price = 5000}, NULL);
    fixture_events_clear(f);
    assert_int_equal(fixture_max_bid(f, a2, k.ali, 3000).code, BZ_OK);
    r = fixture_max_bid(f, a2, k.ali, 5000);
    assert_int_equal(r.auction.current_bid, 5000);
    assert_true(r.bid_id != 0);
    assert_int_equal(fixture_events_named(f, "auction:bid"), 2);
    assert_non_null(strstr(fixture_last_event(f, "auction:bid")->json, "\"by_proxy\":true"));
}

static void buy_it_now_ends_the_auction_at_its_price(void **state)
{
    fixture *f = *state;
    room k = new_room(f, (app_auction_input){.starting_bid = 1000, .buy_now_price = 20000});
    assert_false(fixture_bid(f, k.auction, k.ali, 19000).ended);
    app_bid_req reqs[2] = {{.bidder_id = k.bala, .amount = 25000},
                           {.bidder_id = k.cat, .amount = 30000}};
    app_bid_result out[2];
    assert_int_equal(app_auction_bid_batch(&f->ctx, k.auction, reqs, 2, out), BZ_OK);
    assert_int_equal(out[0].code, BZ_OK);
    assert_true(out[0].ended);
    assert_int_equal(out[0].amount, 20000); /* the buy-now price, not the higher bid */
    assert_string_equal(out[0].auction.status, "ended");
    assert_int_equal(out[0].auction.winner_id, k.bala);
    assert_int_equal(out[1].code, BZ_EAUCTIONENDED);
    order_record o;
    assert_true(fixture_order(f, k.auction, &o));
    assert_int_equal(o.buyer_id, k.bala);
    assert_int_equal(o.amount, 20000);
    assert_int_equal(fixture_quantity(f, k.lot.product), 0);
    assert_true(fixture_auction(f, 0, k.auction).auction.bought_now);
    const fix_event *ev = fixture_last_event(f, "auction:update");
    assert_non_null(strstr(ev->json, "\"bought_now\":true"));
    assert_non_null(strstr(ev->json, "\"username\":\"bala\""));
    /* a close finds it ended */
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, k.auction, NULL), BZ_EAUCTIONENDED);
    /* a maximum at the price buys too, also the leader's own raise */
    int64_t a2 = fixture_auction_of(
        f, k.seller, (app_auction_input){.starting_bid = 1000, .buy_now_price = 20000}, NULL);
    assert_int_equal(fixture_max_bid(f, a2, k.ali, 5000).code, BZ_OK);
    app_bid_result r = fixture_max_bid(f, a2, k.ali, 20000);
    assert_true(r.ended);
    assert_int_equal(r.auction.winner_id, k.ali);
    assert_int_equal(r.auction.current_bid, 20000);
}

static app_bid_result keyed(fixture *f, int64_t auction, int64_t bidder, int64_t amount,
                            const char *key)
{
    app_bid_req req = {.bidder_id = bidder, .amount = amount};
    snprintf(req.key, sizeof(req.key), "%s", key);
    return fixture_bid_req(f, auction, &req);
}

static void a_key_replays_the_first_answer(void **state)
{
    fixture *f = *state;
    room k = new_room(f, standard);
    app_bid_result first = keyed(f, k.auction, k.ali, 1000, "k1");
    assert_int_equal(first.code, BZ_OK);
    assert_false(first.replayed);
    fixture_events_clear(f);
    app_bid_result again = keyed(f, k.auction, k.ali, 1500, "k1"); /* the amount is not read */
    assert_int_equal(again.code, BZ_OK);
    assert_true(again.replayed);
    assert_int_equal(again.bid_id, first.bid_id);
    assert_int_equal(again.amount, 1000);
    assert_int_equal(again.created_at, first.created_at);
    assert_int_equal(steps_of(f, k.auction), 1);
    assert_int_equal(f->events.n, 0);
    /* keys are per bidder */
    app_bid_result other = keyed(f, k.auction, k.bala, 1100, "k1");
    assert_false(other.replayed);
    assert_true(other.bid_id != first.bid_id);
    /* twice in one batch: the second is the first's replay */
    app_bid_req reqs[2] = {{.bidder_id = k.ali, .amount = 1200, .key = "k2"},
                           {.bidder_id = k.ali, .amount = 1200, .key = "k2"}};
    app_bid_result out[2];
    assert_int_equal(app_auction_bid_batch(&f->ctx, k.auction, reqs, 2, out), BZ_OK);
    assert_false(out[0].replayed);
    assert_true(out[1].replayed);
    assert_int_equal(out[1].bid_id, out[0].bid_id);
    /* a refused bid keeps no key: its retry is judged afresh */
    assert_int_equal(keyed(f, k.auction, k.bala, 1000, "k3").code, BZ_EBIDTOOLOW);
    app_bid_result retry = keyed(f, k.auction, k.bala, 1300, "k3");
    assert_int_equal(retry.code, BZ_OK);
    assert_false(retry.replayed);
    /* the answer stays after the end, and a key is no way around signing in */
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, k.auction, NULL), BZ_OK);
    again = keyed(f, k.auction, k.ali, 1000, "k1");
    assert_true(again.replayed);
    assert_int_equal(again.bid_id, first.bid_id);
    assert_string_equal(again.auction.status, "ended");
    assert_int_equal(keyed(f, k.auction, 0, 1000, "k1").code, BZ_EUNAUTHORIZED);
}

static void bans_and_buyer_limits_refuse_bids(void **state)
{
    fixture *f = *state;
    room k = new_room(f, standard);
    int64_t other_show = fixture_lot(f, k.seller, true).show;
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, k.lot.show, k.ali), BZ_OK);
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, other_show, k.bala), BZ_OK); /* elsewhere */
    app_buyer_limits l;
    app_limits_input cool = {.cool_off_days = 1};
    assert_int_equal(app_wellbeing_set(&f->ctx, k.cat, &cool, &l), BZ_OK);
    app_limits_input cap = {.set_cap = true, .cap_amount = 5000, .cap_period = "day"};
    assert_int_equal(app_wellbeing_set(&f->ctx, k.dan, &cap, &l), BZ_OK);
    app_bid_req reqs[] = {
        {.bidder_id = k.ali, .amount = 1000},                 /* banned from this show */
        {.bidder_id = k.bala, .amount = 1000},                /* fine */
        {.bidder_id = k.cat, .amount = 1100},                 /* in a cool-off */
        {.bidder_id = k.dan, .is_max = true, .amount = 5001}, /* a maximum counts in full */
        {.bidder_id = k.dan, .is_max = true, .amount = 5000},
    };
    const int want[] = {BZ_EBANNED, BZ_OK, BZ_ECOOLOFF, BZ_ESPENDINGCAP, BZ_OK};
    app_bid_result out[5];
    assert_int_equal(app_auction_bid_batch(&f->ctx, k.auction, reqs, 5, out), BZ_OK);
    for (size_t i = 0; i < 5; i++) {
        if (out[i].code != want[i]) {
            fail_msg("bid %zu: %d, not %d", i, out[i].code, want[i]);
        }
    }
    assert_int_equal(out[4].auction.leader_id, k.dan);
    /* unbanned, ali bids; over the cap elsewhere is over the cap */
    assert_int_equal(app_mod_unban(&f->ctx, k.seller, k.lot.show, k.ali), BZ_OK);
    assert_int_equal(fixture_bid(f, k.auction, k.ali, 1300).code, BZ_OK);
    int64_t a2 = fixture_auction_of(f, k.seller, standard, NULL);
    assert_int_equal(fixture_bid(f, a2, k.dan, 1000).code, BZ_ESPENDINGCAP); /* 5000 held */
    /* the cool-off ends when it said */
    f->ctx.now += APP_DAY_MS;
    int64_t a3 = fixture_auction_of(f, k.seller, standard, NULL);
    assert_int_equal(fixture_bid(f, a3, k.cat, 1000).code, BZ_OK);
}

static void a_batch_applies_in_order_and_announces_each_step(void **state)
{
    fixture *f = *state;
    room k = new_room(f, standard);
    app_bid_req reqs[] = {
        {.bidder_id = k.ali, .amount = 1000},  {.bidder_id = k.bala, .amount = 1000},
        {.bidder_id = k.bala, .amount = 1100}, {.bidder_id = k.cat, .is_max = true, .amount = 5000},
        {.bidder_id = k.ali, .amount = 1300},
    };
    app_bid_result out[5];
    assert_int_equal(app_auction_bid_batch(&f->ctx, k.auction, reqs, 5, out), BZ_OK);
    const struct {
        int code;
        int64_t current, leader;
    } want[] = {{BZ_OK, 1000, k.ali},
                {BZ_EBIDTOOLOW, 1000, k.ali},
                {BZ_OK, 1100, k.bala},
                {BZ_OK, 1200, k.cat},
                {BZ_OK, 1400, k.cat}};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(out[i].code, want[i].code);
        assert_int_equal(out[i].auction.current_bid, want[i].current);
        assert_int_equal(out[i].auction.leader_id, want[i].leader);
    }
    assert_int_equal(out[4].amount, 1300); /* ali's own step; cat's proxy answered 1400 */
    /* one auction:bid per step, in order; the last carries the signed head of the batch */
    assert_int_equal(f->events.n, 5);
    for (int i = 0; i < 5; i++) {
        const fix_event *ev = &f->events.items[i];
        assert_string_equal(ev->name, "auction:bid");
        assert_int_equal(ev->target, k.lot.show);
        assert_true(i == 0 || ev->seq == f->events.items[i - 1].seq + 1);
        assert_true((strstr(ev->json, "\"log_head_seq\"") != NULL) == (i == 4));
    }
    const char *last = f->events.items[4].json;
    char cat[64];
    snprintf(cat, sizeof(cat), "\"bidder\":{\"id\":\"%lld\",\"username\":\"cat\"}",
             (long long)k.cat);
    assert_non_null(strstr(last, cat));
    assert_non_null(strstr(last, "\"amount\":1400,"));
    assert_non_null(strstr(last, "\"by_proxy\":true"));
    assert_non_null(strstr(last, "\"log_seq\":5,"));
    assert_non_null(strstr(last, "\"log_head_seq\":5,"));
    assert_null(strstr(last, "\"log_sig\":null"));
    app_auction_log log;
    assert_int_equal(app_auction_log_read(&f->ctx, k.auction, &log), BZ_OK);
    assert_true(log.valid);
    assert_int_equal(log.n, 5);
}

/* A spending cap judges a bid at what it would commit (app/wellbeing.h): a bid above the
 * buy-now price buys at that price, so it passes when that price fits the cap. */
static void the_cap_judges_a_buy_now_at_its_price(void **state)
{
    fixture *f = *state;
    room k = new_room(f, (app_auction_input){.starting_bid = 1000, .buy_now_price = 20000});
    app_buyer_limits l;
    app_limits_input cap = {.set_cap = true, .cap_amount = 20000, .cap_period = "day"};
    assert_int_equal(app_wellbeing_set(&f->ctx, k.ali, &cap, &l), BZ_OK);
    app_bid_result r = fixture_bid(f, k.auction, k.ali, 25000);
    assert_int_equal(r.code, BZ_OK);
    assert_true(r.ended);
    assert_int_equal(r.amount, 20000);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(first_bid_reaches_the_start_then_the_increment),
          T(refused_bids_change_and_announce_nothing), T(bidding_stops_at_ends_at_in_sudden_death),
          T(soft_close_extends_on_late_steps), T(proxy_bids_answer_one_increment_at_a_time),
          T(a_maximum_that_reaches_the_reserve_lifts_the_price),
          T(buy_it_now_ends_the_auction_at_its_price), T(a_key_replays_the_first_answer),
          T(bans_and_buyer_limits_refuse_bids), T(a_batch_applies_in_order_and_announces_each_step),
          T(the_cap_judges_a_buy_now_at_its_price))
