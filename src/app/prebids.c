/*
 * Pre-bids: placing, listing and withdrawing one's own (app/prebids.h), and
 * applying a lot's pre-bids when its auction starts (prebids_apply).
 *
 * Applying goes through auction_bids_in_tx, the engine batch's own code, so
 * a pre-bid becomes exactly what a maximum placed at the opening would be:
 * the same eligibility (bans, cool-off, spending cap at that moment), steps
 * on the hash chain, and room events. A refused one is skipped.
 */
#include "app/prebids.h"

#include "app/app_util.h"
#include "app/auction_internal.h"
#include "app/chat_room.h"
#include "base/err.h"
#include "base/rand.h"
#include "domain/money.h"

#include <string.h>

static bool lot_in_lineup(const show_stream *st, int64_t product_id)
{
    for (size_t i = 0; i < st->n_products; i++) {
        if (st->product_ids[i] == product_id) {
            return true;
        }
    }
    return false;
}

/* A cool-off the buyer chose covers pre-bids too: they are bids placed early. */
static int check_cool_off(app_ctx *c, int64_t actor)
{
    buyer_limits l;
    int rc = store_buyer_limits_get(c->store, actor, c->arena, &l);
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (l.cool_off_until > c->now) {
        return app_fail(c, BZ_ECOOLOFF, NULL, NULL);
    }
    return BZ_OK;
}

/* The show and lot accept a pre-bid from `actor`. */
static int check_lot(app_ctx *c, int64_t actor, int64_t stream_id, int64_t product_id)
{
    show_stream st;
    int rc = store_stream_get(c->store, stream_id, c->arena, &st);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (st.seller_id == actor) {
        return app_fail(c, BZ_ENOTELIGIBLE, NULL, "a seller does not bid on their own show");
    }
    if (strcmp(st.status, "scheduled") != 0 && strcmp(st.status, "live") != 0) {
        return app_fail(c, BZ_ECONFLICT, NULL, "the show is over");
    }
    if (!lot_in_lineup(&st, product_id)) {
        return app_fail(c, BZ_EVALIDATION, "product_id", "the product is not in the show's lineup");
    }
    int32_t quantity = 0;
    int64_t running = 0;
    rc = store_product_stock(c->store, product_id, false, &quantity, &running);
    if (rc == BZ_OK && quantity <= 0) { /* never sold: its auction could not start */
        return app_fail(c, BZ_EOUTOFSTOCK, "product_id", "this lot is sold out");
    }
    if (rc == BZ_ENOTFOUND) { /* deleted since the lineup was read */
        return app_fail(c, BZ_EVALIDATION, "product_id", "the product is not in the lineup");
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    auction_lot au;
    rc = store_auction_running_of_stream(c->store, stream_id, c->arena, &au);
    if (rc == BZ_OK && au.product_id == product_id) {
        return app_fail(c, BZ_EAUCTIONRUNNING, NULL, "that lot's auction is running: bid there");
    }
    if (rc != BZ_OK && rc != BZ_ENOTFOUND) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = chat_room_check_not_banned(c, stream_id, actor);
    return rc == BZ_OK ? check_cool_off(c, actor) : rc;
}

int app_prebid_place(app_ctx *c, int64_t actor, int64_t stream_id, int64_t product_id,
                     int64_t max_amount, prebid *out)
{
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, NULL);
    }
    if (max_amount < 100 || max_amount > MONEY_PRICE_CAP_SEN) {
        return app_fail(c, BZ_EVALIDATION, "max_amount", "max_amount must be RM1..RM1,000,000");
    }
    int rc = check_lot(c, actor, stream_id, product_id);
    if (rc != BZ_OK) {
        return rc;
    }
    *out = (prebid){.id = bz_id_new(c->now),
                    .stream_id = stream_id,
                    .product_id = product_id,
                    .bidder_id = actor,
                    .max_amount = max_amount,
                    .created_at = c->now};
    rc = store_prebid_put(c->store, out);
    if (rc == BZ_ENOTFOUND) { /* the lot left the lineup since it was read */
        return app_fail(c, BZ_EVALIDATION, "product_id", "the product is not in the lineup");
    }
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

int app_prebids_mine(app_ctx *c, int64_t actor, int64_t stream_id, prebid **out, size_t *n)
{
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, NULL);
    }
    int rc = store_prebids_of_bidder(c->store, stream_id, actor, c->arena, out, n);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

int app_prebid_delete(app_ctx *c, int64_t actor, int64_t stream_id, int64_t product_id)
{
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, NULL);
    }
    int rc = store_prebid_delete(c->store, stream_id, product_id, actor);
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

int prebids_apply(app_ctx *c, const auction_lot *au, app_evbuf *evs)
{
    prebid *rows = NULL;
    size_t n = 0;
    int rc = store_prebids_of_lot(c->store, au->stream_id, au->product_id, c->arena, &rows, &n);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (n == 0) {
        return BZ_OK;
    }
    app_bid_req *reqs = bz_arena_calloc(c->arena, n, sizeof(*reqs));
    app_bid_result *res = bz_arena_calloc(c->arena, n, sizeof(*res));
    if (!reqs || !res) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        /* No Idempotency-Key: the pre-bid's row is what makes it placed once. */
        reqs[i] = (app_bid_req){
            .bidder_id = rows[i].bidder_id, .is_max = true, .amount = rows[i].max_amount};
    }
    /* Refusals (below the starting bid, spending cap, a ban since) land in res[i].code and are
     * skipped; only a store failure fails the start. */
    return auction_bids_in_tx(c, au->id, reqs, n, res, evs);
}
