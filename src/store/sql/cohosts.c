/*
 * store/sql/cohosts.c - a show's co-hosts (domain/cohost.h): one row per show
 * and user, current while removed_at is NULL. Inviting is an upsert that only
 * revives a removed row, so inviting a current co-host changes nothing and
 * two sellers' tabs racing agree on one row.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

static db_query Q_INVITE = DB_QUERY(
    "INSERT INTO stream_cohosts (stream_id, user_id, invited_by, invited_at) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (stream_id, user_id) DO UPDATE "
    "SET invited_by = excluded.invited_by, invited_at = excluded.invited_at, removed_at = NULL "
    "WHERE stream_cohosts.removed_at IS NOT NULL");
static db_query Q_REMOVE = DB_QUERY("UPDATE stream_cohosts SET removed_at = $3 "
                                    "WHERE stream_id = $1 AND user_id = $2 AND removed_at IS NULL");

int sql_cohost_invite(store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now,
                      bool *added)
{
    const int64_t v[] = {stream_id, user_id, by, now};
    int changes = 0;
    /* guarded: a missing show or user fails a foreign key (BZ_ENOTFOUND) */
    int rc = db_exec_guarded(sql_prepare_ints(sql_db(s), &Q_INVITE, v, 4), &changes);
    *added = rc == BZ_OK && changes > 0;
    return rc;
}

int sql_cohost_remove(store *s, int64_t stream_id, int64_t user_id, int64_t now, bool *removed)
{
    const int64_t v[] = {stream_id, user_id, now};
    int changes = 0;
    int rc = db_exec(sql_prepare_ints(sql_db(s), &Q_REMOVE, v, 3), &changes);
    *removed = rc == BZ_OK && changes > 0;
    return rc;
}

#define COHOST_COLS                                                                                \
    "c.stream_id, c.user_id, u.username, c.invited_by, c.invited_at, coalesce(c.removed_at, 0) "   \
    "FROM stream_cohosts c JOIN users u ON u.id = c.user_id "

#define F(kind, field) SQL_COL(kind, show_cohost, field)
SQL_READER(read_cohost, show_cohost, F(I64, stream_id), F(I64, user_id), F(TEXT, username),
           F(I64, invited_by), F(I64, invited_at), F(I64, removed_at))
#undef F

static db_query Q_GET = DB_QUERY("SELECT " COHOST_COLS "WHERE c.stream_id = $1 AND c.user_id = $2");
/* A show has a handful of rows (at most COHOST_MAX current): the primary key's prefix finds
 * them all. */
static db_query Q_CURRENT =
    DB_QUERY("SELECT " COHOST_COLS "WHERE c.stream_id = $1 AND c.removed_at IS NULL "
             "ORDER BY c.invited_at, c.user_id");

int sql_cohost_get(store *s, int64_t stream_id, int64_t user_id, bz_arena *a, show_cohost *out)
{
    const int64_t v[] = {stream_id, user_id};
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_GET, v, 2), a, read_cohost, out);
}

int sql_cohosts(store *s, int64_t stream_id, bz_arena *a, show_cohost **out, size_t *n)
{
    int rc;
    *out = db_fetch_all(sql_prepare_ints(sql_db(s), &Q_CURRENT, &stream_id, 1), a, read_cohost,
                        sizeof(**out), n, &rc);
    return rc;
}
