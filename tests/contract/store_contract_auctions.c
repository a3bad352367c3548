/*
 * tests/contract/store_contract_auctions.c - auctions, bids, bid keys,
 * orders and a show's event log: the writes a bid batch and a close make,
 * the one-running-auction rule, the conditional update and close (exactly
 * one of racing closers wins), and event seqs.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define T0 1900000000000

typedef struct show {
    int64_t seller, stream, product, other_product;
} show;

static show make_show(void)
{
    show sh = {.seller = make_seller()};
    sh.product = make_product(sh.seller, 0, "Lot", 1000, 2);
    sh.other_product = make_product(sh.seller, 0, "Lot 2", 1000, 1);
    const int64_t ids[] = {sh.product, sh.other_product};
    sh.stream = create_show(sh.seller, "Live show", ids, 2, T0, T0, true);
    return sh;
}

/* A standard auction (not stored) of `product` in the show, with a reserve and a soft close. */
static auction_lot auction_of(const show *sh, int64_t product)
{
    auction_lot au = new_auction(sh->seller, sh->stream, product, "standard", T0);
    au.reserve_price = 5000;
    au.soft_close_window_ms = 10000;
    au.soft_close_extend_ms = 10000;
    return au;
}

/* A new live show (*sh) and a stored auction of its first product. */
static auction_lot stored_auction(show *sh)
{
    *sh = make_show();
    auction_lot au = auction_of(sh, sh->product);
    OK(store_auction_create(S, &au));
    return au;
}

void test_auctions_create_get(void **state)
{
    bz_arena_reset(A);
    show sh;
    auction_lot au = stored_auction(&sh);
    auction_lot got;
    OK(store_auction_get(S, au.id, false, A, &got));
    assert_string_equal(got.status, "running");
    assert_string_equal(got.mode, "standard");
    assert_int_equal(got.starting_bid, 1000);
    assert_int_equal(got.reserve_price, 5000);
    assert_int_equal(got.buy_now_price, 0);
    assert_int_equal(got.ends_at, T0 + 30000);
    assert_false(got.has_bid);
    assert_int_equal(got.leader_id, 0);
    assert_int_equal(got.version, 0);
    assert_int_equal(got.step_count, 0);
    static const unsigned char zeros[32];
    assert_memory_equal(got.last_hash, zeros, 32);
    OK(store_auction_running_of_stream(S, sh.stream, A, &got));
    assert_int_equal(got.id, au.id);

    /* one running auction per show */
    auction_lot second = auction_of(&sh, sh.other_product);
    assert_int_equal(store_auction_create(S, &second), BZ_EAUCTIONRUNNING);
    /* a lot outside the lineup */
    show other = make_show();
    auction_lot stray = auction_of(&other, sh.product);
    assert_int_equal(store_auction_create(S, &stray), BZ_ENOTFOUND);
    assert_int_equal(store_auction_get(S, new_id(), false, A, &got), BZ_ENOTFOUND);

    store_auction_due *due = NULL;
    size_t n = 0;
    OK(store_auctions_running(S, A, &due, &n));
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        found |= due[i].id == au.id && due[i].ends_at == T0 + 30000;
    }
    assert_true(found);
}

void test_auctions_update_conditional(void **state)
{
    bz_arena_reset(A);
    show sh;
    auction_lot au = stored_auction(&sh);
    int64_t bidder = make_user();
    auction_lot got;
    OK(store_begin(S));
    OK(store_auction_get(S, au.id, true, A, &got));
    got.has_bid = true;
    got.current_bid = 1000;
    got.leader_id = bidder;
    got.leader_max = 3000;
    got.step_count = 1;
    memset(got.last_hash, 0xab, 32);
    OK(store_auction_update(S, &got, 0));
    OK(store_commit(S));
    assert_int_equal(store_auction_update(S, &got, 0), BZ_ECONFLICT); /* stale version */
    auction_lot again;
    OK(store_auction_get(S, au.id, false, A, &again));
    assert_int_equal(again.version, 1);
    assert_true(again.has_bid);
    assert_int_equal(again.current_bid, 1000);
    assert_int_equal(again.leader_id, bidder);
    assert_int_equal(again.leader_max, 3000);
    assert_int_equal(again.step_count, 1);
    assert_int_equal(again.last_hash[31], 0xab);

    /* close: not before ends_at, then exactly once */
    again.status = "ended";
    again.ended_at = T0 + 30000;
    again.winner_id = bidder;
    assert_int_equal(store_auction_close(S, &again, 1, T0 + 29999), BZ_ECONFLICT);
    OK(store_auction_close(S, &again, 1, T0 + 30000));
    assert_int_equal(store_auction_close(S, &again, 2, T0 + 30000), BZ_ECONFLICT);
    OK(store_auction_get(S, au.id, false, A, &got));
    assert_string_equal(got.status, "ended");
    assert_int_equal(got.winner_id, bidder);
    assert_int_equal(got.version, 2);
    assert_int_equal(store_auction_running_of_stream(S, sh.stream, A, &got), BZ_ENOTFOUND);
    assert_int_equal(store_auction_update(S, &again, 2), BZ_ECONFLICT); /* ended: no more */
    /* the show may run its next auction now */
    auction_lot next = auction_of(&sh, sh.other_product);
    OK(store_auction_create(S, &next));
}

static auction_lot_bid bid_row(int64_t auction_id, int64_t seq, int64_t bidder)
{
    auction_lot_bid b = {.id = new_id(),
                         .auction_id = auction_id,
                         .seq = seq,
                         .bidder_id = bidder,
                         .amount = 1000 * seq,
                         .created_at = T0 + seq};
    memset(b.hash, (int)seq, 32);
    return b;
}

/* A deferrable write that fails inside a transaction fails the transaction, whether its error
 * comes at once (SQLite), at the next statement or at commit (PostgreSQL's pipeline): nothing
 * of the transaction stays, and the connection is usable afterwards. */
void test_deferred_write_failure(void **state)
{
    bz_arena_reset(A);
    show sh;
    auction_lot au = stored_auction(&sh);
    int64_t bidder = make_user();
    auction_lot_bid good = bid_row(au.id, 1, bidder), bad = bid_row(new_id(), 1, bidder), got;

    /* the error surfaces at commit */
    OK(store_begin(S));
    OK(store_bid_insert(S, &good));
    int rc = store_bid_insert(S, &bad); /* no such auction */
    if (rc == BZ_OK) {
        rc = store_commit(S);
    } else {
        OK(store_rollback(S));
    }
    assert_int_equal(rc, BZ_ENOTFOUND);
    assert_int_equal(store_bid_get(S, good.id, &got), BZ_ENOTFOUND);

    /* the error surfaces at the next read */
    OK(store_begin(S));
    rc = store_bid_insert(S, &bad);
    if (rc == BZ_OK) {
        auction_lot now;
        rc = store_auction_get(S, au.id, true, A, &now);
    }
    assert_int_equal(rc, BZ_ENOTFOUND);
    OK(store_rollback(S));

    /* a duplicate seq in one batch is a conflict, and the first row goes with it */
    auction_lot_bid dup = bid_row(au.id, 1, bidder);
    OK(store_begin(S));
    OK(store_bid_insert(S, &good));
    rc = store_bid_insert(S, &dup);
    rc = rc == BZ_OK ? store_commit(S) : (store_rollback(S), rc);
    assert_int_equal(rc, BZ_ECONFLICT);
    assert_int_equal(store_bid_get(S, good.id, &got), BZ_ENOTFOUND);

    OK(store_begin(S));
    OK(store_bid_insert(S, &good));
    auction_lot_bid second = bid_row(au.id, 2, bidder);
    OK(store_bid_insert(S, &second));
    OK(store_commit(S));
    OK(store_bid_get(S, good.id, &got));
    OK(store_bid_get(S, second.id, &got));
    assert_int_equal(got.amount, 2000);
}

void test_bids_and_keys(void **state)
{
    bz_arena_reset(A);
    show sh;
    auction_lot au = stored_auction(&sh);
    int64_t bidder = make_user();
    for (int i = 1; i <= 3; i++) {
        auction_lot_bid b = bid_row(au.id, i, bidder);
        b.amount = 1000 + i * 100;
        b.max_amount = i == 2 ? 9000 : 0;
        b.by_proxy = i == 3;
        memset(b.prev_hash, i - 1, 32);
        OK(store_bid_insert(S, &b));
        if (i == 3) {
            assert_int_equal(store_bid_insert(S, &b), BZ_ECONFLICT);
            auction_lot_bid got;
            OK(store_bid_get(S, b.id, &got));
            assert_int_equal(got.amount, 1300);
            assert_true(got.by_proxy);
            assert_int_equal(got.hash[0], 3);
        }
    }
    auction_lot_bid *bids = NULL;
    size_t n = 0;
    OK(store_bids_of(S, au.id, 0, 1000, A, &bids, &n));
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(bids[i].seq, (int64_t)i + 1);
        assert_int_equal(bids[i].prev_hash[5], (int)i);
    }
    assert_int_equal(bids[1].max_amount, 9000);
    assert_int_equal(bids[0].max_amount, 0);
    OK(store_bids_of(S, au.id, 2, 1000, A, &bids, &n));
    assert_int_equal(n, 1);

    store_bid_key k = {.auction_id = au.id,
                       .bidder_id = bidder,
                       .key = "k-1",
                       .bid_id = bids[0].id,
                       .amount = 1300,
                       .created_at = T0};
    store_bid_key got;
    assert_int_equal(store_bid_key_get(S, au.id, bidder, "k-1", A, &got), BZ_ENOTFOUND);
    OK(store_bid_key_put(S, &k));
    assert_int_equal(store_bid_key_put(S, &k), BZ_ECONFLICT);
    OK(store_bid_key_get(S, au.id, bidder, "k-1", A, &got));
    assert_int_equal(got.bid_id, bids[0].id);
    assert_int_equal(got.amount, 1300);
    assert_int_equal(got.max_amount, 0);
}

/* Migration 0009: the last step of a batch carries the head's signature and its key id; the
 * others none. Both come back byte for byte, through store_bid_get and store_bids_of, inside
 * a transaction and out of it. */
void test_bid_signatures(void **state)
{
    bz_arena_reset(A);
    show sh;
    auction_lot au = stored_auction(&sh);
    int64_t bidder = make_user();
    auction_lot_bid rows[3];
    OK(store_begin(S));
    for (int i = 0; i < 3; i++) {
        rows[i] = bid_row(au.id, i + 1, bidder);
        memset(rows[i].prev_hash, i, 32);
        if (i != 1) { /* seq 1 ends a batch, seq 2 and 3 are the next one */
            rows[i].has_sig = true;
            for (int j = 0; j < 64; j++) {
                rows[i].sig[j] = (unsigned char)(j * 3 + i); /* every byte value position */
            }
            rows[i].sig[0] = 0;    /* a NUL inside the blob */
            rows[i].sig[63] = 255; /* and the top byte */
            snprintf(rows[i].kid, sizeof(rows[i].kid), "kid-%d.%s", i, "x_Y");
        }
        OK(store_bid_insert(S, &rows[i]));
    }
    OK(store_commit(S));

    auction_lot_bid *got = NULL;
    size_t n = 0;
    OK(store_bids_of(S, au.id, 0, 10, A, &got, &n));
    assert_int_equal(n, 3);
    for (int i = 0; i < 3; i++) {
        auction_lot_bid one;
        OK(store_bid_get(S, rows[i].id, &one));
        const auction_lot_bid *both[] = {&got[i], &one};
        for (int k = 0; k < 2; k++) {
            assert_int_equal(both[k]->has_sig, rows[i].has_sig);
            if (rows[i].has_sig) {
                assert_memory_equal(both[k]->sig, rows[i].sig, 64);
                assert_string_equal(both[k]->kid, rows[i].kid);
            } else {
                assert_string_equal(both[k]->kid, "");
            }
            assert_memory_equal(both[k]->hash, rows[i].hash, 32);
            assert_memory_equal(both[k]->prev_hash, rows[i].prev_hash, 32);
        }
    }
}

void test_orders_and_stock(void **state)
{
    bz_arena_reset(A);
    show sh;
    auction_lot au = stored_auction(&sh);
    int64_t buyer = make_user();
    int64_t ids[3];
    for (int i = 0; i < 3; i++) {
        order_record o = {.id = new_id(),
                          .auction_id = i == 0 ? au.id : 0,
                          .buyer_id = buyer,
                          .seller_id = sh.seller,
                          .product_id = sh.product,
                          .amount = 1000 * (i + 1),
                          .created_at = T0,
                          .updated_at = T0};
        OK(store_order_create(S, &o));
        ids[i] = o.id;
        if (i == 0) {
            o.id = new_id();
            assert_int_equal(store_order_create(S, &o), BZ_ECONFLICT); /* one per auction */
        }
    }
    order_record one;
    OK(store_order_by_auction(S, au.id, A, &one));
    assert_int_equal(one.id, ids[0]);
    assert_string_equal(one.status, "awaiting_payment");
    assert_string_equal(one.currency, "MYR");

    order_record *rows = NULL;
    store_page page = {0};
    OK(store_orders_of(S, buyer, false, 0, 2, A, &rows, &page));
    assert_int_equal(page.n, 2);
    assert_int_equal(rows[0].id, ids[2]);
    assert_int_equal(rows[1].id, ids[1]);
    assert_int_not_equal(page.next_cursor, 0);
    OK(store_orders_of(S, buyer, false, page.next_cursor, 2, A, &rows, &page));
    assert_int_equal(page.n, 1);
    assert_int_equal(rows[0].id, ids[0]);
    assert_int_equal(page.next_cursor, 0);
    OK(store_orders_of(S, sh.seller, true, 0, 10, A, &rows, &page));
    assert_int_equal(page.n, 3);
    OK(store_orders_of(S, sh.seller, false, 0, 10, A, &rows, &page));
    assert_int_equal(page.n, 0);

    catalog_product p;
    OK(store_product_take_one(S, sh.product, T0));
    OK(store_product_take_one(S, sh.product, T0));
    assert_int_equal(store_product_take_one(S, sh.product, T0), BZ_EOUTOFSTOCK);
    OK(store_product_get(S, sh.product, A, &p));
    assert_int_equal(p.quantity, 0);
    assert_int_equal(store_product_take_one(S, new_id(), T0), BZ_ENOTFOUND);
}

/* An order of `au` (0 = a direct sale of `product`) by `buyer`, created at `at`. */
static int64_t sale(const show *sh, int64_t auction, int64_t product, int64_t buyer, int64_t amount,
                    const char *status, int64_t at)
{
    order_record o = {.id = new_id(),
                      .auction_id = auction,
                      .buyer_id = buyer,
                      .seller_id = sh->seller,
                      .product_id = product,
                      .amount = amount,
                      .status = status,
                      .created_at = at,
                      .updated_at = at};
    OK(store_order_create(S, &o));
    return o.id;
}

/* What later visitors learn: a show's sales oldest first with each buyer's name and choice,
 * cancelled and refunded orders left out, and a product's latest sale wherever it sold. */
void test_sales(void **state)
{
    bz_arena_reset(A);
    show sh = make_show();
    int64_t named = make_user(), quiet = make_user();
    OK(store_user_update(S, named, NULL, NULL, 1, T0));
    int64_t auctions[3];
    for (int i = 0; i < 3; i++) {
        auction_lot au = auction_of(&sh, i == 1 ? sh.other_product : sh.product);
        OK(store_auction_create(S, &au));
        end_auction(au.id, "ended", T0 + 500, 0); /* so that the show may run the next */
        auctions[i] = au.id;
    }
    sale(&sh, auctions[0], sh.product, named, 1200, NULL, T0 + 1000);
    sale(&sh, auctions[1], sh.other_product, quiet, 3400, NULL, T0 + 2000);
    sale(&sh, auctions[2], sh.product, quiet, 9900, "cancelled", T0 + 3000);

    order_sale *rows = NULL;
    size_t n = 99;
    OK(store_stream_sales(S, sh.stream, A, &rows, &n));
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].auction_id, auctions[0]);
    assert_int_equal(rows[0].product_id, sh.product);
    assert_int_equal(rows[0].stream_id, sh.stream);
    assert_int_equal(rows[0].amount, 1200);
    assert_int_equal(rows[0].sold_at, T0 + 1000);
    assert_int_equal(rows[0].buyer_id, named);
    assert_non_null(rows[0].buyer_username);
    assert_true(rows[0].buyer_shows_name);
    assert_int_equal(rows[1].product_id, sh.other_product);
    assert_int_equal(rows[1].buyer_id, quiet);
    assert_false(rows[1].buyer_shows_name);

    order_sale last;
    OK(store_product_last_sale(S, sh.product, A, &last));
    assert_int_equal(last.auction_id, auctions[0]); /* the cancelled one does not count */
    assert_int_equal(last.amount, 1200);
    sale(&sh, 0, sh.product, quiet, 1500, "paid", T0 + 4000); /* a direct sale, no show */
    OK(store_product_last_sale(S, sh.product, A, &last));
    assert_int_equal(last.auction_id, 0);
    assert_int_equal(last.stream_id, 0);
    assert_int_equal(last.amount, 1500);

    show empty = make_show();
    OK(store_stream_sales(S, empty.stream, A, &rows, &n));
    assert_int_equal(n, 0);
    assert_int_equal(store_product_last_sale(S, empty.product, A, &last), BZ_ENOTFOUND);
}

void test_stream_events(void **state)
{
    bz_arena_reset(A);
    show sh = make_show();
    int64_t first = 0;
    OK(store_begin(S));
    OK(store_stream_next_seq(S, sh.stream, 2, &first));
    assert_int_equal(first, 1);
    OK(store_rollback(S)); /* a rolled-back batch gives its numbers back */
    OK(store_begin(S));
    OK(store_stream_next_seq(S, sh.stream, 2, &first));
    assert_int_equal(first, 1);
    for (int i = 0; i < 2; i++) {
        show_event ev = {sh.stream, first + i, "auction:bid", "{\"x\":1}", T0};
        OK(store_stream_event_insert(S, &ev));
    }
    OK(store_commit(S));
    OK(store_stream_next_seq(S, sh.stream, 1, &first));
    assert_int_equal(first, 3);
    show_event ev = {sh.stream, 3, "auction:update", "{}", T0};
    OK(store_stream_event_insert(S, &ev));
    assert_int_equal(store_stream_event_insert(S, &ev), BZ_ECONFLICT);
    assert_int_equal(store_stream_next_seq(S, new_id(), 1, &first), BZ_ENOTFOUND);

    show_event *rows = NULL;
    size_t n = 0;
    OK(store_stream_events(S, sh.stream, 1, 100, A, &rows, &n));
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].seq, 2);
    assert_string_equal(rows[1].name, "auction:update");
    assert_string_equal(rows[0].payload, "{\"x\":1}");
}

/* ---- racing closers: exactly one wins ----------------------------------------------- */

/* A close as the engine makes it, of the running auction whose id is at `auction_id`: read for
 * update, ended, its order made (in the racer's transaction). */
static int close_with_order(store *conn, void *auction_id)
{
    bz_arena *a = bz_arena_new(4096);
    auction_lot au;
    int rc = store_auction_get(conn, *(const int64_t *)auction_id, true, a, &au);
    if (rc == BZ_OK && strcmp(au.status, "running") != 0) {
        rc = BZ_ECONFLICT;
    }
    if (rc == BZ_OK) {
        int64_t v = au.version;
        au.status = "ended";
        au.ended_at = T0 + 40000;
        rc = store_auction_close(conn, &au, v, T0 + 40000);
    }
    if (rc == BZ_OK) {
        order_record o = {.id = new_id(),
                          .auction_id = au.id,
                          .buyer_id = au.seller_id, /* any user will do here */
                          .seller_id = au.seller_id,
                          .product_id = au.product_id,
                          .amount = 1000,
                          .created_at = T0,
                          .updated_at = T0};
        rc = store_order_create(conn, &o);
    }
    bz_arena_free(a);
    return rc;
}

static int run_closer(store *conn, void *auction_id)
{
    return in_transaction(conn, close_with_order, auction_id);
}

void test_auctions_close_race(void **state)
{
    bz_arena_reset(A);
    show sh;
    auction_lot au = stored_auction(&sh);
    enum { CLOSERS = 4 };
    int64_t ids[CLOSERS];
    for (int i = 0; i < CLOSERS; i++) {
        ids[i] = au.id;
    }
    assert_int_equal(race_threads(CLOSERS, run_closer, ids, sizeof ids[0], BZ_ECONFLICT), 1);
    order_record o;
    OK(store_order_by_auction(S, au.id, A, &o));
}
