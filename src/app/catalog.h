/*
 * app/catalog.h - categories, products and product search.
 * Product images are added and removed through app/media.h; reads here
 * return them with resolved URLs. Results live in c->arena.
 */
#ifndef APP_CATALOG_H
#define APP_CATALOG_H

#include "app/app.h"
#include "app/media.h"
#include "domain/catalog.h"
#include "domain/order.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A product with its images' URLs (images[i] matches product.images[i]). */
typedef struct app_product_view {
    catalog_product product;
    app_image *images;
    size_t n_images;
    bool sale_read;        /* last_sale was looked up (a single product's read) */
    order_sale *last_sale; /* its latest sale (app_sales_public); NULL = none */
} app_product_view;

typedef struct app_product_list {
    app_product_view *items;
    size_t n;
    int64_t next_cursor; /* 0 at the end */
} app_product_list;

/* Which fields of app_product_input.v were given (PATCH is partial). */
enum app_product_field {
    APP_P_TITLE = 1 << 0,
    APP_P_DESCRIPTION = 1 << 1,
    APP_P_CONDITION = 1 << 2,
    APP_P_CATEGORY = 1 << 3,
    APP_P_QUANTITY = 1 << 4,
    APP_P_PRICE = 1 << 5, /* buy_now_price */
    APP_P_WEIGHT = 1 << 6,
    APP_P_LENGTH = 1 << 7,
    APP_P_WIDTH = 1 << 8,
    APP_P_HEIGHT = 1 << 9,
};

typedef struct app_product_input {
    unsigned set;      /* APP_P_* bits */
    catalog_product v; /* only the fields named in `set` are read */
} app_product_input;

/* Every category, flat, ordered by parent then position (parent_id 0 = top level). */
int app_catalog_categories(app_ctx *c, catalog_category **out, size_t *n);

/* A category given as an id or a slug (`s` NULL or "" = none: *id_out 0). BZ_EVALIDATION
 * (field "category") when there is no such category. */
int app_catalog_category_resolve(app_ctx *c, const char *s, int64_t *id_out);

/* Create a product for seller `actor`. BZ_ENOTSELLER, BZ_EVALIDATION (field). Required and
 * optional fields as domain/catalog.h says; description "", price 0 (no buy-now) and no
 * category by default. */
int app_catalog_product_create(app_ctx *c, int64_t actor, const app_product_input *in,
                               app_product_view *out);

/* Any product, for anyone. BZ_ENOTFOUND. */
int app_catalog_product_get(app_ctx *c, int64_t id, app_product_view *out);

/* Change the given fields; only the product's seller (BZ_EFORBIDDEN). A quantity below the
 * units its running auctions hold is BZ_EAUCTIONRUNNING (field "quantity"); without a quantity
 * the stored one stays, whatever sales took meanwhile. *out is the product as stored after. */
int app_catalog_product_update(app_ctx *c, int64_t actor, int64_t id, const app_product_input *in,
                               app_product_view *out);

/* Delete a product and its images; only its seller. BZ_EAUCTIONRUNNING while an auction of
 * it runs. */
int app_catalog_product_delete(app_ctx *c, int64_t actor, int64_t id);

/* Search. The query's fields are validated here: limit 1..100, prices >= 0 and min <= max,
 * q at most 200 characters; BZ_EVALIDATION names the query parameter. */
int app_catalog_search(app_ctx *c, const catalog_product_query *q, app_product_list *out);

#endif
