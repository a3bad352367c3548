/*
 * Auction use cases: start, read, close. Bidding is in auction_bids.c, the
 * bid log in auction_log.c.
 *
 * Start and close take the show's event counter (store_stream_next_seq) as
 * the first write of their transaction: that locks the show's row, so
 * starting an auction and ending the show (shows.c) cannot interleave.
 */
#include "app/auctions.h"

#include "app/app_util.h"
#include "app/auction_internal.h"
#include "base/err.h"
#include "base/rand.h"
#include "domain/auction.h"

#include <string.h>

/* ---- start --------------------------------------------------------------------- */

static int check_params(app_ctx *c, const app_auction_input *in, int64_t seller, auction_params *p)
{
    auction_params_defaults(p);
    p->seller_id = seller;
    if (in->mode && !auction_mode_parse(in->mode, &p->mode)) {
        return app_fail(c, BZ_EVALIDATION, "mode", "mode must be standard or sudden_death");
    }
    if (in->duration_s && (in->duration_s < 5 || in->duration_s > 300)) {
        return app_fail(c, BZ_EVALIDATION, "duration_s", "duration_s must be 5..300");
    }
    p->starting_bid = in->starting_bid;
    p->duration_ms = in->duration_s ? in->duration_s * 1000 : AUCTION_DURATION_DEFAULT_MS;
    p->reserve_price = in->reserve_price;
    p->buy_now_price = in->buy_now_price;
    if (p->mode == AUCTION_SUDDEN_DEATH) {
        p->soft_close_window_ms = 0;
    }
    return BZ_OK;
}

static bool in_lineup(const store_stream *st, int64_t product_id)
{
    for (size_t i = 0; i < st->n_products; i++) {
        if (st->product_ids[i] == product_id) {
            return true;
        }
    }
    return false;
}

/* The show, read after its row is locked: live, the actor's, with the lot in its lineup. */
static int check_show(app_ctx *c, int64_t actor, int64_t stream_id, int64_t product_id,
                      store_stream *st)
{
    int rc = store_stream_get(c->store, stream_id, c->arena, st);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (st->seller_id != actor) {
        return app_fail(c, BZ_EFORBIDDEN, NULL, "only the show's seller runs its auctions");
    }
    if (strcmp(st->status, "live") != 0) {
        return app_fail(c, BZ_ECONFLICT, NULL, "the show is not live");
    }
    if (!in_lineup(st, product_id)) {
        return app_fail(c, BZ_EVALIDATION, "product_id", "the product is not in the show's lineup");
    }
    return BZ_OK;
}

static int insert_auction(app_ctx *c, const store_auction *au, app_evbuf *evs)
{
    int rc = store_auction_create(c->store, au);
    if (rc == BZ_EAUCTIONRUNNING) {
        return app_fail(c, rc, NULL, "the show already runs an auction");
    }
    if (rc == BZ_ENOTFOUND) {
        return app_fail(c, BZ_EVALIDATION, "product_id", "the product is not in the lineup");
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    return ev_add(c, evs, "auction:update", ev_update_body(c, au, NULL));
}

int app_auction_start(app_ctx *c, int64_t actor, int64_t stream_id, const app_auction_input *in,
                      app_auction_view *out)
{
    auction_params p;
    auction d;
    field_error fe = {"", ""};
    int rc = check_params(c, in, actor, &p);
    if (rc != BZ_OK) {
        return rc;
    }
    if ((rc = auction_start(&d, &p, c->now, &fe)) != BZ_OK) {
        const char *field = strcmp(fe.field, "soft_close") == 0 ? "mode" : fe.field;
        return app_fail(c, rc, field, fe.reason && *fe.reason ? "%s" : NULL, fe.reason);
    }
    store_auction au = {.id = bz_id_new(c->now),
                        .stream_id = stream_id,
                        .product_id = in->product_id,
                        .seller_id = actor,
                        .mode = auction_mode_name(d.mode),
                        .starting_bid = d.starting_bid,
                        .reserve_price = d.reserve_price,
                        .buy_now_price = d.buy_now_price,
                        .soft_close_window_ms = d.soft_close_window_ms,
                        .soft_close_extend_ms = d.soft_close_extend_ms,
                        .started_at = d.started_at,
                        .created_at = c->now};
    auction_to_store(&d, &au);
    app_evbuf evs;
    ev_init(&evs, stream_id);
    int64_t seq = 0;
    store_stream st;
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    /* Lock the show first (see the file comment); the event takes this seq later. */
    rc = store_stream_next_seq(c->store, stream_id, 0, &seq);
    rc = rc == BZ_OK ? check_show(c, actor, stream_id, in->product_id, &st)
                     : app_store_fail(c, rc, BZ_ENOTFOUND);
    if (rc == BZ_OK)
        rc = insert_auction(c, &au, &evs);
    app_log_head no_bids = {0};
    if (rc == BZ_OK)
        rc = ev_add_log_head(c, &evs, 0, &no_bids);
    if (rc == BZ_OK)
        rc = ev_write(c, &evs);
    /* After the start's own event, so the room hears the opening before the pre-bids' steps. */
    app_evbuf pre;
    ev_init(&pre, stream_id);
    if (rc == BZ_OK)
        rc = prebids_apply(c, &au, &pre);
    if (rc == BZ_OK && (rc = store_commit(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (rc != BZ_OK) {
        store_rollback(c->store);
        return rc;
    }
    ev_publish(c, &evs);
    ev_publish(c, &pre);
    return app_auction_get(c, actor, au.id, out);
}

/* ---- read ------------------------------------------------------------------------ */

int app_auction_get(app_ctx *c, int64_t viewer, int64_t id, app_auction_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_auction_get(c->store, id, false, c->arena, &out->auction);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    store_auction *au = &out->auction;
    auction d;
    auction_of_store(au, &d);
    out->min_next_bid = auction_min_next_bid(&d);
    out->has_reserve = au->reserve_price > 0;
    out->reserve_met = au->has_bid && au->current_bid >= au->reserve_price;
    if (!out->has_reserve) {
        out->reserve_met = true;
    }
    if (viewer != au->seller_id) {
        au->reserve_price = 0; /* hidden: buyers see reserve_met only */
    }
    out->server_time = c->now;
    return BZ_OK;
}

/* ---- close ----------------------------------------------------------------------- */

/* Inside the transaction: end the locked auction `au` if it is due. */
static int close_locked(app_ctx *c, store_auction *au, int64_t *ends_at, app_evbuf *evs)
{
    auction d;
    auction_result res;
    auction_of_store(au, &d);
    int rc = auction_close(&d, c->now, &res);
    if (ends_at) {
        *ends_at = au->ends_at;
    }
    if (rc != BZ_OK) {
        return rc; /* BZ_EAUCTIONENDED: closed before; BZ_ECONFLICT: not due */
    }
    int64_t version = au->version;
    auction_to_store(&d, au);
    rc = store_auction_close(c->store, au, version, c->now);
    if (rc == BZ_ECONFLICT) {
        return BZ_EAUCTIONENDED; /* another closer won */
    }
    if (rc == BZ_OK && au->winner_id) {
        rc = auction_record_sale(c, au);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    const char *winner = au->winner_id ? username_of(c, au->winner_id) : NULL;
    return ev_add(c, evs, "auction:update", ev_update_body(c, au, winner));
}

int app_auction_close(app_ctx *c, int64_t id, int64_t *ends_at)
{
    store_auction au;
    app_evbuf evs;
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = store_auction_get(c->store, id, true, c->arena, &au);
    if (rc == BZ_OK) {
        ev_init(&evs, au.stream_id);
        rc = close_locked(c, &au, ends_at, &evs);
    }
    app_log_head head; /* the final head: viewers keep it with the result */
    if (rc == BZ_OK)
        rc = auction_log_head(c, &au, &head);
    if (rc == BZ_OK)
        rc = ev_add_log_head(c, &evs, 0, &head);
    if (rc == BZ_OK)
        rc = ev_write(c, &evs);
    if (rc != BZ_OK) {
        store_rollback(c->store);
        return app_fail(c, rc, NULL, NULL);
    }
    if ((rc = store_commit(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    ev_publish(c, &evs);
    return BZ_OK;
}
