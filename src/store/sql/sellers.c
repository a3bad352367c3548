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
    "s.pickup_state, s.pickup_postcode, s.follower_count, s.created_at, u.username, "              \
    "s.require_card"

#define F(kind, field) SQL_COL(kind, catalog_seller, field)
static const sql_col SELLER_ROW[] = SQL_COLS(
    F(I64, id), F(TEXT, shop_name), F(TEXT, description), F(TEXT, pickup.line1),
    F(TEXT, pickup.line2), F(TEXT, pickup.city), F(TEXT, pickup.state), F(TEXT, pickup.postcode),
    F(I64, follower_count), F(I64, created_at), F(TEXT, username), F(BOOL, require_card));
#undef F

/* The SELLER_COLS of the current row, starting at column `first`. */
static void read_seller(db_stmt *q, int first, bz_arena *a, catalog_seller *out)
{
    sql_read_cols(q, first, a, out, sizeof(*out), SELLER_ROW,
                  sizeof(SELLER_ROW) / sizeof(SELLER_ROW[0]));
}

/* Parameters $1..$8: the seller, shop name, description, pickup address. */
#define SELLER_PROFILE(sl)                                                                         \
    SQL_I64((sl)->id), SQL_TEXT((sl)->shop_name), SQL_TEXT((sl)->description),                     \
        SQL_TEXT((sl)->pickup.line1), SQL_TEXT((sl)->pickup.line2 ? (sl)->pickup.line2 : ""),      \
        SQL_TEXT((sl)->pickup.city), SQL_TEXT((sl)->pickup.state), SQL_TEXT((sl)->pickup.postcode)

/* A second seller row for the user hits sellers' primary key: BZ_EALREADYSELLER; a missing
 * user fails the foreign key: BZ_ENOTFOUND. */
static db_query Q_SELLER_INSERT =
    DB_QUERY("INSERT INTO sellers (id, shop_name, description, pickup_line1, pickup_line2, "
             "pickup_city, pickup_state, pickup_postcode, created_at, updated_at) "
             "VALUES ($1, $2, coalesce($3, ''), $4, $5, $6, $7, $8, $9, $9)");
static db_query Q_SELLER_MARK_USER =
    DB_QUERY("UPDATE users SET is_seller = TRUE, updated_at = $2 WHERE id = $1");

static int insert_seller(db_conn *c, const void *arg)
{
    const catalog_seller *sl = arg;
    return db_exec(SQL_PREPARE(c, &Q_SELLER_INSERT, SELLER_PROFILE(sl), SQL_I64(sl->created_at)),
                   NULL);
}

static int mark_user_seller(db_conn *c, const void *arg)
{
    const catalog_seller *sl = arg;
    const int64_t v[] = {sl->id, sl->created_at};
    return sql_exec_one(sql_prepare_ints(c, &Q_SELLER_MARK_USER, v, 2), false);
}

int sql_seller_create(store *s, const catalog_seller *sl)
{
    return sql_atomic2(sql_db(s), insert_seller, mark_user_seller, sl);
}

static void read_one_seller(db_stmt *q, bz_arena *a, void *out)
{
    read_seller(q, 0, a, out);
}

static db_query Q_SELLER_GET = DB_QUERY("SELECT " SELLER_COLS " FROM sellers s "
                                        "JOIN users u ON u.id = s.id WHERE s.id = $1");

int sql_seller_get(store *s, int64_t id, bz_arena *a, catalog_seller *out)
{
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_SELLER_GET, &id, 1);
    return db_fetch_one(q, a, read_one_seller, out);
}

/* The port gives seller_update no `now`, so the database clock stamps updated_at. */
static db_query Q_SELLER_UPDATE =
    DB_QUERY("UPDATE sellers SET shop_name = $2, description = coalesce($3, ''), "
             "pickup_line1 = $4, pickup_line2 = $5, pickup_city = $6, pickup_state = $7, "
             "pickup_postcode = $8, require_card = $9, updated_at = {now_ms} WHERE id = $1");

int sql_seller_update(store *s, const catalog_seller *sl)
{
    return sql_exec_one(
        SQL_PREPARE(sql_db(s), &Q_SELLER_UPDATE, SELLER_PROFILE(sl), SQL_BOOL(sl->require_card)),
        false);
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

int sql_follow(store *s, int64_t user_id, int64_t seller_id, int64_t now)
{
    const int64_t v[] = {user_id, seller_id, now};
    /* BZ_ENOTFOUND: no such seller */
    return db_exec_guarded(sql_prepare_ints(sql_db(s), &Q_FOLLOW, v, 3), NULL);
}

int sql_unfollow(store *s, int64_t user_id, int64_t seller_id)
{
    const int64_t v[] = {user_id, seller_id};
    return db_exec(sql_prepare_ints(sql_db(s), &Q_UNFOLLOW, v, 2), NULL);
}

int sql_is_following(store *s, int64_t user_id, int64_t seller_id, bool *out)
{
    const int64_t v[] = {user_id, seller_id};
    return db_exists(sql_prepare_ints(sql_db(s), &Q_IS_FOLLOWING, v, 2), out);
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
    const int64_t v[] = {user_id, cursor > 0 ? cursor : INT64_MAX, limit + 1};
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_FOLLOWING, v, 3);
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
