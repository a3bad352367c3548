/*
 * app/ports/store_ops_recordings.h - the store operations of recordings (store/sql/recordings.c):
 * the list STORE_OPS_RECORDINGS of app/ports/store_ops.h, which says what an X line holds and
 * includes this header; nothing else should.
 *
 * A show's recording setting and its recording (domain/recording.h), and its lots as the
 * replay marks them.
 */
#ifndef APP_PORTS_STORE_OPS_RECORDINGS_H
#define APP_PORTS_STORE_OPS_RECORDINGS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_RECORDINGS(X)                                                                    \
    /* Set whether show `id` is recorded, and stamp updated_at, only while it is scheduled.        \
     * BZ_ECONFLICT when it is not scheduled (any more), BZ_ENOTFOUND. */                          \
    X(T, stream_set_record, (store *s, int64_t id, bool record, int64_t now),                      \
      (s, id, record, now))                                                                        \
    /* Add show r->stream_id's recording, every field as given. BZ_ECONFLICT if the show has one,  \
     * BZ_ENOTFOUND if there is no such show. */                                                   \
    X(T, recording_create, (store *s, const show_recording *r), (s, r))                            \
    /* Read show `stream_id`'s recording. BZ_ENOTFOUND. */                                         \
    X(T, recording_get, (store *s, int64_t stream_id, bz_arena *a, show_recording *out),           \
      (s, stream_id, a, out))                                                                      \
    /* Write every field but created_at of r->stream_id's recording, only while its state is       \
     * `from`: of writers racing on one change exactly one succeeds. BZ_ECONFLICT when it is not   \
     * in `from`, BZ_ENOTFOUND. */                                                                 \
    X(T, recording_update, (store *s, const show_recording *r, const char *from), (s, r, from))    \
    /* The auctions of show `stream_id` in the order they started (at most 500), each with its     \
     * product's title and, when it sold, its order (not cancelled or refunded) as a sale. */      \
    X(T, stream_lots, (store *s, int64_t stream_id, bz_arena *a, recording_lot **out, size_t *n),  \
      (s, stream_id, a, out, n))
/* clang-format on */

#endif
