/*
 * app/ports/store_ops_refunds.h - the store operations of refunds and disputes
 * (store/sql/refunds.c): the list STORE_OPS_REFUNDS of app/ports/store_ops.h, which says what an X
 * line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_REFUNDS_H
#define APP_PORTS_STORE_OPS_REFUNDS_H

/* Written under the order's lock (refunds) or the payment's orders' locks (disputes): lock
 * order as for payments (an order, then its parcel, then its payment). */
/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_REFUNDS(X)                                                                       \
    /* Keep refund *r. BZ_ECONFLICT if its id or its provider id exists. */                       \
    X(T, refund_create, (store *s, const refund_record *r), (s, r))                                \
    /* Refund `id`. BZ_ENOTFOUND. */                                                               \
    X(T, refund_get, (store *s, int64_t id, bz_arena *a, refund_record *out), (s, id, a, out))     \
    /* Write refund r->id's status and updated_at, and its provider id when r has one (a known one \
     * stays). BZ_ENOTFOUND; BZ_ECONFLICT when another refund has that provider id. */            \
    X(T, refund_save, (store *s, const refund_record *r), (s, r))                                  \
    /* The refunds of order `order_id` (!= 0; at most 200), else of payment `payment_id` (at most  \
     * 500), oldest first. */                                                                      \
    X(T, refunds_of,                                                                               \
      (store *s, int64_t order_id, int64_t payment_id, bz_arena *a, refund_record **out,           \
       size_t *n),                                                                                 \
      (s, order_id, payment_id, a, out, n))                                                        \
    /* Keep dispute *d. BZ_ECONFLICT when its provider id is known already. */                     \
    X(T, dispute_create, (store *s, const dispute_record *d), (s, d))                              \
    /* The dispute of provider id `provider_id`. BZ_ENOTFOUND. */                                  \
    X(T, dispute_by_ref,                                                                           \
      (store *s, const char *provider_id, bz_arena *a, dispute_record *out),                       \
      (s, provider_id, a, out))                                                                    \
    /* Write dispute d->id's status and closed_at. BZ_ENOTFOUND. */                                \
    X(T, dispute_save, (store *s, const dispute_record *d), (s, d))                                \
    /* One notification *n for one user (n->kind, stream_id or order_id, title, created_at); the   \
     * store makes the id: *out is the row made (notifications.c). */ \
    X(T, notification_add, (store *s, const notification *n, bz_arena *a, notification *out),     \
      (s, n, a, out))
/* clang-format on */

#endif
