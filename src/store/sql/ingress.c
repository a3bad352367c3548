/*
 * store/sql/ingress.c - a show's encoder endpoint (domain/ingress.h, migration 0015): at most
 * one row per show, keyed by the show. The worker's writes name the request they answer, so a
 * creation that finishes after the seller dropped the endpoint (or dropped it and asked again)
 * changes nothing and learns so (BZ_ENOTFOUND).
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

#define INGRESS_COLS                                                                               \
    "stream_id, request_id, state, ingress_id, url, stream_key, whip, error, created_at, "         \
    "updated_at"

#define F(kind, field) SQL_COL(kind, show_ingress, field)
SQL_READER(read_ingress, show_ingress, F(I64, stream_id), F(I64, request_id), F(TEXT, state),
           F(TEXT, ingress_id), F(TEXT, url), F(TEXT, stream_key), F(BOOL, whip), F(TEXT, error),
           F(I64, created_at), F(I64, updated_at))
#undef F

/* A pending or ready row stands; a failed one starts over under the new request. */
static db_query Q_REQUEST = DB_QUERY(
    "INSERT INTO stream_ingresses (stream_id, request_id, state, created_at, updated_at) "
    "VALUES ($1, $2, 'pending', $3, $3) "
    "ON CONFLICT (stream_id) DO UPDATE SET request_id = excluded.request_id, state = 'pending', "
    "ingress_id = '', url = '', stream_key = '', whip = FALSE, error = '', "
    "updated_at = excluded.updated_at WHERE stream_ingresses.state = 'failed'");

int sql_ingress_request(store *s, int64_t stream_id, int64_t request_id, int64_t now, bool *added)
{
    const int64_t v[] = {stream_id, request_id, now};
    int changes = 0;
    int rc = db_exec_guarded(sql_prepare_ints(sql_db(s), &Q_REQUEST, v, 3), &changes);
    if (added) {
        *added = rc == BZ_OK && changes > 0;
    }
    return rc; /* a missing show fails the foreign key: BZ_ENOTFOUND */
}

static db_query Q_GET =
    DB_QUERY("SELECT " INGRESS_COLS " FROM stream_ingresses WHERE stream_id = $1");

int sql_ingress_get(store *s, int64_t stream_id, bz_arena *a, show_ingress *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_GET, &stream_id, 1), a, read_ingress, out);
}

static db_query Q_READY = DB_QUERY(
    "UPDATE stream_ingresses SET state = 'ready', ingress_id = $3, url = $4, stream_key = $5, "
    "whip = $6, error = '', updated_at = $7 "
    "WHERE stream_id = $1 AND request_id = $2 AND state = 'pending'");

int sql_ingress_ready(store *s, const show_ingress *in, int64_t now)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_READY, SQL_I64(in->stream_id), SQL_I64(in->request_id),
                             SQL_TEXT(in->ingress_id), SQL_TEXT(in->url), SQL_TEXT(in->stream_key),
                             SQL_BOOL(in->whip), SQL_I64(now));
    return sql_exec_one(q, false);
}

static db_query Q_FAILED =
    DB_QUERY("UPDATE stream_ingresses SET state = 'failed', error = $3, updated_at = $4 "
             "WHERE stream_id = $1 AND request_id = $2 AND state = 'pending'");

int sql_ingress_failed(store *s, int64_t stream_id, int64_t request_id, const char *error,
                       int64_t now)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_FAILED, SQL_I64(stream_id), SQL_I64(request_id),
                             SQL_TEXT(error ? error : ""), SQL_I64(now));
    return sql_exec_one(q, false);
}

static db_query Q_TAKE =
    DB_QUERY("DELETE FROM stream_ingresses WHERE stream_id = $1 RETURNING " INGRESS_COLS);

/* SQLite makes a RETURNING statement's changes in its first step, so one step is enough. */
int sql_ingress_take(store *s, int64_t stream_id, bz_arena *a, show_ingress *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_TAKE, &stream_id, 1), a, read_ingress, out);
}
