/*
 * store/sqlite/sqlite_db.c - the SQLite driver of store/db/db.h: opening,
 * statements, error mapping and transactions.
 *
 * Durability: journal_mode=WAL with synchronous=NORMAL. A commit is in the
 * WAL file (the OS page cache) before sqlite3_step returns, so an
 * acknowledged write survives kill -9 of the process, which is the promise
 * Blytz makes (DESIGN.md section 5). What NORMAL gives up is the last
 * commits before a power cut or kernel crash; synchronous=FULL would buy
 * that with an fsync per commit.
 */
#include "store/sqlite/sqlite_db.h"

#include "base/err.h"
#include "base/log.h"
#include "store/db/db_driver.h"
#include "store/store_util.h"

#include <stdlib.h>
#include <string.h>

#define BUSY_TIMEOUT_MS 5000

typedef struct lite_conn {
    db_conn base;
    sqlite3 *db;
    bool in_tx; /* inside db_begin .. commit/rollback */
} lite_conn;

typedef struct lite_stmt {
    db_stmt base;
    sqlite3_stmt *st;
    int changes; /* of the last run to its end */
} lite_stmt;

static lite_conn *conn_of(db_conn *c)
{
    return (lite_conn *)c;
}

static lite_stmt *stmt_of(db_stmt *st)
{
    return (lite_stmt *)st;
}

static sqlite3 *db_of(db_stmt *st)
{
    return conn_of(st->conn)->db;
}

sqlite3 *sqlite_db_handle(db_conn *c)
{
    return conn_of(c)->db;
}

/* ---- errors ---------------------------------------------------------------------------- */

int sqlite_db_error(sqlite3 *db, int sqlite_rc)
{
    switch (sqlite_rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return BZ_OK;
    case SQLITE_CONSTRAINT:
        if (sqlite_rc == SQLITE_CONSTRAINT_UNIQUE || sqlite_rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
            /* "UNIQUE constraint failed: users.email" or "...: index 'users_username_lower_key'" */
            return store_unique_violation_code(sqlite3_errmsg(db));
        }
        if (sqlite_rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
            return BZ_ENOTFOUND; /* the row referred to does not exist */
        }
        bz_error("sqlite: %s", sqlite3_errmsg(db));
        return BZ_EINTERNAL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
        bz_warn("sqlite unavailable: %s", sqlite3_errmsg(db));
        return BZ_EUNAVAILABLE;
    case SQLITE_NOMEM:
        return BZ_EINTERNAL;
    default:
        bz_error("sqlite: %s", sqlite3_errmsg(db));
        return BZ_EINTERNAL;
    }
}

int sqlite_db_exec_script(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int src = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (src != SQLITE_OK) {
        bz_error("sqlite: %s", msg ? msg : sqlite3_errstr(src));
    }
    sqlite3_free(msg);
    return src == SQLITE_OK ? BZ_OK : sqlite_db_error(db, src);
}

/* ---- statements ------------------------------------------------------------------------ */

static int lite_prepare(db_conn *c, const char *sql, int nparams, int slot, db_stmt **out)
{
    (void)nparams; /* SQLite counts them itself */
    sqlite3 *db = conn_of(c)->db;
    lite_stmt *st = calloc(1, sizeof(*st));
    if (!st) {
        return BZ_EINTERNAL;
    }
    int src = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->st, NULL);
    if (src != SQLITE_OK) {
        bz_error("sqlite: prepare %.60s: %s", sql, sqlite3_errmsg(db));
        free(st);
        return sqlite_db_error(db, src);
    }
    st->base.conn = c;
    st->base.slot = slot;
    *out = &st->base;
    return BZ_OK;
}

static void lite_finalize(db_stmt *st)
{
    sqlite3_finalize(stmt_of(st)->st);
    free(st);
}

/* Remember the first failed bind; db_step reports it. */
static void bound(db_stmt *st, int src)
{
    if (src != SQLITE_OK && st->err == BZ_OK) {
        st->err = sqlite_db_error(db_of(st), src);
        st->err = st->err == BZ_OK ? BZ_EINTERNAL : st->err;
    }
}

static void lite_bind_i64(db_stmt *st, int i, int64_t v)
{
    bound(st, sqlite3_bind_int64(stmt_of(st)->st, i, v));
}

static void lite_bind_bool(db_stmt *st, int i, bool v)
{
    bound(st, sqlite3_bind_int(stmt_of(st)->st, i, v ? 1 : 0));
}

static void lite_bind_text(db_stmt *st, int i, const char *s)
{
    bound(st, sqlite3_bind_text(stmt_of(st)->st, i, s, -1, SQLITE_TRANSIENT));
}

static void lite_bind_text_owned(db_stmt *st, int i, char *s)
{
    /* SQLite frees it, even when the bind fails, given a length that is not negative. */
    bound(st, sqlite3_bind_text(stmt_of(st)->st, i, s, (int)strlen(s), free));
}

static void lite_bind_null(db_stmt *st, int i)
{
    bound(st, sqlite3_bind_null(stmt_of(st)->st, i));
}

static void lite_bind_blob(db_stmt *st, int i, const void *b, size_t n)
{
    bound(st, sqlite3_bind_blob64(stmt_of(st)->st, i, b, n, SQLITE_TRANSIENT));
}

static int lite_step(db_stmt *st)
{
    int src = sqlite3_step(stmt_of(st)->st);
    if (src == SQLITE_ROW) {
        return DB_ROW;
    }
    if (src == SQLITE_DONE) {
        stmt_of(st)->changes = sqlite3_changes(db_of(st));
        return BZ_OK;
    }
    return sqlite_db_error(db_of(st), src);
}

static int lite_col_count(const db_stmt *st)
{
    return sqlite3_column_count(((const lite_stmt *)st)->st);
}

static int lite_changes(const db_stmt *st)
{
    return ((const lite_stmt *)st)->changes;
}

static void lite_reset(db_stmt *st)
{
    sqlite3_reset(stmt_of(st)->st);
    sqlite3_clear_bindings(stmt_of(st)->st);
    stmt_of(st)->changes = 0;
}

static const char *lite_col_text(db_stmt *st, int col, size_t *len)
{
    const unsigned char *text = sqlite3_column_text(stmt_of(st)->st, col);
    *len = text ? (size_t)sqlite3_column_bytes(stmt_of(st)->st, col) : 0;
    return (const char *)text;
}

static int64_t lite_col_i64(db_stmt *st, int col)
{
    return sqlite3_column_int64(stmt_of(st)->st, col);
}

static bool lite_col_bool(db_stmt *st, int col)
{
    return sqlite3_column_int64(stmt_of(st)->st, col) != 0;
}

static bool lite_col_is_null(db_stmt *st, int col)
{
    return sqlite3_column_type(stmt_of(st)->st, col) == SQLITE_NULL;
}

static bool lite_col_blob(db_stmt *st, int col, void *out, size_t n)
{
    sqlite3_stmt *q = stmt_of(st)->st;
    const void *blob = sqlite3_column_blob(q, col);
    if (!blob || (size_t)sqlite3_column_bytes(q, col) != n) {
        return false;
    }
    memcpy(out, blob, n);
    return true;
}

static int lite_sync(db_conn *c)
{
    (void)c; /* nothing is ever in flight */
    return BZ_OK;
}

/* ---- transactions ---------------------------------------------------------------------- */

/* IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes
 * can fail with SQLITE_BUSY at the write, where busy_timeout no longer helps. */
static db_query Q_BEGIN = DB_QUERY("BEGIN IMMEDIATE");
static db_query Q_COMMIT = DB_QUERY("COMMIT");
static db_query Q_ROLLBACK = DB_QUERY("ROLLBACK");
static db_query Q_SAVEPOINT = DB_QUERY("SAVEPOINT op");
static db_query Q_RELEASE = DB_QUERY("RELEASE op");
static db_query Q_ROLLBACK_TO = DB_QUERY("ROLLBACK TO op");

static int run(db_conn *c, db_query *q)
{
    return db_exec(db_prepare(c, q), NULL);
}

static int tx_rollback(lite_conn *c)
{
    int rc = run(&c->base, &Q_ROLLBACK);
    /* A failed COMMIT or an I/O error may already have ended the transaction. */
    return sqlite3_get_autocommit(c->db) ? BZ_OK : rc;
}

static int lite_begin(db_conn *dc)
{
    lite_conn *c = conn_of(dc);
    int rc = run(dc, &Q_BEGIN);
    c->in_tx = rc == BZ_OK;
    return rc;
}

static int lite_commit(db_conn *dc)
{
    lite_conn *c = conn_of(dc);
    int rc = run(dc, &Q_COMMIT);
    if (rc != BZ_OK) {
        tx_rollback(c);
    }
    c->in_tx = false;
    return rc;
}

static int lite_rollback(db_conn *dc)
{
    lite_conn *c = conn_of(dc);
    c->in_tx = false;
    return tx_rollback(c);
}

static bool lite_in_tx(const db_conn *c)
{
    return ((const lite_conn *)c)->in_tx;
}

static int lite_atomic_begin(db_conn *dc)
{
    return run(dc, conn_of(dc)->in_tx ? &Q_SAVEPOINT : &Q_BEGIN);
}

static int lite_atomic_end(db_conn *dc, int rc)
{
    lite_conn *c = conn_of(dc);
    if (c->in_tx) {
        if (rc != BZ_OK) {
            run(dc, &Q_ROLLBACK_TO);
        }
        int release = run(dc, &Q_RELEASE);
        return rc != BZ_OK ? rc : release;
    }
    if (rc == BZ_OK) {
        rc = run(dc, &Q_COMMIT);
        if (rc == BZ_OK) {
            return BZ_OK;
        }
    }
    tx_rollback(c);
    return rc;
}

/* ---- the connection -------------------------------------------------------------------- */

static int lite_ping(db_conn *c)
{
    return sqlite_db_exec_script(conn_of(c)->db, "SELECT 1");
}

static void lite_close(db_conn *c)
{
    sqlite3_close(conn_of(c)->db);
    free(c);
}

static const db_driver lite_driver = {
    .dialect = &sqlite_dialect,
    .exec_deferred = NULL, /* every write waits: there is no wire to save trips on */
    DB_DRIVER_FUNCTIONS(lite),
};

int sqlite_db_open(const char *path, db_conn **out)
{
    *out = NULL;
    lite_conn *c = calloc(1, sizeof(*c));
    if (!c) {
        return BZ_EINTERNAL;
    }
    db_conn_init(&c->base, &lite_driver);
    /* NOMUTEX: a connection belongs to one thread (store.h), so SQLite's own locking of it
     * would be pure overhead. */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int src = sqlite3_open_v2(path, &c->db, flags, NULL);
    if (src != SQLITE_OK) {
        bz_error("sqlite: cannot open database: %s",
                 c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(src));
        sqlite3_close(c->db);
        free(c);
        return BZ_EUNAVAILABLE;
    }
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
    int rc = sqlite_db_exec_script(c->db, "PRAGMA journal_mode = WAL;"
                                          "PRAGMA synchronous = NORMAL;"
                                          "PRAGMA foreign_keys = ON;"
                                          "PRAGMA temp_store = MEMORY;");
    if (rc != BZ_OK) {
        db_close(&c->base);
        return rc == BZ_EINTERNAL ? BZ_EUNAVAILABLE : rc;
    }
    *out = &c->base;
    return BZ_OK;
}
