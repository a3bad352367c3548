/*
 * store/sqlite/sessions.c - ending sessions early: the session revocation list (0008) and
 * the refresh tokens it cuts off, plus a user's password change.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

int sq_user_set_password(store *st, int64_t id, const char *phc, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_USER_SET_PASSWORD,
                "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    sq_bind_text(q, 2, phc);
    sqlite3_bind_int64(q, 3, now);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

/* Bind ?1..?n to `v` and run the write; *changes (may be NULL) gets its row count. */
static int run_ints(sq_store *s, enum sq_stmt_id id, const char *sql, const int64_t *v, int n,
                    int *changes)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, id, sql, &rc);
    if (!q) {
        return rc;
    }
    for (int i = 0; i < n; i++) {
        sqlite3_bind_int64(q, i + 1, v[i]);
    }
    return sq_run(s, q, changes);
}

int sq_session_revoke(store *st, int64_t family_id, int64_t user_id, int64_t now,
                      int64_t expires_at, bool *added)
{
    sq_store *s = sq_of(st);
    int rc = sq_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    const int64_t v[] = {family_id, user_id, now, expires_at};
    int listed = 0;
    rc = run_ints(s, SQ_SESSION_LIST,
                  "INSERT INTO session_revocations (family_id, user_id, revoked_at, expires_at) "
                  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (family_id) DO NOTHING",
                  v, 4, &listed);
    if (rc == BZ_OK) {
        const int64_t t[] = {family_id, now};
        rc = run_ints(s, SQ_SESSION_REVOKE_TOKENS,
                      "UPDATE refresh_tokens SET revoked_at = ?2 "
                      "WHERE family_id = ?1 AND revoked_at IS NULL",
                      t, 2, NULL);
    }
    rc = sq_atomic_end(s, rc);
    *added = rc == BZ_OK && listed > 0;
    return rc;
}

/* Step the RETURNING family_id rows of `q` into a growing arena array. */
static int64_t *read_families(sq_store *s, sqlite3_stmt *q, bz_arena *a, size_t *n, int *rc)
{
    int64_t *rows = NULL;
    size_t cap = 0;
    int src;
    *n = 0;
    *rc = BZ_OK;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        rows = store_arena_grow(a, rows, *n, &cap, sizeof(*rows));
        if (!rows) {
            *rc = BZ_EINTERNAL;
            break;
        }
        rows[(*n)++] = sqlite3_column_int64(q, 0);
    }
    if (*rc == BZ_OK && src != SQLITE_DONE) {
        *rc = sq_error(s, src);
    }
    sq_done(q);
    return *rc == BZ_OK ? rows : NULL;
}

int sq_sessions_revoke_user(store *st, int64_t user_id, int64_t keep_family, int64_t now,
                            int64_t expires_at, bz_arena *a, int64_t **out, size_t *n)
{
    sq_store *s = sq_of(st);
    int rc = sq_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    /* A family is live while one of its refresh tokens is: only such a family can hold an
     * access token that has not expired. */
    sqlite3_stmt *q =
        sq_stmt(s, SQ_SESSIONS_LIST_USER,
                "INSERT INTO session_revocations (family_id, user_id, revoked_at, expires_at) "
                "SELECT DISTINCT family_id, ?1, ?3, ?4 FROM refresh_tokens "
                "WHERE user_id = ?1 AND family_id <> ?2 AND expires_at > ?3 "
                "ON CONFLICT (family_id) DO NOTHING RETURNING family_id",
                &rc);
    int64_t *rows = NULL;
    size_t count = 0;
    if (q) {
        const int64_t v[] = {user_id, keep_family, now, expires_at};
        for (int i = 0; i < 4; i++) {
            sqlite3_bind_int64(q, i + 1, v[i]);
        }
        rows = read_families(s, q, a, &count, &rc);
    }
    if (rc == BZ_OK) {
        const int64_t t[] = {user_id, keep_family, now};
        rc = run_ints(s, SQ_SESSIONS_REVOKE_USER_TOKENS,
                      "UPDATE refresh_tokens SET revoked_at = ?3 "
                      "WHERE user_id = ?1 AND family_id <> ?2 AND revoked_at IS NULL",
                      t, 3, NULL);
    }
    rc = sq_atomic_end(s, rc);
    if (rc == BZ_OK) {
        *out = rows;
        *n = count;
    }
    return rc;
}

static void read_revocation(sq_row *r, void *out)
{
    store_revocation *v = out;
    v->family_id = sq_i64(r, 0);
    v->user_id = sq_i64(r, 1);
    v->revoked_at = sq_i64(r, 2);
    v->expires_at = sq_i64(r, 3);
}

int sq_revocations_after(store *st, int64_t after_at, int64_t after_family, int64_t now, int limit,
                         bz_arena *a, store_revocation **out, size_t *n)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_REVOCATIONS_AFTER,
                              "SELECT family_id, user_id, revoked_at, expires_at "
                              "FROM session_revocations "
                              "WHERE (revoked_at, family_id) > (?1, ?2) AND expires_at > ?3 "
                              "ORDER BY revoked_at, family_id LIMIT ?4",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, after_at);
    sqlite3_bind_int64(q, 2, after_family);
    sqlite3_bind_int64(q, 3, now);
    sqlite3_bind_int(q, 4, limit);
    *out = sq_fetch_all(s, q, a, read_revocation, sizeof(**out), n, &rc);
    sq_done(q);
    return rc;
}

int sq_revocations_prune(store *st, int64_t before, int *deleted)
{
    const int64_t v[] = {before};
    *deleted = 0;
    return run_ints(sq_of(st), SQ_REVOCATIONS_PRUNE,
                    "DELETE FROM session_revocations WHERE expires_at < ?1", v, 1, deleted);
}
