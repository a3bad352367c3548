/*
 * store/sqlite/wellbeing.c - a buyer's own limits (spending cap, cool-off)
 * and the figure a cap is checked against: what the buyer has committed to
 * spend (orders in the window plus the running auctions they lead).
 */
#include "base/err.h"
#include "store/sqlite/sqlite_chat.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

int sq_buyer_limits_get(store *st, int64_t user_id, bz_arena *a, store_buyer_limits *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQC_LIMITS_GET,
                              "SELECT spending_cap_sen, cap_period, cool_off_until, updated_at "
                              "FROM buyer_limits WHERE user_id = ?1",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, user_id);
    int src = sqlite3_step(q);
    if (src == SQLITE_ROW) {
        sq_row r = {q, a, true};
        memset(out, 0, sizeof(*out));
        out->user_id = user_id;
        out->spending_cap = sq_i64(&r, 0);
        out->cap_period = sqlite3_column_type(q, 1) == SQLITE_NULL ? NULL : sq_text(&r, 1);
        out->cool_off_until = sq_i64(&r, 2);
        out->updated_at = sq_i64(&r, 3);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    } else {
        rc = src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    }
    sq_done(q);
    return rc;
}

int sq_bidder_facts_get(store *st, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,
                        store_bidder_facts *out)
{
    sq_store *s = sq_of(st);
    const char *list = store_id_list(a, ids, n, '[', ']');
    if (!list) {
        return BZ_ENOMEM;
    }
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQC_BIDDER_FACTS,
                              "SELECT u.id, u.username, EXISTS (SELECT 1 FROM stream_bans b "
                              "WHERE b.stream_id = ?1 AND b.user_id = u.id), "
                              "coalesce(l.spending_cap_sen, 0), l.cap_period, "
                              "coalesce(l.cool_off_until, 0), coalesce(l.updated_at, 0) "
                              "FROM users u LEFT JOIN buyer_limits l ON l.user_id = u.id "
                              "WHERE u.id IN (SELECT value FROM json_each(?2))",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, stream_id);
    sqlite3_bind_text(q, 2, list, -1, SQLITE_STATIC);
    int src = SQLITE_DONE;
    while (rc == BZ_OK && (src = sqlite3_step(q)) == SQLITE_ROW) {
        sq_row r = {q, a, true};
        long k = store_id_index(ids, n, sq_i64(&r, 0));
        if (k < 0) {
            continue;
        }
        store_bidder_facts *f = &out[k];
        f->exists = true;
        f->username = sq_text(&r, 1);
        f->banned = sq_i64(&r, 2) != 0;
        f->limits.spending_cap = sq_i64(&r, 3);
        f->limits.cap_period = sqlite3_column_type(q, 4) == SQLITE_NULL ? NULL : sq_text(&r, 4);
        f->limits.cool_off_until = sq_i64(&r, 5);
        f->limits.updated_at = sq_i64(&r, 6);
        rc = r.ok ? BZ_OK : BZ_ENOMEM;
    }
    if (rc == BZ_OK && src != SQLITE_DONE) {
        rc = sq_error(s, src);
    }
    sq_done(q);
    return rc;
}

int sq_buyer_limits_put(store *st, const store_buyer_limits *l)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, (enum sq_stmt_id)SQC_LIMITS_PUT,
                              "INSERT INTO buyer_limits (user_id, spending_cap_sen, cap_period, "
                              "cool_off_until, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                              "ON CONFLICT (user_id) DO UPDATE SET "
                              "spending_cap_sen = excluded.spending_cap_sen, "
                              "cap_period = excluded.cap_period, "
                              "cool_off_until = excluded.cool_off_until, "
                              "updated_at = excluded.updated_at",
                              &rc);
    if (!q) {
        return rc;
    }
    bool capped = l->spending_cap > 0;
    sqlite3_bind_int64(q, 1, l->user_id);
    sq_bind_id(q, 2, capped ? l->spending_cap : 0);
    sq_bind_text(q, 3, capped ? l->cap_period : NULL);
    sq_bind_id(q, 4, l->cool_off_until);
    sqlite3_bind_int64(q, 5, l->updated_at);
    return sq_run(s, q, NULL);
}

int sq_buyer_committed(store *st, int64_t user_id, int64_t since, int64_t exclude_auction_id,
                       int64_t *orders_sum, int64_t *leading_sum)
{
    /* Running auctions are few (one per live show) and auctions_running_idx finds them; a
     * buyer's orders come from orders_buyer_idx. */
    const int64_t args[] = {user_id, since, exclude_auction_id};
    int64_t cols[2] = {0, 0};
    int rc = sqc_ints(sq_of(st), SQC_COMMITTED,
                      "SELECT (SELECT coalesce(sum(amount), 0) FROM orders WHERE buyer_id = ?1 "
                      "AND created_at > ?2 AND status NOT IN ('cancelled', 'refunded')), "
                      "(SELECT coalesce(sum(max(coalesce(current_bid, 0), leader_max)), 0) "
                      "FROM auctions WHERE status = 'running' AND leader_id = ?1 AND id <> ?3)",
                      args, 3, cols, 2, NULL);
    *orders_sum = cols[0];
    *leading_sum = cols[1];
    return rc;
}
