/*
 * store/pg/sessions.c - ending sessions early: the session revocation list (0008) and the
 * refresh tokens it cuts off, plus a user's password change. Mirrors store/sqlite/sessions.c.
 */
#include "base/err.h"
#include "store/pg/pg_internal.h"

int pg_user_set_password(store *st, int64_t id, const char *phc, int64_t now)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    pg_p_text(&p, phc);
    pg_p_i64(&p, now);
    int changes = 0;
    int rc = pg_command(pg_of(st), PG_USER_SET_PASSWORD,
                        "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1", &p,
                        &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

int pg_session_revoke(store *st, int64_t family_id, int64_t user_id, int64_t now,
                      int64_t expires_at, bool *added)
{
    pg_store *s = pg_of(st);
    int rc = pg_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    pg_params p = {0};
    pg_p_i64(&p, family_id);
    pg_p_i64(&p, user_id);
    pg_p_i64(&p, now);
    pg_p_i64(&p, expires_at);
    int listed = 0;
    rc = pg_command(s, PG_SESSION_LIST,
                    "INSERT INTO session_revocations (family_id, user_id, revoked_at, expires_at) "
                    "VALUES ($1, $2, $3, $4) ON CONFLICT (family_id) DO NOTHING",
                    &p, &listed);
    if (rc == BZ_OK) {
        pg_params t = {0};
        pg_p_i64(&t, family_id);
        pg_p_i64(&t, now);
        rc = pg_command(s, PG_SESSION_REVOKE_TOKENS,
                        "UPDATE refresh_tokens SET revoked_at = $2 "
                        "WHERE family_id = $1 AND revoked_at IS NULL",
                        &t, NULL);
    }
    rc = pg_atomic_end(s, rc);
    *added = rc == BZ_OK && listed > 0;
    return rc;
}

/* The family_id column of every row of `res`, into arena memory. */
static int read_families(PGresult *res, bz_arena *a, int64_t **out, size_t *n)
{
    size_t count = (size_t)PQntuples(res);
    int64_t *rows = count ? bz_arena_calloc(a, count, sizeof(*rows)) : NULL;
    if (count && !rows) {
        return BZ_EINTERNAL;
    }
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; i < count; i++) {
        r.row = (int)i;
        rows[i] = pg_i64(&r, 0);
    }
    *out = rows;
    *n = count;
    return BZ_OK;
}

int pg_sessions_revoke_user(store *st, int64_t user_id, int64_t keep_family, int64_t now,
                            int64_t expires_at, bz_arena *a, int64_t **out, size_t *n)
{
    pg_store *s = pg_of(st);
    int rc = pg_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    pg_params p = {0};
    pg_p_i64(&p, user_id);
    pg_p_i64(&p, keep_family);
    pg_p_i64(&p, now);
    pg_p_i64(&p, expires_at);
    PGresult *res = NULL;
    /* A family is live while one of its refresh tokens is: only such a family can hold an
     * access token that has not expired. */
    rc = pg_query(s, PG_SESSIONS_LIST_USER,
                  "INSERT INTO session_revocations (family_id, user_id, revoked_at, expires_at) "
                  "SELECT DISTINCT family_id, $1::bigint, $3::bigint, $4::bigint "
                  "FROM refresh_tokens "
                  "WHERE user_id = $1 AND family_id <> $2 AND expires_at > $3 "
                  "ON CONFLICT (family_id) DO NOTHING RETURNING family_id",
                  NULL, &p, &res);
    int64_t *rows = NULL;
    size_t count = 0;
    if (rc == BZ_OK) {
        rc = read_families(res, a, &rows, &count);
    }
    PQclear(res);
    if (rc == BZ_OK) {
        pg_params t = {0};
        pg_p_i64(&t, user_id);
        pg_p_i64(&t, keep_family);
        pg_p_i64(&t, now);
        rc = pg_command(s, PG_SESSIONS_REVOKE_USER_TOKENS,
                        "UPDATE refresh_tokens SET revoked_at = $3 "
                        "WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL",
                        &t, NULL);
    }
    rc = pg_atomic_end(s, rc);
    if (rc == BZ_OK) {
        *out = rows;
        *n = count;
    }
    return rc;
}

int pg_revocations_after(store *st, int64_t after_at, int64_t after_family, int64_t now, int limit,
                         bz_arena *a, store_revocation **out, size_t *n)
{
    pg_params p = {0};
    pg_p_i64(&p, after_at);
    pg_p_i64(&p, after_family);
    pg_p_i64(&p, now);
    pg_p_i64(&p, limit);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), PG_REVOCATIONS_AFTER,
                      "SELECT family_id, user_id, revoked_at, expires_at "
                      "FROM session_revocations "
                      "WHERE (revoked_at, family_id) > ($1, $2) AND expires_at > $3 "
                      "ORDER BY revoked_at, family_id LIMIT $4",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t count = (size_t)PQntuples(res);
    store_revocation *rows = count ? bz_arena_calloc(a, count, sizeof(*rows)) : NULL;
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < count; i++) {
        r.row = (int)i;
        rows[i] = (store_revocation){pg_i64(&r, 0), pg_i64(&r, 1), pg_i64(&r, 2), pg_i64(&r, 3)};
    }
    PQclear(res);
    if (count && !rows) {
        return BZ_EINTERNAL;
    }
    *out = rows;
    *n = count;
    return BZ_OK;
}

int pg_revocations_prune(store *st, int64_t before, int *deleted)
{
    pg_params p = {0};
    pg_p_i64(&p, before);
    *deleted = 0;
    return pg_command(pg_of(st), PG_REVOCATIONS_PRUNE,
                      "DELETE FROM session_revocations WHERE expires_at < $1", &p, deleted);
}
