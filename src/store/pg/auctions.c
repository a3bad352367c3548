/*
 * store/pg/auctions.c - auctions, their hash-chained bids and the bids'
 * idempotency keys.
 *
 * Locking: a batch reads its auction with SELECT ... FOR UPDATE (`lock`), so
 * two engines (two nodes) serialise on the row until commit; the version
 * column in every UPDATE is the second guard. Hashes travel as hex
 * (decode/encode) because parameters are text.
 *
 * The hot path of a batch (bids, keys) runs without savepoints: inside the
 * locked transaction none of its inserts is expected to fail, and if one
 * does the whole batch rolls back anyway. Creating an auction, which fails
 * in ordinary use (auction_running), is guarded.
 */
#include "base/err.h"
#include "base/str.h"
#include "store/pg/pg_internal.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

#define AUCTION_COLS                                                                               \
    "id, stream_id, product_id, seller_id, mode, status, starting_bid, reserve_price, "            \
    "buy_now_price, soft_close_window_ms, soft_close_extend_ms, started_at, ends_at, ended_at, "   \
    "current_bid, leader_id, leader_max, step_count, winner_id, bought_now, "                      \
    "encode(last_hash, 'hex'), version, created_at"

static void read_auction(pg_row *r, store_auction *out)
{
    memset(out, 0, sizeof(*out));
    out->id = pg_i64(r, 0);
    out->stream_id = pg_i64(r, 1);
    out->product_id = pg_i64(r, 2);
    out->seller_id = pg_i64(r, 3);
    out->mode = pg_text(r, 4);
    out->status = pg_text(r, 5);
    out->starting_bid = pg_i64(r, 6);
    out->reserve_price = pg_i64(r, 7);
    out->buy_now_price = pg_i64(r, 8);
    out->soft_close_window_ms = pg_i64(r, 9);
    out->soft_close_extend_ms = pg_i64(r, 10);
    out->started_at = pg_i64(r, 11);
    out->ends_at = pg_i64(r, 12);
    out->ended_at = pg_i64(r, 13);
    out->has_bid = !PQgetisnull(r->res, r->row, 14);
    out->current_bid = pg_i64(r, 14);
    out->leader_id = pg_i64(r, 15);
    out->leader_max = pg_i64(r, 16);
    out->step_count = pg_i64(r, 17);
    out->winner_id = pg_i64(r, 18);
    out->bought_now = pg_bool(r, 19);
    pg_hex32(r, 20, out->last_hash);
    out->version = pg_i64(r, 21);
    out->created_at = pg_i64(r, 22);
}

/* One auction row of `res` (freed here) into *out: BZ_OK or BZ_ENOTFOUND. */
static int one_auction(PGresult *res, bz_arena *a, store_auction *out)
{
    int rc = PQntuples(res) > 0 ? BZ_OK : BZ_ENOTFOUND;
    if (rc == BZ_OK) {
        pg_row r = {res, 0, a, true};
        read_auction(&r, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc;
}

int pg_auction_create(store *st, const store_auction *au)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, au->id);
    pg_p_i64(&p, au->stream_id);
    pg_p_i64(&p, au->product_id);
    pg_p_i64(&p, au->seller_id);
    pg_p_text(&p, au->mode);
    pg_p_i64(&p, au->starting_bid);
    pg_p_id(&p, au->reserve_price);
    pg_p_id(&p, au->buy_now_price);
    pg_p_i64(&p, au->soft_close_window_ms);
    pg_p_i64(&p, au->soft_close_extend_ms);
    pg_p_i64(&p, au->started_at);
    pg_p_i64(&p, au->ends_at);
    pg_p_i64(&p, au->created_at);
    return pg_guarded_command(s, PG_AUCTION_CREATE,
                              "INSERT INTO auctions (id, stream_id, product_id, seller_id, mode, "
                              "status, starting_bid, reserve_price, buy_now_price, "
                              "soft_close_window_ms, soft_close_extend_ms, started_at, ends_at, "
                              "created_at) VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $8, $9, "
                              "$10, $11, $12, $13)",
                              &p, NULL);
}

int pg_auction_get(store *st, int64_t id, bool lock, bz_arena *a, store_auction *out)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = lock ? pg_query(s, PG_AUCTION_GET_LOCKED,
                             "SELECT " AUCTION_COLS " FROM auctions WHERE id = $1 FOR UPDATE", NULL,
                             &p, &res)
                  : pg_query(s, PG_AUCTION_GET,
                             "SELECT " AUCTION_COLS " FROM auctions WHERE id = $1", NULL, &p, &res);
    return rc == BZ_OK ? one_auction(res, a, out) : rc;
}

int pg_auction_running_of_stream(store *st, int64_t stream_id, bz_arena *a, store_auction *out)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, stream_id);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_AUCTION_RUNNING_OF_STREAM,
                      "SELECT " AUCTION_COLS
                      " FROM auctions WHERE stream_id = $1 AND status = 'running'",
                      NULL, &p, &res);
    return rc == BZ_OK ? one_auction(res, a, out) : rc;
}

int pg_auctions_running(store *st, bz_arena *a, store_auction_due **out, size_t *n_out)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    PGresult *res = NULL;
    int rc = pg_query(s, PG_AUCTIONS_RUNNING,
                      "SELECT id, ends_at FROM auctions WHERE status = 'running' "
                      "ORDER BY ends_at, id",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    store_auction_due *rows = bz_arena_calloc(a, n ? n : 1, sizeof(*rows));
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < n; i++) {
        r.row = (int)i;
        rows[i] = (store_auction_due){pg_i64(&r, 0), pg_i64(&r, 1)};
    }
    PQclear(res);
    *out = rows;
    *n_out = rows ? n : 0;
    return rows ? BZ_OK : BZ_EINTERNAL;
}

/* No row changed: the auction moved on (BZ_ECONFLICT) or does not exist. */
static int unchanged(pg_store *s, int64_t id)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_AUCTION_EXISTS, "SELECT 1 FROM auctions WHERE id = $1", NULL, &p, &res);
    if (rc == BZ_OK) {
        rc = PQntuples(res) > 0 ? BZ_ECONFLICT : BZ_ENOTFOUND;
    }
    PQclear(res);
    return rc;
}

int pg_auction_update(store *st, const store_auction *au, int64_t expected_version)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, au->id);
    pg_p_i64(&p, expected_version);
    pg_p_text(&p, au->status);
    pg_p_i64(&p, au->ends_at);
    pg_p_id(&p, au->ended_at);
    if (au->has_bid) {
        pg_p_i64(&p, au->current_bid);
    } else {
        pg_p_text(&p, NULL);
    }
    pg_p_id(&p, au->leader_id);
    pg_p_i64(&p, au->leader_max);
    pg_p_i64(&p, au->step_count);
    pg_p_id(&p, au->winner_id);
    pg_p_bool(&p, au->bought_now);
    pg_p_hex32(&p, au->last_hash);
    int changes = 0;
    int rc = pg_command(s, PG_AUCTION_UPDATE,
                        "UPDATE auctions SET status = $3, ends_at = $4, ended_at = $5, "
                        "current_bid = $6::bigint, leader_id = $7, leader_max = $8, "
                        "step_count = $9, winner_id = $10, bought_now = $11, "
                        "last_hash = decode($12, 'hex'), version = $2::bigint + 1 "
                        "WHERE id = $1 AND version = $2 AND status = 'running'",
                        &p, &changes);
    return rc != BZ_OK || changes > 0 ? rc : unchanged(s, au->id);
}

int pg_auction_close(store *st, const store_auction *au, int64_t expected_version, int64_t now)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, au->id);
    pg_p_i64(&p, expected_version);
    pg_p_text(&p, au->status);
    pg_p_i64(&p, au->ended_at);
    pg_p_id(&p, au->winner_id);
    pg_p_i64(&p, now);
    int changes = 0;
    /* The WHERE is the exactly-once rule: running, unchanged since read, and due. */
    int rc = pg_command(s, PG_AUCTION_CLOSE,
                        "UPDATE auctions SET status = $3, ended_at = $4, winner_id = $5, "
                        "version = $2::bigint + 1 WHERE id = $1 AND version = $2 "
                        "AND status = 'running' AND ends_at <= $6",
                        &p, &changes);
    return rc != BZ_OK || changes > 0 ? rc : unchanged(s, au->id);
}

/* ---- bids ------------------------------------------------------------------ */

#define BID_COLS                                                                                   \
    "id, auction_id, seq, bidder_id, amount, max_amount, by_proxy, created_at, "                   \
    "encode(prev_hash, 'hex'), encode(hash, 'hex'), encode(sig, 'hex'), sig_kid"

static void read_bid(pg_row *r, store_bid *out)
{
    memset(out, 0, sizeof(*out));
    out->id = pg_i64(r, 0);
    out->auction_id = pg_i64(r, 1);
    out->seq = pg_i64(r, 2);
    out->bidder_id = pg_i64(r, 3);
    out->amount = pg_i64(r, 4);
    out->max_amount = pg_i64(r, 5);
    out->by_proxy = pg_bool(r, 6);
    out->created_at = pg_i64(r, 7);
    pg_hex32(r, 8, out->prev_hash);
    pg_hex32(r, 9, out->hash);
    const char *sig = PQgetvalue(r->res, r->row, 10);
    const char *kid = PQgetvalue(r->res, r->row, 11);
    if (!PQgetisnull(r->res, r->row, 10) && !PQgetisnull(r->res, r->row, 11) &&
        strlen(sig) == 128 && strlen(kid) < sizeof(out->kid) &&
        bz_hex_decode(sig, 128, out->sig, 64) == BZ_OK) {
        out->has_sig = true;
        memcpy(out->kid, kid, strlen(kid) + 1);
    }
}

int pg_bid_insert(store *st, const store_bid *b)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, b->id);
    pg_p_i64(&p, b->auction_id);
    pg_p_i64(&p, b->seq);
    pg_p_i64(&p, b->bidder_id);
    pg_p_i64(&p, b->amount);
    pg_p_id(&p, b->max_amount);
    pg_p_bool(&p, b->by_proxy);
    pg_p_i64(&p, b->created_at);
    pg_p_hex32(&p, b->prev_hash);
    pg_p_hex32(&p, b->hash);
    char sig[2 * 64 + 1];
    if (b->has_sig) {
        bz_hex_encode(b->sig, 64, sig);
    }
    pg_p_text(&p, b->has_sig ? sig : NULL);
    pg_p_text(&p, b->has_sig ? b->kid : NULL);
    return pg_command_deferred(
        s, PG_BID_INSERT,
        "INSERT INTO bids (id, auction_id, seq, bidder_id, amount, max_amount, "
        "by_proxy, created_at, prev_hash, hash, sig, sig_kid) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7, $8, decode($9, 'hex'), decode($10, 'hex'), decode($11, 'hex'), $12)",
        &p);
}

int pg_bid_get(store *st, int64_t id, store_bid *out)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_BID_GET, "SELECT " BID_COLS " FROM bids WHERE id = $1", NULL, &p, &res);
    if (rc == BZ_OK) {
        rc = PQntuples(res) > 0 ? BZ_OK : BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, NULL, true};
        read_bid(&r, out);
    }
    PQclear(res);
    return rc;
}

int pg_bids_of(store *st, int64_t auction_id, int64_t after_seq, int limit, bz_arena *a,
               store_bid **out, size_t *n_out)
{
    pg_store *s = pg_of(st);
    limit = limit < 1 ? 1 : limit > 1000 ? 1000 : limit;
    pg_params p = {0};
    pg_p_i64(&p, auction_id);
    pg_p_i64(&p, after_seq);
    pg_p_i64(&p, limit);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_BIDS_OF,
                      "SELECT " BID_COLS " FROM bids WHERE auction_id = $1 AND seq > $2 "
                      "ORDER BY seq LIMIT $3",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    store_bid *rows = bz_arena_calloc(a, n ? n : 1, sizeof(*rows));
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; rows && i < n; i++) {
        r.row = (int)i;
        read_bid(&r, &rows[i]);
    }
    PQclear(res);
    *out = rows;
    *n_out = rows ? n : 0;
    return rows ? BZ_OK : BZ_EINTERNAL;
}

int pg_bid_key_get(store *st, int64_t auction_id, int64_t bidder_id, const char *key, bz_arena *a,
                   store_bid_key *out)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, auction_id);
    pg_p_i64(&p, bidder_id);
    pg_p_text(&p, key);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_BID_KEY_GET,
                      "SELECT idem_key, bid_id, amount, max_amount, created_at FROM bid_keys "
                      "WHERE auction_id = $1 AND bidder_id = $2 AND idem_key = $3",
                      NULL, &p, &res);
    if (rc == BZ_OK) {
        rc = PQntuples(res) > 0 ? BZ_OK : BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, a, true};
        *out = (store_bid_key){.auction_id = auction_id,
                               .bidder_id = bidder_id,
                               .key = pg_text(&r, 0),
                               .bid_id = pg_i64(&r, 1),
                               .amount = pg_i64(&r, 2),
                               .max_amount = pg_i64(&r, 3),
                               .created_at = pg_i64(&r, 4)};
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc;
}

int pg_bid_key_put(store *st, const store_bid_key *k)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, k->auction_id);
    pg_p_i64(&p, k->bidder_id);
    pg_p_text(&p, k->key);
    pg_p_id(&p, k->bid_id);
    pg_p_i64(&p, k->amount);
    pg_p_id(&p, k->max_amount);
    pg_p_i64(&p, k->created_at);
    return pg_guarded_command(s, PG_BID_KEY_PUT,
                              "INSERT INTO bid_keys (auction_id, bidder_id, idem_key, bid_id, "
                              "amount, max_amount, created_at) "
                              "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                              &p, NULL);
}
