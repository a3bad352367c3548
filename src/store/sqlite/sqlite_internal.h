/*
 * store/sqlite/sqlite_internal.h - what the SQLite adapter's own files share,
 * for the areas not yet written once in store/sql: the connection, its cache
 * of prepared statements, and row helpers. Each area ported to store/sql
 * takes its statements and functions out of here; the driver (sqlite_db.c)
 * and the migrations stay.
 *
 * Every statement is prepared once per connection, on first use, from a
 * constant SQL string that sits beside the code binding its parameters.
 * After each use it is reset and its bindings cleared (sq_done), so that no
 * statement keeps a read transaction open between calls.
 */
#ifndef STORE_SQLITE_INTERNAL_H
#define STORE_SQLITE_INTERNAL_H

#include "app/ports/store.h"
#include "store/sql/sql.h"
#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>
#include <stdbool.h>

enum sq_stmt_id {
    /* catalog.c, images.c */
    SQ_CATEGORY_CREATE,
    SQ_CATEGORIES,
    SQ_CATEGORY_GET,
    SQ_PRODUCT_CREATE,
    SQ_PRODUCT_GET,
    SQ_PRODUCT_UPDATE,
    SQ_PRODUCT_SOFT_DELETE,
    SQ_PRODUCT_IMAGES_DELETE,
    SQ_IMAGES_OF,
    SQ_IMAGE_CREATE,
    SQ_IMAGE_GET,
    SQ_IMAGE_DELETE,
    SQ_IMAGE_COUNT,
    SQ_SEARCH_FIRST, /* 8 variants, one per combination of the indexed filters */
    SQ_SEARCH_LAST = SQ_SEARCH_FIRST + 7,
    /* streams.c */
    SQ_STREAM_CREATE,
    SQ_STREAM_LINEUP_INSERT,
    SQ_STREAM_GET,
    SQ_STREAM_PRODUCT_IDS,
    SQ_STREAM_SET_STATUS,
    SQ_STREAM_SET_COVER,
    SQ_STREAM_EXISTS,
    SQ_STREAM_LINEUP,
    SQ_STREAM_LIST_FIRST, /* 4 variants: scheduled | live, with or without a seller filter */
    SQ_STREAM_LIST_LAST = SQ_STREAM_LIST_FIRST + 3,
    /* auctions.c */
    SQ_STREAM_NEXT_SEQ,
    SQ_STREAM_EVENT_INSERT,
    SQ_STREAM_EVENTS,
    SQ_AUCTION_CREATE,
    SQ_AUCTION_GET,
    SQ_AUCTION_RUNNING_OF_STREAM,
    SQ_AUCTIONS_RUNNING,
    SQ_AUCTION_UPDATE,
    SQ_AUCTION_CLOSE,
    SQ_AUCTION_EXISTS,
    SQ_BID_INSERT,
    SQ_BID_GET,
    SQ_BIDS_OF,
    SQ_BID_KEY_GET,
    SQ_BID_KEY_PUT,
    SQ_ORDER_CREATE,
    SQ_ORDER_BY_AUCTION,
    SQ_ORDERS_OF_BUYER,
    SQ_ORDERS_OF_SELLER,
    SQ_PRODUCT_TAKE_ONE,
    SQ_PRODUCT_EXISTS,
    SQ_PRODUCT_STOCK,
    /* prebids.c: a block of its own, numbered in sqlite_prebid.h */
    SQ_CHAT_FIRST,
    SQ_CHAT_LAST = SQ_CHAT_FIRST + 39,
    SQ_NSTMT
};

typedef struct sq_store {
    sql_store sql; /* sql.db: the driver's connection, which owns the handle */
    sqlite3 *db;   /* its handle, for the statements below */
    sqlite3_stmt *stmts[SQ_NSTMT];
} sq_store;

static inline sq_store *sq_of(store *s)
{
    return (sq_store *)s;
}

/* The cached statement `id`, prepared from `sql` on first use. NULL on failure, with the
 * error code in *rc. */
sqlite3_stmt *sq_stmt(sq_store *s, enum sq_stmt_id id, const char *sql, int *rc);

/* Reset a statement after use (NULL allowed). */
void sq_done(sqlite3_stmt *st);

/* Map an SQLite result code (of the last call on s->db) to a BZ_E* code. */
int sq_error(sq_store *s, int sqlite_rc);

/* Step a write statement to completion and reset it. BZ_OK or a mapped error; *changes (may
 * be NULL) receives the number of rows it changed. */
int sq_run(sq_store *s, sqlite3_stmt *st, int *changes);

/* Several statements as one unit: a transaction of its own, or a savepoint inside the
 * caller's. sq_atomic_end commits (rc == BZ_OK) or rolls back, and returns rc or the commit's
 * error. */
int sq_atomic_begin(sq_store *s);
int sq_atomic_end(sq_store *s, int rc);

/* Bind helpers: NULL text binds SQL NULL; sq_bind_id binds NULL for 0 ("none"). */
void sq_bind_text(sqlite3_stmt *st, int i, const char *text);
void sq_bind_id(sqlite3_stmt *st, int i, int64_t id);

/* Reading a row into arena memory; `ok` turns false if the arena runs out. */
typedef struct sq_row {
    sqlite3_stmt *st;
    bz_arena *a;
    bool ok;
} sq_row;

const char *sq_text(sq_row *r, int col); /* NULL column -> "" */

/* Reads the current row into `out` (a row struct of the reader's type). Readers take void * so
 * that the two loops below serve every table. */
typedef void (*sq_reader)(sq_row *r, void *out);

/* Step `q` for one row and read it: BZ_OK, BZ_ENOTFOUND (no row), BZ_EINTERNAL (the arena ran
 * out), or the statement's error. The caller still sq_done()s `q`. */
int sq_fetch_one(sq_store *s, sqlite3_stmt *q, bz_arena *a, sq_reader read, void *out);

/* Step `q` to the end, reading each row into a growing arena array of `elem`-byte items:
 * returns the array (NULL when empty or on failure), *n its length, *rc the outcome as above
 * but never BZ_ENOTFOUND. The caller still sq_done()s `q`. */
void *sq_fetch_all(sq_store *s, sqlite3_stmt *q, bz_arena *a, sq_reader read, size_t elem,
                   size_t *n, int *rc);
int64_t sq_i64(sq_row *r, int col); /* NULL column -> 0 */
int32_t sq_i32(sq_row *r, int col);

/* catalog.c: the columns of a product row (table alias p) and their reader. */
#define SQ_PRODUCT_COLS                                                                            \
    "p.id, p.seller_id, coalesce(p.category_id, 0), p.title, p.description, p.condition, "         \
    "p.quantity, p.buy_now_price, p.shipping_weight_g, p.length_mm, p.width_mm, p.height_mm, "     \
    "p.created_at, p.updated_at"
void sq_read_product(sq_row *r, void *out); /* out: store_product *; an sq_reader */

/* The adapter's own functions of the operations store_ops.h marks OWN: sq_<name>. */
#define SQL_OWN_PREFIX sq_
STORE_OPS(SQL_OWN_PROTO)

/* images.c: fill p->images / p->n_images with the product's images, ordered by position. */
int sq_load_product_images(sq_store *s, bz_arena *a, store_product *p);

#endif
