/*
 * app/ports/store_ops_cohosts.h - the store operations of a show's co-hosts (store/sql/cohosts.c):
 * the list STORE_OPS_COHOSTS of app/ports/store_ops.h, which says what an X line holds and includes
 * this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_COHOSTS_H
#define APP_PORTS_STORE_OPS_COHOSTS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_COHOSTS(X)                                                                       \
    /* Make `user_id` a current co-host of the show, invited by `by` at `now`: a new row, or a     \
     * removed one made current again. *added is false when they are current already (nothing      \
     * changes). BZ_ENOTFOUND when the show or a user is missing. */                               \
    X(T, cohost_invite,                                                                            \
      (store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now, bool *added),        \
      (s, stream_id, user_id, by, now, added))                                                     \
    /* Stamp a current co-host removed at `now`; *removed is false when they were not current. */  \
    X(T, cohost_remove,                                                                            \
      (store *s, int64_t stream_id, int64_t user_id, int64_t now, bool *removed),                  \
      (s, stream_id, user_id, now, removed))                                                       \
    /* The row of `user_id` in the show, current or removed, with their username. BZ_ENOTFOUND     \
     * when never invited. */                                                                      \
    X(T, cohost_get,                                                                               \
      (store *s, int64_t stream_id, int64_t user_id, bz_arena *a, show_cohost *out),               \
      (s, stream_id, user_id, a, out))                                                             \
    /* The show's current co-hosts with their usernames, first invited first (ties by user id). */ \
    X(T, cohosts,                                                                                  \
      (store *s, int64_t stream_id, bz_arena *a, show_cohost **out, size_t *n),                    \
      (s, stream_id, a, out, n))
/* clang-format on */

#endif
