/*
 * tests/contract/store_contract_prebids.c - pre-bids: placing again replaces
 * the maximum (same id), only a lineup lot takes one, a lot's list is in
 * creation order and leaves out the pre-bids of those who already won the lot
 * in the show, a bidder's covers one show, and only the bidder's own can be
 * deleted.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static int64_t show_of(int64_t seller, int64_t product)
{
    return create_show(seller, "Pre-bid night", &product, 1, 1900000000000, 1700000000000, false);
}

static prebid put(int64_t show, int64_t lot, int64_t bidder, int64_t max, int64_t at, int expect)
{
    prebid p = {.id = new_id(),
                .stream_id = show,
                .product_id = lot,
                .bidder_id = bidder,
                .max_amount = max,
                .created_at = at};
    assert_int_equal(store_prebid_put(S, &p), expect);
    return p;
}

void test_prebids(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), ali = make_user(), bee = make_user();
    int64_t lot = make_product(seller, 0, "Lot", 1000, 1);
    int64_t off = make_product(seller, 0, "Not in lineup", 1000, 1);
    int64_t show = show_of(seller, lot);

    prebid a1 = put(show, lot, ali, 3000, 1700000000001, BZ_OK);
    put(show, lot, bee, 8000, 1700000000002, BZ_OK);
    prebid a2 = put(show, lot, ali, 5000, 1700000000003, BZ_OK);
    assert_int_equal(a2.id, a1.id); /* a replacement is the same pre-bid */
    put(show, off, ali, 5000, 1700000000004, BZ_ENOTFOUND);

    prebid *rows = NULL;
    size_t n = 0;
    OK(store_prebids_of_lot(S, show, lot, A, &rows, &n));
    assert_int_equal(n, 2);
    /* Creation order: ali's replacement made it the later one. */
    assert_int_equal(rows[0].bidder_id, bee);
    assert_int_equal(rows[0].max_amount, 8000);
    assert_int_equal(rows[1].bidder_id, ali);
    assert_int_equal(rows[1].max_amount, 5000);
    assert_int_equal(rows[1].created_at, 1700000000003);

    OK(store_prebids_of_bidder(S, show, ali, A, &rows, &n));
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].product_id, lot);

    /* a pre-bid whose bidder won the lot in the show is spent */
    OK(store_stream_set_status(S, show, "scheduled", "live", 1700000000005));
    auction_lot won = new_auction(seller, show, lot, "sudden_death", 1700000000006);
    OK(store_auction_create(S, &won));
    won.status = "ended";
    won.ended_at = 1700000030006;
    won.winner_id = bee;
    OK(store_auction_close(S, &won, 0, 1700000030006));
    OK(store_prebids_of_lot(S, show, lot, A, &rows, &n));
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].bidder_id, ali);
    OK(store_prebids_of_bidder(S, show, bee, A, &rows, &n));
    assert_int_equal(n, 1); /* still the bidder's own row */

    assert_int_equal(store_prebid_delete(S, show, lot, seller), BZ_ENOTFOUND);
    OK(store_prebid_delete(S, show, lot, ali));
    assert_int_equal(store_prebid_delete(S, show, lot, ali), BZ_ENOTFOUND);
    OK(store_prebids_of_lot(S, show, lot, A, &rows, &n));
    assert_int_equal(n, 0);
}
