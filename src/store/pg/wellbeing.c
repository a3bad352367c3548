/*
 * store/pg/wellbeing.c - a buyer's own limits (spending cap, cool-off)
 * and the figure a cap is checked against: what the buyer has committed to
 * spend (orders in the window plus the running auctions they lead).
 */
#include "base/err.h"
#include "store/pg/pg_chat.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

int pg_buyer_limits_get(store *st, int64_t user_id, bz_arena *a, store_buyer_limits *out)
{
    pg_params p = {0};
    pg_p_i64(&p, user_id);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), (enum pg_stmt_id)PGC_LIMITS_GET,
                      "SELECT spending_cap_sen, cap_period, cool_off_until, updated_at "
                      "FROM buyer_limits WHERE user_id = $1",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    if (PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    } else {
        pg_row r = {res, 0, a, true};
        memset(out, 0, sizeof(*out));
        out->user_id = user_id;
        out->spending_cap = pg_i64(&r, 0);
        out->cap_period = PQgetisnull(res, 0, 1) ? NULL : pg_text(&r, 1);
        out->cool_off_until = pg_i64(&r, 2);
        out->updated_at = pg_i64(&r, 3);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc;
}

int pg_bidder_facts_get(store *st, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,
                        store_bidder_facts *out)
{
    const char *list = store_id_list(a, ids, n, '{', '}');
    if (!list) {
        return BZ_ENOMEM;
    }
    pg_params p = {0};
    pg_p_i64(&p, stream_id);
    pg_p_text(&p, list);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), (enum pg_stmt_id)PGC_BIDDER_FACTS,
                      "SELECT u.id, u.username, EXISTS (SELECT 1 FROM stream_bans b "
                      "WHERE b.stream_id = $1 AND b.user_id = u.id), "
                      "coalesce(l.spending_cap_sen, 0), l.cap_period, "
                      "coalesce(l.cool_off_until, 0), coalesce(l.updated_at, 0) "
                      "FROM users u LEFT JOIN buyer_limits l ON l.user_id = u.id "
                      "WHERE u.id = ANY ($2::bigint[])",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    for (int i = 0; rc == BZ_OK && i < PQntuples(res); i++) {
        pg_row r = {res, i, a, true};
        long k = store_id_index(ids, n, pg_i64(&r, 0));
        if (k < 0) {
            continue;
        }
        store_bidder_facts *f = &out[k];
        f->exists = true;
        f->username = pg_text(&r, 1);
        f->banned = pg_bool(&r, 2);
        f->limits.spending_cap = pg_i64(&r, 3);
        f->limits.cap_period = PQgetisnull(res, i, 4) ? NULL : pg_text(&r, 4);
        f->limits.cool_off_until = pg_i64(&r, 5);
        f->limits.updated_at = pg_i64(&r, 6);
        rc = r.ok ? BZ_OK : BZ_ENOMEM;
    }
    PQclear(res);
    return rc;
}

int pg_buyer_limits_put(store *st, const store_buyer_limits *l)
{
    bool capped = l->spending_cap > 0;
    pg_params p = {0};
    pg_p_i64(&p, l->user_id);
    pg_p_id(&p, capped ? l->spending_cap : 0);
    pg_p_text(&p, capped ? l->cap_period : NULL);
    pg_p_id(&p, l->cool_off_until);
    pg_p_i64(&p, l->updated_at);
    return pg_guarded_command(pg_of(st), (enum pg_stmt_id)PGC_LIMITS_PUT,
                              "INSERT INTO buyer_limits (user_id, spending_cap_sen, cap_period, "
                              "cool_off_until, updated_at) VALUES ($1, $2, $3, $4, $5) "
                              "ON CONFLICT (user_id) DO UPDATE SET "
                              "spending_cap_sen = excluded.spending_cap_sen, "
                              "cap_period = excluded.cap_period, "
                              "cool_off_until = excluded.cool_off_until, "
                              "updated_at = excluded.updated_at",
                              &p, NULL);
}

int pg_buyer_committed(store *st, int64_t user_id, int64_t since, int64_t exclude_auction_id,
                       int64_t *orders_sum, int64_t *leading_sum)
{
    /* Running auctions are few (one per live show) and auctions_running_idx finds them; a
     * buyer's orders come from orders_buyer_idx. */
    const int64_t args[] = {user_id, since, exclude_auction_id};
    int64_t cols[2] = {0, 0};
    int rc = pgc_ints(pg_of(st), PGC_COMMITTED,
                      "SELECT (SELECT coalesce(sum(amount), 0) FROM orders WHERE buyer_id = $1 "
                      "AND created_at > $2 AND status NOT IN ('cancelled', 'refunded'))::bigint, "
                      "(SELECT coalesce(sum(greatest(coalesce(current_bid, 0), leader_max)), 0) "
                      "FROM auctions WHERE status = 'running' AND leader_id = $1 "
                      "AND id <> $3)::bigint",
                      args, 3, cols, 2, NULL);
    *orders_sum = cols[0];
    *leading_sum = cols[1];
    return rc;
}
