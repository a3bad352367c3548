/*
 * store/sql/outbox.c - the outbox (0010): rows added with the change that
 * needs them, claimed by workers under a lease, finished, retried, parked and
 * requeued (app/ports/store_ops_outbox.h, docs/outbox.md).
 *
 * A claim is one UPDATE over the due rows its subquery picks; on PostgreSQL the
 * subquery locks what it picks with SKIP LOCKED, so claimers on several nodes
 * take disjoint rows without waiting on each other; on SQLite the statement
 * holds the database's write lock and claimers take turns. A claimed row's
 * next_at becomes its lease's end: "due" is one indexed comparison, and a row
 * whose worker died comes due again by itself.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <string.h>

#define OUTBOX_COLS                                                                                \
    "id, kind, dedupe_key, payload, state, attempts, next_at, lease_until, last_error, "           \
    "created_at, updated_at"

#define F(kind, field) SQL_COL(kind, store_outbox_row, field)
SQL_READER(read_outbox, store_outbox_row, F(I64, id), F(TEXT, kind), F(TEXT, dedupe_key),
           F(TEXT, payload), F(TEXT, state), F(I32, attempts), F(I64, next_at), F(I64, lease_until),
           F(TEXT, last_error), F(I64, created_at), F(I64, updated_at))
#undef F

static db_query Q_ADD =
    DB_QUERY("INSERT INTO outbox (id, kind, dedupe_key, payload, next_at, created_at, updated_at) "
             "VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (dedupe_key) DO NOTHING");

int sql_outbox_add(store *s, const store_outbox_row *r, bool *added)
{
    int changes = 0;
    int rc = db_exec(SQL_PREPARE(sql_db(s), &Q_ADD, SQL_I64(r->id), SQL_TEXT(r->kind),
                                 SQL_TEXT(r->dedupe_key), SQL_TEXT(r->payload), SQL_I64(r->next_at),
                                 SQL_I64(r->created_at)),
                     &changes);
    *added = rc == BZ_OK && changes > 0;
    return rc;
}

/* $1 now, $2 lease_until, $3 limit. The outer WHERE repeats the inner query's condition: on
 * PostgreSQL a row another claimer updated between our snapshot and our lock is re-checked
 * against its new version and dropped. The picked ids are a MATERIALIZED common table
 * expression, so the pick runs once: PostgreSQL may plan `id IN (SELECT ... LIMIT n FOR
 * UPDATE SKIP LOCKED)` as a join that runs the subquery again for each row it updates, and
 * then claims more than n rows (every due row; the runner, claiming one at a time, would
 * then run none of them). */
static db_query Q_CLAIM = DB_QUERY(
    "WITH picked AS MATERIALIZED (SELECT id FROM outbox WHERE state = 'pending' AND next_at <= $1 "
    "ORDER BY next_at, id LIMIT $3 {skip_locked}) "
    "UPDATE outbox SET attempts = attempts + 1, lease_until = $2, next_at = $2, updated_at = $1 "
    "WHERE id IN (SELECT id FROM picked) "
    "AND state = 'pending' AND next_at <= $1 RETURNING " OUTBOX_COLS);

int sql_outbox_claim(store *s, int64_t now, int64_t lease_until, int limit, bz_arena *a,
                     store_outbox_row **out, size_t *n)
{
    const int64_t v[] = {now, lease_until, limit};
    int rc;
    *out = db_fetch_all(sql_prepare_ints(sql_db(s), &Q_CLAIM, v, 3), a, read_outbox, sizeof(**out),
                        n, &rc);
    return rc;
}

static db_query Q_EXISTS = DB_QUERY("SELECT 1 FROM outbox WHERE id = $1");

/* The claim's three values are $1..$3 of every outcome. */
#define CLAIM_HOLDS "WHERE id = $1 AND attempts = $2 AND lease_until = $3 AND state = 'pending'"

static db_query Q_DONE =
    DB_QUERY("UPDATE outbox SET state = 'done', lease_until = 0, updated_at = $4 " CLAIM_HOLDS);

int sql_outbox_done(store *s, const store_outbox_row *claim, int64_t now)
{
    const int64_t v[] = {claim->id, claim->attempts, claim->lease_until, now};
    db_conn *c = sql_db(s);
    return sql_exec_or_why(c, sql_prepare_ints(c, &Q_DONE, v, 4), &Q_EXISTS, claim->id,
                           BZ_ECONFLICT);
}

static db_query Q_RETRY = DB_QUERY("UPDATE outbox SET next_at = $4, lease_until = 0, last_error = "
                                   "$5, updated_at = $6 " CLAIM_HOLDS);

int sql_outbox_retry(store *s, const store_outbox_row *claim, int64_t next_at, const char *error,
                     int64_t now)
{
    db_conn *c = sql_db(s);
    db_stmt *q = SQL_PREPARE(c, &Q_RETRY, SQL_I64(claim->id), SQL_I64(claim->attempts),
                             SQL_I64(claim->lease_until), SQL_I64(next_at),
                             SQL_TEXT(error ? error : ""), SQL_I64(now));
    return sql_exec_or_why(c, q, &Q_EXISTS, claim->id, BZ_ECONFLICT);
}

static db_query Q_PARK =
    DB_QUERY("UPDATE outbox SET state = 'parked', lease_until = 0, last_error = $4, "
             "updated_at = $5 " CLAIM_HOLDS);

int sql_outbox_park(store *s, const store_outbox_row *claim, const char *error, int64_t now)
{
    db_conn *c = sql_db(s);
    db_stmt *q =
        SQL_PREPARE(c, &Q_PARK, SQL_I64(claim->id), SQL_I64(claim->attempts),
                    SQL_I64(claim->lease_until), SQL_TEXT(error ? error : ""), SQL_I64(now));
    return sql_exec_or_why(c, q, &Q_EXISTS, claim->id, BZ_ECONFLICT);
}

static db_query Q_REQUEUE =
    DB_QUERY("UPDATE outbox SET state = 'pending', attempts = 0, next_at = $2, lease_until = 0, "
             "updated_at = $2 WHERE id = $1 AND state = 'parked'");

int sql_outbox_requeue(store *s, int64_t id, int64_t now)
{
    return sql_change_or_why(s, &Q_REQUEUE, &Q_EXISTS, id, now, BZ_ECONFLICT);
}

static db_query Q_GET = DB_QUERY("SELECT " OUTBOX_COLS " FROM outbox WHERE id = $1");

int sql_outbox_get(store *s, int64_t id, bz_arena *a, store_outbox_row *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_GET, &id, 1), a, read_outbox, out);
}

/* One query per shape, so that each uses its index: (state, id) or the primary key. */
static db_query Q_LIST_STATE = DB_QUERY("SELECT " OUTBOX_COLS " FROM outbox "
                                        "WHERE state = $1 AND id < $2 ORDER BY id DESC LIMIT $3");
static db_query Q_LIST_ALL =
    DB_QUERY("SELECT " OUTBOX_COLS " FROM outbox WHERE id < $1 ORDER BY id DESC LIMIT $2");

int sql_outbox_list(store *s, const char *state, int64_t cursor, int limit, bz_arena *a,
                    store_outbox_row **out, store_page *page)
{
    db_conn *c = sql_db(s);
    store_outbox_row *rows = bz_arena_calloc(a, (size_t)limit, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    int64_t before = cursor > 0 ? cursor : INT64_MAX;
    /* one row more than the page tells whether a next page exists */
    db_stmt *q =
        state ? SQL_PREPARE(c, &Q_LIST_STATE, SQL_TEXT(state), SQL_I64(before), SQL_I64(limit + 1))
              : SQL_PREPARE(c, &Q_LIST_ALL, SQL_I64(before), SQL_I64(limit + 1));
    bool more = false;
    int rc = sql_fetch_page(q, a, read_outbox, sizeof(*rows), rows, limit, &page->n, &more);
    if (rc != BZ_OK) {
        return rc;
    }
    page->next_cursor = more ? rows[page->n - 1].id : 0;
    *out = rows;
    return BZ_OK;
}

/* Pending rows are few while the outbox keeps up: the scans of them are cheap. */
static db_query Q_STATS = DB_QUERY("SELECT (SELECT count(*) FROM outbox WHERE state = 'pending'), "
                                   "(SELECT count(*) FROM outbox WHERE state = 'parked'), "
                                   "(SELECT min(created_at) FROM outbox WHERE state = 'pending')");

int sql_outbox_stats(store *s, store_outbox_counts *out)
{
    *out = (store_outbox_counts){0};
    return sql_fetch_ints(db_prepare(sql_db(s), &Q_STATS),
                          (int64_t *const[]){&out->pending, &out->parked, &out->oldest_pending_at},
                          3);
}

static db_query Q_NEXT_DUE = DB_QUERY("SELECT min(next_at) FROM outbox WHERE state = 'pending'");

int sql_outbox_next_due(store *s, int64_t *at)
{
    *at = 0;
    return sql_fetch_ints(db_prepare(sql_db(s), &Q_NEXT_DUE), (int64_t *const[]){at}, 1);
}

static db_query Q_PRUNE = DB_QUERY("DELETE FROM outbox WHERE state = 'done' AND updated_at < $1");

int sql_outbox_prune(store *s, int64_t before, int *deleted)
{
    return db_exec(sql_prepare_ints(sql_db(s), &Q_PRUNE, &before, 1), deleted);
}
