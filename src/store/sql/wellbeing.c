/*
 * store/sql/wellbeing.c - a buyer's own limits (spending cap, cool-off), the
 * figure a cap is checked against: what the buyer has committed to spend
 * (orders in the window plus the running auctions they lead), and the one read
 * a bid batch makes of its bidders.
 */
#include "base/err.h"
#include "store/sql/sql.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

/* The limits' columns spending cap, cap period, cool-off, updated_at, from column `first`;
 * user_id is left to the caller. */
static void read_limits(db_stmt *q, int first, bz_arena *a, buyer_limits *l)
{
    l->spending_cap = db_col_i64(q, first);
    l->cap_period = db_col_is_null(q, first + 1) ? NULL : db_col_text(q, first + 1, a);
    l->cool_off_until = db_col_i64(q, first + 2);
    l->updated_at = db_col_i64(q, first + 3);
}

static void read_own_limits(db_stmt *q, bz_arena *a, void *out)
{
    memset(out, 0, sizeof(buyer_limits));
    read_limits(q, 0, a, out);
}

static db_query Q_LIMITS_GET =
    DB_QUERY("SELECT spending_cap_sen, cap_period, cool_off_until, updated_at "
             "FROM buyer_limits WHERE user_id = $1");

int sql_buyer_limits_get(store *s, int64_t user_id, bz_arena *a, buyer_limits *out)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_LIMITS_GET, &user_id, 1);
    int rc = db_fetch_one(q, a, read_own_limits, out);
    if (rc == BZ_OK) {
        out->user_id = user_id;
    }
    return rc;
}

static db_query Q_LIMITS_PUT =
    DB_QUERY("INSERT INTO buyer_limits (user_id, spending_cap_sen, cap_period, "
             "cool_off_until, updated_at) VALUES ($1, $2, $3, $4, $5) "
             "ON CONFLICT (user_id) DO UPDATE SET "
             "spending_cap_sen = excluded.spending_cap_sen, "
             "cap_period = excluded.cap_period, "
             "cool_off_until = excluded.cool_off_until, "
             "updated_at = excluded.updated_at");

int sql_buyer_limits_put(store *s, const buyer_limits *l)
{
    bool capped = l->spending_cap > 0;
    db_stmt *q = SQL_PREPARE(
        sql_db(s), &Q_LIMITS_PUT, SQL_I64(l->user_id), SQL_ID(capped ? l->spending_cap : 0),
        SQL_TEXT(capped ? l->cap_period : NULL), SQL_ID(l->cool_off_until), SQL_I64(l->updated_at));
    return db_exec_guarded(q, NULL); /* BZ_ENOTFOUND: no such user */
}

/* Usernames, bans from the show and limits of every bidder of a batch: one round trip. */
static db_query Q_BIDDER_FACTS =
    DB_QUERY("SELECT u.id, u.username, EXISTS (SELECT 1 FROM stream_bans b "
             "WHERE b.stream_id = $1 AND b.user_id = u.id), "
             "coalesce(l.spending_cap_sen, 0), l.cap_period, "
             "coalesce(l.cool_off_until, 0), coalesce(l.updated_at, 0), u.bid_blocked_until, "
             "EXISTS (SELECT 1 FROM cards c WHERE c.user_id = u.id AND c.is_default), "
             "coalesce((SELECT sl.require_card FROM streams st JOIN sellers sl "
             "ON sl.id = st.seller_id WHERE st.id = $1), FALSE) "
             "FROM users u LEFT JOIN buyer_limits l ON l.user_id = u.id "
             "WHERE u.id {in_ids $2}");

int sql_bidder_facts_get(store *s, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,
                         store_bidder_facts *out)
{
    db_stmt *q = db_prepare(sql_db(s), &Q_BIDDER_FACTS);
    db_bind_i64(q, 1, stream_id);
    db_bind_ids(q, 2, ids, n);
    int rc;
    while ((rc = db_step(q)) == DB_ROW) {
        long k = store_id_index(ids, n, db_col_i64(q, 0));
        if (k < 0) {
            continue;
        }
        store_bidder_facts *f = &out[k]; /* the wrapper filled user_id and the defaults */
        f->exists = true;
        f->username = db_col_text(q, 1, a);
        f->banned = db_col_bool(q, 2);
        read_limits(q, 3, a, &f->limits);
        f->bid_blocked_until = db_col_i64(q, 7);
        f->has_card = db_col_bool(q, 8);
        f->card_required = db_col_bool(q, 9);
    }
    if (rc == BZ_OK && !db_row_ok(q)) {
        rc = BZ_ENOMEM;
    }
    db_reset(q);
    return rc;
}

/* Running auctions are few (one per live show) and auctions_running_idx finds them; a buyer's
 * orders come from orders_buyer_idx. The larger of current bid and maximum is a CASE, which
 * both databases spell alike (leader_max is NOT NULL); the sums are cast because
 * PostgreSQL's sum of bigint is a numeric. */
static db_query Q_COMMITTED =
    DB_QUERY("SELECT CAST((SELECT coalesce(sum(amount), 0) FROM orders WHERE buyer_id = $1 "
             "AND created_at > $2 AND status NOT IN ('cancelled', 'refunded')) AS BIGINT), "
             "CAST((SELECT coalesce(sum(CASE WHEN coalesce(current_bid, 0) > leader_max "
             "THEN current_bid ELSE leader_max END), 0) "
             "FROM auctions WHERE status = 'running' AND leader_id = $1 AND id <> $3) AS BIGINT)");

int sql_buyer_committed(store *s, int64_t user_id, int64_t since, int64_t exclude_auction_id,
                        int64_t *orders_sum, int64_t *leading_sum)
{
    const int64_t v[] = {user_id, since, exclude_auction_id};
    int64_t *const out[] = {orders_sum, leading_sum};
    return sql_fetch_ints(sql_prepare_ints(sql_db(s), &Q_COMMITTED, v, 3), out, 2);
}
