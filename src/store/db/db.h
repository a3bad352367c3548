/*
 * store/db/db.h - the SQL driver: one interface over SQLite and PostgreSQL, so
 * that each query of the store is written once (store/sql/).
 *
 * A query is a static db_query holding canonical SQL: parameters are $1..$N
 * in both dialects, and the few spellings that really differ are dialect
 * macros in braces, expanded by the connection's dialect when the query is
 * first prepared on it (store/sqlite/sqlite_dialect.c, store/pg/pg_dialect.c):
 *
 *   {now_ms}         the database clock, int64 ms since the epoch
 *   {for_update}     write-lock the rows read (PostgreSQL FOR UPDATE; SQLite
 *                    holds the database's write lock from BEGIN IMMEDIATE on)
 *   {for_no_key_update}
 *                    the same, but letting foreign-key checks of referring rows
 *                    through (PostgreSQL FOR NO KEY UPDATE)
 *   {skip_locked}    after a SELECT: write-lock the rows read, skipping rows another
 *                    transaction has locked (PostgreSQL FOR UPDATE SKIP LOCKED; SQLite
 *                    nothing: one writer holds the database)
 *   {in_ids $N}      "IN (the ids of list $N)", $N bound with db_bind_ids
 *   {id_rows $N}     the ids of list $N as a table (id, pos) for a FROM clause, pos
 *                    counting from 0 in list order; $N bound with db_bind_ids
 *   {product_matches $N}
 *                    "product p matches full-text query $N" (p: a products row),
 *                    $N bound with the text db_fts_query wrote
 *   {collate_bytes}  after an ORDER BY term: compare text byte by byte (SQLite
 *                    BINARY, PostgreSQL "C"), the same order on both
 *
 * Everything else is written once in SQL both accept: CAST($n AS BIGINT)
 * where PostgreSQL cannot infer a parameter's type, TRUE/FALSE, ON CONFLICT,
 * RETURNING, row values.
 *
 *   static db_query Q_USER_NAME = DB_QUERY("SELECT username FROM users WHERE id = $1");
 *
 *   db_stmt *q = db_prepare(c, &Q_USER_NAME);
 *   db_bind_i64(q, 1, id);
 *   int rc = db_step(q);                    // DB_ROW, BZ_OK (no row) or an error
 *   const char *name = rc == DB_ROW ? db_col_text(q, 0, a) : NULL;
 *   db_reset(q);                            // always, on every path
 *
 * or, the usual shapes in one call each: db_exec, db_exec_guarded,
 * db_exec_deferred, db_fetch_one, db_fetch_all, db_exists.
 *
 * Rules:
 * - A connection belongs to one thread at a time; nothing here locks.
 * - db_prepare hands out the connection's one statement for that query: it is
 *   prepared once per connection (PostgreSQL: again after a reconnect), owned
 *   by the connection and kept until db_close; callers never free it.
 * - Between db_prepare and db_reset the statement is in use; db_reset (or any
 *   helper that runs it) ends the use and must come on every path, so that
 *   no statement holds a read transaction or a result open between calls.
 *   Checked: preparing a statement still in use is logged and resets it
 *   first; stepping one not in use is BZ_EINTERNAL. One statement per query
 *   and connection means a query cannot run inside its own result loop.
 * - Preparing and binding report no errors of their own: a statement that
 *   cannot be prepared, or a bind that cannot be done (no memory, an index out
 *   of range), leaves the error in the statement, and its first step (or the
 *   helper that runs it) returns it. So a call site is prepare, binds, run.
 * - Strings bound are borrowed until the statement is stepped (or reset);
 *   strings read are copied into the caller's arena.
 * - Errors are BZ_E* codes: BZ_ENOTFOUND for a foreign-key violation, the
 *   codes of store_unique_violation_code for a unique one, BZ_EUNAVAILABLE
 *   when the database cannot be reached or is busy, BZ_EINTERNAL otherwise.
 * - Outside db_begin .. db_commit every statement is its own transaction.
 */
#ifndef STORE_DB_DB_H
#define STORE_DB_DB_H

#include "base/arena.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct db_conn db_conn; /* a connection: store/sqlite or store/pg opens one */
typedef struct db_stmt db_stmt; /* one query prepared on one connection, owned by it */

/* A query: canonical SQL and the slot of its statement in every connection's cache, taken
 * from a process-wide counter the first time any connection prepares it. Define each one
 * once, static and not const, beside the code that binds it; never write its fields. */
typedef struct db_query {
    const char *sql;
    atomic_int slot; /* 0 until first prepared */
} db_query;

#define DB_QUERY(text)                                                                             \
    {                                                                                              \
        .sql = (text)                                                                              \
    }

/* db_step's answer when a row is ready; BZ_OK means the statement ran to its end. */
#define DB_ROW 1

/* ---- statements ------------------------------------------------------------------------- */

/* Put `q`'s statement of connection `c` into use, preparing it on first use (PostgreSQL:
 * on the wire when it first runs). Never NULL: when it cannot be prepared (bad SQL, an
 * unknown macro, no memory) the statement returned carries the error, ignores binds and
 * fails its first step; it is reset like any other. Owned by the connection. */
db_stmt *db_prepare(db_conn *c, db_query *q);

/* Bind parameter $i (1-based). */
void db_bind_i64(db_stmt *st, int i, int64_t v);
void db_bind_id(db_stmt *st, int i, int64_t id);      /* 0 ("none") binds NULL */
void db_bind_bool(db_stmt *st, int i, bool v);        /* 1/0 in SQLite, t/f in PostgreSQL */
void db_bind_text(db_stmt *st, int i, const char *s); /* NULL binds NULL */
void db_bind_null(db_stmt *st, int i);
void db_bind_blob32(db_stmt *st, int i, const unsigned char bytes[32]); /* a bytea / BLOB */
void db_bind_blob(db_stmt *st, int i, const void *bytes, size_t n); /* copied; NULL binds NULL */
/* The `n` ids as one parameter, for a {in_ids $i} of the query (a JSON array for SQLite's
 * json_each, a bigint[] for PostgreSQL). Copied. */
void db_bind_ids(db_stmt *st, int i, const int64_t *ids, size_t n);

/* Run the statement (first call) or move to its next row: DB_ROW, BZ_OK when there are no
 * more rows, or an error. After an error only db_reset is allowed. */
int db_step(db_stmt *st);

/* Rows changed by the statement, valid once db_step has returned BZ_OK. */
int db_changes(const db_stmt *st);

/* End the statement's use: discard its result and bindings. NULL allowed. */
void db_reset(db_stmt *st);

/* ---- columns of the current row (0-based), valid after db_step returned DB_ROW --------- */

/* A copy in `a`; NULL reads as "". When `a` runs out the result is "" and db_row_ok turns
 * false until db_reset. */
const char *db_col_text(db_stmt *st, int col, bz_arena *a);
int64_t db_col_i64(db_stmt *st, int col); /* NULL reads as 0 */
int32_t db_col_i32(db_stmt *st, int col); /* NULL reads as 0 */
bool db_col_bool(db_stmt *st, int col);   /* NULL reads as false */
bool db_col_is_null(db_stmt *st, int col);
/* A 32-byte BLOB / bytea; zeros when NULL or not 32 bytes long. */
void db_col_blob32(db_stmt *st, int col, unsigned char out[32]);
/* An `n`-byte BLOB / bytea into `out`: true if the column holds exactly n bytes, else false
 * with `out` zeroed. */
bool db_col_blob(db_stmt *st, int col, void *out, size_t n);
/* Text into `buf` of `size` bytes, for a field of fixed size: true if the column is not NULL
 * and fits with its NUL, else false with `buf` "". */
bool db_col_text_to(db_stmt *st, int col, char *buf, size_t size);
/* False once a column reader of this use ran out of arena memory. */
bool db_row_ok(const db_stmt *st);

/* ---- running a statement in one call: each resets `st` on every path ------------------ */

/* Step to the end (rows are discarded). *changes (may be NULL) receives db_changes, 0 on
 * failure. */
int db_exec(db_stmt *st, int *changes);

/* db_exec for a write that may fail with an expected error (a unique or foreign-key
 * violation the caller turns into an answer). PostgreSQL aborts a transaction on any
 * error, so inside db_begin .. db_commit it runs under a savepoint there; SQLite needs
 * nothing. */
int db_exec_guarded(db_stmt *st, int *changes);

/* A write whose failure can only fail the whole transaction (an insert with a generated
 * key, inside a locked batch). Inside db_begin .. db_commit and outside db_atomic units,
 * PostgreSQL sends it in pipeline mode without waiting for the answer, so a batch's writes
 * cost one round trip together; the answers are read by db_sync, which every other
 * statement and db_commit run first, so its failure comes from a later call of the
 * transaction or from db_commit (which then rolls back). Elsewhere, and on SQLite, it is
 * db_exec. */
int db_exec_deferred(db_stmt *st);

/* Read the answers of deferred writes: BZ_OK or the first error. */
int db_sync(db_conn *c);

/* A reader fills `out` (one row struct) from the current row; its strings go into `a`. */
typedef void (*db_reader)(db_stmt *st, bz_arena *a, void *out);

/* Step once and read the row: BZ_OK, BZ_ENOTFOUND (no row), BZ_EINTERNAL (the arena ran
 * out) or the statement's error. `a` may be NULL when `read` reads no text. */
int db_fetch_one(db_stmt *st, bz_arena *a, db_reader read, void *out);
/* The same without the reset: the statement stays in use (on SQLite, with its read
 * transaction) until the caller resets it, after reading what belongs with the row. */
int db_read_one(db_stmt *st, bz_arena *a, db_reader read, void *out);

/* Step to the end, reading each row into a growing array of `elem`-byte items in `a`:
 * returns it (NULL when empty or on failure) with *n its length; *rc is BZ_OK, BZ_EINTERNAL
 * (the arena ran out) or the statement's error, never BZ_ENOTFOUND. */
void *db_fetch_all(db_stmt *st, bz_arena *a, db_reader read, size_t elem, size_t *n, int *rc);

/* Step once: *found tells whether there was a row. */
int db_exists(db_stmt *st, bool *found);

/* ---- transactions -------------------------------------------------------------------- */

/* An explicit transaction (store_begin): SQLite BEGIN IMMEDIATE, which takes the write lock
 * up front, so a transaction that reads then writes cannot fail with "busy" at its write.
 * Nested begin, and commit or rollback without begin, are BZ_EINTERNAL. A failed commit
 * rolls back. On PostgreSQL, when the connection dies inside the transaction every call
 * answers BZ_EUNAVAILABLE until db_rollback, so that no write of it can run in autocommit
 * mode on the new connection. */
int db_begin(db_conn *c);
int db_commit(db_conn *c);
int db_rollback(db_conn *c);
bool db_in_tx(const db_conn *c);

/* Several statements as one unit: a transaction of their own, or a savepoint inside the
 * caller's transaction. db_atomic_end commits (rc == BZ_OK) or rolls back the unit and
 * returns rc, or the commit's error. Units do not nest. */
int db_atomic_begin(db_conn *c);
int db_atomic_end(db_conn *c, int rc);

/* ---- the connection ------------------------------------------------------------------ */

/* BZ_OK if the database answers (PostgreSQL: reconnecting once if needed). */
int db_ping(db_conn *c);

/* "sqlite" or "postgres". */
const char *db_name(const db_conn *c);

/* The full-text query for text a user typed, in the dialect's syntax, for {product_matches $N}:
 * returns the number of terms (0: no text filter, out is ""). `out` holds at least
 * DB_FTS_QUERY_MAXSIZE bytes. */
#define DB_FTS_QUERY_MAXSIZE 1153
int db_fts_query(const db_conn *c, const char *text, char *out, size_t size);

/* Finalize every statement and close the connection. NULL allowed. */
void db_close(db_conn *c);

#endif
