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
    /* chat.c, wellbeing.c: a block of their own, numbered in sqlite_chat.h */
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

/* The adapter's own functions of the operations store_ops.h marks OWN: sq_<name>. */
#define SQL_OWN_PREFIX sq_
STORE_OPS(SQL_OWN_PROTO)

#endif
