/*
 * store/pg/prebids.c - pre-bids: place or replace one (an upsert on the lot
 * and bidder), a lot's in creation order (what an auction's start applies),
 * a bidder's on one show, and deleting one's own.
 */
#include "base/err.h"
#include "store/pg/pg_prebid.h"

#include <stdint.h>
#include <string.h>

#define PREBID_COLS      "id, stream_id, product_id, bidder_id, max_amount, created_at"
#define PREBIDS_MAX_TEXT "256"
_Static_assert(STORE_PREBIDS_MAX == 256, "PREBIDS_MAX_TEXT follows STORE_PREBIDS_MAX");

static void int_params(pg_params *p, const int64_t *args, int nargs)
{
    for (int i = 0; i < nargs; i++) {
        pg_p_i64(p, args[i]);
    }
}

/* A one-row, integer-columns query: bound with the ints `args`, its first row's `ncols`
 * columns read into `out` (NULL columns and no row read as 0). */
static int pgc_ints(pg_store *s, int id, const char *sql, const int64_t *args, int nargs,
                    int64_t *out, int ncols)
{
    pg_params p = {0};
    int_params(&p, args, nargs);
    PGresult *res = NULL;
    int rc = pg_query(s, (enum pg_stmt_id)id, sql, NULL, &p, &res);
    bool row = rc == BZ_OK && PQntuples(res) > 0;
    pg_row r = {res, 0, NULL, true};
    for (int i = 0; i < ncols; i++) {
        out[i] = row ? pg_i64(&r, i) : 0;
    }
    PQclear(res);
    return rc;
}

/* A write bound with the ints `args`, under a savepoint inside a transaction (an expected
 * failure must not abort the caller's); *changes (may be NULL) receives its row count. */
static int pgc_exec(pg_store *s, int id, const char *sql, const int64_t *args, int nargs,
                    int *changes)
{
    pg_params p = {0};
    int_params(&p, args, nargs);
    return pg_guarded_command(s, (enum pg_stmt_id)id, sql, &p, changes);
}

int pg_prebid_put(store *st, store_prebid *p)
{
    pg_store *s = pg_of(st);
    const int64_t args[] = {p->id,        p->stream_id,  p->product_id,
                            p->bidder_id, p->max_amount, p->created_at};
    /* A guarded write (a lot outside the lineup must not abort a caller's transaction); the
     * upsert keeps the first row's id, read back after it. */
    int rc = pgc_exec(s, PGP_PUT,
                      "INSERT INTO prebids (" PREBID_COLS ") VALUES ($1, $2, $3, $4, $5, $6) "
                      "ON CONFLICT (stream_id, product_id, bidder_id) DO UPDATE SET "
                      "max_amount = excluded.max_amount, created_at = excluded.created_at",
                      args, 6, NULL);
    if (rc != BZ_OK) {
        return rc;
    }
    const int64_t key[] = {p->stream_id, p->product_id, p->bidder_id};
    return pgc_ints(s, PGP_ID,
                    "SELECT id FROM prebids WHERE stream_id = $1 AND product_id = $2 "
                    "AND bidder_id = $3",
                    key, 3, &p->id, 1);
}

/* Rows of a two-id query ($1, $2) into arena memory. */
static int list(store *st, int id, const char *sql, int64_t a1, int64_t a2, bz_arena *a,
                store_prebid **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    pg_params p = {0};
    pg_p_i64(&p, a1);
    pg_p_i64(&p, a2);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), (enum pg_stmt_id)id, sql, NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t count = (size_t)PQntuples(res);
    store_prebid *rows = bz_arena_calloc(a, count ? count : 1, sizeof(*rows));
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < count; i++) {
        r.row = (int)i;
        rows[i] = (store_prebid){.id = pg_i64(&r, 0),
                                 .stream_id = pg_i64(&r, 1),
                                 .product_id = pg_i64(&r, 2),
                                 .bidder_id = pg_i64(&r, 3),
                                 .max_amount = pg_i64(&r, 4),
                                 .created_at = pg_i64(&r, 5)};
    }
    PQclear(res);
    if (!rows || !r.ok) {
        return BZ_EINTERNAL;
    }
    *out = rows;
    *n = count;
    return BZ_OK;
}

int pg_prebids_of_lot(store *st, int64_t stream_id, int64_t product_id, bz_arena *a,
                      store_prebid **out, size_t *n)
{
    return list(st, PGP_OF_LOT,
                "SELECT " PREBID_COLS " FROM prebids WHERE stream_id = $1 AND product_id = $2 "
                "ORDER BY created_at, id LIMIT " PREBIDS_MAX_TEXT,
                stream_id, product_id, a, out, n);
}

int pg_prebids_of_bidder(store *st, int64_t stream_id, int64_t bidder_id, bz_arena *a,
                         store_prebid **out, size_t *n)
{
    return list(st, PGP_OF_BIDDER,
                "SELECT " PREBID_COLS " FROM prebids WHERE stream_id = $1 AND bidder_id = $2 "
                "ORDER BY created_at, id LIMIT " PREBIDS_MAX_TEXT,
                stream_id, bidder_id, a, out, n);
}

int pg_prebid_delete(store *st, int64_t stream_id, int64_t product_id, int64_t bidder_id)
{
    const int64_t args[] = {stream_id, product_id, bidder_id};
    int changes = 0;
    /* The bidder's id in the WHERE: only one's own pre-bid can go. */
    int rc = pgc_exec(pg_of(st), PGP_DELETE,
                      "DELETE FROM prebids WHERE stream_id = $1 AND product_id = $2 "
                      "AND bidder_id = $3",
                      args, 3, &changes);
    if (rc == BZ_OK && changes == 0) {
        rc = BZ_ENOTFOUND;
    }
    return rc;
}
