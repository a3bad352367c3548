/*
 * store/sql/stock.c - a product's unsold units (the port's "Stock"): taking one for a sale,
 * and reading them with the count of the product's running auctions.
 */
#include "base/err.h"
#include "store/sql/sql.h"

/* Bind $1 to `product_id` and tell whether the query finds a row. */
/* One conditional statement: of any number of callers racing for the last unit exactly one
 * changes the row (a PostgreSQL writer that waited for the row re-checks `quantity > 0` on
 * the version it gets). */
static db_query Q_PRODUCT_TAKE_ONE =
    DB_QUERY("UPDATE products SET quantity = quantity - 1, updated_at = $2 "
             "WHERE id = $1 AND quantity > 0 AND deleted_at IS NULL");
static db_query Q_PRODUCT_EXISTS = DB_QUERY("SELECT 1 FROM products WHERE id = $1");

int sql_product_take_one(store *s, int64_t product_id, int64_t now)
{
    /* No row changed: no unit, or no product? A deleted product has no units. */
    return sql_change_or_why(s, &Q_PRODUCT_TAKE_ONE, &Q_PRODUCT_EXISTS, product_id, now,
                             BZ_EOUTOFSTOCK);
}

static db_query Q_PRODUCT_PUT_BACK =
    DB_QUERY("UPDATE products SET quantity = quantity + 1, "
             "updated_at = $2 WHERE id = $1 AND deleted_at IS NULL");

int sql_product_put_back(store *s, int64_t product_id, int64_t now)
{
    const int64_t v[] = {product_id, now};
    int changes = 0;
    bool found = true;
    int rc = db_exec_guarded(sql_prepare_ints(sql_db(s), &Q_PRODUCT_PUT_BACK, v, 2), &changes);
    if (rc == BZ_OK && changes == 0) { /* deleted (nothing to return to), or no product */
        rc = sql_exists_id(sql_db(s), &Q_PRODUCT_EXISTS, product_id, &found);
    }
    return rc == BZ_OK && !found ? BZ_ENOTFOUND : rc;
}

static db_query Q_PRODUCT_PARCEL =
    DB_QUERY("SELECT shipping_weight_g, coalesce(length_mm, 0), coalesce(width_mm, 0), "
             "coalesce(height_mm, 0) FROM products WHERE id = $1");

int sql_product_parcel(store *s, int64_t product_id, shipping_parcel *out)
{
    *out = (shipping_parcel){0};
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_PRODUCT_PARCEL, &product_id, 1);
    int64_t *const cols[] = {&out->weight_g, &out->length_mm, &out->width_mm, &out->height_mm};
    int rc = sql_fetch_ints(q, cols, 4);
    return rc != BZ_OK ? rc : out->weight_g > 0 ? BZ_OK : BZ_ENOTFOUND;
}

/* {for_no_key_update}: the lock an UPDATE of the row takes (PostgreSQL), so it orders starts
 * and sales but lets foreign-key checks (orders, lineups) through. */
static db_query Q_PRODUCT_LOCK = DB_QUERY("SELECT 1 FROM products WHERE id = $1 "
                                          "AND deleted_at IS NULL {for_no_key_update}");
/* The count walks auctions_running_idx (status, ends_at): only the running auctions. */
static db_query Q_PRODUCT_STOCK =
    DB_QUERY("SELECT p.quantity, (SELECT count(*) FROM auctions a "
             "WHERE a.status = 'running' AND a.product_id = p.id) "
             "FROM products p WHERE p.id = $1 AND p.deleted_at IS NULL");

/* Two statements when locking: the count must come from a snapshot taken after the lock was
 * granted (PostgreSQL's READ COMMITTED takes one per statement); one statement would read it
 * from the snapshot taken before waiting. */
int sql_product_stock(store *s, int64_t product_id, bool lock, int32_t *quantity, int64_t *running)
{
    if (lock) {
        bool found = false;
        int rc = sql_exists_id(sql_db(s), &Q_PRODUCT_LOCK, product_id, &found);
        if (rc != BZ_OK || !found) {
            return rc != BZ_OK ? rc : BZ_ENOTFOUND;
        }
    }
    db_stmt *q = sql_prepare_ints(sql_db(s), &Q_PRODUCT_STOCK, &product_id, 1);
    int rc = db_step(q);
    if (rc == DB_ROW) {
        *quantity = db_col_i32(q, 0);
        *running = db_col_i64(q, 1);
        rc = BZ_OK;
    } else if (rc == BZ_OK) {
        rc = BZ_ENOTFOUND;
    }
    db_reset(q);
    return rc;
}
