/*
 * app/orders.h - the orders auctions create: a buyer's purchases and a
 * seller's sales. Checkout and payment come with the payments milestone.
 *
 * Results live in c->arena.
 */
#ifndef APP_ORDERS_H
#define APP_ORDERS_H

#include "app/app.h"
#include "app/documents.h"
#include "app/media.h"
#include "domain/order.h"
#include "domain/payment.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What an order list shows of the lot: its title and first photo. */
typedef struct app_order_product {
    const char *title; /* NULL when the product has been deleted since */
    app_image *image;  /* NULL when it has no photo (or is gone) */
} app_order_product;

/* Where an order's lot was decided on its show's recording (app/recordings.h): a "video
 * receipt". stream_id 0 = none (not an auction, or its show has no recording). */
typedef struct app_order_receipt {
    int64_t stream_id;
    int64_t at_ms; /* ms from the recording's time 0 */
    bool ready;    /* the recording can be played now (else it is still being made) */
} app_order_receipt;

/* Who is on each side of an order, and where it goes. */
typedef struct app_order_people {
    const char *buyer_username; /* the buyer's name (shown to the seller and the buyer) */
    const char *shop_name;      /* the seller's shop */
    /* Where it ships: its parcel once a payment fixed the address (NULL before, and for an
     * order never paid: a seller learns a buyer's address only from a paid order). */
    const order_parcel *ship_to;
} app_order_people;

typedef struct app_order_page {
    order_record *items;         /* newest first */
    app_order_product *products; /* products[i] is items[i]'s lot */
    app_order_receipt *receipts; /* receipts[i] is items[i]'s video receipt */
    app_order_people *people;    /* people[i] is items[i]'s */
    /* app_order_get only: the order's receipt and invoice as its reader may see them */
    app_document_view *documents;
    size_t n_documents;
    size_t n;
    int64_t next_cursor; /* 0 at the end */
    bool seller_view;    /* seen by the seller: Blytz's commission and their share show */
} app_order_page;

/* The orders of `actor` as buyer, or as seller (`as_seller`: BZ_ENOTSELLER unless they are
 * one). `cursor` is a previous page's next_cursor (0 = first page), limit 1..100. */
int app_order_list(app_ctx *c, int64_t actor, bool as_seller, int64_t cursor, int limit,
                   app_order_page *out);

/* Order `id` as its buyer, its seller or an admin sees it (anyone else: BZ_ENOTFOUND): a page of
 * one with the documents its reader may fetch (app/documents.h), and its timeline (oldest first).
 */
int app_order_get(app_ctx *c, int64_t actor, int64_t id, app_order_page *out,
                  order_event_rec **timeline, size_t *n_timeline);

/* The sales of show `stream_id` (oldest first) or product `product_id`'s latest (*n 0 or 1),
 * as anyone may see them: each winner's id and name are kept back (0, NULL) unless that buyer
 * allows showing them (account_user.show_win_name). Exactly one of the ids is non-zero. */
int app_sales_public(app_ctx *c, int64_t stream_id, int64_t product_id, order_sale **out,
                     size_t *n);

/* Cancel at most `limit` orders whose payment deadline has passed at c->now (order_decide
 * DEADLINE_PASSED), each in a transaction of its own: its lot goes back to the seller's stock,
 * its buyer gets a strike (domain/payment.h: enough of them keep a buyer from bidding for a
 * while), its open payments are cancelled (a late success is refunded). Every node's outbox
 * worker runs it now and then; nodes racing for one order cancel it once (its row lock, and the
 * state machine refuses a second cancellation). The number cancelled (>= 0), or the store's
 * failure. */
int app_orders_expire(app_ctx *c, int limit);

#endif
