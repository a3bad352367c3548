/*
 * store/pg/catalog.c - categories, products and product search.
 */
#include "base/err.h"
#include "store/fts_query.h"
#include "store/pg/pg_internal.h"
#include "store/store_util.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The port gives product_delete no `now`, so the database clock stamps deleted_at. */
#define SQL_NOW_MS "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"

/* ---- categories --------------------------------------------------------- */

#define CATEGORY_COLS "id, coalesce(parent_id, 0), slug, name, position"

static void read_category(pg_row *r, store_category *out)
{
    out->id = pg_i64(r, 0);
    out->parent_id = pg_i64(r, 1);
    out->slug = pg_text(r, 2);
    out->name = pg_text(r, 3);
    out->position = pg_i32(r, 4);
}

int pg_category_create(store *st, const store_category *c)
{
    pg_params p = {0};
    pg_p_i64(&p, c->id);
    pg_p_id(&p, c->parent_id);
    pg_p_text(&p, c->slug);
    pg_p_text(&p, c->name);
    pg_p_i64(&p, c->position);
    return pg_guarded_command(pg_of(st), PG_CATEGORY_CREATE,
                              "INSERT INTO categories (id, parent_id, slug, name, position) "
                              "VALUES ($1, $2, $3, $4, $5)",
                              &p, NULL);
}

int pg_categories(store *st, bz_arena *a, store_category **out, size_t *n_out)
{
    pg_params p = {0};
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), PG_CATEGORIES,
                      "SELECT " CATEGORY_COLS " FROM categories "
                      "ORDER BY coalesce(parent_id, 0), position, id",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t n = (size_t)PQntuples(res);
    store_category *rows = bz_arena_calloc(a, n ? n : 1, sizeof(*rows));
    pg_row r = {res, 0, a, rows != NULL};
    for (size_t i = 0; rows && i < n; i++) {
        r.row = (int)i;
        read_category(&r, &rows[i]);
    }
    PQclear(res);
    if (!r.ok) {
        return BZ_EINTERNAL;
    }
    *out = rows;
    *n_out = n;
    return BZ_OK;
}

int pg_category_get(store *st, int64_t id, bz_arena *a, store_category *out)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), PG_CATEGORY_GET,
                      "SELECT " CATEGORY_COLS " FROM categories WHERE id = $1", NULL, &p, &res);
    if (rc == BZ_OK && PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, a, true};
        read_category(&r, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc;
}

/* ---- products ------------------------------------------------------------ */

void pg_read_product(pg_row *r, store_product *out)
{
    memset(out, 0, sizeof(*out));
    out->id = pg_i64(r, 0);
    out->seller_id = pg_i64(r, 1);
    out->category_id = pg_i64(r, 2);
    out->title = pg_text(r, 3);
    out->description = pg_text(r, 4);
    out->condition = pg_text(r, 5);
    out->quantity = pg_i32(r, 6);
    out->buy_now_price = pg_i64(r, 7);
    out->shipping_weight_g = pg_i32(r, 8);
    out->length_mm = pg_i32(r, 9);
    out->width_mm = pg_i32(r, 10);
    out->height_mm = pg_i32(r, 11);
    out->created_at = pg_i64(r, 12);
    out->updated_at = pg_i64(r, 13);
}

/* Parameters $1..$12 of both INSERT and UPDATE: the id, the editable fields, a time. */
static void put_product(pg_params *p, const store_product *prod, int64_t time)
{
    pg_p_i64(p, prod->id);
    pg_p_id(p, prod->category_id);
    pg_p_text(p, prod->title);
    pg_p_text(p, prod->description ? prod->description : "");
    pg_p_text(p, prod->condition);
    pg_p_i64(p, prod->quantity);
    pg_p_i64(p, prod->buy_now_price);
    pg_p_i64(p, prod->shipping_weight_g);
    pg_p_i64(p, prod->length_mm);
    pg_p_i64(p, prod->width_mm);
    pg_p_i64(p, prod->height_mm);
    pg_p_i64(p, time);
}

int pg_product_create(store *st, const store_product *prod)
{
    pg_params p = {0};
    put_product(&p, prod, prod->created_at);
    pg_p_i64(&p, prod->seller_id);
    pg_p_i64(&p, prod->updated_at);
    return pg_guarded_command(
        pg_of(st), PG_PRODUCT_CREATE,
        "INSERT INTO products (id, category_id, title, description, condition, quantity, "
        "buy_now_price, shipping_weight_g, length_mm, width_mm, height_mm, created_at, "
        "seller_id, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        &p, NULL);
}

int pg_product_get(store *st, int64_t id, bz_arena *a, store_product *out)
{
    pg_store *s = pg_of(st);
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_PRODUCT_GET,
                      "SELECT " PG_PRODUCT_COLS " FROM products p "
                      "WHERE p.id = $1 AND p.deleted_at IS NULL",
                      NULL, &p, &res);
    if (rc == BZ_OK && PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, a, true};
        pg_read_product(&r, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc == BZ_OK ? pg_load_product_images(s, a, out, 1) : rc;
}

int pg_product_update(store *st, const store_product *prod)
{
    pg_params p = {0};
    put_product(&p, prod, prod->updated_at);
    int changes = 0;
    int rc = pg_guarded_command(pg_of(st), PG_PRODUCT_UPDATE,
                                "UPDATE products SET category_id = $2, title = $3, "
                                "description = $4, condition = $5, "
                                "quantity = CASE WHEN $6::integer < 0 THEN quantity "
                                "ELSE $6::integer END, "
                                "buy_now_price = $7, shipping_weight_g = $8, length_mm = $9, "
                                "width_mm = $10, height_mm = $11, updated_at = $12 "
                                "WHERE id = $1 AND deleted_at IS NULL",
                                &p, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

/* Products are soft-deleted so that rows of later features (auction lots, orders) can keep
 * referring to them; their image rows go, as the port promises. */
int pg_product_delete(store *st, int64_t id)
{
    pg_store *s = pg_of(st);
    int rc = pg_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    pg_params p = {0};
    pg_p_i64(&p, id);
    int changes = 0;
    rc = pg_command(s, PG_PRODUCT_SOFT_DELETE,
                    "UPDATE products SET deleted_at = " SQL_NOW_MS
                    " WHERE id = $1 AND deleted_at IS NULL",
                    &p, &changes);
    if (rc == BZ_OK && changes == 0) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        rc = pg_command(s, PG_PRODUCT_IMAGES_DELETE,
                        "DELETE FROM images WHERE kind = 'product' AND owner_id = $1", &p, NULL);
    }
    return pg_atomic_end(s, rc);
}

/* ---- search --------------------------------------------------------------- */

enum { SEARCH_TEXT = 1, SEARCH_CATEGORY = 2, SEARCH_SELLER = 4 };

/* Types of $1..$8, given to PQprepare because a variant may not mention every parameter. */
static const unsigned search_types[8] = {PG_OID_INT8, PG_OID_INT8, PG_OID_INT8, PG_OID_BOOL,
                                         PG_OID_TEXT, PG_OID_INT8, PG_OID_INT8, PG_OID_INT8};

/* One statement per combination of the filters that decide which index to use, each made
 * only of the constant fragments below, so that the planner sees a plain query; user input
 * only ever arrives as parameters. */
static void search_sql(unsigned variant, char *sql, size_t size)
{
    snprintf(sql, size,
             "SELECT " PG_PRODUCT_COLS " FROM products p "
             "WHERE p.deleted_at IS NULL AND p.id < $1 "
             "AND ($2 < 0 OR p.buy_now_price >= $2) AND ($3 < 0 OR p.buy_now_price <= $3) "
             "AND (NOT $4 OR p.quantity > 0) %s%s%s "
             "ORDER BY p.id DESC LIMIT $8",
             variant & SEARCH_TEXT ? "AND p.search @@ to_tsquery('simple', $5) " : "",
             variant & SEARCH_CATEGORY
                 ? "AND p.category_id IN (WITH RECURSIVE sub(id) AS (SELECT $6 UNION "
                   "SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id) "
                   "SELECT id FROM sub) "
                 : "",
             variant & SEARCH_SELLER ? "AND p.seller_id = $7 " : "");
}

int pg_product_search(store *st, const store_product_query *sq, bz_arena *a, store_product **out,
                      store_page *page)
{
    pg_store *s = pg_of(st);
    char tsquery[STORE_FTS_QUERY_MAXSIZE];
    unsigned variant = 0;
    if (sq->q && store_fts_query(sq->q, STORE_FTS_PG, tsquery, sizeof(tsquery)) > 0) {
        variant |= SEARCH_TEXT;
    }
    if (sq->category_id) {
        variant |= SEARCH_CATEGORY;
    }
    if (sq->seller_id) {
        variant |= SEARCH_SELLER;
    }
    int limit = store_clamp_limit(sq->limit);
    pg_params p = {0};
    pg_p_i64(&p, sq->cursor > 0 ? sq->cursor : INT64_MAX);
    pg_p_i64(&p, sq->min_price);
    pg_p_i64(&p, sq->max_price);
    pg_p_bool(&p, sq->in_stock);
    pg_p_text(&p, variant & SEARCH_TEXT ? tsquery : NULL);
    pg_p_i64(&p, sq->category_id);
    pg_p_i64(&p, sq->seller_id);
    pg_p_i64(&p, limit + 1); /* one more row says whether a next page exists */

    char sql[1024];
    search_sql(variant, sql, sizeof(sql));
    PGresult *res = NULL;
    int rc = pg_query(s, (enum pg_stmt_id)(PG_SEARCH_FIRST + variant), sql, search_types, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    size_t rows = (size_t)PQntuples(res);
    size_t n = rows > (size_t)limit ? (size_t)limit : rows;
    store_product *list = bz_arena_calloc(a, (size_t)limit, sizeof(*list));
    pg_row r = {res, 0, a, list != NULL};
    for (size_t i = 0; list && i < n; i++) {
        r.row = (int)i;
        pg_read_product(&r, &list[i]);
    }
    PQclear(res);
    if (!r.ok) {
        return BZ_EINTERNAL;
    }
    rc = pg_load_product_images(s, a, list, n);
    if (rc != BZ_OK) {
        return rc;
    }
    *out = list;
    page->n = n;
    page->next_cursor = rows > (size_t)limit ? list[n - 1].id : 0;
    return BZ_OK;
}
