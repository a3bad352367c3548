/* Unit tests of pre-bids (app/prebids.h, docs/auctions.md "Pre-bids"): who may place one and
 * on what, placing again, listing and withdrawing one's own, and their application when the
 * lot's auction starts: as maximums in creation order, inside the start's transaction, with
 * the refused ones skipped. Over the real SQLite adapter, the clock under the test's control.
 * A pre-bid at the buy-now price and sold-out lots are test_stock.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/auctions.h"
#include "app/moderation.h"
#include "app/prebids.h"
#include "app/streams.h"
#include "app/wellbeing.h"
#include "base/err.h"
#include "domain/money.h"
#include "fixture.h"

/* A seller with a scheduled show of two lots, and three buyers. */
typedef struct cast {
    int64_t seller, ali, bala, cat;
    int64_t lots[2];
    int64_t show;
} cast;

static cast new_cast(fixture *f)
{
    cast k = {.seller = fixture_seller(f, "kedai"),
              .ali = fixture_user(f, "ali"),
              .bala = fixture_user(f, "bala"),
              .cat = fixture_user(f, "cat")};
    k.lots[0] = fixture_product(f, k.seller, 1);
    k.lots[1] = fixture_product(f, k.seller, 1);
    k.show = fixture_show(f, k.seller, k.lots, 2, false);
    return k;
}

static int place(fixture *f, int64_t who, int64_t show, int64_t lot, int64_t max)
{
    prebid pb;
    return app_prebid_place(&f->ctx, who, show, lot, max, &pb);
}

static void go_live(fixture *f, const cast *k)
{
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k->seller, k->show, &v), BZ_OK);
}

/* Start lot `i`'s auction (starting bid RM10) and return it as a buyer sees it. */
static app_auction_view start_lot(fixture *f, const cast *k, int i)
{
    app_auction_input in = {.product_id = k->lots[i], .starting_bid = 1000};
    int64_t id = 0;
    assert_int_equal(fixture_start(f, k->seller, k->show, &in, &id), BZ_OK);
    return fixture_auction(f, 0, id);
}

static void placing_checks_the_buyer_the_show_and_the_lot(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    int64_t elsewhere = fixture_product(f, k.seller, 1);
    assert_int_equal(place(f, 0, k.show, k.lots[0], 1000), BZ_EUNAUTHORIZED);
    assert_int_equal(place(f, k.ali, k.show, k.lots[0], 99), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "max_amount");
    assert_int_equal(place(f, k.ali, k.show, k.lots[0], MONEY_PRICE_CAP_SEN + 1), BZ_EVALIDATION);
    assert_int_equal(place(f, k.ali, 123456789, k.lots[0], 1000), BZ_ENOTFOUND);
    assert_int_equal(place(f, k.seller, k.show, k.lots[0], 1000), BZ_ENOTELIGIBLE);
    assert_int_equal(place(f, k.ali, k.show, elsewhere, 1000), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "product_id");
    assert_int_equal(place(f, k.ali, k.show, k.lots[0], 100), BZ_OK);
    assert_int_equal(place(f, k.ali, k.show, k.lots[0], MONEY_PRICE_CAP_SEN), BZ_OK);
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, k.show, k.bala), BZ_OK);
    assert_int_equal(place(f, k.bala, k.show, k.lots[0], 1000), BZ_EBANNED);
    app_buyer_limits l;
    app_limits_input cool = {.cool_off_days = 1};
    assert_int_equal(app_wellbeing_set(&f->ctx, k.cat, &cool, &l), BZ_OK);
    assert_int_equal(place(f, k.cat, k.show, k.lots[0], 1000), BZ_ECOOLOFF);
    f->ctx.now = l.cool_off_until;
    assert_int_equal(place(f, k.cat, k.show, k.lots[0], 1000), BZ_OK);
    /* live is fine; over is not */
    go_live(f, &k);
    assert_int_equal(place(f, k.cat, k.show, k.lots[1], 1000), BZ_OK);
    app_stream_view v;
    assert_int_equal(app_stream_end(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(place(f, k.cat, k.show, k.lots[1], 2000), BZ_ECONFLICT);
}

static void a_running_lot_takes_bids_not_prebids(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    go_live(f, &k);
    app_auction_view a = start_lot(f, &k, 0);
    assert_int_equal(place(f, k.ali, k.show, k.lots[0], 5000), BZ_EAUCTIONRUNNING);
    assert_int_equal(place(f, k.ali, k.show, k.lots[1], 5000), BZ_OK); /* the next lot */
    f->ctx.now = a.auction.ends_at;
    assert_int_equal(app_auction_close(&f->ctx, a.auction.id, NULL), BZ_OK); /* unsold */
    assert_int_equal(place(f, k.ali, k.show, k.lots[0], 5000), BZ_OK);
}

static void placing_again_replaces_and_withdrawing_removes(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    prebid first, again, *mine = NULL;
    size_t n = 0;
    assert_int_equal(app_prebid_place(&f->ctx, k.ali, k.show, k.lots[0], 3000, &first), BZ_OK);
    f->ctx.now += 1000;
    assert_int_equal(place(f, k.ali, k.show, k.lots[1], 2000), BZ_OK);
    f->ctx.now += 1000;
    assert_int_equal(app_prebid_place(&f->ctx, k.ali, k.show, k.lots[0], 5000, &again), BZ_OK);
    assert_int_equal(again.id, first.id); /* one per lot and buyer */
    assert_int_equal(again.max_amount, 5000);
    assert_int_equal(again.created_at, f->ctx.now); /* and it counts as the later one */
    assert_int_equal(app_prebids_mine(&f->ctx, k.ali, k.show, &mine, &n), BZ_OK);
    assert_int_equal(n, 2);
    assert_int_equal(mine[0].product_id, k.lots[1]);
    assert_int_equal(mine[1].product_id, k.lots[0]);
    assert_int_equal(mine[1].max_amount, 5000);
    assert_int_equal(app_prebids_mine(&f->ctx, k.bala, k.show, &mine, &n), BZ_OK);
    assert_int_equal(n, 0);
    assert_int_equal(app_prebids_mine(&f->ctx, 0, k.show, &mine, &n), BZ_EUNAUTHORIZED);
    /* only one's own is withdrawn */
    assert_int_equal(app_prebid_delete(&f->ctx, 0, k.show, k.lots[0]), BZ_EUNAUTHORIZED);
    assert_int_equal(app_prebid_delete(&f->ctx, k.bala, k.show, k.lots[0]), BZ_ENOTFOUND);
    assert_int_equal(app_prebid_delete(&f->ctx, k.ali, k.show, k.lots[0]), BZ_OK);
    assert_int_equal(app_prebid_delete(&f->ctx, k.ali, k.show, k.lots[0]), BZ_ENOTFOUND);
    assert_int_equal(app_prebids_mine(&f->ctx, k.ali, k.show, &mine, &n), BZ_OK);
    assert_int_equal(n, 1);
    assert_int_equal(mine[0].product_id, k.lots[1]);
}

static void the_start_applies_them_in_creation_order(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    assert_int_equal(place(f, k.ali, k.show, k.lots[0], 5000), BZ_OK);
    f->ctx.now += 1;
    assert_int_equal(place(f, k.bala, k.show, k.lots[0], 8000), BZ_OK);
    assert_int_equal(place(f, k.cat, k.show, k.lots[1], 9000), BZ_OK); /* another lot's */
    go_live(f, &k);
    fixture_events_clear(f);
    app_auction_view a = start_lot(f, &k, 0);
    /* ali's 5000 opens at the start; bala's 8000 beats it one increment above: 5500 */
    assert_int_equal(a.auction.current_bid, 5500);
    assert_int_equal(a.auction.leader_id, k.bala);
    assert_int_equal(a.auction.step_count, 2);
    /* the room hears the opening first, then the pre-bids' steps, in one run of seqs */
    const char *names[] = {"auction:update", "auction:bid", "auction:bid"};
    assert_int_equal(f->events.n, 3);
    for (int i = 0; i < 3; i++) {
        assert_string_equal(f->events.items[i].name, names[i]);
        assert_true(i == 0 || f->events.items[i].seq == f->events.items[i - 1].seq + 1);
    }
    assert_non_null(strstr(f->events.items[2].json, "\"log_head_seq\":2,"));
    app_auction_log log;
    assert_int_equal(app_auction_log_read(&f->ctx, a.auction.id, &log), BZ_OK);
    assert_true(log.valid);
    assert_int_equal(log.entries[0].bidder_id, k.ali);
    assert_int_equal(log.entries[0].amount, 1000);
    assert_int_equal(log.entries[1].bidder_id, k.bala);
    assert_int_equal(log.entries[1].amount, 5500);
    assert_true(log.head.has_sig);
    /* they stay stored after they were applied */
    prebid *mine = NULL;
    size_t n = 0;
    assert_int_equal(app_prebids_mine(&f->ctx, k.ali, k.show, &mine, &n), BZ_OK);
    assert_int_equal(n, 1);
}

static void ties_go_to_the_earlier_and_a_replacement_is_later(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    assert_int_equal(place(f, k.ali, k.show, k.lots[0], 5000), BZ_OK);
    assert_int_equal(place(f, k.ali, k.show, k.lots[1], 5000), BZ_OK);
    f->ctx.now += 1;
    assert_int_equal(place(f, k.bala, k.show, k.lots[0], 5000), BZ_OK);
    assert_int_equal(place(f, k.bala, k.show, k.lots[1], 5000), BZ_OK);
    f->ctx.now += 1;
    assert_int_equal(place(f, k.ali, k.show, k.lots[1], 5000), BZ_OK); /* placed again */
    go_live(f, &k);
    app_auction_view a = start_lot(f, &k, 0);
    assert_int_equal(a.auction.current_bid, 5000);
    assert_int_equal(a.auction.leader_id, k.ali);
    f->ctx.now = a.auction.ends_at;
    assert_int_equal(app_auction_close(&f->ctx, a.auction.id, NULL), BZ_OK);
    a = start_lot(f, &k, 1);
    assert_int_equal(a.auction.current_bid, 5000);
    assert_int_equal(a.auction.leader_id, k.bala);
}

static void refused_prebids_are_skipped(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    int64_t dan = fixture_user(f, "dan"), eve = fixture_user(f, "eve");
    assert_int_equal(place(f, k.ali, k.show, k.lots[0], 500), BZ_OK); /* below the start */
    assert_int_equal(place(f, k.bala, k.show, k.lots[0], 9000), BZ_OK);
    assert_int_equal(place(f, k.cat, k.show, k.lots[0], 9000), BZ_OK);
    assert_int_equal(place(f, dan, k.show, k.lots[0], 3000), BZ_OK);
    assert_int_equal(place(f, eve, k.show, k.lots[0], 1500), BZ_OK);
    /* since they were placed: bala banned, cat in a cool-off, dan capped below his maximum */
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, k.show, k.bala), BZ_OK);
    app_buyer_limits l;
    app_limits_input cool = {.cool_off_days = 2};
    assert_int_equal(app_wellbeing_set(&f->ctx, k.cat, &cool, &l), BZ_OK);
    app_limits_input cap = {.set_cap = true, .cap_amount = 2000, .cap_period = "week"};
    assert_int_equal(app_wellbeing_set(&f->ctx, dan, &cap, &l), BZ_OK);
    go_live(f, &k);
    app_auction_view a = start_lot(f, &k, 0);
    assert_string_equal(a.auction.status, "running");
    assert_int_equal(a.auction.step_count, 1);
    assert_int_equal(a.auction.current_bid, 1000);
    assert_int_equal(a.auction.leader_id, eve);
}

static void a_lot_without_prebids_opens_bare(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    assert_int_equal(place(f, k.ali, k.show, k.lots[1], 5000), BZ_OK);
    go_live(f, &k);
    fixture_events_clear(f);
    app_auction_view a = start_lot(f, &k, 0);
    assert_false(a.auction.has_bid);
    assert_int_equal(a.auction.step_count, 0);
    assert_int_equal(f->events.n, 1);
    assert_string_equal(f->events.items[0].name, "auction:update");
}

/* A pre-bid is one maximum for one lot: once it has won a unit of a lot of two, the second
 * unit's auction does not open with its bidder leading again (nobody asked for two). */
static void a_prebid_that_won_is_not_applied_again(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f);
    int64_t two = fixture_product(f, k.seller, 2);
    int64_t show = fixture_show(f, k.seller, &two, 1, false);
    assert_int_equal(place(f, k.ali, show, two, 5000), BZ_OK);
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, show, &v), BZ_OK);
    app_auction_input in = {.product_id = two, .starting_bid = 1000};
    int64_t first = 0, second = 0;
    assert_int_equal(fixture_start(f, k.seller, show, &in, &first), BZ_OK);
    f->ctx.now += 30 * 1000;
    assert_int_equal(app_auction_close(&f->ctx, first, NULL), BZ_OK);
    assert_int_equal(fixture_auction(f, 0, first).auction.winner_id, k.ali);
    assert_int_equal(fixture_start(f, k.seller, show, &in, &second), BZ_OK);
    assert_false(fixture_auction(f, 0, second).auction.has_bid);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(placing_checks_the_buyer_the_show_and_the_lot), T(a_running_lot_takes_bids_not_prebids),
          T(placing_again_replaces_and_withdrawing_removes),
          T(the_start_applies_them_in_creation_order),
          T(ties_go_to_the_earlier_and_a_replacement_is_later), T(refused_prebids_are_skipped),
          T(a_lot_without_prebids_opens_bare), T(a_prebid_that_won_is_not_applied_again))
