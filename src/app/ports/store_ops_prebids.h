/*
 * app/ports/store_ops_prebids.h - the store operations of pre-bids (store/sql/prebids.c): the list
 * STORE_OPS_PREBIDS of app/ports/store_ops.h, which says what an X line holds and includes this
 * header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_PREBIDS_H
#define APP_PORTS_STORE_OPS_PREBIDS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_PREBIDS(X)                                                                       \
    /* Place or replace (same show, lot and bidder) a pre-bid: a replacement keeps its id and      \
     * takes the new max_amount and created_at. p->id is the id to use for a new row; on return it \
     * is the stored row's. BZ_ENOTFOUND when (stream_id, product_id) is not in the lineup. */     \
    X(T, prebid_put, (store *s, prebid *p), (s, p))                                                \
    /* A lot's pre-bids still to apply, in creation order (created_at, then id), at most           \
     * STORE_PREBIDS_MAX: those of a bidder who already won the lot in the show (an auction of it  \
     * there with them as winner) are spent and left out. */                                       \
    X(T, prebids_of_lot,                                                                           \
      (store *s, int64_t stream_id, int64_t product_id, bz_arena *a, prebid **out,                 \
       size_t *n),                                                                                 \
      (s, stream_id, product_id, a, out, n))                                                       \
    /* A bidder's pre-bids on one show, in creation order, at most STORE_PREBIDS_MAX. */           \
    X(T, prebids_of_bidder,                                                                        \
      (store *s, int64_t stream_id, int64_t bidder_id, bz_arena *a, prebid **out,                  \
       size_t *n),                                                                                 \
      (s, stream_id, bidder_id, a, out, n))                                                        \
    /* Remove the bidder's own pre-bid on a lot. BZ_ENOTFOUND when they have none there. */        \
    X(T, prebid_delete, (store *s, int64_t stream_id, int64_t product_id, int64_t bidder_id),      \
      (s, stream_id, product_id, bidder_id))
/* clang-format on */

#endif
