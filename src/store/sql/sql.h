/*
 * store/sql/sql.h - the store's queries, written once over the SQL driver
 * (store/db/db.h) for every adapter built on it: the operations that
 * app/ports/store_ops.h marks SQL, one file per area (users.c, sessions.c,
 * sellers.c, ...), each function named sql_<operation>.
 *
 * An adapter built on the driver lays out its connection as a sql_store
 * first, so that these functions find the driver's connection in any
 * `store *` they are given, and builds its ops table with SQL_OPS_ENTRY.
 */
#ifndef STORE_SQL_SQL_H
#define STORE_SQL_SQL_H

#include "app/ports/store.h"
#include "store/db/db.h"

/* The head of every adapter's connection built on the driver. */
typedef struct sql_store {
    store base;
    db_conn *db; /* owned by the adapter, which closes it */
} sql_store;

static inline db_conn *sql_db(store *s)
{
    return ((sql_store *)s)->db;
}

/* The connection's part of struct store_ops, the same for every such adapter. */
int sql_ping(store *s);
int sql_begin(store *s);
int sql_commit(store *s);
int sql_rollback(store *s);

/* `query` prepared on `c` with $1..$n bound to v[0..n): prepare and binds in one call for
 * the many queries whose parameters are all integers. */
db_stmt *sql_prepare_ints(db_conn *c, db_query *query, const int64_t *v, int n);

/* Step `q` once: *out[i] receives column i (0..n) of the first row as an integer (NULL reads
 * as 0; every one 0 when there is no row or on failure). Resets `q`. BZ_OK or the
 * statement's error. */
int sql_fetch_ints(db_stmt *q, int64_t *const *out, int n);

/* db_exec for a write meant to change one row: BZ_ENOTFOUND when it changed none. */
int sql_exec_one(db_stmt *q);

/* Step `q` for one page: read at most `limit` rows into rows[0..limit) (`elem` bytes each,
 * strings in `a`) with `read`; the query asks for limit + 1 rows, and *more tells whether
 * that extra row came, so whether a next page exists. Resets `q` on every path. BZ_OK,
 * BZ_EINTERNAL (the arena ran out) or the statement's error; *n rows read (0 on failure). */
int sql_fetch_page(db_stmt *q, bz_arena *a, db_reader read, size_t elem, void *rows, int limit,
                   size_t *n, bool *more);

/* ---- shared by catalog.c, images.c and streams.c ---------------------------------------- */

/* Put into use, with $1 bound, the query for the `n` (>= 1) ids of a page: `one`, which
 * compares with $1, when n is 1, `page`, which takes $1 as a list ({in_ids $1}), otherwise.
 * One id is the hot path of single reads, where SQLite's list (json_each) would cost more
 * than the query. As db_prepare. */
db_stmt *sql_prepare_ids(db_conn *c, db_query *one, db_query *page, const int64_t *ids, size_t n);

/* The columns of a products row (alias p), as sql_read_product reads them. */
#define SQL_PRODUCT_COLS                                                                           \
    "p.id, p.seller_id, coalesce(p.category_id, 0), p.title, p.description, p.condition, "         \
    "p.quantity, p.buy_now_price, p.shipping_weight_g, p.length_mm, p.width_mm, p.height_mm, "     \
    "p.created_at, p.updated_at"

/* A db_reader of SQL_PRODUCT_COLS: `out` is a catalog_product *, its images left empty. */
void sql_read_product(db_stmt *q, bz_arena *a, void *out);

/* Fill images / n_images of the `n` products (ordered by position, then id) with one query
 * for all of them. The images live in `a`. */
int sql_load_product_images(db_conn *c, bz_arena *a, catalog_product *products, size_t n);

/* db_exec for a conditional write of row `id`: when it changed no row, the query `exists`
 * (its $1 bound to id) tells why: `if_exists` when it finds the row (the condition did not
 * hold), BZ_ENOTFOUND when not. */
int sql_exec_or_why(db_conn *c, db_stmt *q, db_query *exists, int64_t id, int if_exists);

/* int sql_<name>(params) for every operation of the list. */
#define SQL_PROTO(wrap, name, params, args) int sql_##name params;
STORE_OPS(SQL_PROTO)
#undef SQL_PROTO

/* An adapter's ops table: its name, close and migrate, and sql_* for the rest. */
#define SQL_OPS_ENTRY(wrap, name, params, args) .name = sql_##name,
#define SQL_STORE_OPS(adapter_name, close_fn, migrate_fn)                                          \
    {                                                                                              \
        .name = (adapter_name), .close = (close_fn), .ping = sql_ping, .migrate = (migrate_fn),    \
        .begin = sql_begin, .commit = sql_commit, .rollback = sql_rollback,                        \
        STORE_OPS(SQL_OPS_ENTRY)                                                                   \
    }

#endif
