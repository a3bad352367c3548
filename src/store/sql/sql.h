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
#ifndef STORE_SQL_H
#define STORE_SQL_H

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

/* A db_reader of SQL_PRODUCT_COLS: `out` is a store_product *, its images left empty. */
void sql_read_product(db_stmt *q, bz_arena *a, void *out);

/* Fill images / n_images of the `n` products (ordered by position, then id) with one query
 * for all of them. The images live in `a`. */
int sql_load_product_images(db_conn *c, bz_arena *a, store_product *products, size_t n);

/* int sql_<name>(params) for every operation marked SQL. */
#define SQL_PROTO_SQL(name, params) int sql_##name params;
#define SQL_PROTO_OWN(name, params)
#define SQL_PROTO(impl, wrap, name, params, args) SQL_PROTO_##impl(name, params)
STORE_OPS(SQL_PROTO)
#undef SQL_PROTO

/* An adapter's ops table: its name, close and migrate, and sql_* for the rest. */
#define SQL_STORE_OPS(adapter_name, close_fn, migrate_fn)                                          \
    {                                                                                              \
        .name = (adapter_name), .close = (close_fn), .ping = sql_ping, .migrate = (migrate_fn),    \
        .begin = sql_begin, .commit = sql_commit, .rollback = sql_rollback,                        \
        STORE_OPS(SQL_OPS_ENTRY)                                                                   \
    }

/*
 * While some areas still have a copy in each adapter (impl OWN in the list), an adapter
 * defines SQL_OWN_PREFIX (sq_, pg_) before using SQL_STORE_OPS, which then takes
 * <prefix><name> for those operations, and declares them with STORE_OPS(SQL_OWN_PROTO).
 */
#define SQL_CAT_(a, b)                                a##b
#define SQL_CAT(a, b)                                 SQL_CAT_(a, b)
#define SQL_IMPL_SQL(name)                            sql_##name
#define SQL_IMPL_OWN(name)                            SQL_CAT(SQL_OWN_PREFIX, name)
#define SQL_OPS_ENTRY(impl, wrap, name, params, args) .name = SQL_IMPL_##impl(name),
#define SQL_OWN_PROTO_SQL(name, params)               /* in store/sql */
#define SQL_OWN_PROTO_OWN(name, params)               int SQL_IMPL_OWN(name) params;
#define SQL_OWN_PROTO(impl, wrap, name, params, args) SQL_OWN_PROTO_##impl(name, params)

#endif
