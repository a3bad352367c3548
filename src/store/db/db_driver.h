/*
 * store/db/db_driver.h - the other side of db.h: what a driver implements
 * (store/sqlite/sqlite_db.c, store/pg/pg_db.c), what its dialect says, and the
 * heads of a connection and a statement that db.c keeps for every driver.
 *
 * db.c owns what is the same for every database: the per-connection cache of
 * statements by query slot, rewriting canonical SQL for a dialect, the
 * in-use check, copying text into arenas and the fetch helpers. A driver
 * owns its handle, the statements' native state, error mapping and
 * transactions.
 */
#ifndef STORE_DB_DB_DRIVER_H
#define STORE_DB_DB_DRIVER_H

#include "store/db/db.h"

/* A dialect macro: {name} or {name $N} in canonical SQL becomes `text`, where "{}" stands
 * for the argument ($N). */
typedef struct db_macro {
    const char *name;
    const char *text;
} db_macro;

/* What differs between the SQL of two databases (one constant per driver). */
typedef struct db_dialect {
    const char *name;       /* "sqlite" | "postgres" */
    char placeholder;       /* how $N is written: '?' (?N) or '$' ($N) */
    const db_macro *macros; /* the {name} spellings, all of those db.h lists */
    size_t n_macros;
    char list_open, list_close; /* db_bind_ids: "[1,2]" (json_each) or "{1,2}" (bigint[]) */
    /* A failed statement aborts the whole transaction (PostgreSQL): db_exec_guarded then
     * needs a savepoint. */
    bool error_aborts_tx;
    /* db_fts_query */
    int (*fts_query)(const char *text, char *out, size_t size);
} db_dialect;

/* The head of every driver's statement: a driver's struct starts with it. db.c keeps it and
 * checks the use of a statement against it (base/check.h), so that a driver may take for
 * granted that a bind's index is one of the statement's parameters, that a column is read
 * only from a row and within it, and that a statement that ran to its end is not stepped
 * again before its reset (SQLite would run it again). */
struct db_stmt {
    db_conn *conn;
    int slot;    /* 0: the connection's `failed` statement, which has no driver part */
    int err;     /* the first failure (prepare, bind) since the last reset, or BZ_OK */
    int nparams; /* the highest $N of its SQL */
    int ncols;   /* columns of the current row, when `row` */
    bool busy;   /* between db_prepare and db_reset */
    bool oom;    /* a column reader ran out of arena memory since the last reset */
    bool row;    /* the last step gave a row */
    bool done;   /* the last step ended the statement (no more rows, or an error) */
};

typedef struct db_driver db_driver;

/* The head of every driver's connection. */
struct db_conn {
    const db_driver *drv;
    db_stmt **stmts; /* by query slot; NULL until that query is first prepared here */
    size_t n_stmts;
    db_stmt failed; /* what db_prepare hands out when it cannot prepare: err says why */
    bool atomic;    /* inside db_atomic_begin .. db_atomic_end (units do not nest) */
};

/* Every function gets the driver's own connection or statement (the head's container). */
struct db_driver {
    const db_dialect *dialect;

    /* Make the statement of query slot `slot` from `sql`, already rewritten for the dialect
     * (db_rewrite) and taking `nparams` parameters: a new driver statement with its head
     * zeroed but for conn and slot, owned by the connection. */
    int (*prepare)(db_conn *c, const char *sql, int nparams, int slot, db_stmt **out);
    void (*finalize)(db_stmt *st);

    /* Record parameter $i (1-based, at most nparams: db.c checked it); a failure goes into
     * st->err. */
    void (*bind_i64)(db_stmt *st, int i, int64_t v);
    void (*bind_bool)(db_stmt *st, int i, bool v);
    void (*bind_text)(db_stmt *st, int i, const char *s); /* borrowed until the step */
    void (*bind_text_owned)(db_stmt *st, int i, char *s); /* malloc'd: the driver frees it */
    void (*bind_null)(db_stmt *st, int i);
    void (*bind_blob)(db_stmt *st, int i, const void *b, size_t n); /* copied */

    int (*step)(db_stmt *st);            /* as db_step, st->err already checked */
    int (*col_count)(const db_stmt *st); /* columns of the row the step gave */
    int (*changes)(const db_stmt *st);
    void (*reset)(db_stmt *st); /* discard the result and every binding */

    /* The current row's column: its bytes (NULL for SQL NULL) and length. */
    const char *(*col_text)(db_stmt *st, int col, size_t *len);
    int64_t (*col_i64)(db_stmt *st, int col);
    bool (*col_bool)(db_stmt *st, int col);
    bool (*col_is_null)(db_stmt *st, int col);
    /* Exactly `n` bytes of a BLOB / bytea into out, or false (db.c then zeroes out). */
    bool (*col_blob)(db_stmt *st, int col, void *out, size_t n);

    /* Send the statement without waiting for its answer (st->err already checked); db.c
     * resets it afterwards. NULL: the driver has no such mode, db_exec it is. */
    int (*exec_deferred)(db_stmt *st);
    int (*sync)(db_conn *c);

    /* db.c has checked that begin comes outside a transaction, commit and rollback inside. */
    int (*begin)(db_conn *c);
    int (*commit)(db_conn *c);
    int (*rollback)(db_conn *c);
    bool (*in_tx)(const db_conn *c);
    int (*atomic_begin)(db_conn *c);
    int (*atomic_end)(db_conn *c, int rc);

    int (*ping)(db_conn *c);
    void (*close)(db_conn *c); /* after db.c finalized every statement: free the rest */
};

/* The members of struct db_driver but dialect and exec_deferred, for a driver whose functions
 * are named <prefix>_<member>: each driver's table is this list, not a copy of it. */
#define DB_DRIVER_FUNCTIONS(prefix)                                                                \
    .prepare = prefix##_prepare, .finalize = prefix##_finalize, .bind_i64 = prefix##_bind_i64,     \
    .bind_bool = prefix##_bind_bool, .bind_text = prefix##_bind_text,                              \
    .bind_text_owned = prefix##_bind_text_owned, .bind_null = prefix##_bind_null,                  \
    .bind_blob = prefix##_bind_blob, .step = prefix##_step, .col_count = prefix##_col_count,       \
    .changes = prefix##_changes, .reset = prefix##_reset, .col_text = prefix##_col_text,           \
    .col_i64 = prefix##_col_i64, .col_bool = prefix##_col_bool,                                    \
    .col_is_null = prefix##_col_is_null, .col_blob = prefix##_col_blob, .sync = prefix##_sync,     \
    .begin = prefix##_begin, .commit = prefix##_commit, .rollback = prefix##_rollback,             \
    .in_tx = prefix##_in_tx, .atomic_begin = prefix##_atomic_begin,                                \
    .atomic_end = prefix##_atomic_end, .ping = prefix##_ping, .close = prefix##_close

/* Set up the head of a new connection. */
void db_conn_init(db_conn *c, const db_driver *drv);

/* The canonical `sql` for dialect `d`: macros expanded, $N written as d's placeholder
 * (string literals and quoted names are left alone). Returns a malloc'd string the caller
 * frees, with *nparams the highest N; NULL (logged) for an unknown or malformed macro or no
 * memory. */
char *db_rewrite(const db_dialect *d, const char *sql, int *nparams);

#endif
