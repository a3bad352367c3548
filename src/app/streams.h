/*
 * app/streams.h - shows ("streams"): a seller schedules a show with a lineup
 * of their own products; anyone lists and reads shows; the seller goes live
 * and ends the show (shows.c).
 *
 * Results live in c->arena.
 */
#ifndef APP_STREAMS_H
#define APP_STREAMS_H

#include "app/app.h"
#include "app/media.h"
#include "domain/catalog.h"
#include "domain/order.h"
#include "domain/show.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_STREAM_LINEUP_MAX 50                           /* products in one show */
#define APP_STREAM_HORIZON_MS (90LL * 24 * 60 * 60 * 1000) /* how far ahead a show may be */

/* POST /streams. */
typedef struct app_stream_input {
    const char *title;          /* required: 3-120 code points */
    const char *description;    /* NULL = "": at most 5000 code points */
    int64_t starts_at;          /* UTC ms: after c->now, at most APP_STREAM_HORIZON_MS ahead */
    const int64_t *product_ids; /* the lineup in order: 1-50 of the seller's own products */
    size_t n_products;
    bool no_record; /* the seller does not let it be recorded (default: recorded) */
} app_stream_input;

/* One product of a show's lineup as a show page shows it. */
typedef struct app_lineup_item {
    catalog_product product; /* images as stored; `image` is the first one resolved */
    app_image *image;        /* NULL = the product has no image */
} app_lineup_item;

typedef struct app_stream_view {
    show_stream stream;
    app_lineup_item *lineup; /* the products of stream.product_ids, in order */
    size_t n_lineup;
    app_image *cover;  /* NULL when the seller set none */
    order_sale *sales; /* what its lots sold for, oldest first (app_sales_public) */
    size_t n_sales;
} app_stream_view;

typedef struct app_stream_query {
    const char *status; /* "scheduled" (also when NULL) | "live" */
    int64_t seller_id;  /* 0 = any seller */
    const char *cursor; /* next_cursor of the previous page; NULL or "" = first page */
    int limit;          /* 1..100 */
} app_stream_query;

typedef struct app_stream_page {
    show_stream *items; /* with product_ids, without lineup details */
    app_image **covers; /* covers[i] is items[i]'s cover, NULL when none */
    size_t n;
    const char *next_cursor; /* opaque; NULL at the end */
} app_stream_page;

/* Schedule a show for seller `actor`. BZ_ENOTSELLER; BZ_EVALIDATION with the field (title,
 * description, starts_at, product_ids: none, too many, listed twice, missing or deleted);
 * BZ_EFORBIDDEN when a product belongs to another seller. */
int app_stream_create(app_ctx *c, int64_t actor, const app_stream_input *in, app_stream_view *out);

/* Any show, with its lineup, for anyone. BZ_ENOTFOUND. */
int app_stream_get(app_ctx *c, int64_t id, app_stream_view *out);

/* Shows of one status: scheduled ones soonest first, live ones most recently started first.
 * BZ_EVALIDATION names the bad parameter (status, limit, cursor). */
int app_stream_list(app_ctx *c, const app_stream_query *q, app_stream_page *out);

/* Go live: the show's seller moves it from scheduled to live, the room hears `stream:status`
 * and every follower of the seller gets a "show_live" notification (app/notifications.h). Going
 * live again while live answers the show as it is. BZ_ENOTFOUND, BZ_EFORBIDDEN (not the seller),
 * BZ_ECONFLICT (ended or cancelled). */
int app_stream_go_live(app_ctx *c, int64_t actor, int64_t id, app_stream_view *out);

/* End a live show (its seller only). A show with a running auction is not ended: that is
 * BZ_EAUCTIONRUNNING, so that no accepted bid is voided by ending the show (the auction ends
 * by itself within 300 s). Ending an ended show answers it as it is. BZ_ENOTFOUND,
 * BZ_EFORBIDDEN, BZ_ECONFLICT (scheduled or cancelled). */
int app_stream_end(app_ctx *c, int64_t actor, int64_t id, app_stream_view *out);

#endif
