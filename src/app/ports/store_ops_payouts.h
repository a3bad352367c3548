/*
 * app/ports/store_ops_payouts.h - the store operations of sellers' payouts: connected accounts,
 * transfers, payouts (store/sql/payouts.c): the list STORE_OPS_PAYOUTS of app/ports/store_ops.h,
 * which says what an X line holds and includes this header; nothing else should.
 *
 * domain/payout.h; migrations/0021. A transfer is keyed by its order (one an order).
 */
#ifndef APP_PORTS_STORE_OPS_PAYOUTS_H
#define APP_PORTS_STORE_OPS_PAYOUTS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_PAYOUTS(X)                                                                       \
    /* Seller `seller_id`'s connected account. BZ_ENOTFOUND when they have none. */                \
    X(T, payout_account_get, (store *s, int64_t seller_id, bz_arena *a, payout_account *out),     \
      (s, seller_id, a, out))                                                                      \
    /* The account whose provider id is `account_id`. BZ_ENOTFOUND. */                            \
    X(T, payout_account_by_ref,                                                                    \
      (store *s, const char *account_id, bz_arena *a, payout_account *out),                        \
      (s, account_id, a, out))                                                                     \
    /* Keep *acct as acct->seller_id's account: a new row, or its flags, requirements and          \
     * updated_at written over the old; an account id once kept stays (a retried creation never   \
     * replaces it; NULL or "" leaves it). BZ_ECONFLICT when another seller has that account. */  \
    X(T, payout_account_put, (store *s, const payout_account *acct), (s, acct))                    \
    /* Keep onboarding request *o. */                                                              \
    X(T, payout_onboarding_create, (store *s, const payout_onboarding *o), (s, o))                 \
    /* Onboarding request `id`. BZ_ENOTFOUND. */                                                   \
    X(T, payout_onboarding_get, (store *s, int64_t id, bz_arena *a, payout_onboarding *out),      \
      (s, id, a, out))                                                                             \
    /* Write o->id's status, url, expires_at, failure, updated_at. BZ_ENOTFOUND. */               \
    X(T, payout_onboarding_save, (store *s, const payout_onboarding *o), (s, o))                   \
    /* Keep transfer *t of order t->order_id. BZ_ECONFLICT when the order has one. */             \
    X(T, transfer_create, (store *s, const payout_transfer *t), (s, t))                            \
    /* The transfer of order `order_id`, write-locked with `lock`. BZ_ENOTFOUND. */               \
    X(T, transfer_get,                                                                             \
      (store *s, int64_t order_id, bool lock, bz_arena *a, payout_transfer *out),                  \
      (s, order_id, lock, a, out))                                                                 \
    /* Write t->order_id's status, transfer id, amount, reversed, updated_at. BZ_ENOTFOUND;       \
     * BZ_ECONFLICT when another transfer has that provider id. */                                \
    X(T, transfer_save, (store *s, const payout_transfer *t), (s, t))                              \
    /* The seller's transfers of state `status`, oldest order first (at most `limit`). */          \
    X(T, transfers_in_state,                                                                       \
      (store *s, int64_t seller_id, const char *status, int limit, bz_arena *a,                    \
       payout_transfer **out, size_t *n),                                                          \
      (s, seller_id, status, limit, a, out, n))                                                    \
    /* The seller's transfers, newest order first (at most `limit`). */                           \
    X(T, transfers_of,                                                                             \
      (store *s, int64_t seller_id, int limit, bz_arena *a, payout_transfer **out, size_t *n),     \
      (s, seller_id, limit, a, out, n))                                                            \
    /* Keep payout *p (p->id new). BZ_ECONFLICT when its provider payout is kept already. */      \
    X(T, payout_add, (store *s, const seller_payout *p), (s, p))                                   \
    /* The seller's payouts, newest first (at most `limit`), and the sum of all of them. */       \
    X(T, payouts_of,                                                                               \
      (store *s, int64_t seller_id, int limit, bz_arena *a, seller_payout **out, size_t *n,        \
       int64_t *total),                                                                            \
      (s, seller_id, limit, a, out, n, total))                                                     \
    /* Every order of the seller that was paid (paid > 0), by id, with whether its transfer is    \
     * sent: what a payouts page adds up. */                                                       \
    X(T, seller_earnings,                                                                          \
      (store *s, int64_t seller_id, bz_arena *a, payout_earning **out, size_t *n),                 \
      (s, seller_id, a, out, n))                                                                   \
    /* Ids of delivered orders delivered at or before `before` with no open report, the           \
     * longest delivered first (at most `limit`): those whose buyer-protection window is over. */  \
    X(T, orders_to_complete,                                                                       \
      (store *s, int64_t before, int limit, bz_arena *a, int64_t **ids, size_t *n),               \
      (s, before, limit, a, ids, n))
/* clang-format on */

#endif
