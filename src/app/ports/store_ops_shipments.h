/*
 * app/ports/store_ops_shipments.h - the store operations of shipments: parcels with their
 * orders and tracking timelines, the orders a seller has to ship, and buyers' problem reports
 * (store/sql/shipments.c): the list STORE_OPS_SHIPMENTS of app/ports/store_ops.h, which says
 * what an X line holds and includes this header; nothing else should.
 *
 * domain/shipment.h; migrations/0023. A shipment's orders are held (shipment_orders.active)
 * while shipment_state_active(status): an order is in at most one active shipment.
 */
#ifndef APP_PORTS_STORE_OPS_SHIPMENTS_H
#define APP_PORTS_STORE_OPS_SHIPMENTS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_SHIPMENTS(X)                                                                     \
    /* Keep shipment *sh (sh->id new) holding orders ids[0..n) (1..SHIPMENT_ORDERS_MAX), all      \
     * held. BZ_ECONFLICT, keeping nothing, when one of them is in an active shipment already or  \
     * the requested tracking number is taken; BZ_ENOTFOUND when an order does not exist. */       \
    X(T, shipment_create,                                                                          \
      (store *s, const shipment_record *sh, const int64_t *ids, size_t n),                         \
      (s, sh, ids, n))                                                                             \
    /* Shipment `id`, write-locked with `lock`. BZ_ENOTFOUND. */                                   \
    X(T, shipment_get, (store *s, int64_t id, bool lock, bz_arena *a, shipment_record *out),      \
      (s, id, lock, a, out))                                                                       \
    /* The shipment of the carrier's tracking number, write-locked. BZ_ENOTFOUND. */              \
    X(T, shipment_by_tracking,                                                                     \
      (store *s, const char *tracking, bz_arena *a, shipment_record *out),                         \
      (s, tracking, a, out))                                                                       \
    /* The shipment of our requested tracking number, write-locked. BZ_ENOTFOUND. */              \
    X(T, shipment_by_requested,                                                                    \
      (store *s, const char *requested, bz_arena *a, shipment_record *out),                        \
      (s, requested, a, out))                                                                      \
    /* The seller's shipments in `status` ("" or NULL: any), newest first, at most `limit`        \
     * (1..100). */                                                                                \
    X(T, shipments_of_seller,                                                                      \
      (store *s, int64_t seller_id, const char *status, int limit, bz_arena *a,                    \
       shipment_record **out, size_t *n),                                                          \
      (s, seller_id, status, limit, a, out, n))                                                    \
    /* Write sh->id's status, tracking number, label key, failure, last_event_at, updated_at      \
     * ("" texts stored as NULL), and whether its orders stay held (shipment_state_active of the  \
     * status). BZ_ENOTFOUND; BZ_ECONFLICT when another shipment has that tracking number. */     \
    X(T, shipment_save, (store *s, const shipment_record *sh), (s, sh))                            \
    /* Ids of the orders of shipment `id`, ascending (at most SHIPMENT_ORDERS_MAX). */             \
    X(T, shipment_order_ids,                                                                       \
      (store *s, int64_t id, bz_arena *a, int64_t **ids, size_t *n), (s, id, a, ids, n))           \
    /* The seller's orders waiting to ship: paid, or shipped and returned, in no active           \
     * shipment; by buyer, then oldest order first, at most 500; with each buyer's username. */  \
    X(T, orders_to_ship,                                                                           \
      (store *s, int64_t seller_id, bz_arena *a, shipment_pending **out, size_t *n),               \
      (s, seller_id, a, out, n))                                                                   \
    /* Add tracking event *e (e->id new) to its shipment's timeline. BZ_ECONFLICT when the        \
     * timeline has that text at that time already (a duplicate webhook: nothing added). */       \
    X(T, shipment_event_add, (store *s, const shipment_event_rec *e), (s, e))                      \
    /* The timeline of shipment `id`: oldest first (by time, then id), at most 200. */             \
    X(T, shipment_events,                                                                          \
      (store *s, int64_t id, bz_arena *a, shipment_event_rec **out, size_t *n), (s, id, a, out, n)) \
    /* Keep report *r (r->id new). BZ_ENOTFOUND when its order does not exist. */                 \
    X(T, report_create, (store *s, const order_report *r), (s, r))                                 \
    /* Report `id`, write-locked with `lock`. BZ_ENOTFOUND. */                                     \
    X(T, report_get, (store *s, int64_t id, bool lock, bz_arena *a, order_report *out),           \
      (s, id, lock, a, out))                                                                       \
    /* The reports of order `order_id`, oldest first (at most 50). */                              \
    X(T, reports_of_order,                                                                         \
      (store *s, int64_t order_id, bz_arena *a, order_report **out, size_t *n),                    \
      (s, order_id, a, out, n))                                                                    \
    /* Write r->id's status, answer ("" as NULL) and updated_at. BZ_ENOTFOUND. */                 \
    X(T, report_save, (store *s, const order_report *r), (s, r))
/* clang-format on */

#endif
