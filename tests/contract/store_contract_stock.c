/*
 * tests/contract/store_contract_stock.c - a product's stock (the port's
 * "Stock"): the conditional take that never goes below zero, the count of
 * running auctions read under the product's lock, an edit that keeps the
 * stored quantity, and races between connections: for the last units (a sale
 * each) and for starting auctions of one product in several shows. Both race
 * against PostgreSQL's READ COMMITTED as much as against SQLite's one writer.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define T0     1900000000000
#define RACERS 8

/* A live show of `seller` whose lineup is `product`. */
static int64_t live_show(int64_t seller, int64_t product)
{
    return create_show(seller, "Stock show", &product, 1, T0, T0, true);
}

static int quantity_of(int64_t product)
{
    catalog_product p;
    OK(store_product_get(S, product, A, &p));
    return p.quantity;
}

void test_stock_take_one(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t product = make_product(seller, 0, "Two units", 1000, 2);
    OK(store_product_take_one(S, product, T0));
    OK(store_product_take_one(S, product, T0));
    assert_int_equal(store_product_take_one(S, product, T0), BZ_EOUTOFSTOCK);
    assert_int_equal(quantity_of(product), 0);
    assert_int_equal(store_product_take_one(S, new_id(), T0), BZ_ENOTFOUND);

    /* inside a transaction: the take rolls back with it, and a refusal leaves it usable */
    int64_t one = make_product(seller, 0, "One unit", 1000, 1);
    OK(store_begin(S));
    OK(store_product_take_one(S, one, T0));
    assert_int_equal(store_product_take_one(S, one, T0), BZ_EOUTOFSTOCK);
    assert_int_equal(quantity_of(one), 0);
    OK(store_rollback(S));
    assert_int_equal(quantity_of(one), 1);

    /* a deleted product has no unit to sell */
    OK(store_product_delete(S, one));
    assert_int_equal(store_product_take_one(S, one, T0), BZ_EOUTOFSTOCK);
}

void test_stock_running_count(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t product = make_product(seller, 0, "Counted", 1000, 3);
    int64_t show1 = live_show(seller, product), show2 = live_show(seller, product);
    int32_t quantity = -1;
    int64_t running = -1;
    OK(store_product_stock(S, product, false, &quantity, &running));
    assert_int_equal(quantity, 3);
    assert_int_equal(running, 0);

    auction_lot a1 = new_auction(seller, show1, product, "sudden_death", T0),
                a2 = new_auction(seller, show2, product, "sudden_death", T0);
    OK(store_auction_create(S, &a1));
    OK(store_auction_create(S, &a2));
    OK(store_begin(S));
    OK(store_product_stock(S, product, true, &quantity, &running));
    assert_int_equal(quantity, 3);
    assert_int_equal(running, 2);
    OK(store_commit(S));

    /* an ended auction holds nothing */
    a1.status = "ended";
    a1.ended_at = T0 + 30000;
    OK(store_auction_close(S, &a1, 0, T0 + 30000));
    OK(store_product_stock(S, product, false, &quantity, &running));
    assert_int_equal(running, 1);

    assert_int_equal(store_product_stock(S, new_id(), false, &quantity, &running), BZ_ENOTFOUND);
    int64_t gone = make_product(seller, 0, "Gone", 1000, 1);
    OK(store_product_delete(S, gone));
    OK(store_begin(S));
    assert_int_equal(store_product_stock(S, gone, true, &quantity, &running), BZ_ENOTFOUND);
    OK(store_rollback(S));
}

void test_stock_update_keeps_quantity(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t product = make_product(seller, 0, "Edited", 1000, 2);
    catalog_product p;
    OK(store_product_get(S, product, A, &p));
    OK(store_product_take_one(S, product, T0)); /* a sale after the edit's read */
    p.title = "Edited title";
    p.quantity = -1;
    OK(store_product_update(S, &p));
    OK(store_product_get(S, product, A, &p));
    assert_string_equal(p.title, "Edited title");
    assert_int_equal(p.quantity, 1); /* not the 2 read before the sale */
    p.quantity = 5;
    OK(store_product_update(S, &p));
    assert_int_equal(quantity_of(product), 5);
}

/* ---- races ------------------------------------------------------------------------ */

typedef struct racer {
    int64_t seller, stream, product;
    bool start; /* start an auction (else: a sale of one unit with its order) */
} racer;

/* One sale the way a close or a buy-now makes it: the unit, then the order, one transaction. */
static int sell_one(store *conn, const racer *r)
{
    int rc = store_product_take_one(conn, r->product, T0);
    if (rc == BZ_OK) {
        order_record o = {.id = new_id(),
                          .buyer_id = r->seller, /* any user will do here */
                          .seller_id = r->seller,
                          .product_id = r->product,
                          .amount = 1000,
                          .created_at = T0,
                          .updated_at = T0};
        rc = store_order_create(conn, &o);
    }
    return rc;
}

/* One start the way app_auction_start judges it: the count under the product's lock. */
static int start_one(store *conn, const racer *r)
{
    int32_t quantity = 0;
    int64_t running = 0;
    int rc = store_product_stock(conn, r->product, true, &quantity, &running);
    if (rc == BZ_OK && quantity <= running) {
        rc = BZ_EOUTOFSTOCK;
    }
    if (rc == BZ_OK) {
        auction_lot au = new_auction(r->seller, r->stream, r->product, "sudden_death", T0);
        rc = store_auction_create(conn, &au);
    }
    return rc;
}

static int start_or_sell_one(store *conn, void *arg)
{
    const racer *r = arg;
    return r->start ? start_one(conn, r) : sell_one(conn, r);
}

static int run_racer(store *conn, void *arg)
{
    return in_transaction(conn, start_or_sell_one, arg);
}

/* RACERS connections at once over the last units of `product`, each selling one (or, with
 * `start`, starting an auction of it in a live show of its own); returns how many succeeded,
 * every other one out of stock. */
static int race(int64_t seller, int64_t product, bool start)
{
    racer rs[RACERS];
    for (int i = 0; i < RACERS; i++) {
        rs[i] = (racer){.seller = seller,
                        .stream = start ? live_show(seller, product) : 0,
                        .product = product,
                        .start = start};
    }
    return race_threads(RACERS, run_racer, rs, sizeof rs[0], BZ_EOUTOFSTOCK);
}

/* For one unit and for two: RACERS connections race for them; exactly that many win. A sale
 * leaves no stock and one order per unit sold; a start leaves the units held by as many
 * running auctions. */
static void race_for_the_last_units(bool start)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    for (int quantity = 1; quantity <= 2; quantity++) {
        int64_t product =
            make_product(seller, 0, start ? "Started everywhere" : "Racing for it", 1000, quantity);
        assert_int_equal(race(seller, product, start), quantity);
        if (start) {
            int32_t left = 0;
            int64_t running = 0;
            OK(store_product_stock(S, product, false, &left, &running));
            assert_int_equal(left, quantity);
            assert_int_equal(running, quantity);
            continue;
        }
        assert_int_equal(quantity_of(product), 0);
        order_record *orders = NULL;
        store_page page = {0};
        OK(store_orders_of(S, seller, true, 0, 100, A, &orders, &page));
        int made = 0;
        for (size_t i = 0; i < page.n; i++) {
            made += orders[i].product_id == product;
        }
        assert_int_equal(made, quantity);
    }
}

void test_stock_race_last_units(void **state)
{
    race_for_the_last_units(false);
}

void test_stock_race_starts(void **state)
{
    race_for_the_last_units(true);
}
