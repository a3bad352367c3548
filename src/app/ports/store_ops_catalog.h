/*
 * app/ports/store_ops_catalog.h - the store operations of categories and products
 * (store/sql/catalog.c): the list STORE_OPS_CATALOG of app/ports/store_ops.h, which says what an X
 * line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_CATALOG_H
#define APP_PORTS_STORE_OPS_CATALOG_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_CATALOG(X)                                                                       \
    /* BZ_ECONFLICT if the slug exists. */                                                         \
    X(T, category_create, (store *s, const catalog_category *c), (s, c))                           \
    /* All categories ordered by parent, then position. */                                         \
    X(T, categories, (store *s, bz_arena *a, catalog_category **out, size_t *n),                   \
      (s, a, out, n))                                                                              \
    X(T, category_get, (store *s, int64_t id, bz_arena *a, catalog_category *out),                 \
      (s, id, a, out))                                                                             \
    /* Create a product (its images are ignored; add them with store_image_create). */             \
    X(T, product_create, (store *s, const catalog_product *p), (s, p))                             \
    /* Read a product with its images. BZ_ENOTFOUND (also for deleted products). */                \
    X(T, product_get, (store *s, int64_t id, bz_arena *a, catalog_product *out),                   \
      (s, id, a, out))                                                                             \
    /* Replace every editable field of product p->id; a negative p->quantity keeps the stored one  \
     * (an edit that does not name the quantity must not write back a value read before a sale     \
     * took a unit). BZ_ENOTFOUND. */                                                              \
    X(T, product_update, (store *s, const catalog_product *p), (s, p))                             \
    /* Delete a product and its image rows. BZ_ENOTFOUND. */                                       \
    X(T, product_delete, (store *s, int64_t id), (s, id))                                          \
    /* Search; results include images. */                                                          \
    X(T, product_search,                                                                           \
      (store *s, const catalog_product_query *q, bz_arena *a, catalog_product **out,               \
       store_page *page),                                                                          \
      (s, q, a, out, page))
/* clang-format on */

#endif
