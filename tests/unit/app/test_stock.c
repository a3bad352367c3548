/* Unit tests for the stock rules of the auction use cases (docs/auctions.md "Stock"): a lot
 * that is sold out, or whose units running auctions hold, does not start; a close or a
 * buy-it-now that finds no unit sells nothing; the seller cannot take a unit from a running
 * auction; a pre-bid on a sold-out lot is refused. Over the real SQLite adapter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/auctions.h"
#include "app/catalog.h"
#include "app/prebids.h"
#include "app/streams.h"
#include "base/err.h"
#include "fixture.h"

typedef struct lot {
    int64_t seller, product;
} lot;

static lot new_lot(fixture *f, const char *seller_name, int quantity)
{
    lot l = {.seller = fixture_seller(f, seller_name)};
    l.product = fixture_product(f, l.seller, quantity);
    return l;
}

/* A show of the lot's seller with the lot in its lineup; live unless `scheduled`. */
static int64_t show_of(fixture *f, const lot *l, bool scheduled)
{
    return fixture_show(f, l->seller, &l->product, 1, !scheduled);
}

static int start(fixture *f, const lot *l, int64_t stream, int64_t *auction_id)
{
    app_auction_input in = {.product_id = l->product,
                            .starting_bid = 1000,
                            .duration_s = 30,
                            .mode = "sudden_death",
                            .buy_now_price = 5000};
    return fixture_start(f, l->seller, stream, &in, auction_id);
}

/* A lot of one unit of the named seller, its auction started in a live show; the auction's id. */
static int64_t started(fixture *f, const char *seller_name, lot *l)
{
    *l = new_lot(f, seller_name, 1);
    int64_t show = show_of(f, l, false), a = 0;
    assert_int_equal(start(f, l, show, &a), BZ_OK);
    return a;
}

/* Stock gone behind the rules' back (as for an auction started before them). */
static void empty_stock(fixture *f, int64_t product)
{
    catalog_product p;
    assert_int_equal(store_product_get(f->ctx.store, product, f->ctx.arena, &p), BZ_OK);
    p.quantity = 0;
    assert_int_equal(store_product_update(f->ctx.store, &p), BZ_OK);
}

static void sold_out_lot_does_not_start_again(void **state)
{
    fixture *f = *state;
    lot l = new_lot(f, "aminah", 1);
    int64_t show = show_of(f, &l, false), other = show_of(f, &l, false);
    int64_t a = 0, b = 0;
    assert_int_equal(start(f, &l, show, &a), BZ_OK);
    int64_t buyer = fixture_user(f, "buyer1");
    app_bid_result r = fixture_bid(f, a, buyer, 5000); /* buy-it-now */
    assert_int_equal(r.code, BZ_OK);
    assert_true(r.ended);
    assert_int_equal(r.auction.winner_id, buyer);
    assert_true(fixture_order(f, a, NULL));
    assert_int_equal(fixture_quantity(f, l.product), 0);

    assert_int_equal(start(f, &l, show, &b), BZ_EOUTOFSTOCK);
    assert_string_equal(f->ctx.err.field, "product_id");
    assert_int_equal(start(f, &l, other, &b), BZ_EOUTOFSTOCK);
    /* and the ended auction takes no second buy-now */
    r = fixture_bid(f, a, fixture_user(f, "buyer2"), 6000);
    assert_int_equal(r.code, BZ_EAUCTIONENDED);
    assert_int_equal(fixture_quantity(f, l.product), 0);
}

static void running_auctions_hold_a_unit_each(void **state)
{
    fixture *f = *state;
    lot l = new_lot(f, "meiling", 2);
    int64_t s1 = show_of(f, &l, false), s2 = show_of(f, &l, false), s3 = show_of(f, &l, false);
    int64_t a1 = 0, a2 = 0, a3 = 0;
    assert_int_equal(start(f, &l, s1, &a1), BZ_OK);
    assert_int_equal(start(f, &l, s2, &a2), BZ_OK);
    assert_int_equal(start(f, &l, s3, &a3), BZ_EOUTOFSTOCK); /* both units are held */
    assert_int_equal(fixture_quantity(f, l.product), 2);     /* held, not sold */

    /* a1 ends unsold: its unit is free again */
    f->ctx.now += 30000;
    assert_int_equal(app_auction_close(&f->ctx, a1, NULL), BZ_OK);
    assert_int_equal(start(f, &l, s3, &a3), BZ_OK);
}

static void close_without_stock_sells_nothing(void **state)
{
    fixture *f = *state;
    lot l;
    int64_t a = started(f, "arjun", &l);
    int64_t buyer = fixture_user(f, "buyer3");
    assert_int_equal(fixture_bid(f, a, buyer, 1000).code, BZ_OK);
    empty_stock(f, l.product);
    f->ctx.now += 30000;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK); /* it does end */
    app_auction_view v;
    assert_int_equal(app_auction_get(&f->ctx, buyer, a, &v), BZ_OK);
    assert_string_equal(v.auction.status, "ended");
    assert_int_equal(v.auction.winner_id, 0);
    assert_false(fixture_order(f, a, NULL)); /* nobody is charged for a lot that is not there */
    assert_int_equal(fixture_quantity(f, l.product), 0);
}

static void buy_now_without_stock_sells_nothing(void **state)
{
    fixture *f = *state;
    lot l;
    int64_t a = started(f, "siti", &l);
    empty_stock(f, l.product);
    app_bid_result r = fixture_bid(f, a, fixture_user(f, "buyer4"), 5000);
    assert_int_equal(r.code, BZ_OK);
    assert_true(r.ended);
    assert_int_equal(r.auction.winner_id, 0);
    assert_string_equal(r.auction.status, "ended");
    assert_false(fixture_order(f, a, NULL));
    assert_int_equal(fixture_quantity(f, l.product), 0);
}

static void seller_cannot_take_a_held_unit(void **state)
{
    fixture *f = *state;
    lot l;
    int64_t a = started(f, "kumar", &l);
    app_product_view v;
    app_product_input zero = {.set = APP_P_QUANTITY};
    zero.v.quantity = 0;
    assert_int_equal(app_catalog_product_update(&f->ctx, l.seller, l.product, &zero, &v),
                     BZ_EAUCTIONRUNNING);
    assert_string_equal(f->ctx.err.field, "quantity");
    assert_int_equal(app_catalog_product_delete(&f->ctx, l.seller, l.product), BZ_EAUCTIONRUNNING);
    app_product_input title = {.set = APP_P_TITLE};
    title.v.title = "Jam tangan Seiko 5 (1972)";
    assert_int_equal(app_catalog_product_update(&f->ctx, l.seller, l.product, &title, &v), BZ_OK);
    assert_int_equal(v.product.quantity, 1);
    assert_string_equal(v.product.title, "Jam tangan Seiko 5 (1972)");

    /* sold at close: quantity 0, and the edit form's stale "1" is the seller's own choice */
    assert_int_equal(fixture_bid(f, a, fixture_user(f, "buyer5"), 1000).code, BZ_OK);
    f->ctx.now += 30000;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    assert_true(fixture_order(f, a, NULL));
    assert_int_equal(fixture_quantity(f, l.product), 0);
    assert_int_equal(app_catalog_product_update(&f->ctx, l.seller, l.product, &title, &v), BZ_OK);
    assert_int_equal(v.product.quantity, 0); /* an edit without a quantity keeps the sale */
    assert_int_equal(app_catalog_product_update(&f->ctx, l.seller, l.product, &zero, &v), BZ_OK);
    assert_int_equal(app_catalog_product_delete(&f->ctx, l.seller, l.product), BZ_OK);
}

static void prebids_and_stock(void **state)
{
    fixture *f = *state;
    lot l = new_lot(f, "farah", 1);
    int64_t show = show_of(f, &l, true), later = show_of(f, &l, true);
    int64_t buyer = fixture_user(f, "buyer6");
    prebid pb;
    assert_int_equal(app_prebid_place(&f->ctx, buyer, show, l.product, 9000, &pb), BZ_OK);
    app_stream_view sv;
    assert_int_equal(app_stream_go_live(&f->ctx, l.seller, show, &sv), BZ_OK);
    /* the pre-bid reaches the buy-now price: the start sells the lot in its own transaction */
    int64_t a = 0;
    assert_int_equal(start(f, &l, show, &a), BZ_OK);
    app_auction_view v;
    assert_int_equal(app_auction_get(&f->ctx, buyer, a, &v), BZ_OK);
    assert_int_equal(v.auction.winner_id, buyer);
    assert_true(fixture_order(f, a, NULL));
    assert_int_equal(fixture_quantity(f, l.product), 0);
    /* sold out: no pre-bid on it in another show, and no auction of it */
    assert_int_equal(
        app_prebid_place(&f->ctx, fixture_user(f, "buyer7"), later, l.product, 9000, &pb),
        BZ_EOUTOFSTOCK);
    assert_int_equal(app_stream_go_live(&f->ctx, l.seller, later, &sv), BZ_OK);
    assert_int_equal(start(f, &l, later, &a), BZ_EOUTOFSTOCK);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(sold_out_lot_does_not_start_again), T(running_auctions_hold_a_unit_each),
          T(close_without_stock_sells_nothing), T(buy_now_without_stock_sells_nothing),
          T(seller_cannot_take_a_held_unit), T(prebids_and_stock))
