/*
 * Shared pieces of the auction use cases: the `auction:update` room event,
 * domain <-> store conversions, the sale record.
 */
#include "app/auction_internal.h"

#include "app/app_util.h"
#include "app/checkout.h"
#include "app/outbox.h"

#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"
#include "base/time.h"
#include "domain/increment.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* ---- events ------------------------------------------------------------------ */

int ev_add_update(app_ctx *c, app_evbuf *b, const auction_lot *au, const char *winner_name)
{
    app_event ev = {.kind = APP_EVENT_AUCTION_UPDATE};
    ev.u.auction = (app_auction_event){
        .auction_id = au->id,
        .stream_id = au->stream_id,
        .product_id = au->product_id,
        .status = au->status,
        .mode = au->mode,
        .starting_bid = au->starting_bid,
        .has_bid = au->has_bid,
        .current_bid = au->current_bid,
        .min_next_bid = increment_min_next_bid(au->has_bid, au->current_bid, au->starting_bid),
        .ends_at = au->ends_at,
        .ended_at = au->ended_at,
        .winner_id = au->winner_id,
        .winner_username = winner_name,
        .bought_now = au->bought_now};
    return ev_add(c, b, &ev);
}

/* ---- conversions --------------------------------------------------------------- */

static auction_status status_of(const char *s)
{
    if (s && strcmp(s, "ended") == 0) {
        return AUCTION_ENDED;
    }
    if (s && strcmp(s, "cancelled") == 0) {
        return AUCTION_CANCELLED;
    }
    return AUCTION_RUNNING;
}

/* The fields bids, closes and buy-nows change (besides the status): what auction_to_store
 * writes back is exactly what auction_of_lot read, so the two lists cannot drift apart. */
#define AUCTION_LIVE_FIELDS(X)                                                                     \
    X(ends_at)                                                                                     \
    X(ended_at)                                                                                    \
    X(has_bid)                                                                                     \
    X(current_bid)                                                                                 \
    X(leader_id)                                                                                   \
    X(leader_max)                                                                                  \
    X(step_count)                                                                                  \
    X(winner_id)                                                                                   \
    X(bought_now)

void auction_of_lot(const auction_lot *s, auction *d)
{
    memset(d, 0, sizeof(*d));
    d->status = status_of(s->status);
    if (!auction_mode_parse(s->mode, &d->mode)) {
        d->mode = AUCTION_STANDARD;
    }
    d->seller_id = s->seller_id;
    d->starting_bid = s->starting_bid;
    d->reserve_price = s->reserve_price;
    d->buy_now_price = s->buy_now_price;
    d->soft_close_window_ms = s->soft_close_window_ms;
    d->soft_close_extend_ms = s->soft_close_extend_ms;
    d->started_at = s->started_at;
#define TO_DOMAIN(f) d->f = s->f;
    AUCTION_LIVE_FIELDS(TO_DOMAIN)
#undef TO_DOMAIN
}

void auction_to_store(const auction *d, auction_lot *s)
{
    s->status = auction_status_name(d->status);
#define TO_STORE(f) s->f = d->f;
    AUCTION_LIVE_FIELDS(TO_STORE)
#undef TO_STORE
}

void auction_state_of(const auction_lot *s, app_auction_state *out)
{
    auction d;
    auction_of_lot(s, &d);
    *out = (app_auction_state){.id = s->id,
                               .stream_id = s->stream_id,
                               .status = auction_status_name(d.status),
                               .has_bid = s->has_bid,
                               .current_bid = s->has_bid ? s->current_bid : 0,
                               .min_next_bid = auction_min_next_bid(&d),
                               .leader_id = s->leader_id,
                               .winner_id = s->winner_id,
                               .ends_at = s->ends_at};
}

const char *username_of(app_ctx *c, int64_t user_id)
{
    account_user u;
    if (user_id && store_user_get(c->store, user_id, c->arena, &u) == BZ_OK) {
        return u.username;
    }
    return "";
}

/* The winner's default card is charged by the outbox worker (app/checkout.h). */
static int enqueue_charge(app_ctx *c, int64_t order_id)
{
    char key[64], payload[48];
    snprintf(key, sizeof(key), "%s:%" PRId64, APP_ORDER_CHARGE, order_id);
    snprintf(payload, sizeof(payload), "{\"order_id\":\"%" PRId64 "\"}", order_id);
    return app_outbox_enqueue(c, APP_ORDER_CHARGE, key, payload);
}

static int create_order(app_ctx *c, const auction_lot *au)
{
    order_record o = {.id = bz_id_new(c->now),
                      .auction_id = au->id,
                      .buyer_id = au->winner_id,
                      .seller_id = au->seller_id,
                      .product_id = au->product_id,
                      .stream_id = au->stream_id,
                      .amount = au->current_bid,
                      .currency = "MYR",
                      .status = order_state_name(ORDER_AWAITING_PAYMENT),
                      .pay_by = c->now + c->env->cfg.pay.pay_window_ms,
                      .created_at = c->now,
                      .updated_at = c->now};
    int rc = store_order_create(c->store, &o);
    return rc == BZ_OK && c->env->payments ? enqueue_charge(c, o.id) : rc;
}

int auction_settle(app_ctx *c, auction *d, auction_lot *au)
{
    auction_to_store(d, au);
    if (!d->winner_id) {
        return BZ_OK;
    }
    int rc = store_product_take_one(c->store, au->product_id, c->now);
    if (rc == BZ_EOUTOFSTOCK) {
        /* Only stock that vanished behind the rules' back gets here (domain/auction.h). */
        bz_warn("auction %" PRId64 ": product %" PRId64 " has no unit left: ended without a sale",
                au->id, au->product_id);
        auction_void_sale(d);
        auction_to_store(d, au);
        return BZ_OK;
    }
    if (rc == BZ_OK) {
        rc = create_order(c, au);
    }
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}
