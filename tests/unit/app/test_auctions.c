/* Unit tests of the auction use cases other than bidding (app/auctions.h): who may start an
 * auction and with what fields, one running auction per show, the opening event, what a read
 * shows (the hidden reserve), closing exactly once when due with the winner's order, and the
 * bid log read back verified. Over the real SQLite adapter, the clock under the test's
 * control. Bids are test_bids.c, stock test_stock.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/auctions.h"
#include "app/streams.h"
#include "base/err.h"
#include "domain/money.h"
#include "fixture.h"

#define S_MS 1000LL

static const app_auction_input plain = {.starting_bid = 1000, .duration_s = 30};

static void start_checks_its_fields(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai");
    fix_lot lot = fixture_lot(f, seller, true);
    fixture_events_clear(f); /* the show's going live */
    struct {
        app_auction_input in;
        const char *field;
    } bad[] = {
        {{.starting_bid = 99}, "starting_bid"},
        {{.starting_bid = MONEY_PRICE_CAP_SEN + 1}, "starting_bid"},
        {{.starting_bid = 1000, .duration_s = 4}, "duration_s"},
        {{.starting_bid = 1000, .duration_s = 301}, "duration_s"},
        {{.starting_bid = 1000, .duration_s = -1}, "duration_s"},
        {{.starting_bid = 1000, .mode = "dutch"}, "mode"},
        {{.starting_bid = 1000, .mode = ""}, "mode"},
        {{.starting_bid = 1000, .reserve_price = 999}, "reserve_price"},
        {{.starting_bid = 1000, .buy_now_price = 1000}, "buy_now_price"},
        {{.starting_bid = 1000, .reserve_price = 5000, .buy_now_price = 4999}, "buy_now_price"},
        {{.starting_bid = 1000, .buy_now_price = MONEY_PRICE_CAP_SEN + 1}, "buy_now_price"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        bad[i].in.product_id = lot.product;
        if (fixture_start(f, seller, lot.show, &bad[i].in, NULL) != BZ_EVALIDATION ||
            strcmp(f->ctx.err.field, bad[i].field) != 0) {
            fail_msg("bad[%zu] not refused on %s (got %s)", i, bad[i].field, f->ctx.err.field);
        }
    }
    assert_int_equal(f->events.n, 0);
    /* the edges that pass: 5 and 300 s, 0 = 30 s, reserve = start, buy-now = reserve */
    const app_auction_input good[] = {
        {.starting_bid = 100, .duration_s = 5},
        {.starting_bid = MONEY_PRICE_CAP_SEN - 1, .duration_s = 300},
        {.starting_bid = 1000, .reserve_price = 1000, .buy_now_price = 1000 + 1},
        {.starting_bid = 1000, .reserve_price = 5000, .buy_now_price = 5000},
    };
    const int64_t span[] = {5 * S_MS, 300 * S_MS, 30 * S_MS, 30 * S_MS};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        app_auction_view v =
            fixture_auction(f, seller, fixture_auction_of(f, seller, good[i], NULL));
        assert_int_equal(v.auction.ends_at - v.auction.started_at, span[i]);
        assert_int_equal(v.auction.reserve_price, good[i].reserve_price);
        assert_int_equal(v.auction.buy_now_price, good[i].buy_now_price);
    }
}

static void only_the_sellers_live_show_starts_one(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), rival = fixture_seller(f, "kedai_lain");
    int64_t buyer = fixture_user(f, "ali");
    fix_lot lot = fixture_lot(f, seller, true), later = fixture_lot(f, seller, false);
    fix_lot elsewhere = fixture_lot(f, seller, true);
    app_auction_input in = plain;
    in.product_id = lot.product;
    assert_int_equal(fixture_start(f, seller, 123456789, &in, NULL), BZ_ENOTFOUND);
    assert_int_equal(fixture_start(f, rival, lot.show, &in, NULL), BZ_EFORBIDDEN);
    assert_int_equal(fixture_start(f, buyer, lot.show, &in, NULL), BZ_EFORBIDDEN);
    assert_int_equal(fixture_start(f, 0, lot.show, &in, NULL), BZ_EFORBIDDEN);
    in.product_id = elsewhere.product; /* the seller's, but not in this show's lineup */
    assert_int_equal(fixture_start(f, seller, lot.show, &in, NULL), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "product_id");
    in.product_id = 424242; /* no such product */
    assert_int_equal(fixture_start(f, seller, lot.show, &in, NULL), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "product_id");
    in.product_id = later.product;
    assert_int_equal(fixture_start(f, seller, later.show, &in, NULL), BZ_ECONFLICT); /* scheduled */
    app_stream_view sv;
    assert_int_equal(app_stream_end(&f->ctx, seller, elsewhere.show, &sv), BZ_OK);
    in.product_id = elsewhere.product;
    assert_int_equal(fixture_start(f, seller, elsewhere.show, &in, NULL), BZ_ECONFLICT); /* ended */
    assert_int_equal(fixture_events_named(f, "auction:update"), 0);
    in.product_id = lot.product;
    assert_int_equal(fixture_start(f, seller, lot.show, &in, NULL), BZ_OK);
}

static void one_auction_runs_per_show(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai");
    int64_t lots[2] = {fixture_product(f, seller, 1), fixture_product(f, seller, 1)};
    int64_t show = fixture_show(f, seller, lots, 2, true);
    int64_t a = 0, b = 0;
    app_auction_input in = plain;
    in.product_id = lots[0];
    assert_int_equal(fixture_start(f, seller, show, &in, &a), BZ_OK);
    assert_int_equal(fixture_start(f, seller, show, &in, NULL), BZ_EAUCTIONRUNNING); /* not stock */
    in.product_id = lots[1];
    assert_int_equal(fixture_start(f, seller, show, &in, NULL), BZ_EAUCTIONRUNNING);
    app_stream_view sv;
    assert_int_equal(app_stream_end(&f->ctx, seller, show, &sv), BZ_EAUCTIONRUNNING);
    /* another show of the same seller runs its own */
    fixture_auction_of(f, seller, plain, NULL);
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    assert_int_equal(fixture_start(f, seller, show, &in, &b), BZ_OK);
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, b, NULL), BZ_OK);
    in.product_id = lots[0]; /* it ended unsold: its lot may run again */
    assert_int_equal(fixture_start(f, seller, show, &in, NULL), BZ_OK);
}

static void start_announces_the_opening(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai");
    fix_lot lot = fixture_lot(f, seller, true);
    fixture_events_clear(f);
    app_auction_input in = plain;
    in.product_id = lot.product;
    app_auction_view v;
    assert_int_equal(app_auction_start(&f->ctx, seller, lot.show, &in, &v), BZ_OK);
    assert_string_equal(v.auction.status, "running");
    assert_string_equal(v.auction.mode, "standard");
    assert_false(v.auction.has_bid);
    assert_int_equal(v.min_next_bid, 1000);
    assert_int_equal(v.auction.started_at, FIX_NOW);
    assert_int_equal(v.auction.ends_at, FIX_NOW + 30 * S_MS);
    assert_int_equal(v.auction.soft_close_window_ms, 10 * S_MS);
    assert_int_equal(v.auction.soft_close_extend_ms, 10 * S_MS);
    assert_int_equal(v.server_time, FIX_NOW);
    assert_int_equal(f->events.n, 1);
    const fix_event *ev = fixture_last_event(f, "auction:update");
    assert_non_null(ev);
    assert_int_equal(ev->target, lot.show);
    assert_true(ev->seq > 0);
    const char *parts[] = {"\"status\":\"running\"", "\"current_bid\":null",
                           "\"min_next_bid\":1000", "\"winner\":null",
                           "\"log_head_seq\":0,\"log_head\":null"};
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (!strstr(ev->json, parts[i])) {
            fail_msg("%s not in %s", parts[i], ev->json);
        }
    }
    /* sudden death has no soft close */
    in = (app_auction_input){.starting_bid = 1000, .mode = "sudden_death"};
    app_auction_view sd = fixture_auction(f, seller, fixture_auction_of(f, seller, in, NULL));
    assert_string_equal(sd.auction.mode, "sudden_death");
    assert_int_equal(sd.auction.soft_close_window_ms, 0);
}

static void reads_hide_the_reserve_from_buyers(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), ali = fixture_user(f, "ali");
    int64_t bala = fixture_user(f, "bala");
    app_auction_input in = {.starting_bid = 1000, .reserve_price = 5000};
    int64_t a = fixture_auction_of(f, seller, in, NULL);
    assert_int_equal(fixture_auction(f, seller, a).auction.reserve_price, 5000);
    const int64_t viewers[] = {ali, 0};
    for (size_t i = 0; i < 2; i++) {
        app_auction_view v = fixture_auction(f, viewers[i], a);
        assert_int_equal(v.auction.reserve_price, 0);
        assert_true(v.has_reserve);
        assert_false(v.reserve_met);
    }
    assert_int_equal(fixture_bid(f, a, ali, 4000).code, BZ_OK);
    assert_false(fixture_auction(f, ali, a).reserve_met);
    assert_int_equal(fixture_bid(f, a, bala, 5000).code, BZ_OK);
    app_auction_view v = fixture_auction(f, ali, a);
    assert_true(v.reserve_met);
    assert_int_equal(v.min_next_bid, 5500);
    /* no reserve: met from the start */
    v = fixture_auction(f, ali, fixture_auction_of(f, seller, plain, NULL));
    assert_false(v.has_reserve);
    assert_true(v.reserve_met);
    assert_int_equal(app_auction_get(&f->ctx, ali, 123456789, &v), BZ_ENOTFOUND);
}

static void a_shows_running_auction_reads_as_get_does(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), ali = fixture_user(f, "ali");
    app_auction_input in = {.starting_bid = 1000, .reserve_price = 5000};
    fix_lot lot;
    int64_t a = fixture_auction_of(f, seller, in, &lot);
    app_auction_view v;
    assert_int_equal(app_auction_running(&f->ctx, ali, lot.show, &v), BZ_OK);
    assert_int_equal(v.auction.id, a);
    assert_int_equal(v.auction.reserve_price, 0); /* hidden from a buyer, as by app_auction_get */
    assert_int_equal(app_auction_running(&f->ctx, seller, lot.show, &v), BZ_OK);
    assert_int_equal(v.auction.reserve_price, 5000);
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    assert_int_equal(app_auction_running(&f->ctx, ali, lot.show, &v), BZ_ENOTFOUND);
    assert_int_equal(app_auction_running(&f->ctx, ali, 123456789, &v), BZ_ENOTFOUND);
}

static void close_happens_once_when_due(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai");
    fix_lot lot;
    int64_t a = fixture_auction_of(f, seller, plain, &lot), ends_at = 0;
    fixture_events_clear(f);
    assert_int_equal(app_auction_close(&f->ctx, a, &ends_at), BZ_ECONFLICT);
    assert_int_equal(ends_at, FIX_NOW + 30 * S_MS);
    f->ctx.now = ends_at - 1;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_ECONFLICT);
    assert_int_equal(f->events.n, 0);
    f->ctx.now = ends_at + 7;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_EAUCTIONENDED);
    assert_int_equal(app_auction_close(&f->ctx, 123456789, NULL), BZ_ENOTFOUND);
    assert_int_equal(fixture_events_named(f, "auction:update"), 1);
    app_auction_view v = fixture_auction(f, seller, a);
    assert_string_equal(v.auction.status, "ended");
    assert_int_equal(v.auction.ended_at, ends_at + 7);
    assert_int_equal(v.auction.winner_id, 0); /* no bids: unsold, no order, the unit stays */
    assert_false(fixture_order(f, a, NULL));
    assert_int_equal(fixture_quantity(f, lot.product), 1);
}

static void close_sells_to_the_leader(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), ali = fixture_user(f, "ali");
    int64_t bala = fixture_user(f, "bala");
    fix_lot lot;
    int64_t a = fixture_auction_of(f, seller, plain, &lot);
    assert_int_equal(fixture_bid(f, a, ali, 1000).code, BZ_OK);
    assert_int_equal(fixture_bid(f, a, bala, 1500).code, BZ_OK);
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_EAUCTIONENDED);
    order_record o;
    assert_true(fixture_order(f, a, &o));
    assert_int_equal(o.buyer_id, bala);
    assert_int_equal(o.seller_id, seller);
    assert_int_equal(o.product_id, lot.product);
    assert_int_equal(o.amount, 1500);
    assert_string_equal(o.currency, "MYR");
    assert_string_equal(o.status, "awaiting_payment");
    assert_int_equal(o.created_at, f->ctx.now);
    assert_int_equal(fixture_quantity(f, lot.product), 0);
    assert_int_equal(fixture_auction(f, ali, a).auction.winner_id, bala);
    const fix_event *ev = fixture_last_event(f, "auction:update");
    char winner[96];
    snprintf(winner, sizeof(winner), "\"winner\":{\"id\":\"%lld\",\"username\":\"bala\"}",
             (long long)bala);
    assert_non_null(strstr(ev->json, winner));
    assert_non_null(strstr(ev->json, "\"status\":\"ended\""));
    assert_non_null(strstr(ev->json, "\"log_head_seq\":2,"));
}

static void reserve_decides_the_sale_at_close(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), ali = fixture_user(f, "ali");
    app_auction_input in = {.starting_bid = 1000, .reserve_price = 5000};
    fix_lot unmet_lot;
    int64_t unmet = fixture_auction_of(f, seller, in, &unmet_lot);
    int64_t met = fixture_auction_of(f, seller, in, NULL);
    assert_int_equal(fixture_bid(f, unmet, ali, 4900).code, BZ_OK);
    assert_int_equal(fixture_bid(f, met, ali, 5000).code, BZ_OK);
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, unmet, NULL), BZ_OK);
    assert_int_equal(app_auction_close(&f->ctx, met, NULL), BZ_OK);
    assert_int_equal(fixture_auction(f, ali, unmet).auction.winner_id, 0);
    assert_false(fixture_order(f, unmet, NULL));
    assert_int_equal(fixture_quantity(f, unmet_lot.product), 1);
    assert_int_equal(fixture_auction(f, ali, met).auction.winner_id, ali);
    assert_true(fixture_order(f, met, NULL));
}

static void bid_log_reads_back_verified(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), ali = fixture_user(f, "ali");
    int64_t bala = fixture_user(f, "bala");
    int64_t a = fixture_auction_of(f, seller, plain, NULL);
    app_auction_log log;
    assert_int_equal(app_auction_log_read(&f->ctx, a, &log), BZ_OK);
    assert_int_equal(log.n, 0);
    assert_true(log.valid);
    assert_int_equal(log.head.seq, 0);
    assert_false(log.head.has_sig);
    assert_int_equal(fixture_max_bid(f, a, ali, 3000).code, BZ_OK);
    assert_int_equal(fixture_bid(f, a, bala, 2000).code, BZ_OK); /* and ali's proxy answer */
    assert_int_equal(app_auction_log_read(&f->ctx, a, &log), BZ_OK);
    assert_true(log.valid);
    assert_int_equal(log.n, 3);
    for (size_t i = 0; i < log.n; i++) {
        assert_int_equal(log.entries[i].seq, (int64_t)i + 1);
    }
    assert_int_equal(log.entries[2].bidder_id, ali);
    assert_true(log.entries[2].by_proxy);
    assert_int_equal(log.head.seq, 3);
    assert_true(log.head.has_sig); /* each batch ends signed */
    assert_memory_equal(log.head.hash, log.entries[2].hash, sizeof(log.head.hash));
    assert_memory_equal(log.head_hash, log.entries[2].hash, sizeof(log.head_hash));
    crypto_log_pubkey keys[4];
    assert_true(app_auction_log_keys(&f->ctx, keys, 4) >= 1);
    assert_int_equal(app_auction_log_read(&f->ctx, 123456789, &log), BZ_ENOTFOUND);
}

/* The log is what a buyer checks: an amount changed in the database behind the use cases'
 * back no longer verifies, and the close's final head comes out unsigned when the stored head
 * and the last bid disagree. */
static void a_changed_bid_fails_the_log_check(void **state)
{
    fixture *f = *state;
    int64_t seller = fixture_seller(f, "kedai"), ali = fixture_user(f, "ali");
    int64_t bala = fixture_user(f, "bala");
    int64_t a = fixture_auction_of(f, seller, plain, NULL);
    assert_int_equal(fixture_bid(f, a, ali, 1000).code, BZ_OK);
    assert_int_equal(fixture_bid(f, a, bala, 2000).code, BZ_OK);
    char sql[128];
    snprintf(sql, sizeof(sql), "UPDATE bids SET amount = 1500 WHERE auction_id = %lld AND seq = 1",
             (long long)a);
    fixture_sql(f, sql);
    app_auction_log log;
    assert_int_equal(app_auction_log_read(&f->ctx, a, &log), BZ_OK);
    assert_false(log.valid);
    assert_int_equal(log.check.verdict, BIDLOG_BAD_HASH);
    assert_int_equal(log.check.seq, 1);
    snprintf(sql, sizeof(sql),
             "UPDATE bids SET hash = zeroblob(32) WHERE auction_id = %lld AND seq = 2",
             (long long)a);
    fixture_sql(f, sql);
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    const char *json = fixture_last_event(f, "auction:update")->json;
    assert_non_null(strstr(json, "\"log_head_seq\":2,"));
    assert_non_null(strstr(json, "\"log_sig\":null"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(start_checks_its_fields), T(only_the_sellers_live_show_starts_one),
          T(one_auction_runs_per_show), T(start_announces_the_opening),
          T(reads_hide_the_reserve_from_buyers), T(a_shows_running_auction_reads_as_get_does),
          T(close_happens_once_when_due), T(close_sells_to_the_leader),
          T(reserve_decides_the_sale_at_close), T(bid_log_reads_back_verified),
          T(a_changed_bid_fails_the_log_check))
