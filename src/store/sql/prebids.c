/*
 * store/sql/prebids.c - pre-bids: place or replace one (an upsert on the lot and bidder), a
 * lot's unspent ones in creation order (what an auction's start applies), a bidder's on one show,
 * and deleting one's own.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#define PREBID_COLS      "id, stream_id, product_id, bidder_id, max_amount, created_at"
#define PREBIDS_MAX_TEXT "256"
_Static_assert(STORE_PREBIDS_MAX == 256, "PREBIDS_MAX_TEXT follows STORE_PREBIDS_MAX");

/* The upsert keeps the first row's id, so a replacement is the same pre-bid. */
static db_query Q_PREBID_PUT =
    DB_QUERY("INSERT INTO prebids (" PREBID_COLS ") VALUES ($1, $2, $3, $4, $5, $6) "
             "ON CONFLICT (stream_id, product_id, bidder_id) DO UPDATE SET "
             "max_amount = excluded.max_amount, created_at = excluded.created_at");
static db_query Q_PREBID_ID = DB_QUERY("SELECT id FROM prebids "
                                       "WHERE stream_id = $1 AND product_id = $2 "
                                       "AND bidder_id = $3");

static void read_id(db_stmt *q, bz_arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_i64(q, 0);
}

int sql_prebid_put(store *s, prebid *p)
{
    const int64_t v[] = {p->id,        p->stream_id,  p->product_id,
                         p->bidder_id, p->max_amount, p->created_at};
    /* Guarded: a lot outside the lineup (BZ_ENOTFOUND) must not abort a caller's
     * transaction. The stored row's id is read after it. */
    int rc = db_exec_guarded(sql_prepare_ints(sql_db(s), &Q_PREBID_PUT, v, 6), NULL);
    if (rc != BZ_OK) {
        return rc;
    }
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_PREBID_ID, v + 1, 3), NULL, read_id, &p->id);
}

#define F(kind, field) SQL_COL(kind, prebid, field)
SQL_READER(read_prebid, prebid, F(I64, id), F(I64, stream_id), F(I64, product_id),
           F(I64, bidder_id), F(I64, max_amount), F(I64, created_at))
#undef F

/* The rows of a query over ($1, $2), at most STORE_PREBIDS_MAX of them (its LIMIT). */
static int list(store *s, db_query *query, int64_t a1, int64_t a2, bz_arena *a, prebid **out,
                size_t *n)
{
    const int64_t v[] = {a1, a2};
    int rc = BZ_OK;
    *out = db_fetch_all(sql_prepare_ints(sql_db(s), query, v, 2), a, read_prebid, sizeof(**out), n,
                        &rc);
    return rc;
}

/* A pre-bid is one maximum for one lot: once its bidder has won a unit of the lot in the
 * show (an auction of it there that they won), it is spent and not applied again. */
static db_query Q_PREBIDS_OF_LOT =
    DB_QUERY("SELECT " PREBID_COLS " FROM prebids p WHERE stream_id = $1 AND product_id = $2 "
             "AND NOT EXISTS (SELECT 1 FROM auctions a WHERE a.stream_id = p.stream_id "
             "AND a.product_id = p.product_id AND a.winner_id = p.bidder_id) "
             "ORDER BY created_at, id LIMIT " PREBIDS_MAX_TEXT);

int sql_prebids_of_lot(store *s, int64_t stream_id, int64_t product_id, bz_arena *a, prebid **out,
                       size_t *n)
{
    return list(s, &Q_PREBIDS_OF_LOT, stream_id, product_id, a, out, n);
}

static db_query Q_PREBIDS_OF_BIDDER =
    DB_QUERY("SELECT " PREBID_COLS " FROM prebids WHERE stream_id = $1 AND bidder_id = $2 "
             "ORDER BY created_at, id LIMIT " PREBIDS_MAX_TEXT);

int sql_prebids_of_bidder(store *s, int64_t stream_id, int64_t bidder_id, bz_arena *a, prebid **out,
                          size_t *n)
{
    return list(s, &Q_PREBIDS_OF_BIDDER, stream_id, bidder_id, a, out, n);
}

/* The bidder's id in the WHERE: only one's own pre-bid can go. */
static db_query Q_PREBID_DELETE = DB_QUERY("DELETE FROM prebids WHERE stream_id = $1 "
                                           "AND product_id = $2 AND bidder_id = $3");

int sql_prebid_delete(store *s, int64_t stream_id, int64_t product_id, int64_t bidder_id)
{
    const int64_t v[] = {stream_id, product_id, bidder_id};
    /* Guarded: inside a caller's transaction a failure must not abort it (PostgreSQL). */
    return sql_exec_one(sql_prepare_ints(sql_db(s), &Q_PREBID_DELETE, v, 3), true);
}
