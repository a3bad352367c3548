/*
 * store/sql/sessions.c - ending sessions early: the session revocation list (0008) and the
 * refresh tokens it cuts off, plus a user's password change.
 */
#include "base/err.h"
#include "store/sql/sql.h"

static db_query Q_USER_SET_PASSWORD =
    DB_QUERY("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1");

int sql_user_set_password(store *s, int64_t id, const char *phc, int64_t now)
{
    return sql_exec_one(
        SQL_PREPARE(sql_db(s), &Q_USER_SET_PASSWORD, SQL_I64(id), SQL_TEXT(phc), SQL_I64(now)),
        false);
}

static db_query Q_SESSION_LIST =
    DB_QUERY("INSERT INTO session_revocations (family_id, user_id, revoked_at, expires_at) "
             "VALUES ($1, $2, $3, $4) ON CONFLICT (family_id) DO NOTHING");

int sql_session_revoke(store *s, int64_t family_id, int64_t user_id, int64_t now,
                       int64_t expires_at, bool *added)
{
    db_conn *c = sql_db(s);
    int rc = db_atomic_begin(c);
    if (rc != BZ_OK) {
        return rc;
    }
    const int64_t v[] = {family_id, user_id, now, expires_at};
    int listed = 0;
    rc = db_exec(sql_prepare_ints(c, &Q_SESSION_LIST, v, 4), &listed);
    if (rc == BZ_OK) {
        rc = sql_refresh_revoke_family(s, family_id, now); /* in the same unit */
    }
    rc = db_atomic_end(c, rc);
    *added = rc == BZ_OK && listed > 0;
    return rc;
}

static void read_family(db_stmt *q, bz_arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_i64(q, 0);
}

/* A family is live while one of its refresh tokens is: only such a family can hold an access
 * token that has not expired. */
static db_query Q_SESSIONS_LIST_USER =
    DB_QUERY("INSERT INTO session_revocations (family_id, user_id, revoked_at, expires_at) "
             "SELECT DISTINCT family_id, CAST($1 AS BIGINT), CAST($3 AS BIGINT), "
             "CAST($4 AS BIGINT) FROM refresh_tokens "
             "WHERE user_id = $1 AND family_id <> $2 AND expires_at > $3 "
             "ON CONFLICT (family_id) DO NOTHING RETURNING family_id");
static db_query Q_SESSIONS_REVOKE_USER_TOKENS =
    DB_QUERY("UPDATE refresh_tokens SET revoked_at = $3 "
             "WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL");

int sql_sessions_revoke_user(store *s, int64_t user_id, int64_t keep_family, int64_t now,
                             int64_t expires_at, bz_arena *a, int64_t **out, size_t *n)
{
    db_conn *c = sql_db(s);
    int rc = db_atomic_begin(c);
    if (rc != BZ_OK) {
        return rc;
    }
    /* $1..$3 of the first are those of the second */
    const int64_t v[] = {user_id, keep_family, now, expires_at};
    size_t count = 0;
    int64_t *rows = db_fetch_all(sql_prepare_ints(c, &Q_SESSIONS_LIST_USER, v, 4), a, read_family,
                                 sizeof(*rows), &count, &rc);
    if (rc == BZ_OK) {
        rc = db_exec(sql_prepare_ints(c, &Q_SESSIONS_REVOKE_USER_TOKENS, v, 3), NULL);
    }
    rc = db_atomic_end(c, rc);
    if (rc == BZ_OK) {
        *out = rows;
        *n = count;
    }
    return rc;
}

#define F(kind, field) SQL_COL(kind, store_revocation, field)
SQL_READER(read_revocation, store_revocation, F(I64, family_id), F(I64, user_id),
           F(I64, revoked_at), F(I64, expires_at))
#undef F

static db_query Q_REVOCATIONS_AFTER =
    DB_QUERY("SELECT family_id, user_id, revoked_at, expires_at FROM session_revocations "
             "WHERE (revoked_at, family_id) > ($1, $2) AND expires_at > $3 "
             "ORDER BY revoked_at, family_id LIMIT $4");

int sql_revocations_after(store *s, int64_t after_at, int64_t after_family, int64_t now, int limit,
                          bz_arena *a, store_revocation **out, size_t *n)
{
    const int64_t v[] = {after_at, after_family, now, limit};
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_REVOCATIONS_AFTER, v, 4);
    int rc;
    *out = db_fetch_all(q, a, read_revocation, sizeof(**out), n, &rc);
    return rc;
}

static db_query Q_REVOCATIONS_PRUNE =
    DB_QUERY("DELETE FROM session_revocations WHERE expires_at < $1");

int sql_revocations_prune(store *s, int64_t before, int *deleted)
{
    return db_exec(sql_prepare_ints(sql_db(s), &Q_REVOCATIONS_PRUNE, &before, 1), deleted);
}
