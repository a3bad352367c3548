/*
 * store/sql/bids.c - an auction's hash-chained bid steps and the accepted bids' idempotency
 * keys.
 *
 * A bid step is written inside its batch's locked transaction, where nothing is expected to
 * fail it, and a failure rolls the whole batch back: a deferred write (db_exec_deferred), so
 * that on PostgreSQL a batch's inserts cost one round trip together. Hashes and signatures
 * are BLOB / bytea, bound as bytes.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <string.h>

#define BID_COLS                                                                                   \
    "id, auction_id, seq, bidder_id, amount, max_amount, by_proxy, created_at, prev_hash, hash, "  \
    "sig, sig_kid"

static void read_bid(db_stmt *q, bz_arena *a, void *dst)
{
    (void)a; /* a bid has no text of unbounded length */
    auction_lot_bid *out = dst;
    memset(out, 0, sizeof(*out));
    out->id = db_col_i64(q, 0);
    out->auction_id = db_col_i64(q, 1);
    out->seq = db_col_i64(q, 2);
    out->bidder_id = db_col_i64(q, 3);
    out->amount = db_col_i64(q, 4);
    out->max_amount = db_col_i64(q, 5);
    out->by_proxy = db_col_bool(q, 6);
    out->created_at = db_col_i64(q, 7);
    db_col_blob32(q, 8, out->prev_hash);
    db_col_blob32(q, 9, out->hash);
    /* Signed only with both a whole signature and a key id that fits. */
    out->has_sig = db_col_blob(q, 10, out->sig, sizeof(out->sig)) &&
                   db_col_text_to(q, 11, out->kid, sizeof(out->kid));
    if (!out->has_sig) {
        memset(out->sig, 0, sizeof(out->sig));
        memset(out->kid, 0, sizeof(out->kid));
    }
}

static db_query Q_BID_INSERT =
    DB_QUERY("INSERT INTO bids (" BID_COLS ") "
             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");

int sql_bid_insert(store *s, const auction_lot_bid *b)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_BID_INSERT, SQL_I64(b->id), SQL_I64(b->auction_id),
                             SQL_I64(b->seq), SQL_I64(b->bidder_id), SQL_I64(b->amount),
                             SQL_ID(b->max_amount), SQL_BOOL(b->by_proxy), SQL_I64(b->created_at),
                             SQL_BLOB32(b->prev_hash), SQL_BLOB32(b->hash));
    db_bind_blob(q, 11, b->has_sig ? b->sig : NULL, sizeof(b->sig));
    db_bind_text(q, 12, b->has_sig ? b->kid : NULL);
    return db_exec_deferred(q);
}

static db_query Q_BID_GET = DB_QUERY("SELECT " BID_COLS " FROM bids WHERE id = $1");

int sql_bid_get(store *s, int64_t id, auction_lot_bid *out)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_BID_GET, &id, 1);
    return db_fetch_one(q, NULL, read_bid, out); /* reads no text into an arena */
}

static db_query Q_BIDS_OF = DB_QUERY("SELECT " BID_COLS " FROM bids "
                                     "WHERE auction_id = $1 AND seq > $2 ORDER BY seq LIMIT $3");

int sql_bids_of(store *s, int64_t auction_id, int64_t after_seq, int limit, bz_arena *a,
                auction_lot_bid **out, size_t *n)
{
    const int64_t v[] = {auction_id, after_seq, limit < 1 ? 1 : limit > 1000 ? 1000 : limit};
    int rc = BZ_OK;
    *out = db_fetch_all(sql_prepare_ints(sql_db(s), &Q_BIDS_OF, v, 3), a, read_bid, sizeof(**out),
                        n, &rc);
    return rc;
}

/* ---- bid keys ----------------------------------------------------------------------------- */

static db_query Q_BID_KEY_GET =
    DB_QUERY("SELECT auction_id, bidder_id, idem_key, bid_id, amount, max_amount, created_at "
             "FROM bid_keys WHERE auction_id = $1 AND bidder_id = $2 AND idem_key = $3");

#define F(kind, field) SQL_COL(kind, store_bid_key, field)
SQL_READER(read_bid_key, store_bid_key, F(I64, auction_id), F(I64, bidder_id), F(TEXT, key),
           F(I64, bid_id), F(I64, amount), F(I64, max_amount), F(I64, created_at))
#undef F

int sql_bid_key_get(store *s, int64_t auction_id, int64_t bidder_id, const char *key, bz_arena *a,
                    store_bid_key *out)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_BID_KEY_GET, SQL_I64(auction_id), SQL_I64(bidder_id),
                             SQL_TEXT(key));
    return db_fetch_one(q, a, read_bid_key, out);
}

static db_query Q_BID_KEY_PUT =
    DB_QUERY("INSERT INTO bid_keys (auction_id, bidder_id, idem_key, bid_id, amount, "
             "max_amount, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)");

int sql_bid_key_put(store *s, const store_bid_key *k)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_BID_KEY_PUT, SQL_I64(k->auction_id),
                             SQL_I64(k->bidder_id), SQL_TEXT(k->key), SQL_ID(k->bid_id),
                             SQL_I64(k->amount), SQL_ID(k->max_amount), SQL_I64(k->created_at));
    return db_exec_guarded(q, NULL); /* BZ_ECONFLICT: the key was used already */
}
