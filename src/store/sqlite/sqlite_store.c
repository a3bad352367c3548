/*
 * store/sqlite/sqlite_store.c - the SQLite adapter: its connection (a
 * driver connection, sqlite_db.c), migrations, the ops table, and the
 * statement helpers of the areas not yet written once in store/sql.
 */
#include "store/sqlite/sqlite_store.h"

#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "store/migrations/migrations.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

#include <stdlib.h>
#include <string.h>

/* ---- statements and errors --------------------------------------------- */

sqlite3_stmt *sq_stmt(sq_store *s, enum sq_stmt_id id, const char *sql, int *rc)
{
    if (!s->stmts[id]) {
        int src =
            sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmts[id], NULL);
        if (src != SQLITE_OK) {
            bz_error("sqlite: prepare %d: %s", (int)id, sqlite3_errmsg(s->db));
            *rc = sq_error(s, src);
            return NULL;
        }
    }
    return s->stmts[id];
}

void sq_done(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
}

int sq_error(sq_store *s, int sqlite_rc)
{
    return sqlite_db_error(s->db, sqlite_rc);
}

int sq_run(sq_store *s, sqlite3_stmt *st, int *changes)
{
    int src = sqlite3_step(st);
    int rc = (src == SQLITE_DONE || src == SQLITE_ROW) ? BZ_OK : sq_error(s, src);
    if (changes) {
        *changes = rc == BZ_OK ? sqlite3_changes(s->db) : 0;
    }
    sq_done(st);
    return rc;
}

void sq_bind_text(sqlite3_stmt *st, int i, const char *text)
{
    if (text) {
        sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(st, i);
    }
}

void sq_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
    if (id) {
        sqlite3_bind_int64(st, i, id);
    } else {
        sqlite3_bind_null(st, i);
    }
}

int sq_fetch_one(sq_store *s, sqlite3_stmt *q, bz_arena *a, sq_reader read, void *out)
{
    int src = sqlite3_step(q);
    if (src != SQLITE_ROW) {
        return src == SQLITE_DONE ? BZ_ENOTFOUND : sq_error(s, src);
    }
    sq_row r = {q, a, true};
    read(&r, out);
    return r.ok ? BZ_OK : BZ_EINTERNAL;
}

void *sq_fetch_all(sq_store *s, sqlite3_stmt *q, bz_arena *a, sq_reader read, size_t elem,
                   size_t *n, int *rc)
{
    sq_row r = {q, a, true};
    char *rows = NULL;
    size_t cap = 0;
    int src;
    *n = 0;
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        rows = store_arena_grow(a, rows, *n, &cap, elem);
        if (!rows) {
            r.ok = false;
            break;
        }
        read(&r, rows + elem * (*n)++);
    }
    *rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    if (*rc == BZ_OK && !r.ok) {
        *rc = BZ_EINTERNAL;
    }
    if (*rc != BZ_OK) {
        *n = 0;
        return NULL;
    }
    return rows;
}

const char *sq_text(sq_row *r, int col)
{
    const unsigned char *text = sqlite3_column_text(r->st, col);
    int len = sqlite3_column_bytes(r->st, col);
    char *copy = bz_arena_strndup(r->a, text ? (const char *)text : "", text ? (size_t)len : 0);
    if (!copy) {
        r->ok = false;
        return "";
    }
    return copy;
}

int64_t sq_i64(sq_row *r, int col)
{
    return sqlite3_column_int64(r->st, col);
}

int32_t sq_i32(sq_row *r, int col)
{
    return (int32_t)sqlite3_column_int(r->st, col);
}

int sq_atomic_begin(sq_store *s)
{
    return db_atomic_begin(s->sql.db);
}

int sq_atomic_end(sq_store *s, int rc)
{
    return db_atomic_end(s->sql.db, rc);
}

/* ---- migrations -------------------------------------------------------- */

static int exec_script(sq_store *s, const char *sql)
{
    return sqlite_db_exec_script(s->db, sql);
}

/* Apply one migration unless another process did already. BEGIN IMMEDIATE serialises
 * concurrent migrators on the write lock, so each checks and applies atomically. */
static int apply_migration(sq_store *s, const store_migration *m, int *applied)
{
    int rc = exec_script(s, "BEGIN IMMEDIATE");
    if (rc != BZ_OK) {
        return rc;
    }
    sqlite3_stmt *st = NULL;
    int src = sqlite3_prepare_v2(s->db, "SELECT 1 FROM schema_migrations WHERE version = ?1", -1,
                                 &st, NULL);
    if (src == SQLITE_OK) {
        sqlite3_bind_int(st, 1, m->version);
        src = sqlite3_step(st);
    }
    bool done = src == SQLITE_ROW;
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? BZ_OK : sq_error(s, src);
    sqlite3_finalize(st);
    st = NULL;

    if (rc == BZ_OK && !done) {
        rc = exec_script(s, m->sql);
        if (rc == BZ_OK) {
            src = sqlite3_prepare_v2(s->db,
                                     "INSERT INTO schema_migrations (version, name, applied_at) "
                                     "VALUES (?1, ?2, ?3)",
                                     -1, &st, NULL);
            if (src == SQLITE_OK) {
                sqlite3_bind_int(st, 1, m->version);
                sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
                sqlite3_bind_int64(st, 3, bz_now_ms());
                src = sqlite3_step(st);
            }
            rc = src == SQLITE_DONE ? BZ_OK : sq_error(s, src);
            sqlite3_finalize(st);
        }
        if (rc == BZ_OK) {
            (*applied)++;
            bz_info("sqlite: applied migration %04d_%s", m->version, m->name);
        }
    }
    if (rc == BZ_OK) {
        rc = exec_script(s, "COMMIT");
    }
    if (rc != BZ_OK && !sqlite3_get_autocommit(s->db)) {
        exec_script(s, "ROLLBACK");
    }
    return rc;
}

static int sq_migrate(store *st, int *applied_out)
{
    sq_store *s = sq_of(st);
    *applied_out = 0;
    if (db_in_tx(s->sql.db)) {
        return BZ_EINTERNAL;
    }
    int rc = exec_script(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                            " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                            " applied_at INTEGER NOT NULL)");
    size_t n = 0;
    const store_migration *list = store_migrations("sqlite", &n);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = apply_migration(s, &list[i], applied_out);
    }
    return rc;
}

/* ---- connection -------------------------------------------------------- */

static void sq_close(store *st)
{
    sq_store *s = sq_of(st);
    for (int i = 0; i < SQ_NSTMT; i++) {
        sqlite3_finalize(s->stmts[i]); /* before the driver closes the handle */
    }
    db_close(s->sql.db);
    free(s);
}

static const struct store_ops sq_ops = SQL_STORE_OPS("sqlite", sq_close, sq_migrate);

int sqlite_store_open(const char *path, store **out)
{
    *out = NULL;
    sq_store *s = calloc(1, sizeof(*s));
    if (!s) {
        return BZ_EINTERNAL;
    }
    int rc = sqlite_db_open(path, &s->sql.db);
    if (rc != BZ_OK) {
        free(s);
        return rc;
    }
    s->sql.base.ops = &sq_ops;
    s->db = sqlite_db_handle(s->sql.db);
    *out = &s->sql.base;
    return BZ_OK;
}
