/*
 * store/sql/catalog.c - categories, products and product search.
 */
#include "base/err.h"
#include "store/sql/sql.h"
#include "store/store_util.h"

#include <stdint.h>
#include <string.h>

/* ---- categories --------------------------------------------------------- */

#define CATEGORY_COLS "id, coalesce(parent_id, 0), slug, name, position"

#define F(kind, field) SQL_COL(kind, catalog_category, field)
SQL_READER(read_category, catalog_category, F(I64, id), F(I64, parent_id), F(TEXT, slug),
           F(TEXT, name), F(I32, position))
#undef F

static db_query Q_CATEGORY_CREATE =
    DB_QUERY("INSERT INTO categories (id, parent_id, slug, name, position) "
             "VALUES ($1, $2, $3, $4, $5)");
static db_query Q_CATEGORIES = DB_QUERY("SELECT " CATEGORY_COLS " FROM categories "
                                        "ORDER BY coalesce(parent_id, 0), position, id");
static db_query Q_CATEGORY_GET = DB_QUERY("SELECT " CATEGORY_COLS " FROM categories WHERE id = $1");

int sql_category_create(store *s, const catalog_category *c)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_CATEGORY_CREATE, SQL_I64(c->id), SQL_ID(c->parent_id),
                             SQL_TEXT(c->slug), SQL_TEXT(c->name), SQL_I64(c->position));
    return db_exec_guarded(q, NULL); /* a taken slug: BZ_ECONFLICT */
}

int sql_categories(store *s, bz_arena *a, catalog_category **out, size_t *n)
{
    int rc = BZ_OK;
    *out =
        db_fetch_all(db_prepare(sql_db(s), &Q_CATEGORIES), a, read_category, sizeof(**out), n, &rc);
    return rc;
}

int sql_category_get(store *s, int64_t id, bz_arena *a, catalog_category *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_CATEGORY_GET, &id, 1), a, read_category,
                        out);
}

/* ---- products ------------------------------------------------------------ */

#define F(kind, field) SQL_COL(kind, catalog_product, field)
static const sql_col PRODUCT_ROW[] = SQL_COLS(
    F(I64, id), F(I64, seller_id), F(I64, category_id), F(TEXT, title), F(TEXT, description),
    F(TEXT, condition), F(I32, quantity), F(I64, buy_now_price), F(I32, shipping_weight_g),
    F(I32, length_mm), F(I32, width_mm), F(I32, height_mm), F(I64, created_at), F(I64, updated_at));
#undef F

void sql_read_product(db_stmt *q, bz_arena *a, void *dst)
{
    sql_read_cols(q, 0, a, dst, sizeof(catalog_product), PRODUCT_ROW,
                  sizeof(PRODUCT_ROW) / sizeof(PRODUCT_ROW[0]));
}

/* Parameters $2..$11 of both INSERT and UPDATE: the editable fields. */
#define PRODUCT_FIELDS(p)                                                                          \
    SQL_ID((p)->category_id), SQL_TEXT((p)->title),                                                \
        SQL_TEXT((p)->description ? (p)->description : ""), SQL_TEXT((p)->condition),              \
        SQL_I64((p)->quantity), SQL_I64((p)->buy_now_price), SQL_I64((p)->shipping_weight_g),      \
        SQL_I64((p)->length_mm), SQL_I64((p)->width_mm), SQL_I64((p)->height_mm)

static db_query Q_PRODUCT_CREATE =
    DB_QUERY("INSERT INTO products (id, category_id, title, description, condition, quantity, "
             "buy_now_price, shipping_weight_g, length_mm, width_mm, height_mm, seller_id, "
             "created_at, updated_at) "
             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");

int sql_product_create(store *s, const catalog_product *p)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_PRODUCT_CREATE, SQL_I64(p->id), PRODUCT_FIELDS(p),
                             SQL_I64(p->seller_id), SQL_I64(p->created_at), SQL_I64(p->updated_at));
    return db_exec_guarded(q, NULL);
}

static db_query Q_PRODUCT_GET = DB_QUERY("SELECT " SQL_PRODUCT_COLS " FROM products p "
                                         "WHERE p.id = $1 AND p.deleted_at IS NULL");

int sql_product_get(store *s, int64_t id, bz_arena *a, catalog_product *out)
{
    db_conn *c = sql_db(s);
    db_stmt *q = sql_prepare_ints(c, &Q_PRODUCT_GET, &id, 1);
    int rc = db_read_one(q, a, sql_read_product, out);
    /* The images are read before the product's statement is reset: while it is in use, SQLite
     * keeps one read transaction (and one shared lock) for both reads, instead of taking and
     * releasing the file lock twice on this hot path. */
    if (rc == BZ_OK) {
        rc = sql_load_product_images(c, a, out, 1);
    }
    db_reset(q);
    return rc;
}

/* A negative $6 keeps the stored quantity (app/ports/store_ops_catalog.h). */
static db_query Q_PRODUCT_UPDATE =
    DB_QUERY("UPDATE products SET category_id = $2, title = $3, description = $4, "
             "condition = $5, quantity = CASE WHEN CAST($6 AS INTEGER) < 0 THEN quantity "
             "ELSE $6 END, buy_now_price = $7, shipping_weight_g = $8, length_mm = $9, "
             "width_mm = $10, height_mm = $11, updated_at = $12 "
             "WHERE id = $1 AND deleted_at IS NULL");

int sql_product_update(store *s, const catalog_product *p)
{
    return sql_exec_one(SQL_PREPARE(sql_db(s), &Q_PRODUCT_UPDATE, SQL_I64(p->id), PRODUCT_FIELDS(p),
                                    SQL_I64(p->updated_at)),
                        true);
}

/* Products are soft-deleted so that rows of later features (auction lots, orders) can keep
 * referring to them; their image rows go, as the port promises. The port gives no `now`, so
 * the database clock stamps deleted_at. */
static db_query Q_PRODUCT_SOFT_DELETE =
    DB_QUERY("UPDATE products SET deleted_at = {now_ms} WHERE id = $1 AND deleted_at IS NULL");
static db_query Q_PRODUCT_IMAGES_DELETE =
    DB_QUERY("DELETE FROM images WHERE kind = 'product' AND owner_id = $1");

/* The steps of a delete, `arg` pointing to the product's id. */
static int soft_delete_product(db_conn *c, const void *arg)
{
    return sql_exec_one(sql_prepare_ints(c, &Q_PRODUCT_SOFT_DELETE, arg, 1), false);
}

static int delete_product_images(db_conn *c, const void *arg)
{
    return db_exec(sql_prepare_ints(c, &Q_PRODUCT_IMAGES_DELETE, arg, 1), NULL);
}

int sql_product_delete(store *s, int64_t id)
{
    return sql_atomic2(sql_db(s), soft_delete_product, delete_product_images, &id);
}

/* ---- search --------------------------------------------------------------- */

/*
 * One statement per combination of the filters that decide which index to use (text,
 * category, seller), each made only of constant text: the planner sees a plain query, and
 * user input only ever arrives as bound values. $1..$5 are the same in every variant (cursor,
 * price bounds, in-stock flag, row limit); the filters present take $6, $7, $8 in that order,
 * so that no variant leaves a parameter unmentioned (PostgreSQL could not infer its type).
 */
enum { SEARCH_TEXT = 1, SEARCH_CATEGORY = 2, SEARCH_SELLER = 4 };

#define SEARCH_SQL(text, category, seller)                                                         \
    "SELECT " SQL_PRODUCT_COLS " FROM products p "                                                 \
    "WHERE p.deleted_at IS NULL AND p.id < $1 "                                                    \
    "AND (CAST($2 AS BIGINT) < 0 OR p.buy_now_price >= $2) "                                       \
    "AND (CAST($3 AS BIGINT) < 0 OR p.buy_now_price <= $3) "                                       \
    "AND (NOT $4 OR p.quantity > 0) " text category seller "ORDER BY p.id DESC LIMIT $5"
#define BY_TEXT(n) "AND {product_matches " n "} "
#define BY_CATEGORY(n)                                                                             \
    "AND p.category_id IN (WITH RECURSIVE sub(id) AS (SELECT CAST(" n " AS BIGINT) UNION "         \
    "SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub) "
#define BY_SELLER(n) "AND p.seller_id = " n " "

static db_query Q_SEARCH[8] = {
    [0] = DB_QUERY(SEARCH_SQL("", "", "")),
    [SEARCH_TEXT] = DB_QUERY(SEARCH_SQL(BY_TEXT("$6"), "", "")),
    [SEARCH_CATEGORY] = DB_QUERY(SEARCH_SQL("", BY_CATEGORY("$6"), "")),
    [SEARCH_TEXT | SEARCH_CATEGORY] = DB_QUERY(SEARCH_SQL(BY_TEXT("$6"), BY_CATEGORY("$7"), "")),
    [SEARCH_SELLER] = DB_QUERY(SEARCH_SQL("", "", BY_SELLER("$6"))),
    [SEARCH_TEXT | SEARCH_SELLER] = DB_QUERY(SEARCH_SQL(BY_TEXT("$6"), "", BY_SELLER("$7"))),
    [SEARCH_CATEGORY | SEARCH_SELLER] =
        DB_QUERY(SEARCH_SQL("", BY_CATEGORY("$6"), BY_SELLER("$7"))),
    [SEARCH_TEXT | SEARCH_CATEGORY | SEARCH_SELLER] =
        DB_QUERY(SEARCH_SQL(BY_TEXT("$6"), BY_CATEGORY("$7"), BY_SELLER("$8"))),
};

/* Bind the search's parameters for `variant`; `match` is the full-text query. */
static void bind_search(db_stmt *q, unsigned variant, const catalog_product_query *sq,
                        const char *match, int limit)
{
    db_bind_i64(q, 1, sq->cursor > 0 ? sq->cursor : INT64_MAX);
    db_bind_i64(q, 2, sq->min_price);
    db_bind_i64(q, 3, sq->max_price);
    db_bind_bool(q, 4, sq->in_stock);
    db_bind_i64(q, 5, limit + 1); /* one more row says whether a next page exists */
    int next = 6;
    if (variant & SEARCH_TEXT) {
        db_bind_text(q, next++, match);
    }
    if (variant & SEARCH_CATEGORY) {
        db_bind_i64(q, next++, sq->category_id);
    }
    if (variant & SEARCH_SELLER) {
        db_bind_i64(q, next, sq->seller_id);
    }
}

int sql_product_search(store *s, const catalog_product_query *sq, bz_arena *a,
                       catalog_product **out, store_page *page)
{
    db_conn *c = sql_db(s);
    char match[DB_FTS_QUERY_MAXSIZE];
    unsigned variant = 0;
    if (sq->q && db_fts_query(c, sq->q, match, sizeof(match)) > 0) {
        variant |= SEARCH_TEXT;
    }
    if (sq->category_id) {
        variant |= SEARCH_CATEGORY;
    }
    if (sq->seller_id) {
        variant |= SEARCH_SELLER;
    }
    int limit = store_clamp_limit(sq->limit);
    catalog_product *rows = bz_arena_calloc(a, (size_t)limit, sizeof(*rows));
    if (!rows) {
        return BZ_EINTERNAL;
    }
    db_stmt *q = db_prepare(c, &Q_SEARCH[variant]);
    bind_search(q, variant, sq, match, limit);
    size_t n = 0;
    bool more = false;
    int rc = sql_fetch_page(q, a, sql_read_product, sizeof(*rows), rows, limit, &n, &more);
    if (rc == BZ_OK) {
        rc = sql_load_product_images(c, a, rows, n);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    *out = rows;
    page->n = n;
    page->next_cursor = more ? rows[n - 1].id : 0;
    return BZ_OK;
}
