/*
 * store/pg/sellers.c - seller profiles and follows.
 */
#include "base/err.h"
#include "store/pg/pg_internal.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

/* The port gives seller_update no `now`, so the database clock stamps updated_at. */
#define SQL_NOW_MS "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"

#define SELLER_COLS                                                                                \
    "s.id, s.shop_name, s.description, s.pickup_line1, s.pickup_line2, s.pickup_city, "            \
    "s.pickup_state, s.pickup_postcode, s.follower_count, s.created_at, u.username"

static void read_seller(pg_row *r, int first, store_seller *out)
{
    memset(out, 0, sizeof(*out));
    out->id = pg_i64(r, first + 0);
    out->shop_name = pg_text(r, first + 1);
    out->description = pg_text(r, first + 2);
    out->pickup.line1 = pg_text(r, first + 3);
    out->pickup.line2 = pg_text(r, first + 4);
    out->pickup.city = pg_text(r, first + 5);
    out->pickup.state = pg_text(r, first + 6);
    out->pickup.postcode = pg_text(r, first + 7);
    out->follower_count = pg_i64(r, first + 8);
    out->created_at = pg_i64(r, first + 9);
    out->username = pg_text(r, first + 10);
}

/* Parameters $2..$8: shop name, description, pickup address. */
static void put_profile(pg_params *p, const store_seller *sl)
{
    pg_p_text(p, sl->shop_name);
    pg_p_text(p, sl->description);
    pg_p_text(p, sl->pickup.line1);
    pg_p_text(p, sl->pickup.line2 ? sl->pickup.line2 : "");
    pg_p_text(p, sl->pickup.city);
    pg_p_text(p, sl->pickup.state);
    pg_p_text(p, sl->pickup.postcode);
}

int pg_seller_create(store *st, const store_seller *sl)
{
    pg_store *s = pg_of(st);
    int rc = pg_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    pg_params p = {0};
    pg_p_i64(&p, sl->id);
    put_profile(&p, sl);
    pg_p_i64(&p, sl->created_at);
    /* A second seller row for the user hits sellers_pkey: BZ_EALREADYSELLER; a missing user
     * fails the foreign key: BZ_ENOTFOUND. */
    rc = pg_command(s, PG_SELLER_INSERT,
                    "INSERT INTO sellers (id, shop_name, description, pickup_line1, "
                    "pickup_line2, pickup_city, pickup_state, pickup_postcode, created_at, "
                    "updated_at) VALUES ($1, $2, coalesce($3, ''), $4, $5, $6, $7, $8, $9, $9)",
                    &p, NULL);
    if (rc == BZ_OK) {
        pg_params u = {0};
        pg_p_i64(&u, sl->id);
        pg_p_i64(&u, sl->created_at);
        int changes = 0;
        rc = pg_command(s, PG_SELLER_MARK_USER,
                        "UPDATE users SET is_seller = true, updated_at = $2 WHERE id = $1", &u,
                        &changes);
        if (rc == BZ_OK && changes == 0) {
            rc = BZ_ENOTFOUND;
        }
    }
    return pg_atomic_end(s, rc);
}

int pg_seller_get(store *st, int64_t id, bz_arena *a, store_seller *out)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), PG_SELLER_GET,
                      "SELECT " SELLER_COLS " FROM sellers s JOIN users u ON u.id = s.id "
                      "WHERE s.id = $1",
                      NULL, &p, &res);
    if (rc == BZ_OK && PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, a, true};
        read_seller(&r, 0, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc;
}

int pg_seller_update(store *st, const store_seller *sl)
{
    pg_params p = {0};
    pg_p_i64(&p, sl->id);
    put_profile(&p, sl);
    int changes = 0;
    int rc = pg_command(pg_of(st), PG_SELLER_UPDATE,
                        "UPDATE sellers SET shop_name = $2, description = coalesce($3, ''), "
                        "pickup_line1 = $4, pickup_line2 = $5, pickup_city = $6, "
                        "pickup_state = $7, pickup_postcode = $8, updated_at = " SQL_NOW_MS
                        " WHERE id = $1",
                        &p, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

/* ---- follows -------------------------------------------------------------- */

int pg_follow(store *st, int64_t user_id, int64_t seller_id, int64_t now)
{
    pg_params p = {0};
    pg_p_i64(&p, user_id);
    pg_p_i64(&p, seller_id);
    pg_p_i64(&p, now);
    /* DO NOTHING makes a repeated follow a no-op (and keeps the first follow's place in the
     * list); the trigger follows_count counts only rows really inserted. */
    return pg_guarded_command(pg_of(st), PG_FOLLOW,
                              "INSERT INTO follows (user_id, seller_id, created_at) "
                              "VALUES ($1, $2, $3) ON CONFLICT (user_id, seller_id) DO NOTHING",
                              &p, NULL);
}

int pg_unfollow(store *st, int64_t user_id, int64_t seller_id)
{
    pg_params p = {0};
    pg_p_i64(&p, user_id);
    pg_p_i64(&p, seller_id);
    return pg_command(pg_of(st), PG_UNFOLLOW,
                      "DELETE FROM follows WHERE user_id = $1 AND seller_id = $2", &p, NULL);
}

int pg_is_following(store *st, int64_t user_id, int64_t seller_id, bool *out)
{
    pg_params p = {0};
    pg_p_i64(&p, user_id);
    pg_p_i64(&p, seller_id);
    PGresult *res = NULL;
    int rc =
        pg_query(pg_of(st), PG_IS_FOLLOWING,
                 "SELECT 1 FROM follows WHERE user_id = $1 AND seller_id = $2", NULL, &p, &res);
    *out = rc == BZ_OK && PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

int pg_following(store *st, int64_t user_id, int64_t cursor, int limit, bz_arena *a,
                 store_seller **out, store_page *page)
{
    limit = store_clamp_limit(limit);
    pg_params p = {0};
    pg_p_i64(&p, user_id);
    pg_p_i64(&p, cursor > 0 ? cursor : INT64_MAX);
    pg_p_i64(&p, limit + 1); /* one more row says whether a next page exists */
    PGresult *res = NULL;
    /* The cursor is follows.seq of the last row shown. */
    int rc = pg_query(pg_of(st), PG_FOLLOWING,
                      "SELECT f.seq, " SELLER_COLS " FROM follows f "
                      "JOIN sellers s ON s.id = f.seller_id JOIN users u ON u.id = s.id "
                      "WHERE f.user_id = $1 AND f.seq < $2 ORDER BY f.seq DESC LIMIT $3",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t rows = (size_t)PQntuples(res);
    size_t n = rows > (size_t)limit ? (size_t)limit : rows;
    store_seller *list = bz_arena_calloc(a, (size_t)limit, sizeof(*list));
    pg_row r = {res, 0, a, list != NULL};
    int64_t last_seq = 0;
    for (size_t i = 0; list && i < n; i++) {
        r.row = (int)i;
        last_seq = pg_i64(&r, 0);
        read_seller(&r, 1, &list[i]);
    }
    PQclear(res);
    if (!r.ok) {
        return BZ_EINTERNAL;
    }
    *out = list;
    page->n = n;
    page->next_cursor = rows > (size_t)limit ? last_seq : 0;
    return BZ_OK;
}
