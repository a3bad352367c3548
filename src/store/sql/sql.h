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

#include <stddef.h>

/* The head of every adapter's connection built on the driver. */
typedef struct sql_store {
    store base;
    db_conn *db; /* owned by the adapter, which closes it */
} sql_store;

static inline db_conn *sql_db(store *s)
{
    return ((sql_store *)s)->db;
}

/* Open an adapter's connection: the driver's, open(target, ...), inside `size` zeroed bytes
 * that start with the sql_store, whose ops are `ops`. BZ_OK (*out), the driver's error, or
 * BZ_EINTERNAL when memory runs out. */
typedef int (*sql_driver_open)(const char *target, db_conn **out);
int sql_store_open(size_t size, const struct store_ops *ops, sql_driver_open open,
                   const char *target, store **out);
/* The close of every such adapter: the driver's connection, then the adapter's. */
void sql_store_close(store *s);

/* The connection's part of struct store_ops, the same for every such adapter. */
int sql_ping(store *s);
int sql_begin(store *s);
int sql_commit(store *s);
int sql_rollback(store *s);

/* `query` prepared on `c` with $1..$n bound to v[0..n): prepare and binds in one call for
 * the many queries whose parameters are all integers. */
db_stmt *sql_prepare_ints(db_conn *c, db_query *query, const int64_t *v, int n);

/* One parameter's value, for SQL_PREPARE: as db_bind_i64, db_bind_id, db_bind_bool,
 * db_bind_text and db_bind_blob32 would bind it. Strings and bytes are borrowed as there. */
typedef struct sql_arg {
    enum { SQL_ARG_INT, SQL_ARG_BOOL, SQL_ARG_TEXT, SQL_ARG_BLOB32 } kind;
    bool null; /* bind NULL whatever the value */
    int64_t i;
    const void *p;
} sql_arg;

#define SQL_ARG(k, isnull, field, v) ((sql_arg){.kind = (k), .null = (isnull), .field = (v)})
#define SQL_I64(v)                   SQL_ARG(SQL_ARG_INT, false, i, v)
#define SQL_ID(v)                    SQL_ARG(SQL_ARG_INT, (v) == 0, i, v) /* 0 binds NULL; v read twice */
#define SQL_I64_IF(has, v)           SQL_ARG(SQL_ARG_INT, !(has), i, v) /* else NULL */
#define SQL_BOOL(v)                  SQL_ARG(SQL_ARG_BOOL, false, i, v)
#define SQL_BOOL_IF(has, v)          SQL_ARG(SQL_ARG_BOOL, !(has), i, v) /* else NULL */
#define SQL_TEXT(s)                  SQL_ARG(SQL_ARG_TEXT, false, p, s)  /* NULL binds NULL */
#define SQL_BLOB32(b)                SQL_ARG(SQL_ARG_BLOB32, false, p, b)

/* `query` prepared on `c` with $1..$n bound to v[0..n). As db_prepare. */
db_stmt *sql_prepare_args(db_conn *c, db_query *query, const sql_arg *v, int n);

/* sql_prepare_args with the values written out, $1 first:
 *   db_stmt *q = SQL_PREPARE(c, &Q_USER_UPDATE, SQL_I64(id), SQL_TEXT(name), SQL_I64(now)); */
#define SQL_PREPARE(c, query, ...)                                                                 \
    sql_prepare_args((c), (query), (const sql_arg[]){__VA_ARGS__},                                 \
                     (int)(sizeof((const sql_arg[]){__VA_ARGS__}) / sizeof(sql_arg)))

/* A column of a row struct, for sql_read_cols: how the value is read and where it goes. */
typedef struct sql_col {
    enum {
        SQL_COL_I64,
        SQL_COL_I32,
        SQL_COL_BOOL,
        SQL_COL_TEXT,
        SQL_COL_BLOB32,
        SQL_COL_SKIP
    } kind;
    size_t off;
} sql_col;

/* The sizes SQL_COL checks a field against: a column kind must match its field's type. */
#define SQL_COL_SIZE_I64    sizeof(int64_t)
#define SQL_COL_SIZE_I32    sizeof(int32_t)
#define SQL_COL_SIZE_BOOL   sizeof(bool)
#define SQL_COL_SIZE_TEXT   sizeof(const char *)
#define SQL_COL_SIZE_BLOB32 32

/* Column `field` of row struct `type`, read as `kind` (I64, I32, BOOL, TEXT, BLOB32); a field
 * of another size does not compile. SQL_SKIP: a column of the query that no field takes.
 * (Initializers: clang-format would break them over five lines each.) */
#define SQL_FIELD_CHECK(type, field, size)                                                         \
    (0 * sizeof(char[sizeof(((type *)0)->field) == (size) ? 1 : -1]))
/* clang-format off */
#define SQL_COL(kind, type, field) {SQL_COL_##kind, offsetof(type, field) + SQL_FIELD_CHECK(type, field, SQL_COL_SIZE_##kind)}
#define SQL_SKIP {SQL_COL_SKIP, 0}
/* clang-format on */
/* The initializer of a sql_col array: SQL_COLS(SQL_COL(...), SQL_SKIP, ...). */
#define SQL_COLS(...)                                                                              \
    {                                                                                              \
        __VA_ARGS__                                                                                \
    }

/* Zero the `size` bytes at `out`, then read columns first..first+n of the current row into
 * it as cols[0..n) say; text goes into `a` (NULL reads as ""). */
void sql_read_cols(db_stmt *q, int first, bz_arena *a, void *out, size_t size, const sql_col *cols,
                   size_t n);

/* A db_reader `name` of a row struct `type` from column 0 on, reading the columns listed
 * after it (SQL_COL, SQL_SKIP), with its table name##_cols. */
#define SQL_READER(name, type, ...)                                                                \
    static const sql_col name##_cols[] = {__VA_ARGS__};                                            \
    static void name(db_stmt *q, bz_arena *a, void *out)                                           \
    {                                                                                              \
        sql_read_cols(q, 0, a, out, sizeof(type), name##_cols,                                     \
                      sizeof(name##_cols) / sizeof(name##_cols[0]));                               \
    }

/* A db_reader of one integer column 0 into an int64_t (ids). */
void sql_read_id(db_stmt *q, bz_arena *a, void *out);

/* One write of a unit: its statements on `c` for the row `arg` points to. */
typedef int (*sql_step)(db_conn *c, const void *arg);

/* first(c, arg) and, when it succeeded, then(c, arg), as one unit (db_atomic_begin ..
 * db_atomic_end): both or neither. BZ_OK or the first error. */
int sql_atomic2(db_conn *c, sql_step first, sql_step then, const void *arg);

/* One row read with `read` into *out (strings in `a`): `query` with $1 bound to `id`, or
 * `locked` (the same query with {for_update}) when `lock`. BZ_ENOTFOUND, or the statement's
 * error. */
int sql_fetch_by_id(store *s, db_query *query, db_query *locked, bool lock, int64_t id, bz_arena *a,
                    db_reader read, void *out);

/* Every row `query` selects with $1..$nv bound to v[0..nv), read with `read` into an array in
 * `a` (`elem` bytes a row) as db_fetch_all reads them: *rows (NULL when none) and *n. BZ_OK,
 * BZ_EINTERNAL (the arena ran out) or the statement's error. */
int sql_fetch_rows(store *s, db_query *query, const int64_t *v, int nv, bz_arena *a, db_reader read,
                   size_t elem, void *rows, size_t *n);

/* Whether `query`, with $1 bound to `id`, finds a row: *found; BZ_OK or its error. */
int sql_exists_id(db_conn *c, db_query *query, int64_t id, bool *found);

/* Step `q` once: *out[i] receives column i (0..n) of the first row as an integer (NULL reads
 * as 0; every one 0 when there is no row or on failure). Resets `q`. BZ_OK or the
 * statement's error. */
int sql_fetch_ints(db_stmt *q, int64_t *const *out, int n);

/* db_exec (db_exec_guarded when `guarded`: a write that may fail with an expected error) for
 * a write meant to change one row: BZ_ENOTFOUND when it changed none. */
int sql_exec_one(db_stmt *q, bool guarded);

/* Step `q` for one page: read at most `limit` rows into rows[0..limit) (`elem` bytes each,
 * strings in `a`) with `read`; the query asks for limit + 1 rows, and *more tells whether
 * that extra row came, so whether a next page exists. Resets `q` on every path. BZ_OK,
 * BZ_EINTERNAL (the arena ran out) or the statement's error; *n rows read (0 on failure). */
int sql_fetch_page(db_stmt *q, bz_arena *a, db_reader read, size_t elem, void *rows, int limit,
                   size_t *n, bool *more);

/* One newest-first page of the rows `query` selects for an owner: it takes $1 = the owner,
 * $2 = the cursor (rows with ids below it; 0 starts at the newest) and $3 = the row limit, and
 * orders by id, newest first. Reads at most `limit` (clamped to 1..100) rows of `elem` bytes
 * with `read` into an array in `a`: *rows (NULL on failure), page->n of them, and
 * page->next_cursor, when more rows follow, the id of the last one (the int64_t at byte
 * `id_at` of a row), else 0. BZ_OK, BZ_EINTERNAL (no memory) or the statement's error. */
int sql_fetch_newest(db_conn *c, db_query *query, int64_t owner, int64_t cursor, int limit,
                     bz_arena *a, db_reader read, size_t elem, size_t id_at, void **rows,
                     store_page *page);

/* ---- shared by catalog.c, images.c and streams.c ---------------------------------------- */

/* The children of the `n` rows parents[0..n) (`stride` bytes apart, each id the int64_t at
 * byte `id_at`) in one query: `one`, which compares with $1, when n is 1, `page`, which takes
 * $1 as a list ({in_ids $1}), otherwise; bound to the parents' ids. One id is the hot path of
 * single reads, where SQLite's list (json_each) would cost more than the query. Its rows are
 * read as db_fetch_all reads them: the array (NULL when empty, when n is 0 or on failure),
 * *n_rows its length, *rc BZ_OK, BZ_EINTERNAL (the arena ran out) or the statement's error. */
void *sql_fetch_children(db_conn *c, db_query *one, db_query *page, const void *parents, size_t n,
                         size_t stride, size_t id_at, bz_arena *a, db_reader read, size_t elem,
                         size_t *n_rows, int *rc);

/* Where the rows of parent `owner` are among rows[0..n) (`elem` bytes each, grouped by the
 * int64_t at byte `owner_at`, as a query of a page's children orders them): their count, and
 * the index of the first in *first (0 when there are none). */
size_t sql_run_of(const void *rows, size_t n, size_t elem, size_t owner_at, int64_t owner,
                  size_t *first);

/* The columns of a products row (alias p), as sql_read_product reads them. */
#define SQL_PRODUCT_COLS                                                                           \
    "p.id, p.seller_id, coalesce(p.category_id, 0), p.title, p.description, p.condition, "         \
    "p.quantity, p.buy_now_price, p.shipping_weight_g, p.length_mm, p.width_mm, p.height_mm, "     \
    "p.created_at, p.updated_at"

/* A db_reader of SQL_PRODUCT_COLS: `out` is a catalog_product *, its images left empty. */
void sql_read_product(db_stmt *q, bz_arena *a, void *out);

/* The columns every read of an order takes, unqualified (NULLs read as 0 / ""), and a
 * db_reader of them: `out` is an order_record * (SQL_ORDER_NCOLS columns from 0). */
#define SQL_ORDER_COLS                                                                             \
    "id, coalesce(auction_id, 0), buyer_id, seller_id, product_id, coalesce(stream_id, 0), "       \
    "amount, currency, status, pay_by, payment_failed, failure_code, report_open, transferred, "   \
    "coalesce(delivered_at, 0), paid, refunded, shipping, tax, commission, share, "                \
    "coalesce(parcel_id, 0), coalesce(payment_id, 0), created_at, updated_at, "                    \
    "coalesce(returned_at, 0)"

#define SQL_ORDER_NCOLS 26
void sql_read_order(db_stmt *q, bz_arena *a, void *out);

/* Fill images / n_images of the `n` products (ordered by position, then id) with one query
 * for all of them. The images live in `a`. */
int sql_load_product_images(db_conn *c, bz_arena *a, catalog_product *products, size_t n);

/* db_exec for a conditional write of row `id`: when it changed no row, the query `exists`
 * (its $1 bound to id) tells why: `if_exists` when it finds the row (the condition did not
 * hold), BZ_ENOTFOUND when not. */
int sql_exec_or_why(db_conn *c, db_stmt *q, db_query *exists, int64_t id, int if_exists);

/* sql_exec_or_why for the conditional writes whose parameters are row `id` ($1) and `now`
 * ($2): taking a unit, using a refresh token, requeueing an outbox row. */
int sql_change_or_why(store *s, db_query *query, db_query *exists, int64_t id, int64_t now,
                      int if_exists);

/* The same for a write run already (with db_exec_guarded, say) that answered rc and changed
 * `changes` rows. */
int sql_why_unchanged(db_conn *c, int rc, int changes, db_query *exists, int64_t id, int if_exists);

/* Point the image of row `id` at `image_id` (0: none) with `query`, an UPDATE that takes $1
 * the row, $2 the image (NULL for none) and $3 now: an avatar, a show's cover. BZ_ENOTFOUND
 * when no row has that id. */
int sql_set_image(store *s, db_query *query, int64_t id, int64_t image_id, int64_t now);

/* int sql_<name>(params) for every operation of the list. */
#define SQL_PROTO(wrap, name, params, args) int sql_##name params;
STORE_OPS(SQL_PROTO)
#undef SQL_PROTO

/* An adapter's ops table: its name and migrate, and sql_* for the rest. */
#define SQL_OPS_ENTRY(wrap, name, params, args) .name = sql_##name,
#define SQL_STORE_OPS(adapter_name, migrate_fn)                                                    \
    {                                                                                              \
        .name = (adapter_name), .close = sql_store_close, .ping = sql_ping,                        \
        .migrate = (migrate_fn), .begin = sql_begin, .commit = sql_commit,                         \
        .rollback = sql_rollback, STORE_OPS(SQL_OPS_ENTRY)                                         \
    }

#endif
