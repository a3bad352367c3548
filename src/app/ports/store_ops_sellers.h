/*
 * app/ports/store_ops_sellers.h - the store operations of sellers and follows
 * (store/sql/sellers.c): the list STORE_OPS_SELLERS of app/ports/store_ops.h, which says what an X
 * line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_SELLERS_H
#define APP_PORTS_STORE_OPS_SELLERS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_SELLERS(X)                                                                       \
    /* Make user `sl->id` a seller (sets is_seller). BZ_EALREADYSELLER, BZ_ENOTFOUND (no user). */ \
    X(T, seller_create, (store *s, const catalog_seller *sl), (s, sl))                             \
    X(T, seller_get, (store *s, int64_t id, bz_arena *a, catalog_seller *out), (s, id, a, out))    \
    /* Update shop name, description, pickup address and require_card. BZ_ENOTFOUND. */           \
    X(T, seller_update, (store *s, const catalog_seller *sl), (s, sl))                             \
    /* Follow a seller; following twice is not an error. BZ_ENOTFOUND if no such seller. */        \
    X(T, follow, (store *s, int64_t user_id, int64_t seller_id, int64_t now),                      \
      (s, user_id, seller_id, now))                                                                \
    /* Unfollow; unfollowing a seller one does not follow is not an error. */                      \
    X(T, unfollow, (store *s, int64_t user_id, int64_t seller_id), (s, user_id, seller_id))        \
    X(T, is_following, (store *s, int64_t user_id, int64_t seller_id, bool *out),                  \
      (s, user_id, seller_id, out))                                                                \
    /* Sellers `user_id` follows, most recently followed first; `cursor` is an opaque value from a \
     * previous page's next_cursor (0 = first page). */                                            \
    X(T, following,                                                                                \
      (store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a, catalog_seller **out,    \
       store_page *page),                                                                          \
      (s, user_id, cursor, limit, a, out, page))
/* clang-format on */

#endif
