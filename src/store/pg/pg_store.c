/*
 * store/pg/pg_store.c - the PostgreSQL adapter: its connection (a driver
 * connection, pg_db.c), migrations and the ops table.
 */
#include "store/pg/pg_store.h"

#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "store/migrations/migrations.h"
#include "store/pg/pg_internal.h"

#include <string.h>

/* ---- migrations ------------------------------------------------------------ */

static int is_applied(pg_store *s, int version, bool *applied)
{
    char v[16];
    snprintf(v, sizeof(v), "%d", version);
    const char *params[1] = {v};
    PGresult *res = PQexecParams(s->c->conn, "SELECT 1 FROM schema_migrations WHERE version = $1",
                                 1, NULL, params, NULL, NULL, 0);
    int rc = BZ_OK;
    if (res && PQresultStatus(res) == PGRES_TUPLES_OK) {
        *applied = PQntuples(res) > 0;
    } else {
        rc = BZ_EINTERNAL;
        bz_error("postgres migrate: %s", PQerrorMessage(s->c->conn));
    }
    PQclear(res);
    return rc;
}

static int apply_migration(pg_store *s, const store_migration *m)
{
    int rc = pg_db_exec_simple(s->c, "BEGIN");
    if (rc != BZ_OK) {
        return rc;
    }
    PGresult *res = PQexec(s->c->conn, m->sql); /* several statements: simple protocol */
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
        bz_error("postgres migration %04d_%s: %s", m->version, m->name, PQerrorMessage(s->c->conn));
        rc = PQstatus(s->c->conn) == CONNECTION_OK ? BZ_EINTERNAL : BZ_EUNAVAILABLE;
    }
    PQclear(res);
    if (rc == BZ_OK) {
        char v[16], now[24];
        snprintf(v, sizeof(v), "%d", m->version);
        snprintf(now, sizeof(now), "%lld", (long long)bz_now_ms());
        const char *params[3] = {v, m->name, now};
        res = PQexecParams(s->c->conn,
                           "INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES ($1, $2, $3)",
                           3, NULL, params, NULL, NULL, 0);
        if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
            rc = BZ_EINTERNAL;
        }
        PQclear(res);
    }
    if (rc == BZ_OK) {
        rc = pg_db_exec_simple(s->c, "COMMIT");
        bz_info("postgres: applied migration %04d_%s", m->version, m->name);
    } else {
        pg_db_exec_simple(s->c, "ROLLBACK");
    }
    return rc;
}

/* Nodes starting together all call migrate: a session advisory lock, keyed by the schema so
 * that separate schemas (tests) do not wait on each other, lets one apply while the others
 * wait and then find nothing left to do. */
static int pg_migrate(store *st, int *applied_out)
{
    pg_store *s = pg_of(st);
    *applied_out = 0;
    if (s->c->in_tx) {
        return BZ_EINTERNAL;
    }
    int rc = pg_db_ensure_connected(s->c);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = pg_db_exec_simple(s->c, "SELECT pg_advisory_lock(1651275130, "
                                 "hashtext(coalesce(current_schema(), '')))");
    if (rc != BZ_OK) {
        return rc;
    }
    rc = pg_db_exec_simple(s->c, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                                 " applied_at BIGINT NOT NULL)");
    size_t n = 0;
    const store_migration *list = store_migrations("pg", &n);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        bool applied = false;
        rc = is_applied(s, list[i].version, &applied);
        if (rc == BZ_OK && !applied) {
            rc = apply_migration(s, &list[i]);
            *applied_out += rc == BZ_OK;
        }
    }
    if (PQstatus(s->c->conn) == CONNECTION_OK) {
        pg_db_exec_simple(s->c, "SELECT pg_advisory_unlock(1651275130, "
                                "hashtext(coalesce(current_schema(), '')))");
    }
    return rc;
}

/* ---- connection ------------------------------------------------------------ */

static const struct store_ops pg_ops = SQL_STORE_OPS("postgres", pg_migrate);

int pg_store_open(const char *conninfo_url, store **out)
{
    int rc = sql_store_open(sizeof(pg_store), &pg_ops, pg_db_open, conninfo_url, out);
    if (rc == BZ_OK) {
        pg_of(*out)->c = pg_conn_of(sql_db(*out));
    }
    return rc;
}
