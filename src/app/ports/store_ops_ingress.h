/*
 * app/ports/store_ops_ingress.h - the store operations of a show's encoder endpoint
 * (store/sql/ingress.c): the list STORE_OPS_INGRESS of app/ports/store_ops.h, which says what an X
 * line holds and includes this header; nothing else should.
 *
 * At most one row per show (domain/ingress.h). `request_id` names one request: the worker's
 * writes hold only while the row still answers it.
 */
#ifndef APP_PORTS_STORE_OPS_INGRESS_H
#define APP_PORTS_STORE_OPS_INGRESS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_INGRESS(X)                                                                       \
    /* Ask for the show's endpoint as request `request_id` at `now`: a new pending row, or a       \
     * failed one made pending again under the new request (its provider fields cleared).          \
     * *added (may be NULL) is false when a pending or ready row stands (nothing changes).         \
     * BZ_ENOTFOUND when the show does not exist. */                                               \
    X(T, ingress_request,                                                                          \
      (store *s, int64_t stream_id, int64_t request_id, int64_t now, bool *added),                 \
      (s, stream_id, request_id, now, added))                                                      \
    /* Read the show's row. BZ_ENOTFOUND when it has none. */                                      \
    X(T, ingress_get, (store *s, int64_t stream_id, bz_arena *a, show_ingress *out),               \
      (s, stream_id, a, out))                                                                      \
    /* The provider created it: the pending row of `in->request_id` becomes ready with            \
     * in->ingress_id, url, stream_key and whip (in->stream_id, request_id read too), updated_at   \
     * = `now`. BZ_ENOTFOUND when no pending row answers that request (dropped or asked anew). */  \
    X(T, ingress_ready, (store *s, const show_ingress *in, int64_t now), (s, in, now))             \
    /* The provider refused: the pending row of `request_id` becomes failed with `error`.          \
     * BZ_ENOTFOUND as ingress_ready. */                                                           \
    X(T, ingress_failed,                                                                           \
      (store *s, int64_t stream_id, int64_t request_id, const char *error, int64_t now),           \
      (s, stream_id, request_id, error, now))                                                      \
    /* Delete the show's row and read what it was, in one statement (of racing callers one gets   \
     * it). BZ_ENOTFOUND when it has none. */                                                      \
    X(T, ingress_take, (store *s, int64_t stream_id, bz_arena *a, show_ingress *out),              \
      (s, stream_id, a, out))
/* clang-format on */

#endif
