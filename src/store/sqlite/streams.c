/*
 * store/sqlite/streams.c - shows (streams) and their lineups.
 *
 * Lists are keyset-paginated on the show's sort key and id, so a page
 * never repeats or skips a row when shows are added in between: scheduled
 * shows walk (starts_at, id) upwards, live ones (started_at, id) downwards.
 * The status is spelled into each list statement, not bound, so that the
 * planner sees which index range to walk.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define STREAM_COLS                                                                                \
    "t.id, t.seller_id, t.title, t.description, t.status, t.starts_at, t.started_at, "             \
    "t.ended_at, t.cover_image_id, t.created_at, t.updated_at, u.username, s.shop_name"
#define STREAM_FROM                                                                                \
    " FROM streams t JOIN sellers s ON s.id = t.seller_id JOIN users u ON u.id = t.seller_id "

static void read_stream(sq_row *r, void *dst)
{
    store_stream *out = dst;
    memset(out, 0, sizeof(*out));
    out->id = sq_i64(r, 0);
    out->seller_id = sq_i64(r, 1);
    out->title = sq_text(r, 2);
    out->description = sq_text(r, 3);
    out->status = sq_text(r, 4);
    out->starts_at = sq_i64(r, 5);
    out->started_at = sq_i64(r, 6);
    out->ended_at = sq_i64(r, 7);
    out->cover_image_id = sq_i64(r, 8);
    out->created_at = sq_i64(r, 9);
    out->updated_at = sq_i64(r, 10);
    out->seller_username = sq_text(r, 11);
    out->shop_name = sq_text(r, 12);
}

/* ---- create -------------------------------------------------------------- */

static int insert_stream(sq_store *s, const store_stream *st)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_STREAM_CREATE,
                              "INSERT INTO streams (id, seller_id, title, description, status, "
                              "starts_at, cover_image_id, created_at, updated_at) "
                              "VALUES (?1, ?2, ?3, coalesce(?4, ''), 'scheduled', ?5, ?6, ?7, ?8)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, st->id);
    sqlite3_bind_int64(q, 2, st->seller_id);
    sq_bind_text(q, 3, st->title);
    sq_bind_text(q, 4, st->description);
    sqlite3_bind_int64(q, 5, st->starts_at);
    sq_bind_id(q, 6, st->cover_image_id);
    sqlite3_bind_int64(q, 7, st->created_at);
    sqlite3_bind_int64(q, 8, st->updated_at);
    return sq_run(s, q, NULL);
}

/* The SELECT inserts nothing for a missing or deleted product: that is BZ_ENOTFOUND, like the
 * foreign key failure it stands in for. */
static int insert_lineup_row(sq_store *s, int64_t stream_id, int64_t product_id, int position)
{
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_STREAM_LINEUP_INSERT,
                "INSERT INTO stream_products (stream_id, product_id, position) "
                "SELECT ?1, id, ?3 FROM products WHERE id = ?2 AND deleted_at IS NULL",
                &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, stream_id);
    sqlite3_bind_int64(q, 2, product_id);
    sqlite3_bind_int(q, 3, position);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

int sq_stream_create(store *st, const store_stream *in)
{
    sq_store *s = sq_of(st);
    int rc = sq_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = insert_stream(s, in);
    for (size_t i = 0; rc == BZ_OK && i < in->n_products; i++) {
        rc = insert_lineup_row(s, in->id, in->product_ids[i], (int)i);
    }
    return sq_atomic_end(s, rc);
}

/* ---- reads --------------------------------------------------------------- */

/* Fill st->product_ids with the lineup, in order, leaving out deleted products. */
static int load_product_ids(sq_store *s, bz_arena *a, store_stream *st)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_STREAM_PRODUCT_IDS,
                              "SELECT sp.product_id FROM stream_products sp "
                              "JOIN products p ON p.id = sp.product_id "
                              "WHERE sp.stream_id = ?1 AND p.deleted_at IS NULL "
                              "ORDER BY sp.position",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, st->id);
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        ids = store_arena_grow(a, ids, n, &cap, sizeof(*ids));
        if (!ids) {
            ok = false;
            break;
        }
        ids[n++] = sqlite3_column_int64(q, 0);
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && !ok) {
        rc = BZ_EINTERNAL;
    }
    st->product_ids = rc == BZ_OK ? ids : NULL;
    st->n_products = rc == BZ_OK ? n : 0;
    return rc;
}

int sq_stream_get(store *st, int64_t id, bz_arena *a, store_stream *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_STREAM_GET, "SELECT " STREAM_COLS STREAM_FROM "WHERE t.id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    rc = sq_fetch_one(s, q, a, read_stream, out);
    sq_done(q);
    return rc == BZ_OK ? load_product_ids(s, a, out) : rc;
}

static int stream_exists(sq_store *s, int64_t id, bool *exists)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_STREAM_EXISTS, "SELECT 1 FROM streams WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    int src = sqlite3_step(q);
    *exists = src == SQLITE_ROW;
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    return rc;
}

/* ---- list ---------------------------------------------------------------- */

enum { LIST_LIVE = 1, LIST_SELLER = 2 };

/* Scheduled shows ascend from the cursor, live ones descend; ?1, ?2 are the cursor's sort key
 * and id, ?3 the row limit, ?4 the seller. */
static sqlite3_stmt *list_stmt(sq_store *s, unsigned variant, int *rc)
{
    enum sq_stmt_id id = (enum sq_stmt_id)(SQ_STREAM_LIST_FIRST + variant);
    if (s->stmts[id]) {
        return s->stmts[id];
    }
    bool live = variant & LIST_LIVE;
    char sql[768];
    snprintf(sql, sizeof(sql),
             "SELECT " STREAM_COLS STREAM_FROM "WHERE t.status = '%s' %s"
             "AND (t.%s, t.id) %s (?1, ?2) ORDER BY t.%s %s, t.id %s LIMIT ?3",
             live ? "live" : "scheduled", variant & LIST_SELLER ? "AND t.seller_id = ?4 " : "",
             live ? "started_at" : "starts_at", live ? "<" : ">", live ? "started_at" : "starts_at",
             live ? "DESC" : "ASC", live ? "DESC" : "ASC");
    return sq_stmt(s, id, sql, rc);
}

/* Read up to `limit` rows (the statement asks for one more, which only says a next page
 * exists) and the cursor after the last one shown. */
static int read_page(sq_store *s, sqlite3_stmt *q, bool live, int limit, bz_arena *a,
                     store_stream *rows, store_stream_page *page)
{
    sq_row r = {q, a, true};
    size_t n = 0;
    bool more = false;
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        if (n == (size_t)limit) {
            more = true;
            break;
        }
        read_stream(&r, &rows[n++]);
    }
    int rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && !r.ok) {
        rc = BZ_EINTERNAL;
    }
    page->n = rc == BZ_OK ? n : 0;
    page->next = (store_stream_cursor){0, 0};
    if (rc == BZ_OK && more) {
        const store_stream *last = &rows[n - 1];
        page->next = (store_stream_cursor){live ? last->started_at : last->starts_at, last->id};
    }
    return rc;
}

int sq_stream_list(store *st, const store_stream_query *sq, bz_arena *a, store_stream **out,
                   store_stream_page *page)
{
    sq_store *s = sq_of(st);
    bool live = sq->status && strcmp(sq->status, "live") == 0;
    if (!live && (!sq->status || strcmp(sq->status, "scheduled") != 0)) {
        return BZ_EINTERNAL; /* the port lists these two only */
    }
    unsigned variant = (live ? LIST_LIVE : 0) | (sq->seller_id ? LIST_SELLER : 0);
    int rc = BZ_OK;
    sqlite3_stmt *q = list_stmt(s, variant, &rc);
    if (!q) {
        return rc;
    }
    int limit = store_clamp_limit(sq->limit);
    store_stream *rows = bz_arena_calloc(a, (size_t)limit, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    bool first = sq->cursor.id == 0;
    sqlite3_bind_int64(q, 1, first ? (live ? INT64_MAX : INT64_MIN) : sq->cursor.at);
    sqlite3_bind_int64(q, 2, first ? (live ? INT64_MAX : INT64_MIN) : sq->cursor.id);
    sqlite3_bind_int(q, 3, limit + 1);
    sqlite3_bind_int64(q, 4, sq->seller_id);
    rc = read_page(s, q, live, limit, a, rows, page);
    for (size_t i = 0; rc == BZ_OK && i < page->n; i++) {
        rc = load_product_ids(s, a, &rows[i]);
    }
    *out = rc == BZ_OK ? rows : NULL;
    return rc;
}

/* ---- status -------------------------------------------------------------- */

int sq_stream_set_status(store *st, int64_t id, const char *from, const char *to, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    /* The WHERE on the current status is what makes the transition happen once. */
    sqlite3_stmt *q = sq_stmt(s, SQ_STREAM_SET_STATUS,
                              "UPDATE streams SET status = ?3, "
                              "started_at = CASE WHEN ?3 = 'live' THEN ?4 ELSE started_at END, "
                              "ended_at = CASE WHEN ?3 = 'ended' THEN ?4 ELSE ended_at END, "
                              "updated_at = ?4 WHERE id = ?1 AND status = ?2",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    sq_bind_text(q, 2, from);
    sq_bind_text(q, 3, to);
    sqlite3_bind_int64(q, 4, now);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    if (rc != BZ_OK || changes > 0) {
        return rc;
    }
    bool exists = false;
    rc = stream_exists(s, id, &exists);
    return rc != BZ_OK ? rc : exists ? BZ_ECONFLICT : BZ_ENOTFOUND;
}

int sq_stream_set_cover(store *st, int64_t id, int64_t image_id, int64_t now)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_STREAM_SET_COVER,
                "UPDATE streams SET cover_image_id = ?2, updated_at = ?3 WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    sq_bind_id(q, 2, image_id);
    sqlite3_bind_int64(q, 3, now);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc != BZ_OK ? rc : changes ? BZ_OK : BZ_ENOTFOUND;
}

/* ---- lineup -------------------------------------------------------------- */

int sq_stream_lineup(store *st, int64_t id, bz_arena *a, store_product **out, size_t *n_out)
{
    sq_store *s = sq_of(st);
    bool exists = false;
    int rc = stream_exists(s, id, &exists);
    if (rc != BZ_OK || !exists) {
        return rc != BZ_OK ? rc : BZ_ENOTFOUND;
    }
    sqlite3_stmt *q = sq_stmt(s, SQ_STREAM_LINEUP,
                              "SELECT " SQ_PRODUCT_COLS " FROM stream_products sp "
                              "JOIN products p ON p.id = sp.product_id "
                              "WHERE sp.stream_id = ?1 AND p.deleted_at IS NULL "
                              "ORDER BY sp.position",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    size_t n = 0;
    store_product *rows = sq_fetch_all(s, q, a, sq_read_product, sizeof(*rows), &n, &rc);
    sq_done(q);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = sq_load_product_images(s, a, &rows[i]);
    }
    *out = rc == BZ_OK ? rows : NULL;
    *n_out = rc == BZ_OK ? n : 0;
    return rc;
}
