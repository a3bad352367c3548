/*
 * store/sqlite/prebids.c - pre-bids: place or replace one (an upsert on the
 * lot and bidder), a lot's in creation order (what an auction's start
 * applies), a bidder's on one show, and deleting one's own.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_prebid.h"

#include <stdint.h>
#include <string.h>

#define PREBID_COLS      "id, stream_id, product_id, bidder_id, max_amount, created_at"
#define PREBIDS_MAX_TEXT "256"
_Static_assert(STORE_PREBIDS_MAX == 256, "PREBIDS_MAX_TEXT follows STORE_PREBIDS_MAX");

/* A write bound with the ints `args`; *changes (may be NULL) as sq_run. */
static int sqc_exec(sq_store *s, int id, const char *sql, const int64_t *args, int nargs,
                    int *changes)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)id, sql, &rc);
    if (!q) {
        return rc;
    }
    for (int i = 0; i < nargs; i++) {
        sqlite3_bind_int64(q, i + 1, args[i]);
    }
    return sq_run(s, q, changes);
}

int sq_prebid_put(store *st, store_prebid *p)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    /* The upsert keeps the first row's id, so a replacement is the same pre-bid. */
    sqlite3_stmt *q =
        sq_stmt(s, (enum sq_stmt_id)SQP_PUT,
                "INSERT INTO prebids (" PREBID_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                "ON CONFLICT (stream_id, product_id, bidder_id) DO UPDATE SET "
                "max_amount = excluded.max_amount, created_at = excluded.created_at "
                "RETURNING id",
                &rc);
    if (!q) {
        return rc;
    }
    const int64_t v[] = {p->id,        p->stream_id,  p->product_id,
                         p->bidder_id, p->max_amount, p->created_at};
    for (int i = 0; i < 6; i++) {
        sqlite3_bind_int64(q, i + 1, v[i]);
    }
    int src = sqlite3_step(q);
    if (src == SQLITE_ROW) {
        p->id = sqlite3_column_int64(q, 0);
        src = sqlite3_step(q);
    }
    rc = src == SQLITE_DONE ? BZ_OK : sq_error(s, src);
    sq_done(q);
    return rc;
}

/* Rows of a two-id query (?1, ?2), at most STORE_PREBIDS_MAX of them, into arena memory. */
static int list(store *st, int id, const char *sql, int64_t a1, int64_t a2, bz_arena *a,
                store_prebid **out, size_t *n)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)id, sql, &rc);
    if (!q) {
        return rc;
    }
    store_prebid *rows = bz_arena_calloc(a, STORE_PREBIDS_MAX, sizeof(*rows));
    if (!rows) {
        sq_done(q);
        return BZ_EINTERNAL;
    }
    sqlite3_bind_int64(q, 1, a1);
    sqlite3_bind_int64(q, 2, a2);
    size_t count = 0;
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW && count < STORE_PREBIDS_MAX) {
        store_prebid *r = &rows[count++];
        r->id = sqlite3_column_int64(q, 0);
        r->stream_id = sqlite3_column_int64(q, 1);
        r->product_id = sqlite3_column_int64(q, 2);
        r->bidder_id = sqlite3_column_int64(q, 3);
        r->max_amount = sqlite3_column_int64(q, 4);
        r->created_at = sqlite3_column_int64(q, 5);
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK) {
        *out = rows;
        *n = count;
    }
    return rc;
}

int sq_prebids_of_lot(store *st, int64_t stream_id, int64_t product_id, bz_arena *a,
                      store_prebid **out, size_t *n)
{
    return list(st, SQP_OF_LOT,
                "SELECT " PREBID_COLS " FROM prebids WHERE stream_id = ?1 AND product_id = ?2 "
                "ORDER BY created_at, id LIMIT " PREBIDS_MAX_TEXT,
                stream_id, product_id, a, out, n);
}

int sq_prebids_of_bidder(store *st, int64_t stream_id, int64_t bidder_id, bz_arena *a,
                         store_prebid **out, size_t *n)
{
    return list(st, SQP_OF_BIDDER,
                "SELECT " PREBID_COLS " FROM prebids WHERE stream_id = ?1 AND bidder_id = ?2 "
                "ORDER BY created_at, id LIMIT " PREBIDS_MAX_TEXT,
                stream_id, bidder_id, a, out, n);
}

int sq_prebid_delete(store *st, int64_t stream_id, int64_t product_id, int64_t bidder_id)
{
    const int64_t args[] = {stream_id, product_id, bidder_id};
    int changes = 0;
    /* The bidder's id in the WHERE: only one's own pre-bid can go. */
    int rc = sqc_exec(sq_of(st), SQP_DELETE,
                      "DELETE FROM prebids WHERE stream_id = ?1 AND product_id = ?2 "
                      "AND bidder_id = ?3",
                      args, 3, &changes);
    if (rc == BZ_OK && changes == 0) {
        rc = BZ_ENOTFOUND;
    }
    return rc;
}
