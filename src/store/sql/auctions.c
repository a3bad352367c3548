/*
 * store/sql/auctions.c - auctions: creating one, reading it (write-locked for a bid batch),
 * the running ones, and the version-checked update and close.
 *
 * Locking: a batch reads its auction inside store_begin with `lock`, the {for_update}
 * read: PostgreSQL's FOR UPDATE holds the row until commit; on SQLite, BEGIN IMMEDIATE
 * already holds the database's write lock. Either way two engines (two nodes) take turns on
 * one auction, and the version in every UPDATE's WHERE is the second guard.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <string.h>

#define AUCTION_COLS                                                                               \
    "id, stream_id, product_id, seller_id, mode, status, starting_bid, reserve_price, "            \
    "buy_now_price, soft_close_window_ms, soft_close_extend_ms, started_at, ends_at, ended_at, "   \
    "current_bid, leader_id, leader_max, step_count, winner_id, bought_now, last_hash, version, "  \
    "created_at"

#define F(kind, field) SQL_COL(kind, auction_lot, field)
static const sql_col AUCTION_ROW[] =
    SQL_COLS(F(I64, id), F(I64, stream_id), F(I64, product_id), F(I64, seller_id), F(TEXT, mode),
             F(TEXT, status), F(I64, starting_bid), F(I64, reserve_price), F(I64, buy_now_price),
             F(I64, soft_close_window_ms), F(I64, soft_close_extend_ms), F(I64, started_at),
             F(I64, ends_at), F(I64, ended_at), F(I64, current_bid), F(I64, leader_id),
             F(I64, leader_max), F(I64, step_count), F(I64, winner_id), F(BOOL, bought_now),
             F(BLOB32, last_hash), F(I64, version), F(I64, created_at));
#undef F

static void read_auction(db_stmt *q, bz_arena *a, void *dst)
{
    sql_read_cols(q, 0, a, dst, sizeof(auction_lot), AUCTION_ROW,
                  sizeof(AUCTION_ROW) / sizeof(AUCTION_ROW[0]));
    ((auction_lot *)dst)->has_bid = !db_col_is_null(q, 14); /* current_bid */
}

/* Bind $1 to `id` and read the one auction row. */
static int auction_by(store *s, db_query *query, int64_t id, bz_arena *a, auction_lot *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), query, &id, 1), a, read_auction, out);
}

static db_query Q_AUCTION_CREATE =
    DB_QUERY("INSERT INTO auctions (id, stream_id, product_id, seller_id, mode, status, "
             "starting_bid, reserve_price, buy_now_price, soft_close_window_ms, "
             "soft_close_extend_ms, started_at, ends_at, created_at) "
             "VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $8, $9, $10, $11, $12, $13)");

int sql_auction_create(store *s, const auction_lot *au)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_AUCTION_CREATE, SQL_I64(au->id), SQL_I64(au->stream_id),
                    SQL_I64(au->product_id), SQL_I64(au->seller_id), SQL_TEXT(au->mode),
                    SQL_I64(au->starting_bid), SQL_ID(au->reserve_price), SQL_ID(au->buy_now_price),
                    SQL_I64(au->soft_close_window_ms), SQL_I64(au->soft_close_extend_ms),
                    SQL_I64(au->started_at), SQL_I64(au->ends_at), SQL_I64(au->created_at));
    /* Fails in ordinary use (BZ_EAUCTIONRUNNING: the show has one), so guarded. */
    return db_exec_guarded(q, NULL);
}

static db_query Q_AUCTION_GET = DB_QUERY("SELECT " AUCTION_COLS " FROM auctions WHERE id = $1");
static db_query Q_AUCTION_GET_LOCKED =
    DB_QUERY("SELECT " AUCTION_COLS " FROM auctions WHERE id = $1 {for_update}");

int sql_auction_get(store *s, int64_t id, bool lock, bz_arena *a, auction_lot *out)
{
    return auction_by(s, lock ? &Q_AUCTION_GET_LOCKED : &Q_AUCTION_GET, id, a, out);
}

static db_query Q_AUCTION_RUNNING_OF_STREAM =
    DB_QUERY("SELECT " AUCTION_COLS " FROM auctions WHERE stream_id = $1 AND status = 'running'");

int sql_auction_running_of_stream(store *s, int64_t stream_id, bz_arena *a, auction_lot *out)
{
    return auction_by(s, &Q_AUCTION_RUNNING_OF_STREAM, stream_id, a, out);
}

static void read_due(db_stmt *q, bz_arena *a, void *dst)
{
    (void)a;
    *(store_auction_due *)dst = (store_auction_due){db_col_i64(q, 0), db_col_i64(q, 1)};
}

static db_query Q_AUCTIONS_RUNNING =
    DB_QUERY("SELECT id, ends_at FROM auctions WHERE status = 'running' ORDER BY ends_at, id");

int sql_auctions_running(store *s, bz_arena *a, store_auction_due **out, size_t *n)
{
    int rc = BZ_OK;
    *out = db_fetch_all(db_prepare(sql_db(s), &Q_AUCTIONS_RUNNING), a, read_due, sizeof(**out), n,
                        &rc);
    return rc;
}

/* Checked by every version-checked write: a write that changed no row found the auction moved
 * on (BZ_ECONFLICT), or there is no such auction. */
static db_query Q_AUCTION_EXISTS = DB_QUERY("SELECT 1 FROM auctions WHERE id = $1");

static db_query Q_AUCTION_UPDATE =
    DB_QUERY("UPDATE auctions SET status = $3, ends_at = $4, ended_at = $5, "
             "current_bid = CAST($6 AS BIGINT), leader_id = $7, leader_max = $8, "
             "step_count = $9, winner_id = $10, bought_now = $11, last_hash = $12, "
             "version = CAST($2 AS BIGINT) + 1 "
             "WHERE id = $1 AND version = $2 AND status = 'running'");

int sql_auction_update(store *s, const auction_lot *au, int64_t expected_version)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_AUCTION_UPDATE, SQL_I64(au->id), SQL_I64(expected_version),
                    SQL_TEXT(au->status), SQL_I64(au->ends_at), SQL_ID(au->ended_at),
                    SQL_I64_IF(au->has_bid, au->current_bid), SQL_ID(au->leader_id),
                    SQL_I64(au->leader_max), SQL_I64(au->step_count), SQL_ID(au->winner_id),
                    SQL_BOOL(au->bought_now), SQL_BLOB32(au->last_hash));
    return sql_exec_or_why(sql_db(s), q, &Q_AUCTION_EXISTS, au->id, BZ_ECONFLICT);
}

/* The WHERE is the exactly-once rule: running, unchanged since read, and due. */
static db_query Q_AUCTION_CLOSE =
    DB_QUERY("UPDATE auctions SET status = $3, ended_at = $4, winner_id = $5, "
             "version = CAST($2 AS BIGINT) + 1 "
             "WHERE id = $1 AND version = $2 AND status = 'running' AND ends_at <= $6");

int sql_auction_close(store *s, const auction_lot *au, int64_t expected_version, int64_t now)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_AUCTION_CLOSE, SQL_I64(au->id),
                             SQL_I64(expected_version), SQL_TEXT(au->status), SQL_I64(au->ended_at),
                             SQL_ID(au->winner_id), SQL_I64(now));
    return sql_exec_or_why(sql_db(s), q, &Q_AUCTION_EXISTS, au->id, BZ_ECONFLICT);
}
