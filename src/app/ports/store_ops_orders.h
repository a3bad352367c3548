/*
 * app/ports/store_ops_orders.h - the store operations of stream events, orders, stock
 * (store/sql/stream_events.c, orders.c, stock.c): the list STORE_OPS_ORDERS of
 * app/ports/store_ops.h, which says what an X line holds and includes this header; nothing else
 * should.
 */
#ifndef APP_PORTS_STORE_OPS_ORDERS_H
#define APP_PORTS_STORE_OPS_ORDERS_H

/*
 * Stock. A product's quantity is its unsold units; every running auction of it holds one
 * (domain/auction.h). Lock order, so that no two writers wait on each other (PostgreSQL would
 * abort one as a deadlock): an auction row, then its product row, then its show's row
 * (store_stream_next_seq). Starting an auction locks the product before the show.
 */
/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_ORDERS(X)                                                                        \
    /* Take `count` event numbers of show `stream_id`: *first .. *first + count - 1, never handed  \
     * out before (the counter starts at 0, so the first event is 1). Inside a transaction this    \
     * write-locks the show's row until commit; count 0 only takes that lock. BZ_ENOTFOUND. */     \
    X(T, stream_next_seq, (store *s, int64_t stream_id, int64_t count, int64_t *first),            \
      (s, stream_id, count, first))                                                                \
    /* Log a room event. BZ_ECONFLICT if (stream_id, seq) exists, BZ_ENOTFOUND (no show).          \
     * Deferrable: inside store_begin .. commit an adapter may send it without waiting (one round  \
     * trip for a batch's writes); its failure then comes from a later call of the transaction or  \
     * from store_commit, which rolls back. Callers treat any failure as the transaction's. */     \
    X(T, stream_event_insert, (store *s, const show_event *ev), (s, ev))                           \
    /* Events of a show with seq > after_seq, ascending, at most `limit` (clamped to 1..100). */   \
    X(T, stream_events,                                                                            \
      (store *s, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,                     \
       show_event **out, size_t *n),                                                               \
      (s, stream_id, after_seq, limit, a, out, n))                                                 \
    /* BZ_ECONFLICT if the auction has an order (one per auction) or the id exists. */             \
    X(T, order_create, (store *s, const order_record *o), (s, o))                                  \
    /* The order of an auction. BZ_ENOTFOUND. */                                                   \
    X(T, order_by_auction, (store *s, int64_t auction_id, bz_arena *a, order_record *out),         \
      (s, auction_id, a, out))                                                                     \
    /* Order `id`; with `lock`, write-locked until the transaction ends (the app's one way to      \
     * change an order: read it locked, ask domain/order.h, order_save). BZ_ENOTFOUND. */          \
    X(T, order_get, (store *s, int64_t id, bool lock, bz_arena *a, order_record *out),           \
      (s, id, lock, a, out))                                                                       \
    /* Write what may change of order o->id: status, flags, failure_code, delivered_at,            \
     * returned_at, paid, refunded, the payment's parts, parcel_id, payment_id, updated_at.        \
     * BZ_ENOTFOUND. */                                                                            \
    X(T, order_save, (store *s, const order_record *o), (s, o))                                    \
    /* Orders awaiting payment whose pay_by is at or before `now`, earliest first, at most         \
     * `limit` (1..100). */                                                                        \
    X(T, orders_due,                                                                               \
      (store *s, int64_t now, int limit, bz_arena *a, order_record **out, size_t *n),              \
      (s, now, limit, a, out, n))                                                                  \
    /* Every order of buyer `buyer_id` from seller `seller_id` in show `stream_id` (!= 0), oldest  \
     * first, at most CHECKOUT_ORDERS_MAX: what may share a parcel. */                             \
    X(T, orders_of_group,                                                                          \
      (store *s, int64_t buyer_id, int64_t seller_id, int64_t stream_id, bz_arena *a,              \
       order_record **out, size_t *n),                                                             \
      (s, buyer_id, seller_id, stream_id, a, out, n))                                              \
    /* Add a step to an order's timeline. */                                                      \
    X(T, order_event_add, (store *s, const order_event_rec *e), (s, e))                            \
    /* An order's timeline, oldest first (at most 200). */                                         \
    X(T, order_events_of,                                                                          \
      (store *s, int64_t order_id, bz_arena *a, order_event_rec **out, size_t *n),                 \
      (s, order_id, a, out, n))                                                                    \
    /* The orders in parcel `parcel_id`, oldest first, at most CHECKOUT_ORDERS_MAX. */            \
    X(T, orders_of_parcel,                                                                         \
      (store *s, int64_t parcel_id, bz_arena *a, order_record **out, size_t *n),                   \
      (s, parcel_id, a, out, n))                                                                   \
    /* A buyer's orders (or a seller's sales, `as_seller`), newest first; `cursor` is a previous   \
     * page's next_cursor (0 = first page). */                                                     \
    X(T, orders_of,                                                                                \
      (store *s, int64_t user_id, bool as_seller, int64_t cursor, int limit, bz_arena *a,          \
       order_record **out, store_page *page),                                                      \
      (s, user_id, as_seller, cursor, limit, a, out, page))                                        \
    /* The sales of a show's auctions (orders neither cancelled nor refunded), oldest first, at    \
     * most 500; *out (in `a`) is NULL when *n is 0. */                                            \
    X(T, stream_sales, (store *s, int64_t stream_id, bz_arena *a, order_sale **out, size_t *n),    \
      (s, stream_id, a, out, n))                                                                   \
    /* A product's latest sale (an order neither cancelled nor refunded). BZ_ENOTFOUND if none. */ \
    X(T, product_last_sale, (store *s, int64_t product_id, bz_arena *a, order_sale *out),          \
      (s, product_id, a, out))                                                                     \
    /* Take one unit for a sale: quantity - 1 only where quantity > 0 and the product is not       \
     * deleted, in one conditional statement, so of any number of callers racing for the last unit \
     * exactly one gets it (PostgreSQL re-checks the condition on the row version it waited for,   \
     * even under READ COMMITTED). BZ_EOUTOFSTOCK when no unit is left (nothing changes),          \
     * BZ_ENOTFOUND when there is no such product. */                                              \
    X(T, product_take_one, (store *s, int64_t product_id, int64_t now), (s, product_id, now))      \
    /* Give back the unit an order took when the order ends unpaid or refunded before it shipped: \
     * quantity + 1, unless the product was deleted since (then BZ_OK and nothing changes: a      \
     * deleted product has no stock to return to). BZ_ENOTFOUND when there is no such product. */ \
    X(T, product_put_back, (store *s, int64_t product_id, int64_t now), (s, product_id, now))      \
    /* What product `product_id` weighs and measures as a parcel (deleted or not: an order keeps   \
     * its lot's). BZ_ENOTFOUND. */                                                                \
    X(T, product_parcel, (store *s, int64_t product_id, shipping_parcel *out), (s, product_id, out)) \
    /* A product's unsold units and how many of its auctions are running. `lock` (inside           \
     * store_begin only) first write-locks the product row until commit, and the count is read     \
     * after the lock is granted: whoever held the lock before (a start, a sale) has committed, so \
     * on PostgreSQL's READ COMMITTED (a fresh snapshot per statement) the count includes its      \
     * auction. Callers that start an auction or change the quantity judge both under that lock.   \
     * BZ_ENOTFOUND (no such product, or deleted). */                                              \
    X(T, product_stock,                                                                            \
      (store *s, int64_t product_id, bool lock, int32_t *quantity, int64_t *running),              \
      (s, product_id, lock, quantity, running))
/* clang-format on */

#endif
