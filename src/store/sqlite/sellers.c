/*
 * store/sqlite/sellers.c - seller profiles and follows.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

/* The port gives seller_update no `now`, so the database clock stamps updated_at. */
#define SQL_NOW_MS "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"

#define SELLER_COLS                                                                                \
    "s.id, s.shop_name, s.description, s.pickup_line1, s.pickup_line2, s.pickup_city, "            \
    "s.pickup_state, s.pickup_postcode, s.follower_count, s.created_at, u.username"

static void read_seller(sq_row *r, int first, store_seller *out)
{
    memset(out, 0, sizeof(*out));
    out->id = sq_i64(r, first + 0);
    out->shop_name = sq_text(r, first + 1);
    out->description = sq_text(r, first + 2);
    out->pickup.line1 = sq_text(r, first + 3);
    out->pickup.line2 = sq_text(r, first + 4);
    out->pickup.city = sq_text(r, first + 5);
    out->pickup.state = sq_text(r, first + 6);
    out->pickup.postcode = sq_text(r, first + 7);
    out->follower_count = sq_i64(r, first + 8);
    out->created_at = sq_i64(r, first + 9);
    out->username = sq_text(r, first + 10);
}

static void bind_pickup(sqlite3_stmt *q, int first, const store_address *a)
{
    sq_bind_text(q, first + 0, a->line1);
    sq_bind_text(q, first + 1, a->line2 ? a->line2 : "");
    sq_bind_text(q, first + 2, a->city);
    sq_bind_text(q, first + 3, a->state);
    sq_bind_text(q, first + 4, a->postcode);
}

static int insert_seller(sq_store *s, const store_seller *sl)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_SELLER_INSERT,
                              "INSERT INTO sellers (id, shop_name, description, pickup_line1, "
                              "pickup_line2, pickup_city, pickup_state, pickup_postcode, "
                              "created_at, updated_at) "
                              "VALUES (?1, ?2, coalesce(?3, ''), ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, sl->id);
    sq_bind_text(q, 2, sl->shop_name);
    sq_bind_text(q, 3, sl->description);
    bind_pickup(q, 4, &sl->pickup);
    sqlite3_bind_int64(q, 9, sl->created_at);
    /* A second seller row for the user hits sellers' primary key: BZ_EALREADYSELLER; a missing
     * user fails the foreign key: BZ_ENOTFOUND. */
    return sq_run(s, q, NULL);
}

static int mark_user_seller(sq_store *s, const store_seller *sl)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_SELLER_MARK_USER,
                              "UPDATE users SET is_seller = 1, updated_at = ?2 WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, sl->id);
    sqlite3_bind_int64(q, 2, sl->created_at);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

int sq_seller_create(store *st, const store_seller *sl)
{
    sq_store *s = sq_of(st);
    int rc = sq_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = insert_seller(s, sl);
    if (rc == BZ_OK) {
        rc = mark_user_seller(s, sl);
    }
    return sq_atomic_end(s, rc);
}

int sq_seller_get(store *st, int64_t id, bz_arena *a, store_seller *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_SELLER_GET,
                              "SELECT " SELLER_COLS " FROM sellers s JOIN users u ON u.id = s.id "
                              "WHERE s.id = ?1",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    int src = sqlite3_step(q);
    if (src == SQLITE_ROW) {
        sq_row r = {q, a, true};
        read_seller(&r, 0, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    } else {
        rc = src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    }
    sq_done(q);
    return rc;
}

int sq_seller_update(store *st, const store_seller *sl)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_SELLER_UPDATE,
                              "UPDATE sellers SET shop_name = ?2, description = coalesce(?3, ''), "
                              "pickup_line1 = ?4, pickup_line2 = ?5, pickup_city = ?6, "
                              "pickup_state = ?7, pickup_postcode = ?8, "
                              "updated_at = " SQL_NOW_MS " WHERE id = ?1",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, sl->id);
    sq_bind_text(q, 2, sl->shop_name);
    sq_bind_text(q, 3, sl->description);
    bind_pickup(q, 4, &sl->pickup);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

/* ---- follows -------------------------------------------------------------- */

int sq_follow(store *st, int64_t user_id, int64_t seller_id, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    /* DO NOTHING makes a repeated follow a no-op (and keeps the first follow's place in the
     * list); the trigger follows_count_ai counts only rows really inserted. */
    sqlite3_stmt *q = sq_stmt(s, SQ_FOLLOW,
                              "INSERT INTO follows (user_id, seller_id, created_at) "
                              "VALUES (?1, ?2, ?3) ON CONFLICT (user_id, seller_id) DO NOTHING",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, user_id);
    sqlite3_bind_int64(q, 2, seller_id);
    sqlite3_bind_int64(q, 3, now);
    return sq_run(s, q, NULL);
}

int sq_unfollow(store *st, int64_t user_id, int64_t seller_id)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_UNFOLLOW, "DELETE FROM follows WHERE user_id = ?1 AND seller_id = ?2", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, user_id);
    sqlite3_bind_int64(q, 2, seller_id);
    return sq_run(s, q, NULL);
}

int sq_is_following(store *st, int64_t user_id, int64_t seller_id, bool *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_IS_FOLLOWING,
                              "SELECT 1 FROM follows WHERE user_id = ?1 AND seller_id = ?2", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, user_id);
    sqlite3_bind_int64(q, 2, seller_id);
    int src = sqlite3_step(q);
    *out = src == SQLITE_ROW;
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    return rc;
}

int sq_following(store *st, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                 store_seller **out, store_page *page)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    /* The cursor is follows.seq of the last row shown; one extra row tells whether a next page
     * exists. */
    sqlite3_stmt *q = sq_stmt(s, SQ_FOLLOWING,
                              "SELECT f.seq, " SELLER_COLS " FROM follows f "
                              "JOIN sellers s ON s.id = f.seller_id JOIN users u ON u.id = s.id "
                              "WHERE f.user_id = ?1 AND f.seq < ?2 ORDER BY f.seq DESC LIMIT ?3",
                              &rc);
    if (!q) {
        return rc;
    }
    limit = store_clamp_limit(limit);
    store_seller *rows = bz_arena_calloc(a, (size_t)limit, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    sqlite3_bind_int64(q, 1, user_id);
    sqlite3_bind_int64(q, 2, cursor > 0 ? cursor : INT64_MAX);
    sqlite3_bind_int(q, 3, limit + 1);
    sq_row r = {q, a, true};
    size_t n = 0;
    int64_t last_seq = 0;
    bool more = false;
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        if (n == (size_t)limit) {
            more = true;
            break;
        }
        last_seq = sq_i64(&r, 0);
        read_seller(&r, 1, &rows[n++]);
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && !r.ok) {
        rc = BZ_EINTERNAL;
    }
    if (rc != BZ_OK) {
        return rc;
    }
    *out = rows;
    page->n = n;
    page->next_cursor = more ? last_seq : 0;
    return BZ_OK;
}
