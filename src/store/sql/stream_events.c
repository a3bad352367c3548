/*
 * store/sql/stream_events.c - a show's room events, logged for replay, and their sequence
 * counter (streams.event_seq).
 *
 * The counter is bumped with UPDATE ... RETURNING inside the caller's transaction: the row
 * lock it takes orders concurrent writers of one show, so seqs follow commit order and a
 * rolled-back batch gives its numbers back.
 */
#include "base/err.h"
#include "store/sql/sql.h"
#include "store/store_util.h"

static db_query Q_STREAM_NEXT_SEQ =
    DB_QUERY("UPDATE streams SET event_seq = event_seq + $2 WHERE id = $1 RETURNING event_seq");

int sql_stream_next_seq(store *s, int64_t stream_id, int64_t count, int64_t *first)
{
    const int64_t v[] = {stream_id, count};
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_STREAM_NEXT_SEQ, v, 2);
    int rc = db_step(q);
    if (rc == DB_ROW) {
        *first = db_col_i64(q, 0) - count + 1;
        rc = db_step(q); /* runs the statement to its end */
    } else if (rc == BZ_OK) {
        rc = BZ_ENOTFOUND;
    }
    db_reset(q);
    return rc == DB_ROW ? BZ_OK : rc; /* one show per id: a second row cannot be */
}

static db_query Q_STREAM_EVENT_INSERT =
    DB_QUERY("INSERT INTO stream_events (stream_id, seq, name, payload, created_at) "
             "VALUES ($1, $2, $3, $4, $5)");

int sql_stream_event_insert(store *s, const show_event *ev)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_STREAM_EVENT_INSERT, SQL_I64(ev->stream_id), SQL_I64(ev->seq),
                    SQL_TEXT(ev->name), SQL_TEXT(ev->payload), SQL_I64(ev->created_at));
    return db_exec_deferred(q); /* a batch's events travel with its bids */
}

#define F(kind, field) SQL_COL(kind, show_event, field)
SQL_READER(read_event, show_event, F(I64, stream_id), F(I64, seq), F(TEXT, name), F(TEXT, payload),
           F(I64, created_at))
#undef F

static db_query Q_STREAM_EVENTS =
    DB_QUERY("SELECT stream_id, seq, name, payload, created_at FROM stream_events "
             "WHERE stream_id = $1 AND seq > $2 ORDER BY seq LIMIT $3");

int sql_stream_events(store *s, int64_t stream_id, int64_t after_seq, int limit, bz_arena *a,
                      show_event **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    const int64_t v[] = {stream_id, after_seq, store_clamp_limit(limit)};
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_STREAM_EVENTS, v, 3);
    int rc = BZ_OK;
    *out = db_fetch_all(q, a, read_event, sizeof(**out), n, &rc);
    return rc;
}
