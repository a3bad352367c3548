/*
 * app/ports/store_ops_users.h - the store operations of users, refresh tokens, idempotency records
 * (store/sql/users.c): the list STORE_OPS_USERS of app/ports/store_ops.h, which says what an X line
 * holds and includes this header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_USERS_H
#define APP_PORTS_STORE_OPS_USERS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_USERS(X)                                                                         \
    /* Create a user. BZ_EEMAILTAKEN / BZ_EUSERNAMETAKEN on duplicates. */                         \
    X(T, user_create, (store *s, const account_user *u), (s, u))                                   \
    /* Read a user (password_hash NULL). BZ_ENOTFOUND. */                                          \
    X(T, user_get, (store *s, int64_t id, bz_arena *a, account_user *out), (s, id, a, out))        \
    /* Read a user by lower-cased email, with password_hash. BZ_ENOTFOUND. */                      \
    X(T, user_by_email, (store *s, const char *email, bz_arena *a, account_user *out),             \
      (s, email, a, out))                                                                          \
    /* Read a user by username, case-insensitively (password_hash NULL). BZ_ENOTFOUND. */          \
    X(T, user_by_username, (store *s, const char *username, bz_arena *a, account_user *out),       \
      (s, username, a, out))                                                                       \
    /* Update profile fields; a NULL field (show_win_name: -1) is left unchanged. BZ_ENOTFOUND. */ \
    X(T, user_update,                                                                              \
      (store *s, int64_t id, const char *display_name, const char *bio, int show_win_name,         \
       int64_t now),                                                                               \
      (s, id, display_name, bio, show_win_name, now))                                              \
    /* Point the user's avatar at an image (0 clears it). BZ_ENOTFOUND. */                         \
    X(T, user_set_avatar, (store *s, int64_t id, int64_t image_id, int64_t now),                   \
      (s, id, image_id, now))                                                                      \
    /* Whether user `id` runs Blytz (an admin): *out; a missing user is not one. */                \
    X(T, user_is_admin, (store *s, int64_t id, bool *out), (s, id, out))                          \
    /* Make the user of lower-cased `email` an admin or not. BZ_ENOTFOUND: no such user. */       \
    X(T, user_set_admin, (store *s, const char *email, bool admin), (s, email, admin))            \
    X(T, refresh_create, (store *s, const store_refresh *r), (s, r))                               \
    /* BZ_ENOTFOUND if no token has that hash. */                                                  \
    X(T, refresh_by_hash, (store *s, const unsigned char hash[32], store_refresh *out),            \
      (s, hash, out))                                                                              \
    /* Mark a token used, atomically: only one caller ever succeeds; the others (and any call on a \
     * used or revoked token) get BZ_ETOKENREUSED. */                                              \
    X(T, refresh_mark_used, (store *s, int64_t id, int64_t now), (s, id, now))                     \
    /* Revoke every token of a family (logout, or reuse detected). */                              \
    X(T, refresh_revoke_family, (store *s, int64_t family_id, int64_t now),                        \
      (s, family_id, now))                                                                         \
    /* Idempotency records, keyed by (user_id, key). BZ_ENOTFOUND if none. */                      \
    X(T, idem_get,                                                                                 \
      (store *s, int64_t user_id, const char *key, bz_arena *a, store_idem *out),                  \
      (s, user_id, key, a, out))                                                                   \
    /* BZ_ECONFLICT if a record with that (user_id, key) exists already. */                        \
    X(T, idem_put, (store *s, const store_idem *rec), (s, rec))
/* clang-format on */

#endif
