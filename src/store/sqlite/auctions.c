/*
 * store/sqlite/auctions.c - auctions, their hash-chained bids and the bids'
 * idempotency keys.
 *
 * Locking: a batch runs inside store_begin, which is BEGIN IMMEDIATE here, so
 * the connection holds the database's write lock before it reads the
 * auction; `lock` of sq_auction_get needs nothing more. The version column
 * in every UPDATE still guards a caller that read outside a transaction.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

#define AUCTION_COLS                                                                               \
    "id, stream_id, product_id, seller_id, mode, status, starting_bid, reserve_price, "            \
    "buy_now_price, soft_close_window_ms, soft_close_extend_ms, started_at, ends_at, ended_at, "   \
    "current_bid, leader_id, leader_max, step_count, winner_id, bought_now, last_hash, version, "  \
    "created_at"

static void blob32(sqlite3_stmt *st, int col, unsigned char out[32])
{
    memset(out, 0, 32);
    if (sqlite3_column_bytes(st, col) == 32) {
        memcpy(out, sqlite3_column_blob(st, col), 32);
    }
}

static void read_auction(sq_row *r, store_auction *out)
{
    memset(out, 0, sizeof(*out));
    out->id = sq_i64(r, 0);
    out->stream_id = sq_i64(r, 1);
    out->product_id = sq_i64(r, 2);
    out->seller_id = sq_i64(r, 3);
    out->mode = sq_text(r, 4);
    out->status = sq_text(r, 5);
    out->starting_bid = sq_i64(r, 6);
    out->reserve_price = sq_i64(r, 7);
    out->buy_now_price = sq_i64(r, 8);
    out->soft_close_window_ms = sq_i64(r, 9);
    out->soft_close_extend_ms = sq_i64(r, 10);
    out->started_at = sq_i64(r, 11);
    out->ends_at = sq_i64(r, 12);
    out->ended_at = sq_i64(r, 13);
    out->has_bid = sqlite3_column_type(r->st, 14) != SQLITE_NULL;
    out->current_bid = sq_i64(r, 14);
    out->leader_id = sq_i64(r, 15);
    out->leader_max = sq_i64(r, 16);
    out->step_count = sq_i64(r, 17);
    out->winner_id = sq_i64(r, 18);
    out->bought_now = sq_i64(r, 19) != 0;
    blob32(r->st, 20, out->last_hash);
    out->version = sq_i64(r, 21);
    out->created_at = sq_i64(r, 22);
}

/* Step a one-row query into *out: BZ_OK, BZ_ENOTFOUND or a mapped error. */
static int one_auction(sq_store *s, sqlite3_stmt *q, bz_arena *a, store_auction *out)
{
    int src = sqlite3_step(q);
    int rc;
    if (src == SQLITE_ROW) {
        sq_row r = {q, a, true};
        read_auction(&r, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    } else {
        rc = src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    }
    sq_done(q);
    return rc;
}

int sq_auction_create(store *st, const store_auction *au)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_AUCTION_CREATE,
                "INSERT INTO auctions (id, stream_id, product_id, seller_id, mode, status, "
                "starting_bid, reserve_price, buy_now_price, soft_close_window_ms, "
                "soft_close_extend_ms, started_at, ends_at, created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, au->id);
    sqlite3_bind_int64(q, 2, au->stream_id);
    sqlite3_bind_int64(q, 3, au->product_id);
    sqlite3_bind_int64(q, 4, au->seller_id);
    sq_bind_text(q, 5, au->mode);
    sqlite3_bind_int64(q, 6, au->starting_bid);
    sq_bind_id(q, 7, au->reserve_price);
    sq_bind_id(q, 8, au->buy_now_price);
    sqlite3_bind_int64(q, 9, au->soft_close_window_ms);
    sqlite3_bind_int64(q, 10, au->soft_close_extend_ms);
    sqlite3_bind_int64(q, 11, au->started_at);
    sqlite3_bind_int64(q, 12, au->ends_at);
    sqlite3_bind_int64(q, 13, au->created_at);
    return sq_run(s, q, NULL);
}

int sq_auction_get(store *st, int64_t id, bool lock, bz_arena *a, store_auction *out)
{
    (void)lock; /* BEGIN IMMEDIATE already holds the write lock */
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_AUCTION_GET, "SELECT " AUCTION_COLS " FROM auctions WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    return one_auction(s, q, a, out);
}

int sq_auction_running_of_stream(store *st, int64_t stream_id, bz_arena *a, store_auction *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_AUCTION_RUNNING_OF_STREAM,
                              "SELECT " AUCTION_COLS " FROM auctions "
                              "WHERE stream_id = ?1 AND status = 'running'",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, stream_id);
    return one_auction(s, q, a, out);
}

int sq_auctions_running(store *st, bz_arena *a, store_auction_due **out, size_t *n_out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_AUCTIONS_RUNNING,
                              "SELECT id, ends_at FROM auctions WHERE status = 'running' "
                              "ORDER BY ends_at, id",
                              &rc);
    if (!q) {
        return rc;
    }
    store_auction_due *rows = NULL;
    size_t n = 0, cap = 0;
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        rows = store_arena_grow(a, rows, n, &cap, sizeof(*rows));
        if (!rows) {
            break;
        }
        rows[n].id = sqlite3_column_int64(q, 0);
        rows[n++].ends_at = sqlite3_column_int64(q, 1);
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && src == SQLITE_ROW) {
        rc = BZ_EINTERNAL; /* the arena ran out */
    }
    *out = rc == BZ_OK ? rows : NULL;
    *n_out = rc == BZ_OK ? n : 0;
    return rc;
}

static int auction_exists(sq_store *s, int64_t id)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_AUCTION_EXISTS, "SELECT 1 FROM auctions WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    int src = sqlite3_step(q);
    rc = src == SQLITE_ROW ? BZ_OK : src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    sq_done(q);
    return rc;
}

/* No row changed: the auction moved on (BZ_ECONFLICT) or does not exist. */
static int unchanged(sq_store *s, int64_t id)
{
    int rc = auction_exists(s, id);
    return rc == BZ_OK ? BZ_ECONFLICT : rc;
}

int sq_auction_update(store *st, const store_auction *au, int64_t expected_version)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_AUCTION_UPDATE,
                              "UPDATE auctions SET status = ?3, ends_at = ?4, ended_at = ?5, "
                              "current_bid = ?6, leader_id = ?7, leader_max = ?8, step_count = ?9, "
                              "winner_id = ?10, bought_now = ?11, last_hash = ?12, "
                              "version = ?2 + 1 "
                              "WHERE id = ?1 AND version = ?2 AND status = 'running'",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, au->id);
    sqlite3_bind_int64(q, 2, expected_version);
    sq_bind_text(q, 3, au->status);
    sqlite3_bind_int64(q, 4, au->ends_at);
    sq_bind_id(q, 5, au->ended_at);
    if (au->has_bid) {
        sqlite3_bind_int64(q, 6, au->current_bid);
    } else {
        sqlite3_bind_null(q, 6);
    }
    sq_bind_id(q, 7, au->leader_id);
    sqlite3_bind_int64(q, 8, au->leader_max);
    sqlite3_bind_int64(q, 9, au->step_count);
    sq_bind_id(q, 10, au->winner_id);
    sqlite3_bind_int(q, 11, au->bought_now ? 1 : 0);
    sqlite3_bind_blob(q, 12, au->last_hash, 32, SQLITE_TRANSIENT);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc != BZ_OK || changes > 0 ? rc : unchanged(s, au->id);
}

int sq_auction_close(store *st, const store_auction *au, int64_t expected_version, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    /* The WHERE is the exactly-once rule: running, unchanged since read, and due. */
    sqlite3_stmt *q = sq_stmt(s, SQ_AUCTION_CLOSE,
                              "UPDATE auctions SET status = ?3, ended_at = ?4, winner_id = ?5, "
                              "version = ?2 + 1 "
                              "WHERE id = ?1 AND version = ?2 AND status = 'running' "
                              "AND ends_at <= ?6",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, au->id);
    sqlite3_bind_int64(q, 2, expected_version);
    sq_bind_text(q, 3, au->status);
    sqlite3_bind_int64(q, 4, au->ended_at);
    sq_bind_id(q, 5, au->winner_id);
    sqlite3_bind_int64(q, 6, now);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc != BZ_OK || changes > 0 ? rc : unchanged(s, au->id);
}

/* ---- bids ------------------------------------------------------------------ */

#define BID_COLS                                                                                   \
    "id, auction_id, seq, bidder_id, amount, max_amount, by_proxy, created_at, prev_hash, hash, "  \
    "sig, sig_kid"

static void read_bid(sqlite3_stmt *q, store_bid *out)
{
    memset(out, 0, sizeof(*out));
    out->id = sqlite3_column_int64(q, 0);
    out->auction_id = sqlite3_column_int64(q, 1);
    out->seq = sqlite3_column_int64(q, 2);
    out->bidder_id = sqlite3_column_int64(q, 3);
    out->amount = sqlite3_column_int64(q, 4);
    out->max_amount = sqlite3_column_int64(q, 5);
    out->by_proxy = sqlite3_column_int(q, 6) != 0;
    out->created_at = sqlite3_column_int64(q, 7);
    blob32(q, 8, out->prev_hash);
    blob32(q, 9, out->hash);
    const unsigned char *kid = sqlite3_column_text(q, 11);
    if (sqlite3_column_bytes(q, 10) == 64 && kid && strlen((const char *)kid) < sizeof(out->kid)) {
        out->has_sig = true;
        memcpy(out->sig, sqlite3_column_blob(q, 10), 64);
        memcpy(out->kid, kid, strlen((const char *)kid) + 1);
    }
}

int sq_bid_insert(store *st, const store_bid *b)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_BID_INSERT,
                              "INSERT INTO bids (" BID_COLS ") "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, b->id);
    sqlite3_bind_int64(q, 2, b->auction_id);
    sqlite3_bind_int64(q, 3, b->seq);
    sqlite3_bind_int64(q, 4, b->bidder_id);
    sqlite3_bind_int64(q, 5, b->amount);
    sq_bind_id(q, 6, b->max_amount);
    sqlite3_bind_int(q, 7, b->by_proxy ? 1 : 0);
    sqlite3_bind_int64(q, 8, b->created_at);
    sqlite3_bind_blob(q, 9, b->prev_hash, 32, SQLITE_TRANSIENT);
    sqlite3_bind_blob(q, 10, b->hash, 32, SQLITE_TRANSIENT);
    if (b->has_sig) {
        sqlite3_bind_blob(q, 11, b->sig, 64, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 12, b->kid, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(q, 11);
        sqlite3_bind_null(q, 12);
    }
    return sq_run(s, q, NULL);
}

int sq_bid_get(store *st, int64_t id, store_bid *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_BID_GET, "SELECT " BID_COLS " FROM bids WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    int src = sqlite3_step(q);
    if (src == SQLITE_ROW) {
        read_bid(q, out);
    }
    rc = src == SQLITE_ROW ? BZ_OK : src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    sq_done(q);
    return rc;
}

int sq_bids_of(store *st, int64_t auction_id, int64_t after_seq, int limit, bz_arena *a,
               store_bid **out, size_t *n_out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_BIDS_OF,
                              "SELECT " BID_COLS " FROM bids WHERE auction_id = ?1 AND seq > ?2 "
                              "ORDER BY seq LIMIT ?3",
                              &rc);
    if (!q) {
        return rc;
    }
    limit = limit < 1 ? 1 : limit > 1000 ? 1000 : limit;
    store_bid *rows = bz_arena_calloc(a, (size_t)limit, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    sqlite3_bind_int64(q, 1, auction_id);
    sqlite3_bind_int64(q, 2, after_seq);
    sqlite3_bind_int(q, 3, limit);
    size_t n = 0;
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        read_bid(q, &rows[n++]);
    }
    rc = src == SQLITE_DONE ? BZ_OK : sq_error(s, src);
    sq_done(q);
    *out = rc == BZ_OK ? rows : NULL;
    *n_out = rc == BZ_OK ? n : 0;
    return rc;
}

int sq_bid_key_get(store *st, int64_t auction_id, int64_t bidder_id, const char *key, bz_arena *a,
                   store_bid_key *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_BID_KEY_GET,
                              "SELECT idem_key, bid_id, amount, max_amount, created_at "
                              "FROM bid_keys WHERE auction_id = ?1 AND bidder_id = ?2 "
                              "AND idem_key = ?3",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, auction_id);
    sqlite3_bind_int64(q, 2, bidder_id);
    sq_bind_text(q, 3, key);
    int src = sqlite3_step(q);
    if (src == SQLITE_ROW) {
        sq_row r = {q, a, true};
        *out = (store_bid_key){.auction_id = auction_id,
                               .bidder_id = bidder_id,
                               .key = sq_text(&r, 0),
                               .bid_id = sq_i64(&r, 1),
                               .amount = sq_i64(&r, 2),
                               .max_amount = sq_i64(&r, 3),
                               .created_at = sq_i64(&r, 4)};
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    } else {
        rc = src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    }
    sq_done(q);
    return rc;
}

int sq_bid_key_put(store *st, const store_bid_key *k)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_BID_KEY_PUT,
                              "INSERT INTO bid_keys (auction_id, bidder_id, idem_key, bid_id, "
                              "amount, max_amount, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, k->auction_id);
    sqlite3_bind_int64(q, 2, k->bidder_id);
    sq_bind_text(q, 3, k->key);
    sq_bind_id(q, 4, k->bid_id);
    sqlite3_bind_int64(q, 5, k->amount);
    sq_bind_id(q, 6, k->max_amount);
    sqlite3_bind_int64(q, 7, k->created_at);
    return sq_run(s, q, NULL);
}
