/*
 * Order use cases: listing a buyer's orders and a seller's sales; cancelling what was not paid
 * in time.
 */
#include "app/orders.h"

#include "app/app_util.h"
#include "app/payment_flow.h"
#include "app/recordings.h"
#include "app/room_events.h"
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"

#include <inttypes.h>
#include <string.h>

int app_sales_public(app_ctx *c, int64_t stream_id, int64_t product_id, order_sale **out, size_t *n)
{
    BZ_CHECK((stream_id != 0) != (product_id != 0));
    *out = NULL;
    *n = 0;
    int rc;
    if (stream_id) {
        rc = store_stream_sales(c->store, stream_id, c->arena, out, n);
    } else {
        order_sale *one = bz_arena_calloc(c->arena, 1, sizeof(*one));
        if (!one) {
            return app_fail(c, BZ_ENOMEM, NULL, NULL);
        }
        rc = store_product_last_sale(c->store, product_id, c->arena, one);
        if (rc == BZ_ENOTFOUND) {
            return BZ_OK;
        }
        *out = one;
        *n = rc == BZ_OK ? 1 : 0;
    }
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_EINTERNAL);
    }
    for (size_t i = 0; i < *n; i++) {
        order_sale_public(&(*out)[i]);
    }
    return BZ_OK;
}

/* Each order's lot, so that a list of orders needs no request per row. */
static int products_of(app_ctx *c, app_order_page *page)
{
    page->products = bz_arena_calloc(c->arena, page->n ? page->n : 1, sizeof(*page->products));
    if (!page->products) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < page->n; i++) {
        catalog_product p;
        int rc = store_product_get(c->store, page->items[i].product_id, c->arena, &p);
        if (rc == BZ_ENOTFOUND) {
            continue;
        }
        if (rc != BZ_OK) {
            return app_fail(c, rc, NULL, NULL);
        }
        page->products[i].title = p.title;
        if (p.n_images == 0) {
            continue;
        }
        app_image *img = bz_arena_calloc(c->arena, 1, sizeof(*img));
        if (!img || (rc = app_media_view(c, &p.images[0], img)) != BZ_OK) {
            return img ? rc : app_fail(c, BZ_ENOMEM, NULL, NULL);
        }
        page->products[i].image = img;
    }
    return BZ_OK;
}

/* Each order's buyer, shop and (once paid) where it goes. */
static int people_of(app_ctx *c, app_order_page *page)
{
    page->people = bz_arena_calloc(c->arena, page->n ? page->n : 1, sizeof(*page->people));
    if (!page->people) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < page->n; i++) {
        const order_record *o = &page->items[i];
        app_order_people *p = &page->people[i];
        account_user u;
        catalog_seller sl;
        int rc = store_user_get(c->store, o->buyer_id, c->arena, &u);
        if (rc == BZ_OK &&
            (rc = store_seller_get(c->store, o->seller_id, c->arena, &sl)) == BZ_OK) {
            p->buyer_username = u.username;
            p->shop_name = sl.shop_name;
        }
        order_parcel *parcel = bz_arena_alloc(c->arena, sizeof(*parcel));
        if (rc == BZ_OK && !parcel) {
            rc = BZ_ENOMEM;
        }
        if (rc == BZ_OK && o->paid > 0 && o->parcel_id &&
            (rc = store_parcel_get(c->store, o->parcel_id, c->arena, parcel)) == BZ_OK &&
            parcel_has_address(parcel)) {
            p->ship_to = parcel;
        }
        if (rc != BZ_OK) {
            return app_store_fail(c, rc, BZ_EINTERNAL);
        }
    }
    return BZ_OK;
}

/* What every view of orders shows besides the rows. */
static int fill(app_ctx *c, app_order_page *out)
{
    int rc = products_of(c, out);
    if (rc == BZ_OK) {
        rc = people_of(c, out);
    }
    return rc == BZ_OK ? app_order_receipts(c, out) : rc;
}

int app_order_get(app_ctx *c, int64_t actor, int64_t id, app_order_page *out,
                  order_event_rec **timeline, size_t *n_timeline)
{
    memset(out, 0, sizeof(*out));
    out->items = bz_arena_alloc(c->arena, sizeof(*out->items));
    if (!out->items) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    int rc = store_order_get(c->store, id, false, c->arena, out->items);
    if (rc == BZ_OK && actor != out->items->buyer_id && actor != out->items->seller_id &&
        !app_is_admin(c, actor)) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        rc = store_order_events_of(c->store, id, c->arena, timeline, n_timeline);
    }
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    out->n = 1;
    out->seller_view = actor == out->items->seller_id;
    rc = app_documents_of_order(c, out->items, actor, &out->documents, &out->n_documents);
    return rc == BZ_OK ? fill(c, out) : rc;
}

int app_order_list(app_ctx *c, int64_t actor, bool as_seller, int64_t cursor, int limit,
                   app_order_page *out)
{
    memset(out, 0, sizeof(*out));
    if (limit < 1 || limit > 100) {
        return app_fail(c, BZ_EVALIDATION, "limit", "limit must be 1..100");
    }
    if (as_seller) {
        int rc = app_require_seller(c, actor, "only sellers have sales");
        if (rc != BZ_OK) {
            return rc;
        }
    }
    store_page page = {0};
    int rc =
        store_orders_of(c->store, actor, as_seller, cursor, limit, c->arena, &out->items, &page);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    out->n = page.n;
    out->next_cursor = page.next_cursor;
    out->seller_view = as_seller;
    return fill(c, out);
}

/* ---- deadlines ------------------------------------------------------------------------------ */

/* Inside the transaction: a strike on `buyer` for order `order_id`; enough of them keep the
 * buyer from bidding for a while (domain/payment.h). */
static int strike(app_ctx *c, int64_t buyer, int64_t order_id)
{
    int64_t n = 0, latest = 0;
    int rc = store_buyer_strike_add(c->store, buyer, order_id, c->now);
    if (rc == BZ_OK) {
        rc = store_buyer_strikes(c->store, buyer, c->now - BUYER_STRIKE_WINDOW_MS, &n, &latest);
    }
    int64_t until = buyer_blocked_until(n, latest);
    if (rc == BZ_OK && until > c->now) {
        bz_info("user %" PRId64 ": %" PRId64 " unpaid orders lately: no bidding until %" PRId64,
                buyer, n, until);
        rc = store_user_block_bidding(c->store, buyer, until);
    }
    return rc;
}

/* Inside the transaction: order `id`, locked, cancelled if its deadline passed. *done says
 * whether this call cancelled it. */
static int expire_one(app_ctx *c, int64_t id, bool *done)
{
    order_record o;
    order_step step = {.code = BZ_OK}; /* read when the order cannot be read */
    *done = false;
    int rc = store_order_get(c->store, id, true, c->arena, &o);
    if (rc == BZ_OK) {
        rc = pay_flow_step(c, &o, ORDER_EV_DEADLINE_PASSED, 0, &step);
    }
    if (rc != BZ_OK) {
        return step.code != BZ_OK ? BZ_OK : rc; /* paid, or cancelled by another node, meanwhile */
    }
    if (step.restock) {
        rc = store_product_put_back(c->store, o.product_id, c->now);
    }
    if (rc == BZ_OK && step.unpaid_strike) {
        rc = strike(c, o.buyer_id, o.id);
    }
    if (rc == BZ_OK) {
        rc = pay_flow_cancel_open(c, o.id, 0);
    }
    if (rc == BZ_OK) {
        rc = pay_flow_log(c, o.id, ORDER_LOG_CANCELLED, 0, "not paid by its deadline");
    }
    *done = rc == BZ_OK;
    return rc;
}

int app_orders_expire(app_ctx *c, int limit)
{
    order_record *due = NULL;
    size_t n = 0;
    int rc = store_orders_due(c->store, c->now, limit, c->arena, &due, &n);
    int cancelled = 0;
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        bool done = false;
        if ((rc = store_begin(c->store)) != BZ_OK) {
            break;
        }
        app_evbuf none;
        ev_init(&none, 0);
        if ((rc = ev_commit(c, &none, expire_one(c, due[i].id, &done))) == BZ_OK && done) {
            bz_info("order %" PRId64 ": not paid by its deadline: cancelled, its lot back in stock",
                    due[i].id);
            cancelled++;
        }
    }
    return rc == BZ_OK ? cancelled : rc;
}
