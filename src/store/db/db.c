/*
 * store/db/db.c - what every driver shares: the statement cache by query
 * slot, the in-use check, arena copies, the run-and-fetch helpers, and
 * dispatch to the driver, and the checks of a statement's and a connection's use that
 * let every driver take that use for granted (db_driver.h).
 */
#include "store/db/db.h"

#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "store/db/db_driver.h"
#include "store/fts_query.h"
#include "store/store_util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(DB_FTS_QUERY_MAXSIZE == STORE_FTS_QUERY_MAXSIZE, "db.h and fts_query.h disagree");

/* The last slot handed out; slots start at 1. */
static atomic_int last_slot;

/* The query's slot, taking the next free one the first time. Two threads may race on a
 * query's first use: one wins, the other's number goes unused. */
static int slot_of(db_query *q)
{
    int slot = atomic_load_explicit(&q->slot, memory_order_acquire);
    if (slot) {
        return slot;
    }
    int mine = atomic_fetch_add_explicit(&last_slot, 1, memory_order_relaxed) + 1;
    int expected = 0;
    if (atomic_compare_exchange_strong(&q->slot, &expected, mine)) {
        return mine;
    }
    return expected;
}

/* Make room for `slot` in the connection's cache. */
static int grow_cache(db_conn *c, size_t slot)
{
    if (slot < c->n_stmts) {
        return BZ_OK;
    }
    size_t n = c->n_stmts ? c->n_stmts : 64;
    while (n <= slot) {
        n *= 2;
    }
    db_stmt **grown = realloc(c->stmts, n * sizeof(*grown));
    if (!grown) {
        return BZ_EINTERNAL;
    }
    memset(grown + c->n_stmts, 0, (n - c->n_stmts) * sizeof(*grown));
    c->stmts = grown;
    c->n_stmts = n;
    return BZ_OK;
}

void db_conn_init(db_conn *c, const db_driver *drv)
{
    memset(c, 0, sizeof(*c));
    c->drv = drv;
    c->failed.conn = c;
}

/* The connection's statement of `q`, made on first use. */
static int stmt_of(db_conn *c, db_query *q, db_stmt **out)
{
    int slot = slot_of(q);
    int rc = grow_cache(c, (size_t)slot);
    if (rc != BZ_OK || c->stmts[slot]) {
        *out = rc == BZ_OK ? c->stmts[slot] : NULL;
        return rc;
    }
    int nparams = 0;
    char *sql = db_rewrite(c->drv->dialect, q->sql, &nparams);
    if (!sql) {
        return BZ_EINTERNAL;
    }
    rc = c->drv->prepare(c, sql, nparams, slot, &c->stmts[slot]);
    free(sql);
    if (rc == BZ_OK) {
        c->stmts[slot]->nparams = nparams;
    }
    *out = c->stmts[slot];
    return rc;
}

db_stmt *db_prepare(db_conn *c, db_query *q)
{
    db_stmt *st = NULL;
    int rc = stmt_of(c, q, &st);
    if (rc != BZ_OK) {
        st = &c->failed;
        st->err = rc;
    } else if (st->busy) {
        /* A path that did not reset it: the read it left open would block checkpoints
         * (SQLite) or its result would leak (PostgreSQL). */
        bz_error("db: statement still in use: %.60s", q->sql);
        db_reset(st);
    }
    st->busy = true;
    return st;
}

/* ---- binding --------------------------------------------------------------------------- */

/* Whether parameter $i is to be bound: not after a failure (the step says why), and only a
 * parameter the statement has (a bind past them is a bug of its call site). */
static bool can_bind(db_stmt *st, int i)
{
    if (st->err != BZ_OK) {
        return false;
    }
    if (BZ_NEVER(i < 1 || i > st->nparams)) {
        st->err = BZ_EINTERNAL;
        return false;
    }
    return true;
}

void db_bind_i64(db_stmt *st, int i, int64_t v)
{
    if (can_bind(st, i)) {
        st->conn->drv->bind_i64(st, i, v);
    }
}

void db_bind_id(db_stmt *st, int i, int64_t id)
{
    if (id) {
        db_bind_i64(st, i, id);
    } else {
        db_bind_null(st, i);
    }
}

void db_bind_bool(db_stmt *st, int i, bool v)
{
    if (can_bind(st, i)) {
        st->conn->drv->bind_bool(st, i, v);
    }
}

void db_bind_text(db_stmt *st, int i, const char *s)
{
    if (!s) {
        db_bind_null(st, i);
    } else if (can_bind(st, i)) {
        st->conn->drv->bind_text(st, i, s);
    }
}

void db_bind_null(db_stmt *st, int i)
{
    if (can_bind(st, i)) {
        st->conn->drv->bind_null(st, i);
    }
}

void db_bind_blob32(db_stmt *st, int i, const unsigned char bytes[32])
{
    db_bind_blob(st, i, bytes, 32);
}

void db_bind_blob(db_stmt *st, int i, const void *bytes, size_t n)
{
    if (!bytes) {
        db_bind_null(st, i);
    } else if (can_bind(st, i)) {
        st->conn->drv->bind_blob(st, i, bytes, n);
    }
}

void db_bind_ids(db_stmt *st, int i, const int64_t *ids, size_t n)
{
    if (!can_bind(st, i)) {
        return;
    }
    const db_dialect *d = st->conn->drv->dialect;
    size_t cap = n * 21 + 3; /* 20 digits and a comma each, the brackets, NUL */
    char *list = malloc(cap);
    if (!list) {
        st->err = BZ_EINTERNAL;
        return;
    }
    size_t len = 0;
    list[len++] = d->list_open;
    for (size_t k = 0; k < n; k++) {
        len += (size_t)snprintf(list + len, cap - len, "%s%" PRId64, k ? "," : "", ids[k]);
    }
    list[len++] = d->list_close;
    list[len] = '\0';
    st->conn->drv->bind_text_owned(st, i, list);
}

/* ---- running ---------------------------------------------------------------------------- */

int db_step(db_stmt *st)
{
    /* Not in use: after db_reset, before db_prepare. Done: SQLite would run it again. */
    if (BZ_NEVER(!st->busy) || BZ_NEVER(st->done)) {
        return BZ_EINTERNAL;
    }
    int rc = st->err != BZ_OK ? st->err : st->conn->drv->step(st);
    st->row = rc == DB_ROW;
    st->done = !st->row;
    st->ncols = st->row ? st->conn->drv->col_count(st) : 0;
    return rc;
}

int db_changes(const db_stmt *st)
{
    if (!BZ_ALWAYS(st->done && st->err == BZ_OK)) {
        return 0;
    }
    return st->conn->drv->changes(st);
}

void db_reset(db_stmt *st)
{
    if (st) {
        if (st->slot) {
            st->conn->drv->reset(st);
        }
        st->err = BZ_OK;
        st->oom = false;
        st->busy = false;
        st->row = false;
        st->done = false;
        st->ncols = 0;
    }
}

/* Whether column `col` of the current row may be read: there is a row, and it has that
 * column. */
static bool can_read(const db_stmt *st, int col)
{
    return BZ_ALWAYS(st->row && col >= 0 && col < st->ncols);
}

const char *db_col_text(db_stmt *st, int col, bz_arena *a)
{
    size_t len = 0;
    const char *raw = can_read(st, col) ? st->conn->drv->col_text(st, col, &len) : NULL;
    char *copy = bz_arena_strndup(a, raw ? raw : "", raw ? len : 0);
    if (!copy) {
        st->oom = true;
        return "";
    }
    return copy;
}

int64_t db_col_i64(db_stmt *st, int col)
{
    return can_read(st, col) ? st->conn->drv->col_i64(st, col) : 0;
}

int32_t db_col_i32(db_stmt *st, int col)
{
    return (int32_t)db_col_i64(st, col);
}

bool db_col_bool(db_stmt *st, int col)
{
    return can_read(st, col) && st->conn->drv->col_bool(st, col);
}

bool db_col_is_null(db_stmt *st, int col)
{
    return !can_read(st, col) || st->conn->drv->col_is_null(st, col);
}

void db_col_blob32(db_stmt *st, int col, unsigned char out[32])
{
    db_col_blob(st, col, out, 32);
}

bool db_col_blob(db_stmt *st, int col, void *out, size_t n)
{
    if (can_read(st, col) && st->conn->drv->col_blob(st, col, out, n)) {
        return true;
    }
    memset(out, 0, n);
    return false;
}

bool db_col_text_to(db_stmt *st, int col, char *buf, size_t size)
{
    size_t len = 0;
    const char *raw = can_read(st, col) ? st->conn->drv->col_text(st, col, &len) : NULL;
    if (!raw || len >= size) {
        buf[0] = '\0';
        return false;
    }
    memcpy(buf, raw, len);
    buf[len] = '\0';
    return true;
}

bool db_row_ok(const db_stmt *st)
{
    return !st->oom;
}

int db_exec(db_stmt *st, int *changes)
{
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
    }
    if (changes) {
        *changes = rc == BZ_OK ? db_changes(st) : 0;
    }
    db_reset(st);
    return rc;
}

int db_exec_guarded(db_stmt *st, int *changes)
{
    db_conn *c = st->conn;
    if (st->err != BZ_OK || !c->drv->dialect->error_aborts_tx || !db_in_tx(c)) {
        return db_exec(st, changes); /* a failure costs nothing else */
    }
    int rc = db_atomic_begin(c);
    if (rc != BZ_OK) {
        if (changes) {
            *changes = 0;
        }
        db_reset(st);
        return rc;
    }
    rc = db_exec(st, changes);
    return db_atomic_end(c, rc);
}

int db_exec_deferred(db_stmt *st)
{
    const db_driver *drv = st->conn->drv;
    /* The driver sends the statement as it was bound: it must not have run yet. */
    if (BZ_NEVER(!st->busy || st->row || st->done)) {
        db_reset(st);
        return BZ_EINTERNAL;
    }
    if (!drv->exec_deferred) {
        return db_exec(st, NULL);
    }
    int rc = st->err != BZ_OK ? st->err : drv->exec_deferred(st);
    db_reset(st);
    return rc;
}

int db_sync(db_conn *c)
{
    return c->drv->sync(c);
}

int db_read_one(db_stmt *st, bz_arena *a, db_reader read, void *out)
{
    int rc = db_step(st);
    if (rc == DB_ROW) {
        read(st, a, out);
        rc = db_row_ok(st) ? BZ_OK : BZ_EINTERNAL;
    } else if (rc == BZ_OK) {
        rc = BZ_ENOTFOUND;
    }
    return rc;
}

int db_fetch_one(db_stmt *st, bz_arena *a, db_reader read, void *out)
{
    int rc = db_read_one(st, a, read, out);
    db_reset(st);
    return rc;
}

void *db_fetch_all(db_stmt *st, bz_arena *a, db_reader read, size_t elem, size_t *n, int *rc)
{
    char *rows = NULL;
    size_t cap = 0;
    *n = 0;
    while ((*rc = db_step(st)) == DB_ROW) {
        rows = store_arena_grow(a, rows, *n, &cap, elem);
        if (!rows) {
            *rc = BZ_EINTERNAL;
            break;
        }
        read(st, a, rows + elem * (*n)++);
    }
    if (*rc == BZ_OK && !db_row_ok(st)) {
        *rc = BZ_EINTERNAL;
    }
    db_reset(st);
    if (*rc != BZ_OK) {
        *n = 0;
        return NULL;
    }
    return rows;
}

int db_exists(db_stmt *st, bool *found)
{
    int rc = db_step(st);
    *found = rc == DB_ROW;
    db_reset(st);
    return rc == DB_ROW ? BZ_OK : rc;
}

/* ---- transactions and the connection ---------------------------------------------------- */

/* Transactions and units pair up: a begin outside any (a unit is not begun by begin either),
 * a commit or rollback inside one with no unit open in it. */
int db_begin(db_conn *c)
{
    if (BZ_NEVER(db_in_tx(c) || c->atomic)) {
        return BZ_EINTERNAL;
    }
    return c->drv->begin(c);
}

int db_commit(db_conn *c)
{
    if (BZ_NEVER(!db_in_tx(c) || c->atomic)) {
        return BZ_EINTERNAL;
    }
    return c->drv->commit(c);
}

int db_rollback(db_conn *c)
{
    if (BZ_NEVER(!db_in_tx(c) || c->atomic)) {
        return BZ_EINTERNAL;
    }
    return c->drv->rollback(c);
}

bool db_in_tx(const db_conn *c)
{
    return c->drv->in_tx(c);
}

int db_atomic_begin(db_conn *c)
{
    if (BZ_NEVER(c->atomic)) {
        return BZ_EINTERNAL;
    }
    int rc = c->drv->atomic_begin(c);
    c->atomic = rc == BZ_OK;
    return rc;
}

int db_atomic_end(db_conn *c, int rc)
{
    if (BZ_NEVER(!c->atomic)) {
        return rc != BZ_OK ? rc : BZ_EINTERNAL;
    }
    c->atomic = false;
    return c->drv->atomic_end(c, rc);
}

int db_ping(db_conn *c)
{
    return c->drv->ping(c);
}

const char *db_name(const db_conn *c)
{
    return c->drv->dialect->name;
}

int db_fts_query(const db_conn *c, const char *text, char *out, size_t size)
{
    return c->drv->dialect->fts_query(text, out, size);
}

void db_close(db_conn *c)
{
    if (!c) {
        return;
    }
    for (size_t i = 0; i < c->n_stmts; i++) {
        if (c->stmts[i]) {
            c->drv->finalize(c->stmts[i]);
        }
    }
    free(c->stmts);
    c->stmts = NULL;
    c->n_stmts = 0;
    c->drv->close(c);
}
