/*
 * app/sellers.h - becoming a seller, shop pages, follows.
 * Results live in c->arena.
 */
#ifndef APP_SELLERS_H
#define APP_SELLERS_H

#include "app/app.h"
#include "app/catalog.h"
#include "domain/address.h"
#include "domain/catalog.h"

#include <stdbool.h>
#include <stdint.h>

#define APP_SELLER_PRODUCTS 20 /* products shown on a seller page */

/* What a seller page shows. */
typedef struct app_seller_view {
    catalog_seller seller;
    bool is_following;         /* the caller follows this seller (false when anonymous) */
    app_product_list products; /* newest first, first page */
} app_seller_view;

/* Fields of PATCH /sellers/me and POST /sellers: NULL = not given. */
typedef struct app_seller_input {
    const char *shop_name;
    const char *description;
    const address_postal *pickup; /* whole address or nothing */
    int require_card;             /* 1 / 0: only buyers with a card on file bid; -1 unchanged */
} app_seller_input;

/* Make `user_id` a seller. Every field is required (description may be ""). BZ_EVALIDATION
 * with the field (pickup_address.postcode, ...), BZ_EALREADYSELLER. */
int app_seller_create(app_ctx *c, int64_t user_id, const app_seller_input *in, catalog_seller *out);

/* A seller page by id (or the seller's username). `viewer` 0 = anonymous. BZ_ENOTFOUND. */
int app_seller_get(app_ctx *c, int64_t viewer, const char *id_or_username, app_seller_view *out);

/* Change the caller's shop (given fields only). BZ_ENOTSELLER, BZ_EVALIDATION. */
int app_seller_update(app_ctx *c, int64_t user_id, const app_seller_input *in, catalog_seller *out);

/* Follow / unfollow a seller. BZ_ESELFFOLLOW, BZ_ENOTFOUND (no such seller). Both are
 * idempotent. */
int app_seller_follow(app_ctx *c, int64_t user_id, int64_t seller_id);
int app_seller_unfollow(app_ctx *c, int64_t user_id, int64_t seller_id);

/* A page of sellers. */
typedef struct app_seller_list {
    catalog_seller *items;
    size_t n;
    int64_t next_cursor; /* 0 at the end */
} app_seller_list;

/* Sellers the user follows, most recent first. `cursor` 0 = first page; limit 1..100. */
int app_seller_following(app_ctx *c, int64_t user_id, int64_t cursor, int limit,
                         app_seller_list *out);

#endif
