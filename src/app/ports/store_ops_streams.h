/*
 * app/ports/store_ops_streams.h - the store operations of shows (streams) and their lineups
 * (store/sql/streams.c): the list STORE_OPS_STREAMS of app/ports/store_ops.h, which says what an X
 * line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_STREAMS_H
#define APP_PORTS_STORE_OPS_STREAMS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_STREAMS(X)                                                                       \
    /* Create a show with its lineup (st->product_ids in order), atomically. A show starts out     \
     * scheduled: st->status, started_at and ended_at are not read. BZ_ENOTFOUND if the seller or  \
     * a product is missing or deleted, BZ_ECONFLICT for an id that exists or a product listed     \
     * twice. Ownership of the products is the caller's rule, not the store's. */                  \
    X(T, stream_create, (store *s, const show_stream *st), (s, st))                                \
    /* Read a show with its lineup's product ids. BZ_ENOTFOUND. */                                 \
    X(T, stream_get, (store *s, int64_t id, bz_arena *a, show_stream *out), (s, id, a, out))       \
    /* A page of shows of one status ("scheduled" or "live"; anything else is BZ_EINTERNAL), with  \
     * their lineups' product ids, in the order store_stream_query describes (ties by id). */      \
    X(T, stream_list,                                                                              \
      (store *s, const store_stream_query *q, bz_arena *a, show_stream **out,                      \
       store_stream_page *page),                                                                   \
      (s, q, a, out, page))                                                                        \
    /* Move show `id` from status `from` to `to`, only if it is in `from` now: of callers racing   \
     * on one transition exactly one succeeds. Going "live" stamps started_at, "ended" ended_at,   \
     * every change updated_at, all with `now`. BZ_ECONFLICT if the show is not in `from`,         \
     * BZ_ENOTFOUND. */                                                                            \
    X(T, stream_set_status,                                                                        \
      (store *s, int64_t id, const char *from, const char *to, int64_t now),                       \
      (s, id, from, to, now))                                                                      \
    /* Point show `id` at cover image `image_id` (0 = none) and stamp updated_at. BZ_ENOTFOUND. */ \
    X(T, stream_set_cover, (store *s, int64_t id, int64_t image_id, int64_t now),                  \
      (s, id, image_id, now))                                                                      \
    /* The lineup's products (not deleted ones), in lineup order, with their images. BZ_ENOTFOUND  \
     * if there is no such show. */                                                                \
    X(T, stream_lineup, (store *s, int64_t id, bz_arena *a, catalog_product **out, size_t *n),     \
      (s, id, a, out, n))
/* clang-format on */

#endif
