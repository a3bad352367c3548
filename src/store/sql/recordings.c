/*
 * store/sql/recordings.c - whether a show is recorded, its recording (one row per show, keyed
 * by the show), and its lots as the replay marks them.
 *
 * A recording changes state only from the state its writer read (recording_update's WHERE on
 * the state), so that the outbox's handlers, which may run twice or overlap on two nodes, never
 * undo each other's step.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stdint.h>

static db_query Q_STREAM_EXISTS = DB_QUERY("SELECT 1 FROM streams WHERE id = $1");

static db_query Q_STREAM_SET_RECORD = DB_QUERY(
    "UPDATE streams SET record = $2, updated_at = $3 WHERE id = $1 AND status = 'scheduled'");

int sql_stream_set_record(store *s, int64_t id, bool record, int64_t now)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_STREAM_SET_RECORD, SQL_I64(id), SQL_BOOL(record), SQL_I64(now));
    return sql_exec_or_why(sql_db(s), q, &Q_STREAM_EXISTS, id, BZ_ECONFLICT);
}

/* ---- the recording ------------------------------------------------------------------------ */

#define REC_COLS                                                                                   \
    "stream_id, state, provider_id, started_at, stopped_at, video_key, video_type, audio_key, "    \
    "audio_type, audio_offset_ms, duration_ms, reason, created_at, updated_at"

#define F(kind, field) SQL_COL(kind, show_recording, field)
SQL_READER(read_recording, show_recording, F(I64, stream_id), F(TEXT, state), F(TEXT, provider_id),
           F(I64, started_at), F(I64, stopped_at), F(TEXT, video_key), F(TEXT, video_type),
           F(TEXT, audio_key), F(TEXT, audio_type), F(I64, audio_offset_ms), F(I64, duration_ms),
           F(TEXT, reason), F(I64, created_at), F(I64, updated_at))
#undef F

/* NULL strings are stored as "": the columns are NOT NULL. */
#define TEXT_OR_EMPTY(v) SQL_TEXT((v) ? (v) : "")

static db_query Q_RECORDING_CREATE = DB_QUERY("INSERT INTO recordings (" REC_COLS ") VALUES "
                                              "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                                              "$12, $13, $14)");

int sql_recording_create(store *s, const show_recording *r)
{
    db_stmt *q = SQL_PREPARE(
        sql_db(s), &Q_RECORDING_CREATE, SQL_I64(r->stream_id), SQL_TEXT(r->state),
        TEXT_OR_EMPTY(r->provider_id), SQL_I64(r->started_at), SQL_I64(r->stopped_at),
        TEXT_OR_EMPTY(r->video_key), TEXT_OR_EMPTY(r->video_type), TEXT_OR_EMPTY(r->audio_key),
        TEXT_OR_EMPTY(r->audio_type), SQL_I64(r->audio_offset_ms), SQL_I64(r->duration_ms),
        TEXT_OR_EMPTY(r->reason), SQL_I64(r->created_at), SQL_I64(r->updated_at));
    /* BZ_ECONFLICT: the show has one; BZ_ENOTFOUND: no such show (the foreign key) */
    return db_exec_guarded(q, NULL);
}

static db_query Q_RECORDING_GET =
    DB_QUERY("SELECT " REC_COLS " FROM recordings WHERE stream_id = $1");

int sql_recording_get(store *s, int64_t stream_id, bz_arena *a, show_recording *out)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_RECORDING_GET, &stream_id, 1);
    return db_fetch_one(q, a, read_recording, out);
}

static db_query Q_RECORDING_EXISTS = DB_QUERY("SELECT 1 FROM recordings WHERE stream_id = $1");

static db_query Q_RECORDING_UPDATE =
    DB_QUERY("UPDATE recordings SET state = $2, provider_id = $3, started_at = $4, "
             "stopped_at = $5, video_key = $6, video_type = $7, audio_key = $8, audio_type = $9, "
             "audio_offset_ms = $10, duration_ms = $11, reason = $12, updated_at = $13 "
             "WHERE stream_id = $1 AND state = $14");

int sql_recording_update(store *s, const show_recording *r, const char *from)
{
    db_stmt *q = SQL_PREPARE(
        sql_db(s), &Q_RECORDING_UPDATE, SQL_I64(r->stream_id), SQL_TEXT(r->state),
        TEXT_OR_EMPTY(r->provider_id), SQL_I64(r->started_at), SQL_I64(r->stopped_at),
        TEXT_OR_EMPTY(r->video_key), TEXT_OR_EMPTY(r->video_type), TEXT_OR_EMPTY(r->audio_key),
        TEXT_OR_EMPTY(r->audio_type), SQL_I64(r->audio_offset_ms), SQL_I64(r->duration_ms),
        TEXT_OR_EMPTY(r->reason), SQL_I64(r->updated_at), SQL_TEXT(from));
    return sql_exec_or_why(sql_db(s), q, &Q_RECORDING_EXISTS, r->stream_id, BZ_ECONFLICT);
}

/* ---- the lots ------------------------------------------------------------------------------ */

/* Orders that stand are the sales anyone may learn of (orders.c: the same rule). */
static db_query Q_STREAM_LOTS = DB_QUERY(
    "SELECT a.id, a.product_id, p.title, a.status, a.started_at, coalesce(a.ended_at, 0), "
    "o.id IS NOT NULL, o.auction_id, o.product_id, a.stream_id, o.amount, o.created_at, "
    "o.buyer_id, u.username, u.show_win_name "
    "FROM auctions a JOIN products p ON p.id = a.product_id "
    "LEFT JOIN orders o ON o.auction_id = a.id AND o.status NOT IN ('cancelled', 'refunded') "
    "LEFT JOIN users u ON u.id = o.buyer_id "
    "WHERE a.stream_id = $1 ORDER BY a.id LIMIT 500");

#define F(kind, field) SQL_COL(kind, recording_lot, field)
SQL_READER(read_lot, recording_lot, F(I64, auction_id), F(I64, product_id), F(TEXT, title),
           F(TEXT, status), F(I64, started_at), F(I64, ended_at), F(BOOL, sold),
           F(I64, sale.auction_id), F(I64, sale.product_id), F(I64, sale.stream_id),
           F(I64, sale.amount), F(I64, sale.sold_at), F(I64, sale.buyer_id),
           F(TEXT, sale.buyer_username), F(BOOL, sale.buyer_shows_name))
#undef F

int sql_stream_lots(store *s, int64_t stream_id, bz_arena *a, recording_lot **out, size_t *n)
{
    int rc = BZ_OK;
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_STREAM_LOTS, &stream_id, 1);
    *out = db_fetch_all(q, a, read_lot, sizeof(**out), n, &rc);
    return rc;
}
