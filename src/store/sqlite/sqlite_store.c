/*
 * store/sqlite/sqlite_store.c - the SQLite adapter: its connection (a
 * driver connection, sqlite_db.c), migrations and the ops table. Every
 * operation is the one implementation in store/sql.
 */
#include "store/sqlite/sqlite_store.h"

#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "store/migrations/migrations.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

#include <string.h>

static int sq_error(sq_store *s, int sqlite_rc)
{
    return sqlite_db_error(s->db, sqlite_rc);
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

static const struct store_ops sq_ops = SQL_STORE_OPS("sqlite", sq_migrate);

int sqlite_store_open(const char *path, store **out)
{
    int rc = sql_store_open(sizeof(sq_store), &sq_ops, sqlite_db_open, path, out);
    if (rc == BZ_OK) {
        sq_of(*out)->db = sqlite_db_handle(sql_db(*out));
    }
    return rc;
}
