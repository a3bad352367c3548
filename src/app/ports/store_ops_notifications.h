/*
 * app/ports/store_ops_notifications.h - the store operations of notifications
 * (store/sql/notifications.c): the list STORE_OPS_NOTIFICATIONS of app/ports/store_ops.h, which
 * says what an X line holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_NOTIFICATIONS_H
#define APP_PORTS_STORE_OPS_NOTIFICATIONS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_NOTIFICATIONS(X)                                                                 \
    /* One "show_live" notification for every follower of show `stream_id`'s seller, titled with   \
     * the show's title, made in one statement (INSERT ... SELECT from follows) so a seller with   \
     * many followers costs one round trip. The store makes the ids. *out receives the rows made   \
     * (any order); *n = 0 when nobody follows or there is no such show. */                        \
    X(T, notify_followers_live,                                                                    \
      (store *s, int64_t stream_id, int64_t now, bz_arena *a, notification **out,                  \
       size_t *n),                                                                                 \
      (s, stream_id, now, a, out, n))                                                              \
    /* A user's notifications, newest first (id descending), those with id < cursor (0 = from the  \
     * newest); *unread (may be NULL) receives how many of all theirs are unread. */               \
    X(T, notifications_of,                                                                         \
      (store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,                          \
       notification **out, store_page *page, int64_t *unread),                                     \
      (s, user_id, cursor, limit, a, out, page, unread))                                           \
    /* Mark one of the user's notifications read (again: keeps the first read_at). BZ_ENOTFOUND    \
     * when `id` is not theirs. */                                                                 \
    X(T, notification_mark_read, (store *s, int64_t user_id, int64_t id, int64_t now),             \
      (s, user_id, id, now))
/* clang-format on */

#endif
