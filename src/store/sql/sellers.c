/*
 * store/sql/sellers.c - seller profiles and follows.
 */
#include "base/err.h"
#include "store/sql/sql.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

#define SELLER_COLS                                                                                \
    "s.id, s.shop_name, s.description, s.pickup_line1, s.pickup_line2, s.pickup_city, "            \
    "s.pickup_state, s.pickup_postcode, s.follower_count, s.created_at, u.username"

/* The SELLER_COLS of the current row, starting at column `first`. */
static void read_seller(db_stmt *q, int first, bz_arena *a, catalog_seller *out)
{
    memset(out, 0, sizeof(*out));
    out->id = db_col_i64(q, first + 0);
    out->shop_name = db_col_text(q, first + 1, a);
    out->description = db_col_text(q, first + 2, a);
    out->pickup.line1 = db_col_text(q, first + 3, a);
    out->pickup.line2 = db_col_text(q, first + 4, a);
    out->pickup.city = db_col_text(q, first + 5, a);
    out->pickup.state = db_col_text(q, first + 6, a);
    out->pickup.postcode = db_col_text(q, first + 7, a);
    out->follower_count = db_col_i64(q, first + 8);
    out->created_at = db_col_i64(q, first + 9);
    out->username = db_col_text(q, first + 10, a);
}

/* Parameters $2..$8: shop name, description, pickup address. */
static void bind_profile(db_stmt *q, const catalog_seller *sl)
{
    db_bind_text(q, 2, sl->shop_name);
    db_bind_text(q, 3, sl->description);
    db_bind_text(q, 4, sl->pickup.line1);
    db_bind_text(q, 5, sl->pickup.line2 ? sl->pickup.line2 : "");
    db_bind_text(q, 6, sl->pickup.city);
    db_bind_text(q, 7, sl->pickup.state);
    db_bind_text(q, 8, sl->pickup.postcode);
}

/* A second seller row for the user hits sellers' primary key: BZ_EALREADYSELLER; a missing
 * user fails the foreign key: BZ_ENOTFOUND. */
static db_query Q_SELLER_INSERT =
    DB_QUERY("INSERT INTO sellers (id, shop_name, description, pickup_line1, pickup_line2, "
             "pickup_city, pickup_state, pickup_postcode, created_at, updated_at) "
             "VALUES ($1, $2, coalesce($3, ''), $4, $5, $6, $7, $8, $9, $9)");
static db_query Q_SELLER_MARK_USER =
    DB_QUERY("UPDATE users SET is_seller = TRUE, updated_at = $2 WHERE id = $1");

static int insert_seller(db_conn *c, const catalog_seller *sl)
{
    db_stmt *q = db_prepare(c, &Q_SELLER_INSERT);
    db_bind_i64(q, 1, sl->id);
    bind_profile(q, sl);
    db_bind_i64(q, 9, sl->created_at);
    return db_exec(q, NULL);
}

static int mark_user_seller(db_conn *c, const catalog_seller *sl)
{
    db_stmt *q = db_prepare(c, &Q_SELLER_MARK_USER);
    db_bind_i64(q, 1, sl->id);
    db_bind_i64(q, 2, sl->created_at);
    return sql_exec_one(q);
}

int sql_seller_create(store *s, const catalog_seller *sl)
{
    db_conn *c = sql_db(s);
    int rc = db_atomic_begin(c);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = insert_seller(c, sl);
    if (rc == BZ_OK) {
        rc = mark_user_seller(c, sl);
    }
    return db_atomic_end(c, rc);
}

static void read_one_seller(db_stmt *q, bz_arena *a, void *out)
{
    read_seller(q, 0, a, out);
}

static db_query Q_SELLER_GET = DB_QUERY("SELECT " SELLER_COLS " FROM sellers s "
                                        "JOIN users u ON u.id = s.id WHERE s.id = $1");

int sql_seller_get(store *s, int64_t id, bz_arena *a, catalog_seller *out)
{
    db_stmt *q = db_prepare(sql_db(s), &Q_SELLER_GET);
    db_bind_i64(q, 1, id);
    return db_fetch_one(q, a, read_one_seller, out);
}

/* The port gives seller_update no `now`, so the database clock stamps updated_at. */
static db_query Q_SELLER_UPDATE =
    DB_QUERY("UPDATE sellers SET shop_name = $2, description = coalesce($3, ''), "
             "pickup_line1 = $4, pickup_line2 = $5, pickup_city = $6, pickup_state = $7, "
             "pickup_postcode = $8, updated_at = {now_ms} WHERE id = $1");

int sql_seller_update(store *s, const catalog_seller *sl)
{
    db_stmt *q = db_prepare(sql_db(s), &Q_SELLER_UPDATE);
    db_bind_i64(q, 1, sl->id);
    bind_profile(q, sl);
    return sql_exec_one(q);
}

/* ---- follows -------------------------------------------------------------- */

/* DO NOTHING makes a repeated follow a no-op (and keeps the first follow's place in the list);
 * the follows_count triggers count only rows really inserted. */
static db_query Q_FOLLOW =
    DB_QUERY("INSERT INTO follows (user_id, seller_id, created_at) VALUES ($1, $2, $3) "
             "ON CONFLICT (user_id, seller_id) DO NOTHING");
static db_query Q_UNFOLLOW = DB_QUERY("DELETE FROM follows WHERE user_id = $1 AND seller_id = $2");
static db_query Q_IS_FOLLOWING =
    DB_QUERY("SELECT 1 FROM follows WHERE user_id = $1 AND seller_id = $2");

/* `query` with (user_id, seller_id) bound. */
static db_stmt *follow_stmt(store *s, db_query *query, int64_t user_id, int64_t seller_id)
{
    db_stmt *q = db_prepare(sql_db(s), query);
    db_bind_i64(q, 1, user_id);
    db_bind_i64(q, 2, seller_id);
    return q;
}

int sql_follow(store *s, int64_t user_id, int64_t seller_id, int64_t now)
{
    db_stmt *q = follow_stmt(s, &Q_FOLLOW, user_id, seller_id);
    db_bind_i64(q, 3, now);
    return db_exec_guarded(q, NULL); /* BZ_ENOTFOUND: no such seller */
}

int sql_unfollow(store *s, int64_t user_id, int64_t seller_id)
{
    return db_exec(follow_stmt(s, &Q_UNFOLLOW, user_id, seller_id), NULL);
}

int sql_is_following(store *s, int64_t user_id, int64_t seller_id, bool *out)
{
    return db_exists(follow_stmt(s, &Q_IS_FOLLOWING, user_id, seller_id), out);
}

/* The cursor is follows.seq of the last row shown; one extra row tells whether a next page
 * exists. */
static db_query Q_FOLLOWING =
    DB_QUERY("SELECT f.seq, " SELLER_COLS " FROM follows f "
             "JOIN sellers s ON s.id = f.seller_id JOIN users u ON u.id = s.id "
             "WHERE f.user_id = $1 AND f.seq < $2 ORDER BY f.seq DESC LIMIT $3");

int sql_following(store *s, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                  catalog_seller **out, store_page *page)
{
    limit = store_clamp_limit(limit);
    catalog_seller *rows = bz_arena_calloc(a, (size_t)limit, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    db_stmt *q = db_prepare(sql_db(s), &Q_FOLLOWING);
    db_bind_i64(q, 1, user_id);
    db_bind_i64(q, 2, cursor > 0 ? cursor : INT64_MAX);
    db_bind_i64(q, 3, limit + 1);
    int rc;
    size_t n = 0;
    int64_t last_seq = 0;
    bool more = false;
    while ((rc = db_step(q)) == DB_ROW) {
        if (n == (size_t)limit) {
            more = true;
            rc = BZ_OK;
            break;
        }
        last_seq = db_col_i64(q, 0);
        read_seller(q, 1, a, &rows[n++]);
    }
    if (rc == BZ_OK && !db_row_ok(q)) {
        rc = BZ_EINTERNAL;
    }
    db_reset(q);
    if (rc != BZ_OK) {
        return rc;
    }
    *out = rows;
    page->n = n;
    page->next_cursor = more ? last_seq : 0;
    return BZ_OK;
}
