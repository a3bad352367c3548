/*
 * Auction use cases: start, read, close. Bidding is in auction_bids.c, the
 * bid log in auction_log.c.
 *
 * Start takes the show's event counter (store_stream_next_seq) before it
 * writes anything: that locks the show's row, so starting an auction and
 * ending the show (shows.c) cannot interleave. Before the show it locks the
 * lot's product row (store_product_stock), the lock order of the store port,
 * so that a start judges the stock that every earlier start and sale left.
 */
#include "app/auctions.h"

#include "app/app_util.h"
#include "app/auction_internal.h"
#include "app/prebids.h"
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

static bool in_lineup(const show_stream *st, int64_t product_id)
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
                      show_stream *st)
{
    int rc = app_own_show(c, actor, stream_id, "only the show's seller runs its auctions", st);
    if (rc != BZ_OK) {
        return rc;
    }
    if (strcmp(st->status, "live") != 0) {
        return app_fail(c, BZ_ECONFLICT, NULL, "the show is not live");
    }
    if (!in_lineup(st, product_id)) {
        return app_fail(c, BZ_EVALIDATION, "product_id", "the product is not in the show's lineup");
    }
    return BZ_OK;
}

/* Under the show's and the product's locks: the show runs no auction and a unit of the lot is
 * free (docs/auctions.md "Stock"). Checking the show first also keeps the insert below from
 * waiting on a closer of the show's auction while holding the locks that closer needs. */
static int check_free(app_ctx *c, int64_t stream_id, int stock_rc, int32_t quantity,
                      int64_t running)
{
    auction_lot cur;
    int rc = store_auction_running_of_stream(c->store, stream_id, c->arena, &cur);
    if (rc == BZ_OK) {
        return app_fail(c, BZ_EAUCTIONRUNNING, NULL, "the show already runs an auction");
    }
    if (rc != BZ_ENOTFOUND) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (stock_rc == BZ_ENOTFOUND) {
        return app_fail(c, BZ_EVALIDATION, "product_id", "the product is not in the lineup");
    }
    if (stock_rc != BZ_OK) {
        return app_fail(c, stock_rc, NULL, NULL);
    }
    if (auction_stock_can_start(quantity, running) != BZ_OK) {
        return app_fail(c, BZ_EOUTOFSTOCK, "product_id",
                        running ? "every unit of this lot is sold or held by a running auction"
                                : "this lot is sold out");
    }
    return BZ_OK;
}

static int insert_auction(app_ctx *c, const auction_lot *au, app_evbuf *evs)
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
    return ev_add_update(c, evs, au, NULL);
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
    auction_lot au = {.id = bz_id_new(c->now),
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
    show_stream st;
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    /* Lock the product, then the show (the port's lock order: a sale holds the product while
     * it takes the show's counter); judge the stock once the show is known to be the actor's. */
    int32_t quantity = 0;
    int64_t running = 0;
    int stock_rc = store_product_stock(c->store, in->product_id, true, &quantity, &running);
    rc = stock_rc == BZ_OK || stock_rc == BZ_ENOTFOUND
             ? store_stream_next_seq(c->store, stream_id, 0, &seq)
             : stock_rc;
    rc = rc == BZ_OK ? check_show(c, actor, stream_id, in->product_id, &st)
                     : app_store_fail(c, rc, BZ_ENOTFOUND);
    if (rc == BZ_OK) {
        rc = check_free(c, stream_id, stock_rc, quantity, running);
    }
    if (rc == BZ_OK) {
        rc = insert_auction(c, &au, &evs);
    }
    app_log_head no_bids = {0};
    if (rc == BZ_OK) {
        rc = ev_add_log_head(c, &evs, 0, &no_bids);
    }
    if (rc == BZ_OK) {
        rc = ev_write(c, &evs);
    }
    /* After the start's own event, so the room hears the opening before the pre-bids' steps. */
    app_evbuf pre;
    ev_init(&pre, stream_id);
    if (rc == BZ_OK) {
        rc = prebids_apply(c, &au, &pre);
    }
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
    auction_lot *au = &out->auction;
    auction d;
    auction_of_lot(au, &d);
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

int app_auction_running(app_ctx *c, int64_t viewer, int64_t stream_id, app_auction_view *out)
{
    auction_lot au;
    int rc = store_auction_running_of_stream(c->store, stream_id, c->arena, &au);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    return app_auction_get(c, viewer, au.id, out);
}

/* ---- close ----------------------------------------------------------------------- */

/* Inside the transaction: end the locked auction `au` if it is due. */
static int close_locked(app_ctx *c, auction_lot *au, int64_t *ends_at, app_evbuf *evs)
{
    auction d;
    auction_result res;
    auction_of_lot(au, &d);
    int rc = auction_close(&d, c->now, &res);
    if (ends_at) {
        *ends_at = au->ends_at;
    }
    if (rc != BZ_OK) {
        return rc; /* BZ_EAUCTIONENDED: closed before; BZ_ECONFLICT: not due */
    }
    int64_t version = au->version;
    /* The sale first: a winner whose lot has no unit left does not win (auction_settle). A
     * closer that loses the race below rolls it back with everything else. */
    if ((rc = auction_settle(c, &d, au)) != BZ_OK) {
        return rc;
    }
    rc = store_auction_close(c->store, au, version, c->now);
    if (rc == BZ_ECONFLICT) {
        return BZ_EAUCTIONENDED; /* another closer won */
    }
    if (rc != BZ_OK) {
        return rc;
    }
    const char *winner = au->winner_id ? username_of(c, au->winner_id) : NULL;
    return ev_add_update(c, evs, au, winner);
}

static int cancel_locked(app_ctx *c, int64_t actor, auction_lot *au, app_evbuf *evs)
{
    if (au->seller_id != actor) {
        return app_fail(c, BZ_EFORBIDDEN, NULL, "only the show's seller cancels its auctions");
    }
    auction d;
    auction_of_lot(au, &d);
    int rc = auction_cancel(&d, c->now);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, "the auction has already ended");
    }
    int64_t version = au->version;
    auction_to_store(&d, au);
    rc = store_auction_update(c->store, au, version);
    if (rc == BZ_ECONFLICT) {
        return BZ_EAUCTIONENDED; /* closed meanwhile (we hold the lock: only if not running) */
    }
    return rc == BZ_OK ? ev_add_update(c, evs, au, NULL) : rc;
}

/* One change to an auction under its row lock, with the room events it makes: `change` reads
 * the locked row and queues events; they are written and committed with it, then published. */
typedef int (*locked_change_fn)(app_ctx *c, auction_lot *au, app_evbuf *evs, void *arg);

static int change_locked(app_ctx *c, int64_t id, locked_change_fn change, void *arg)
{
    auction_lot au;
    app_evbuf evs;
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = store_auction_get(c->store, id, true, c->arena, &au);
    ev_init(&evs, rc == BZ_OK ? au.stream_id : 0);
    if (rc == BZ_OK) {
        rc = change(c, &au, &evs, arg);
    }
    return ev_commit(c, &evs, rc);
}

static int cancel_change(app_ctx *c, auction_lot *au, app_evbuf *evs, void *arg)
{
    return cancel_locked(c, *(const int64_t *)arg, au, evs);
}

int app_auction_cancel(app_ctx *c, int64_t actor, int64_t id)
{
    return change_locked(c, id, cancel_change, &actor);
}

/* The close, then the final head of the log: viewers keep it with the result. */
static int close_change(app_ctx *c, auction_lot *au, app_evbuf *evs, void *arg)
{
    int rc = close_locked(c, au, arg, evs);
    app_log_head head;
    if (rc == BZ_OK) {
        rc = auction_log_head(c, au, &head);
    }
    return rc == BZ_OK ? ev_add_log_head(c, evs, 0, &head) : rc;
}

int app_auction_close(app_ctx *c, int64_t id, int64_t *ends_at)
{
    return change_locked(c, id, close_change, ends_at);
}
