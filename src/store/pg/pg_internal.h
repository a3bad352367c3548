/*
 * store/pg/pg_internal.h - what the PostgreSQL adapter's own files share, for
 * the areas not yet written once in store/sql: prepared statements by
 * number, parameters and row helpers, over the driver's connection
 * (pg_db.h, which also tells how connection loss is handled). Each area
 * ported to store/sql takes its statements and functions out of here.
 *
 * Every statement is a constant SQL string beside the code that binds it,
 * prepared (PQprepare) the first time a connection runs it and executed with
 * text parameters (PQexecPrepared). Values never become part of SQL text.
 */
#ifndef STORE_PG_INTERNAL_H
#define STORE_PG_INTERNAL_H

#include "app/ports/store.h"
#include "store/pg/pg_db.h"
#include "store/sql/sql.h"

#include <libpq-fe.h>
#include <stdbool.h>

enum pg_stmt_id {
    /* catalog.c, images.c */
    PG_CATEGORY_CREATE,
    PG_CATEGORIES,
    PG_CATEGORY_GET,
    PG_PRODUCT_CREATE,
    PG_PRODUCT_GET,
    PG_PRODUCT_UPDATE,
    PG_PRODUCT_SOFT_DELETE,
    PG_PRODUCT_IMAGES_DELETE,
    PG_IMAGES_OF,
    PG_IMAGE_CREATE,
    PG_IMAGE_GET,
    PG_IMAGE_DELETE,
    PG_IMAGE_COUNT,
    PG_SEARCH_FIRST, /* 8 variants, one per combination of the indexed filters */
    PG_SEARCH_LAST = PG_SEARCH_FIRST + 7,
    /* streams.c */
    PG_STREAM_CREATE,
    PG_STREAM_LINEUP_INSERT,
    PG_STREAM_GET,
    PG_STREAM_PRODUCT_IDS,
    PG_STREAM_SET_STATUS,
    PG_STREAM_SET_COVER,
    PG_STREAM_EXISTS,
    PG_STREAM_LINEUP,
    PG_STREAM_LIST_FIRST, /* 4 variants: scheduled | live, with or without a seller filter */
    PG_STREAM_LIST_LAST = PG_STREAM_LIST_FIRST + 3,
    /* auctions.c, orders.c */
    PG_STREAM_NEXT_SEQ,
    PG_STREAM_EVENT_INSERT,
    PG_STREAM_EVENTS,
    PG_AUCTION_CREATE,
    PG_AUCTION_GET,
    PG_AUCTION_GET_LOCKED,
    PG_AUCTION_RUNNING_OF_STREAM,
    PG_AUCTIONS_RUNNING,
    PG_AUCTION_UPDATE,
    PG_AUCTION_CLOSE,
    PG_AUCTION_EXISTS,
    PG_BID_INSERT,
    PG_BID_GET,
    PG_BIDS_OF,
    PG_BID_KEY_GET,
    PG_BID_KEY_PUT,
    PG_ORDER_CREATE,
    PG_ORDER_BY_AUCTION,
    PG_ORDERS_OF_BUYER,
    PG_ORDERS_OF_SELLER,
    PG_PRODUCT_TAKE_ONE,
    PG_PRODUCT_EXISTS,
    PG_PRODUCT_LOCK,
    PG_PRODUCT_STOCK,
    /* prebids.c: a block of its own, numbered in pg_prebid.h */
    PG_CHAT_FIRST,
    PG_CHAT_LAST = PG_CHAT_FIRST + 39,
    PG_NSTMT
};

typedef struct pg_store {
    sql_store sql; /* sql.db: the driver's connection, c */
    pg_conn *c;
    /* The session (c->session) each statement below was prepared in, 0 for none. */
    uint32_t prepared_in[PG_NSTMT];
} pg_store;

static inline pg_store *pg_of(store *s)
{
    return (pg_store *)s;
}

/* Type OIDs from PostgreSQL's catalog/pg_type.h, for statements whose parameters the server
 * cannot infer. */
#define PG_OID_BOOL 16
#define PG_OID_INT8 20
#define PG_OID_INT4 23
#define PG_OID_TEXT 25

#define PG_MAX_PARAMS 16

/* Text parameters of one call. Borrowed strings must outlive the call; numbers are printed
 * into the struct itself. */
typedef struct pg_params {
    int n;
    const char *values[PG_MAX_PARAMS];
    char text[PG_MAX_PARAMS][68];
} pg_params;

void pg_p_i64(pg_params *p, int64_t v);
void pg_p_id(pg_params *p, int64_t v); /* 0 -> NULL */
void pg_p_bool(pg_params *p, bool v);
void pg_p_text(pg_params *p, const char *s);                  /* borrowed; NULL -> NULL */
void pg_p_hex32(pg_params *p, const unsigned char bytes[32]); /* for decode($n, 'hex') */

/* Run statement `id` (prepared from `sql` with `types`, which may be NULL, on first use).
 * On BZ_OK *res holds the result (tuples or command) and the caller PQclears it. */
int pg_query(pg_store *s, enum pg_stmt_id id, const char *sql, const unsigned *types,
             const pg_params *p, PGresult **res);

/* Run a statement that returns no rows; *changes (may be NULL) receives its row count. */
int pg_command(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p, int *changes);

/* A write whose failure can only fail the whole transaction (an insert with a generated key).
 * Inside store_begin .. commit (and outside savepoints) it is sent in libpq's pipeline mode
 * without waiting for its answer, so a bid batch's inserts cost one round trip together
 * instead of one each; the answers are read (pg_db_sync) before the next statement of any
 * kind, and an error surfaces there (at the latest at commit, which then rolls back).
 * Elsewhere it is pg_command. */
int pg_command_deferred(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p);

/* A write that may fail with an expected error (unique or foreign key violation). Inside an
 * explicit transaction it runs under a savepoint, so that the failure does not abort the
 * caller's transaction, as it would in PostgreSQL otherwise. */
int pg_guarded_command(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p,
                       int *changes);

/* db_atomic_begin / db_atomic_end on the adapter's connection. */
int pg_atomic_begin(pg_store *s);
int pg_atomic_end(pg_store *s, int rc);

/* Reading a row into arena memory; `ok` turns false if the arena runs out. */
typedef struct pg_row {
    PGresult *res;
    int row;
    bz_arena *a;
    bool ok;
} pg_row;

const char *pg_text(pg_row *r, int col); /* NULL -> "" */
int64_t pg_i64(pg_row *r, int col);      /* NULL -> 0 */
int32_t pg_i32(pg_row *r, int col);
bool pg_bool(pg_row *r, int col);
void pg_hex32(pg_row *r, int col, unsigned char out[32]); /* from encode(x, 'hex') */

/* images.c: fill images / n_images of `n` products, ordered by position. */
int pg_load_product_images(pg_store *s, bz_arena *a, store_product *products, size_t n);

/* catalog.c: the columns of a product row (table alias p) and their reader. */
#define PG_PRODUCT_COLS                                                                            \
    "p.id, p.seller_id, coalesce(p.category_id, 0), p.title, p.description, p.condition, "         \
    "p.quantity, p.buy_now_price, p.shipping_weight_g, p.length_mm, p.width_mm, p.height_mm, "     \
    "p.created_at, p.updated_at"
void pg_read_product(pg_row *r, store_product *out);

/* The adapter's own functions of the operations store_ops.h marks OWN: pg_<name>. */
#define SQL_OWN_PREFIX pg_
STORE_OPS(SQL_OWN_PROTO)

#endif
