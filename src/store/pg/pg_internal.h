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
    /* chat.c, wellbeing.c: a block of their own, numbered in pg_chat.h */
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
void pg_p_text(pg_params *p, const char *s); /* borrowed; NULL -> NULL */

/* Run statement `id` (prepared from `sql` with `types`, which may be NULL, on first use).
 * On BZ_OK *res holds the result (tuples or command) and the caller PQclears it. */
int pg_query(pg_store *s, enum pg_stmt_id id, const char *sql, const unsigned *types,
             const pg_params *p, PGresult **res);

/* Run a statement that returns no rows; *changes (may be NULL) receives its row count. */
int pg_command(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p, int *changes);

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

/* The adapter's own functions of the operations store_ops.h marks OWN: pg_<name>. */
#define SQL_OWN_PREFIX pg_
STORE_OPS(SQL_OWN_PROTO)

#endif
