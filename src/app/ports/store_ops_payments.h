/*
 * app/ports/store_ops_payments.h - the store operations of parcels and payments
 * (store/sql/payments.c): the list STORE_OPS_PAYMENTS of app/ports/store_ops.h, which says what an
 * X line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_PAYMENTS_H
#define APP_PORTS_STORE_OPS_PAYMENTS_H

#include "app/ports/store_ops_cards.h" /* the cards list closes this one */

/* Lock order: an order, then its parcel, then its payments (docs/payments.md "Checkout"). */
/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_PAYMENTS(X)                                                                      \
    /* The parcel of key p->group_key, made from *p (id, buyer, seller, show, times) when there is  \
     * none yet, and write-locked until the transaction ends: *out is the row as stored. */        \
    X(T, parcel_take, (store *s, const order_parcel *p, bz_arena *a, order_parcel *out),          \
      (s, p, a, out))                                                                              \
    /* Parcel `id`. BZ_ENOTFOUND. */                                                               \
    X(T, parcel_get, (store *s, int64_t id, bz_arena *a, order_parcel *out), (s, id, a, out))     \
    /* Write parcel p->id's address (NULLs while !parcel_has_address), stamping updated_at. */    \
    X(T, parcel_save, (store *s, const order_parcel *p), (s, p))                                   \
    /* Keep payment *p and its parts[0..n) (one per order) as one unit. BZ_ECONFLICT if the id     \
     * or its intent exists. */                                                                    \
    X(T, payment_create,                                                                           \
      (store *s, const payment_record *p, const payment_part *parts, size_t n), (s, p, parts, n)) \
    /* Payment `id`, write-locked with `lock`. BZ_ENOTFOUND. */                                    \
    X(T, payment_get, (store *s, int64_t id, bool lock, bz_arena *a, payment_record *out),       \
      (s, id, lock, a, out))                                                                       \
    /* The payment whose provider intent is `intent_id` (not locked: lock its orders, then it by    \
     * payment_get, in the lock order). BZ_ENOTFOUND. */                                           \
    X(T, payment_by_intent,                                                                        \
      (store *s, const char *intent_id, bz_arena *a, payment_record *out), (s, intent_id, a, out)) \
    /* Write what may change of payment p->id: status, the provider's ids and secret, the method   \
     * used, the failure, updated_at. BZ_ENOTFOUND; BZ_ECONFLICT when another has that intent. */  \
    X(T, payment_save, (store *s, const payment_record *p), (s, p))                                \
    /* The parts of payment `payment_id`, by order id. */                                          \
    X(T, payment_parts,                                                                            \
      (store *s, int64_t payment_id, bz_arena *a, payment_part **out, size_t *n),                  \
      (s, payment_id, a, out, n))                                                                  \
    /* The payments not yet final that cover order `order_id`, newest first (at most 20). */      \
    X(T, payments_open_of_order,                                                                   \
      (store *s, int64_t order_id, bz_arena *a, payment_record **out, size_t *n),                  \
      (s, order_id, a, out, n))                                                                    \
    /* Record provider event `event_id` as processed (inside the transaction that applies it):    \
     * BZ_OK the first time, BZ_ECONFLICT when it was processed before. */                        \
    X(T, payment_event_claim, (store *s, const char *event_id, const char *type, int64_t now),   \
      (s, event_id, type, now))                                                                    \
    /* Count order `order_id`, let pass unpaid, against user `user_id` (once an order). */        \
    X(T, buyer_strike_add, (store *s, int64_t user_id, int64_t order_id, int64_t now),          \
      (s, user_id, order_id, now))                                                                 \
    /* Keep user `user_id` from bidding until `until` (UTC ms; never shortens a longer block). */  \
    X(T, user_block_bidding, (store *s, int64_t user_id, int64_t until), (s, user_id, until))     \
    /* User `user_id`'s strikes made at or after `since`: how many, and the latest (0: none). */  \
    X(T, buyer_strikes,                                                                            \
      (store *s, int64_t user_id, int64_t since, int64_t *count, int64_t *latest),                 \
      (s, user_id, since, count, latest))                                                          \
    STORE_OPS_CARDS(X)
/* clang-format on */

#endif
