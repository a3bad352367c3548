/*
 * app/ports/store_ops_plans.h - the store operations of sellers' plans: their subscription
 * (store/sql/plans.c; migrations/0018): the list STORE_OPS_PLANS of app/ports/store_ops.h, which
 * says what an X line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_PLANS_H
#define APP_PORTS_STORE_OPS_PLANS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_PLANS(X)                                                                         \
    /* Seller `seller_id`'s plan row, write-locked with `lock`. BZ_ENOTFOUND when they never      \
     * subscribed. Texts never NULL ("" when unset). */                                            \
    X(T, plan_get, (store *s, int64_t seller_id, bool lock, bz_arena *a, seller_plan *out),       \
      (s, seller_id, lock, a, out))                                                                \
    /* The row whose provider subscription is `subscription_id` (not locked). BZ_ENOTFOUND. */    \
    X(T, plan_by_sub,                                                                              \
      (store *s, const char *subscription_id, bz_arena *a, seller_plan *out),                      \
      (s, subscription_id, a, out))                                                                \
    /* Write row *p whole, made when the seller has none ("" texts stored as NULL).                \
     * BZ_ECONFLICT when another row has its subscription_id. */                                   \
    X(T, plan_put, (store *s, const seller_plan *p), (s, p))
/* clang-format on */

#endif
