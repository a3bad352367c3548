/*
 * app/ports/store_ops_sessions.h - the store operations of session revocations, passwords
 * (store/sql/sessions.c): the list STORE_OPS_SESSIONS of app/ports/store_ops.h, which says what an
 * X line holds and includes this header; nothing else should.
 *
 * A session is a refresh-token family; its access tokens carry the family id (`sid`). Ending a
 * session early revokes the family's refresh tokens and lists the family until `expires_at`
 * (the caller passes now + the access-token lifetime, plus slack for clock skew), so that
 * every node can refuse the family's access tokens (app/revocation.h). Both work inside or
 * outside store_begin.
 */
#ifndef APP_PORTS_STORE_OPS_SESSIONS_H
#define APP_PORTS_STORE_OPS_SESSIONS_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_SESSIONS(X)                                                                      \
    /* Replace the user's password hash (a PHC string) and stamp updated_at. BZ_ENOTFOUND. */      \
    X(T, user_set_password, (store *s, int64_t id, const char *phc, int64_t now),                  \
      (s, id, phc, now))                                                                           \
    /* End session `family_id` of `user_id`: revoke its refresh tokens and list it, atomically.    \
     * Revoking a listed family again is not an error and keeps the first entry; *added (may be    \
     * NULL) tells whether this call listed it. */                                                 \
    X(H, session_revoke,                                                                           \
      (store *s, int64_t family_id, int64_t user_id, int64_t now, int64_t expires_at,              \
       bool *added),                                                                               \
      (s, family_id, user_id, now, expires_at, added))                                             \
    /* End every live session of `user_id` but `keep_family` (0 = none): each family with a        \
     * refresh token not expired at `now` is revoked and listed as store_session_revoke does, and  \
     * every other refresh token of the user but keep_family's is revoked too, atomically. *out    \
     * (in `a`, NULL when *n is 0) receives the families this call listed. */                      \
    X(H, sessions_revoke_user,                                                                     \
      (store *s, int64_t user_id, int64_t keep_family, int64_t now, int64_t expires_at,            \
       bz_arena *a, int64_t **out, size_t *n),                                                     \
      (s, user_id, keep_family, now, expires_at, a, out, n))                                       \
    /* Entries not expired at `now` that come after the cursor (after_at, after_family) in         \
     * (revoked_at, family_id) order, in that order, at most `limit` (clamped to                   \
     * 1..STORE_REVOCATIONS_MAX). The last entry is the next call's cursor; (0, 0) starts at the   \
     * beginning. */                                                                               \
    X(H, revocations_after,                                                                        \
      (store *s, int64_t after_at, int64_t after_family, int64_t now, int limit, bz_arena *a,      \
       store_revocation **out, size_t *n),                                                         \
      (s, after_at, after_family, now, limit, a, out, n))                                          \
    /* Delete the entries that expired before `before`; *deleted (may be NULL) says how many. */   \
    X(H, revocations_prune, (store *s, int64_t before, int *deleted), (s, before, deleted))
/* clang-format on */

#endif
