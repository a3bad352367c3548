/*
 * store/sqlite/catalog.c - categories, products and product search.
 */
#include "base/err.h"
#include "store/fts_query.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The port gives product_delete no `now`, so the database clock stamps deleted_at. */
#define SQL_NOW_MS "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"

/* ---- categories --------------------------------------------------------- */

#define CATEGORY_COLS "id, coalesce(parent_id, 0), slug, name, position"

static void read_category(sq_row *r, void *dst)
{
    store_category *out = dst;
    out->id = sq_i64(r, 0);
    out->parent_id = sq_i64(r, 1);
    out->slug = sq_text(r, 2);
    out->name = sq_text(r, 3);
    out->position = sq_i32(r, 4);
}

int sq_category_create(store *st, const store_category *c)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_CATEGORY_CREATE,
                              "INSERT INTO categories (id, parent_id, slug, name, position) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, c->id);
    sq_bind_id(q, 2, c->parent_id);
    sq_bind_text(q, 3, c->slug);
    sq_bind_text(q, 4, c->name);
    sqlite3_bind_int(q, 5, c->position);
    return sq_run(s, q, NULL);
}

int sq_categories(store *st, bz_arena *a, store_category **out, size_t *n_out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_CATEGORIES,
                              "SELECT " CATEGORY_COLS " FROM categories "
                              "ORDER BY coalesce(parent_id, 0), position, id",
                              &rc);
    if (!q) {
        return rc;
    }
    size_t n = 0;
    store_category *rows = sq_fetch_all(s, q, a, read_category, sizeof(*rows), &n, &rc);
    sq_done(q);
    *out = rows; /* NULL and 0 on failure */
    *n_out = n;
    return rc;
}

int sq_category_get(store *st, int64_t id, bz_arena *a, store_category *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_CATEGORY_GET, "SELECT " CATEGORY_COLS " FROM categories WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    rc = sq_fetch_one(s, q, a, read_category, out);
    sq_done(q);
    return rc;
}

/* ---- products ------------------------------------------------------------ */

void sq_read_product(sq_row *r, void *dst)
{
    store_product *out = dst;
    memset(out, 0, sizeof(*out));
    out->id = sq_i64(r, 0);
    out->seller_id = sq_i64(r, 1);
    out->category_id = sq_i64(r, 2);
    out->title = sq_text(r, 3);
    out->description = sq_text(r, 4);
    out->condition = sq_text(r, 5);
    out->quantity = sq_i32(r, 6);
    out->buy_now_price = sq_i64(r, 7);
    out->shipping_weight_g = sq_i32(r, 8);
    out->length_mm = sq_i32(r, 9);
    out->width_mm = sq_i32(r, 10);
    out->height_mm = sq_i32(r, 11);
    out->created_at = sq_i64(r, 12);
    out->updated_at = sq_i64(r, 13);
}

/* Parameters ?2..?11 of both INSERT and UPDATE: the editable fields. */
static void bind_product_fields(sqlite3_stmt *q, const store_product *p)
{
    sq_bind_id(q, 2, p->category_id);
    sq_bind_text(q, 3, p->title);
    sq_bind_text(q, 4, p->description ? p->description : "");
    sq_bind_text(q, 5, p->condition);
    sqlite3_bind_int(q, 6, p->quantity);
    sqlite3_bind_int64(q, 7, p->buy_now_price);
    sqlite3_bind_int(q, 8, p->shipping_weight_g);
    sqlite3_bind_int(q, 9, p->length_mm);
    sqlite3_bind_int(q, 10, p->width_mm);
    sqlite3_bind_int(q, 11, p->height_mm);
}

int sq_product_create(store *st, const store_product *p)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_PRODUCT_CREATE,
                "INSERT INTO products (id, category_id, title, description, condition, quantity, "
                "buy_now_price, shipping_weight_g, length_mm, width_mm, height_mm, seller_id, "
                "created_at, updated_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, p->id);
    bind_product_fields(q, p);
    sqlite3_bind_int64(q, 12, p->seller_id);
    sqlite3_bind_int64(q, 13, p->created_at);
    sqlite3_bind_int64(q, 14, p->updated_at);
    return sq_run(s, q, NULL);
}

int sq_product_get(store *st, int64_t id, bz_arena *a, store_product *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_PRODUCT_GET,
                              "SELECT " SQ_PRODUCT_COLS " FROM products p "
                              "WHERE p.id = ?1 AND p.deleted_at IS NULL",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    rc = sq_fetch_one(s, q, a, sq_read_product, out);
    /* Load the images before resetting the product statement: while it is active the
     * connection keeps one read transaction (and one shared lock) for both reads, instead of
     * taking and releasing the file lock twice on this hot path. */
    if (rc == BZ_OK) {
        rc = sq_load_product_images(s, a, out);
    }
    sq_done(q);
    return rc;
}

int sq_product_update(store *st, const store_product *p)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_PRODUCT_UPDATE,
                              "UPDATE products SET category_id = ?2, title = ?3, description = ?4, "
                              "condition = ?5, "
                              "quantity = CASE WHEN ?6 < 0 THEN quantity ELSE ?6 END, "
                              "buy_now_price = ?7, "
                              "shipping_weight_g = ?8, length_mm = ?9, width_mm = ?10, "
                              "height_mm = ?11, updated_at = ?12 "
                              "WHERE id = ?1 AND deleted_at IS NULL",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, p->id);
    bind_product_fields(q, p);
    sqlite3_bind_int64(q, 12, p->updated_at);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

/* Products are soft-deleted so that rows of later features (auction lots, orders) can keep
 * referring to them; their image rows go, as the port promises. */
int sq_product_delete(store *st, int64_t id)
{
    sq_store *s = sq_of(st);
    int rc = sq_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    sqlite3_stmt *q = sq_stmt(s, SQ_PRODUCT_SOFT_DELETE,
                              "UPDATE products SET deleted_at = " SQL_NOW_MS
                              " WHERE id = ?1 AND deleted_at IS NULL",
                              &rc);
    if (q) {
        sqlite3_bind_int64(q, 1, id);
        int changes = 0;
        rc = sq_run(s, q, &changes);
        if (rc == BZ_OK && changes == 0) {
            rc = BZ_ENOTFOUND;
        }
    }
    if (rc == BZ_OK) {
        q = sq_stmt(s, SQ_PRODUCT_IMAGES_DELETE,
                    "DELETE FROM images WHERE kind = 'product' AND owner_id = ?1", &rc);
        if (q) {
            sqlite3_bind_int64(q, 1, id);
            rc = sq_run(s, q, NULL);
        }
    }
    return sq_atomic_end(s, rc);
}

/* ---- search --------------------------------------------------------------- */

enum { SEARCH_TEXT = 1, SEARCH_CATEGORY = 2, SEARCH_SELLER = 4 };

/* One statement per combination of the filters that decide which index to use, each made
 * only of the constant fragments below: the planner sees a plain query, and user input only
 * ever arrives as bound values. Parameter numbers are the same in every variant. */
static sqlite3_stmt *search_stmt(sq_store *s, unsigned variant, int *rc)
{
    enum sq_stmt_id id = (enum sq_stmt_id)(SQ_SEARCH_FIRST + variant);
    if (s->stmts[id]) {
        return s->stmts[id];
    }
    char sql[1024];
    snprintf(sql, sizeof(sql),
             "SELECT " SQ_PRODUCT_COLS " FROM products p "
             "WHERE p.deleted_at IS NULL AND p.id < ?1 "
             "AND (?2 < 0 OR p.buy_now_price >= ?2) AND (?3 < 0 OR p.buy_now_price <= ?3) "
             "AND (?4 = 0 OR p.quantity > 0) %s%s%s "
             "ORDER BY p.id DESC LIMIT ?8",
             variant & SEARCH_TEXT
                 ? "AND p.id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?5) "
                 : "",
             variant & SEARCH_CATEGORY
                 ? "AND p.category_id IN (WITH RECURSIVE sub(id) AS (SELECT ?6 UNION "
                   "SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id) "
                   "SELECT id FROM sub) "
                 : "",
             variant & SEARCH_SELLER ? "AND p.seller_id = ?7 " : "");
    return sq_stmt(s, id, sql, rc);
}

int sq_product_search(store *st, const store_product_query *sq, bz_arena *a, store_product **out,
                      store_page *page)
{
    sq_store *s = sq_of(st);
    char match[STORE_FTS_QUERY_MAXSIZE];
    unsigned variant = 0;
    if (sq->q && store_fts_query(sq->q, STORE_FTS_SQLITE, match, sizeof(match)) > 0) {
        variant |= SEARCH_TEXT;
    }
    if (sq->category_id) {
        variant |= SEARCH_CATEGORY;
    }
    if (sq->seller_id) {
        variant |= SEARCH_SELLER;
    }
    int rc = BZ_OK;
    sqlite3_stmt *q = search_stmt(s, variant, &rc);
    if (!q) {
        return rc;
    }
    int limit = store_clamp_limit(sq->limit);
    store_product *rows = bz_arena_calloc(a, (size_t)limit, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    sqlite3_bind_int64(q, 1, sq->cursor > 0 ? sq->cursor : INT64_MAX);
    sqlite3_bind_int64(q, 2, sq->min_price);
    sqlite3_bind_int64(q, 3, sq->max_price);
    sqlite3_bind_int(q, 4, sq->in_stock ? 1 : 0);
    if (variant & SEARCH_TEXT) {
        sqlite3_bind_text(q, 5, match, -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_int64(q, 6, sq->category_id);
    sqlite3_bind_int64(q, 7, sq->seller_id);
    sqlite3_bind_int(q, 8, limit + 1); /* one more row says whether a next page exists */

    sq_row r = {q, a, true};
    size_t n = 0;
    bool more = false;
    int src;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        if (n == (size_t)limit) {
            more = true;
            break;
        }
        sq_read_product(&r, &rows[n++]);
    }
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sq_done(q);
    if (rc == BZ_OK && !r.ok) {
        rc = BZ_EINTERNAL;
    }
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = sq_load_product_images(s, a, &rows[i]);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    *out = rows;
    page->n = n;
    page->next_cursor = more ? rows[n - 1].id : 0;
    return BZ_OK;
}
