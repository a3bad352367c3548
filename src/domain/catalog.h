/*
 * domain/catalog.h - products, their images and categories, and seller shops: the
 * rules for their fields and the plain data types the use cases and the store
 * exchange (ids int64, money int64 sen, times UTC ms, strings and arrays borrowed:
 * from a store read, in the caller's arena).
 *
 * catalog_product_check validates the fields that are present, so the same
 * function serves POST (require_all = true: every required field must be
 * there) and PATCH (only what the client sent). Text is (C string, NULL =
 * absent); numbers carry a `has_` flag.
 */
#ifndef DOMAIN_CATALOG_H
#define DOMAIN_CATALOG_H

#include "domain/address.h"
#include "domain/field.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CATALOG_TITLE_MIN            3    /* code points */
#define CATALOG_TITLE_MAX            120  /* code points */
#define CATALOG_DESCRIPTION_MAX      5000 /* code points */
#define CATALOG_QUANTITY_MAX         10000
#define CATALOG_BUY_NOW_MIN_SEN      100 /* RM 1: or 0 for "no buy-now price" */
#define CATALOG_WEIGHT_MIN_G         1
#define CATALOG_WEIGHT_MAX_G         30000 /* NinjaVan's parcel limit */
#define CATALOG_DIMENSION_MAX_MM     2000
#define CATALOG_SHOP_NAME_MIN        3  /* code points */
#define CATALOG_SHOP_NAME_MAX        60 /* code points */
#define CATALOG_SHOP_DESCRIPTION_MAX 1000

typedef enum catalog_condition {
    CATALOG_CONDITION_NONE = 0,
    CATALOG_NEW,
    CATALOG_LIKE_NEW,
    CATALOG_GOOD,
    CATALOG_FAIR,
} catalog_condition;

typedef struct catalog_product_fields {
    const char *title;       /* required */
    const char *description; /* optional, "" allowed */
    const char *condition;   /* required: new | like_new | good | fair */
    bool has_quantity;       /* required */
    int64_t quantity;
    bool has_buy_now_price;     /* optional (0 = none) */
    int64_t buy_now_price;      /* sen */
    bool has_shipping_weight_g; /* required */
    int64_t shipping_weight_g;
    bool has_length_mm, has_width_mm, has_height_mm; /* optional */
    int64_t length_mm, width_mm, height_mm;
} catalog_product_fields;

/* Check every present field (and, with `require_all`, that required ones are present).
 * The first failure wins. BZ_OK or BZ_EVALIDATION with the JSON field name in `err`. */
int catalog_product_check(const catalog_product_fields *p, bool require_all, field_error *err);

/* "new" -> CATALOG_NEW ...; CATALOG_CONDITION_NONE if unknown (exact, lower case). */
catalog_condition catalog_condition_parse(const char *s);
const char *catalog_condition_name(catalog_condition c); /* "" for NONE */

/* Shop name: 3-60 code points, no control characters, no leading/trailing space, and not
 * posing as the platform ("Blytz ..."). Shop description: at most 1000 code points (newlines
 * allowed). BZ_OK or BZ_EVALIDATION ("shop_name" / "description"). */
int catalog_shop_name_check(const char *s, size_t len, field_error *err);
int catalog_shop_description_check(const char *s, size_t len, field_error *err);

/* A seller's shop. */
typedef struct catalog_seller {
    int64_t id; /* == the user's id */
    const char *shop_name;
    const char *description;
    address_postal pickup;
    int64_t follower_count;
    int64_t created_at;
    const char *username; /* of the owning user, filled by reads */
    bool require_card;    /* only buyers with a card on file may bid on its shows */
} catalog_seller;

typedef struct catalog_category {
    int64_t id;
    int64_t parent_id; /* 0 = top level */
    const char *slug;  /* unique */
    const char *name;
    int32_t position; /* order among siblings */
} catalog_category;

typedef struct catalog_image {
    int64_t id;
    int64_t owner_id;                               /* product id or user id (avatar) */
    const char *kind;                               /* "product" | "avatar" */
    int32_t position;                               /* order among a product's images */
    const char *key_small, *key_medium, *key_large; /* blob keys */
    int32_t width, height;                          /* of the large variant */
    int64_t created_at;
} catalog_image;

typedef struct catalog_product {
    int64_t id;
    int64_t seller_id;
    int64_t category_id;
    const char *title;
    const char *description;
    const char *condition; /* "new" | "like_new" | "good" | "fair" */
    int32_t quantity;
    int64_t buy_now_price; /* sen; 0 = not for direct sale */
    int32_t shipping_weight_g;
    int32_t length_mm, width_mm, height_mm; /* 0 = unknown */
    int64_t created_at;
    int64_t updated_at;
    catalog_image *images; /* filled by reads, ordered by position */
    size_t n_images;
} catalog_product;

/* A product search: its filters, and where the page starts. */
typedef struct catalog_product_query {
    const char *q;       /* full-text terms, NULL = no text filter */
    int64_t category_id; /* 0 = any; matches the category and its descendants */
    int64_t seller_id;   /* 0 = any */
    int64_t min_price;   /* sen, -1 = no bound */
    int64_t max_price;   /* sen, -1 = no bound */
    bool in_stock;       /* quantity > 0 only */
    int64_t cursor;      /* return products with id < cursor; 0 = from the newest */
    int limit;           /* 1..100 */
} catalog_product_query;

#endif
