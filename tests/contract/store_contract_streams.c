/*
 * tests/contract/store_contract_streams.c - shows (streams): creating with a
 * lineup, reading, listing with keyset cursors, and the conditional status
 * change the live-show milestone builds on.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define T0 1900000000000 /* a fixed future time, so orderings are exact */

static show_stream stream_of(int64_t seller, int64_t starts_at, const int64_t *ids, size_t n)
{
    return (show_stream){
        .id = new_id(),
        .seller_id = seller,
        .title = "Retro Treasures Friday Night",
        .description = "Cameras, watches and stamps",
        .starts_at = starts_at,
        .created_at = 1700000000000,
        .updated_at = 1700000000000,
        .product_ids = ids,
        .n_products = n,
    };
}

static int64_t make_stream(int64_t seller, int64_t starts_at)
{
    int64_t p = make_product(seller, 0, "Lot", 1000, 1);
    show_stream st = stream_of(seller, starts_at, &p, 1);
    OK(store_stream_create(S, &st));
    return st.id;
}

static void assert_ids(const int64_t *got, size_t n_got, const int64_t *want, size_t n_want)
{
    assert_int_equal(n_got, n_want);
    for (size_t i = 0; i < n_want; i++) {
        assert_int_equal(got[i], want[i]);
    }
}

void test_streams_create_get(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t p1 = make_product(seller, 0, "Seiko 5", 45000, 1);
    int64_t p2 = make_product(seller, 0, "Canon AE-1", 85000, 1);
    int64_t p3 = make_product(seller, 0, "Stamp album", 26000, 1);
    const int64_t lineup[] = {p2, p1, p3};
    show_stream st = stream_of(seller, T0, lineup, 3);
    st.description = NULL;
    OK(store_stream_create(S, &st));
    assert_int_equal(store_stream_create(S, &st), BZ_ECONFLICT);

    show_stream got;
    OK(store_stream_get(S, st.id, A, &got));
    assert_int_equal(got.seller_id, seller);
    assert_string_equal(got.title, st.title);
    assert_string_equal(got.description, "");
    assert_string_equal(got.status, "scheduled");
    assert_int_equal(got.starts_at, T0);
    assert_int_equal(got.started_at, 0);
    assert_int_equal(got.ended_at, 0);
    assert_int_equal(got.cover_image_id, 0);
    assert_int_equal(got.created_at, 1700000000000);
    assert_int_equal(got.updated_at, 1700000000000);
    assert_string_equal(got.shop_name, "Kedai Ujian");
    assert_true(strlen(got.seller_username) > 0);
    assert_ids(got.product_ids, got.n_products, lineup, 3);
    assert_int_equal(store_stream_get(S, new_id(), A, &got), BZ_ENOTFOUND);

    /* a deleted product leaves the lineup as read, not the show */
    OK(store_product_delete(S, p1));
    OK(store_stream_get(S, st.id, A, &got));
    const int64_t left[] = {p2, p3};
    assert_ids(got.product_ids, got.n_products, left, 2);

    /* an empty lineup is the use case's business, not the store's */
    show_stream empty = stream_of(seller, T0, NULL, 0);
    OK(store_stream_create(S, &empty));
    OK(store_stream_get(S, empty.id, A, &got));
    assert_int_equal(got.n_products, 0);
}

void test_streams_create_failures(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t p = make_product(seller, 0, "Kebaya", 21000, 1);
    int64_t gone = make_product(seller, 0, "Sold elsewhere", 1000, 1);
    OK(store_product_delete(S, gone));
    show_stream got;

    /* each failure leaves nothing behind: the show and its lineup are one unit */
    const int64_t missing[] = {p, new_id()};
    show_stream st = stream_of(seller, T0, missing, 2);
    assert_int_equal(store_stream_create(S, &st), BZ_ENOTFOUND);
    assert_int_equal(store_stream_get(S, st.id, A, &got), BZ_ENOTFOUND);

    const int64_t deleted[] = {p, gone};
    st = stream_of(seller, T0, deleted, 2);
    assert_int_equal(store_stream_create(S, &st), BZ_ENOTFOUND);
    assert_int_equal(store_stream_get(S, st.id, A, &got), BZ_ENOTFOUND);

    const int64_t twice[] = {p, p};
    st = stream_of(seller, T0, twice, 2);
    assert_int_equal(store_stream_create(S, &st), BZ_ECONFLICT);
    assert_int_equal(store_stream_get(S, st.id, A, &got), BZ_ENOTFOUND);

    st = stream_of(new_id(), T0, &p, 1);
    assert_int_equal(store_stream_create(S, &st), BZ_ENOTFOUND);

    /* inside a transaction a failed create does not spoil the rest of it */
    st = stream_of(seller, T0, twice, 2);
    show_stream ok = stream_of(seller, T0, &p, 1);
    OK(store_begin(S));
    assert_int_equal(store_stream_create(S, &st), BZ_ECONFLICT);
    OK(store_stream_create(S, &ok));
    OK(store_commit(S));
    OK(store_stream_get(S, ok.id, A, &got));
    assert_int_equal(store_stream_get(S, st.id, A, &got), BZ_ENOTFOUND);
}

/* Walk every page of `q` (limit `per_page`) and return the ids in order (at most `max`). */
static size_t collect(store_stream_query q, int per_page, int64_t *ids, size_t max)
{
    size_t n = 0;
    q.limit = per_page;
    q.cursor = (store_stream_cursor){0, 0};
    for (int pages = 0; pages < 100; pages++) {
        show_stream *rows = NULL;
        store_stream_page page = {0};
        OK(store_stream_list(S, &q, A, &rows, &page));
        assert_true(page.n <= (size_t)per_page);
        for (size_t i = 0; i < page.n && n < max; i++) {
            assert_string_equal(rows[i].status, q.status);
            if (q.seller_id) { /* every show of these tests' sellers has one product */
                assert_int_equal(rows[i].n_products, 1);
            }
            ids[n++] = rows[i].id;
        }
        if (page.next.id == 0) {
            return n;
        }
        assert_int_equal(page.n, (size_t)per_page);
        q.cursor = page.next;
    }
    fail_msg("pagination does not end");
    return n;
}

void test_streams_list_scheduled(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller(), other = make_seller();
    /* created out of order, two at the same time: (starts_at, id) decides */
    int64_t c = make_stream(seller, T0 + 3000);
    int64_t a = make_stream(seller, T0 + 1000);
    int64_t b1 = make_stream(seller, T0 + 2000);
    int64_t b2 = make_stream(seller, T0 + 2000);
    int64_t d = make_stream(seller, T0 + 4000);
    int64_t theirs = make_stream(other, T0 + 2500);
    const int64_t want[] = {a, b1, b2, c, d};

    store_stream_query q = {.status = "scheduled", .seller_id = seller};
    int64_t got[16];
    for (int per_page = 1; per_page <= 6; per_page++) {
        size_t n = collect(q, per_page, got, 16);
        assert_ids(got, n, want, 5);
    }

    /* everyone's shows: ours and theirs in order among whatever else is scheduled */
    q.seller_id = 0;
    int64_t all[512];
    size_t n = collect(q, 3, all, 512);
    const int64_t mixed[] = {a, b1, b2, theirs, c, d};
    size_t k = 0;
    for (size_t i = 0; i < n && k < 6; i++) {
        k += all[i] == mixed[k];
    }
    assert_int_equal(k, 6);

    /* only scheduled and live can be listed */
    show_stream *rows;
    store_stream_page page;
    q.status = "ended";
    assert_int_equal(store_stream_list(S, &q, A, &rows, &page), BZ_EINTERNAL);
}

void test_streams_list_live(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t s1 = make_stream(seller, T0), s2 = make_stream(seller, T0);
    int64_t s3 = make_stream(seller, T0), s4 = make_stream(seller, T0);
    OK(store_stream_set_status(S, s1, "scheduled", "live", 1800000001000));
    OK(store_stream_set_status(S, s2, "scheduled", "live", 1800000003000));
    OK(store_stream_set_status(S, s3, "scheduled", "live", 1800000003000));

    /* newest live first; the same start is ordered by id, descending */
    store_stream_query q = {.status = "live", .seller_id = seller};
    int64_t got[8];
    const int64_t want[] = {s3, s2, s1};
    for (int per_page = 1; per_page <= 4; per_page++) {
        size_t n = collect(q, per_page, got, 8);
        assert_ids(got, n, want, 3);
    }
    q.status = "scheduled";
    size_t n = collect(q, 10, got, 8);
    assert_ids(got, n, &s4, 1);

    /* an ended show is in neither list */
    OK(store_stream_set_status(S, s2, "live", "ended", 1800000009000));
    q.status = "live";
    n = collect(q, 10, got, 8);
    const int64_t still[] = {s3, s1};
    assert_ids(got, n, still, 2);
}

void test_streams_set_cover(void **state)
{
    bz_arena_reset(A);
    int64_t id = make_stream(make_seller(), T0);
    show_stream got;
    OK(store_stream_get(S, id, A, &got));
    assert_int_equal(got.cover_image_id, 0);
    int64_t image = new_id();
    OK(store_stream_set_cover(S, id, image, T0 + 5));
    OK(store_stream_get(S, id, A, &got));
    assert_int_equal(got.cover_image_id, image);
    assert_int_equal(got.updated_at, T0 + 5);
    OK(store_stream_set_cover(S, id, 0, T0 + 6));
    OK(store_stream_get(S, id, A, &got));
    assert_int_equal(got.cover_image_id, 0);
    assert_int_equal(store_stream_set_cover(S, new_id(), image, T0), BZ_ENOTFOUND);
}

void test_streams_set_status(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t id = make_stream(seller, T0);
    show_stream got;

    OK(store_stream_set_status(S, id, "scheduled", "live", 1800000000000));
    OK(store_stream_get(S, id, A, &got));
    assert_string_equal(got.status, "live");
    assert_int_equal(got.started_at, 1800000000000);
    assert_int_equal(got.ended_at, 0);
    assert_int_equal(got.updated_at, 1800000000000);
    assert_int_equal(got.starts_at, T0);

    /* not in `from` any more: conflict, and nothing changes */
    assert_int_equal(store_stream_set_status(S, id, "scheduled", "live", 1800000005000),
                     BZ_ECONFLICT);
    assert_int_equal(store_stream_set_status(S, id, "scheduled", "cancelled", 1800000005000),
                     BZ_ECONFLICT);
    OK(store_stream_get(S, id, A, &got));
    assert_int_equal(got.started_at, 1800000000000);

    OK(store_stream_set_status(S, id, "live", "ended", 1800000060000));
    OK(store_stream_get(S, id, A, &got));
    assert_string_equal(got.status, "ended");
    assert_int_equal(got.started_at, 1800000000000);
    assert_int_equal(got.ended_at, 1800000060000);

    int64_t other = make_stream(seller, T0);
    OK(store_stream_set_status(S, other, "scheduled", "cancelled", 1800000070000));
    OK(store_stream_get(S, other, A, &got));
    assert_string_equal(got.status, "cancelled");
    assert_int_equal(got.started_at, 0);

    assert_int_equal(store_stream_set_status(S, new_id(), "scheduled", "live", 1), BZ_ENOTFOUND);
}

/* ---- racing to go live: exactly one connection wins --------------------------------------- */

/* Set the scheduled show whose id is at `stream_id` live. */
static int go_live(store *conn, void *stream_id)
{
    return store_stream_set_status(conn, *(const int64_t *)stream_id, "scheduled", "live",
                                   1800000000000);
}

void test_streams_status_race(void **state)
{
    bz_arena_reset(A);
    int64_t id = make_stream(make_seller(), T0);
    enum { RACERS = 4 };
    int64_t ids[RACERS];
    for (int i = 0; i < RACERS; i++) {
        ids[i] = id;
    }
    /* one wins, every other one is refused as a conflict */
    assert_int_equal(race_threads(RACERS, go_live, ids, sizeof ids[0], BZ_ECONFLICT), 1);
}

void test_streams_lineup(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t p1 = make_product(seller, 0, "Songket samping", 39000, 1);
    int64_t p2 = make_product(seller, 0, "Batik scarf", 12000, 2);
    int64_t p3 = make_product(seller, 0, "Rattan bag", 7500, 1);
    catalog_image img = {.id = new_id(),
                         .owner_id = p2,
                         .kind = "product",
                         .key_small = "s",
                         .key_medium = "m",
                         .key_large = "l",
                         .created_at = 1};
    OK(store_image_create(S, &img));
    const int64_t order[] = {p2, p3, p1};
    show_stream st = stream_of(seller, T0, order, 3);
    OK(store_stream_create(S, &st));

    catalog_product *products = NULL;
    size_t n = 0;
    OK(store_stream_lineup(S, st.id, A, &products, &n));
    assert_int_equal(n, 3);
    assert_int_equal(products[0].id, p2);
    assert_string_equal(products[0].title, "Batik scarf");
    assert_int_equal(products[0].buy_now_price, 12000);
    assert_int_equal(products[0].n_images, 1);
    assert_string_equal(products[0].images[0].key_small, "s");
    assert_int_equal(products[1].id, p3);
    assert_int_equal(products[1].n_images, 0);
    assert_int_equal(products[2].id, p1);

    OK(store_product_delete(S, p3));
    OK(store_stream_lineup(S, st.id, A, &products, &n));
    assert_int_equal(n, 2);
    assert_int_equal(products[1].id, p1);

    show_stream empty = stream_of(seller, T0, NULL, 0);
    OK(store_stream_create(S, &empty));
    OK(store_stream_lineup(S, empty.id, A, &products, &n));
    assert_int_equal(n, 0);
    assert_int_equal(store_stream_lineup(S, new_id(), A, &products, &n), BZ_ENOTFOUND);
}
