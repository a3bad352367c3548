/*
 * store/pg/pg_exec.c - running the adapter's own statements (pg_internal.h):
 * parameters, lazy PQprepare, rows; the connection, its errors and
 * transactions are the driver's (pg_db.c).
 */
#include "base/err.h"
#include "base/log.h"
#include "store/pg/pg_internal.h"
#include "store/store_util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- parameters ------------------------------------------------------------ */

static void put(pg_params *p, const char *value)
{
    if (p->n < PG_MAX_PARAMS) {
        p->values[p->n++] = value;
    }
}

void pg_p_i64(pg_params *p, int64_t v)
{
    if (p->n < PG_MAX_PARAMS) {
        snprintf(p->text[p->n], sizeof(p->text[p->n]), "%" PRId64, v);
        put(p, p->text[p->n]);
    }
}

void pg_p_id(pg_params *p, int64_t v)
{
    if (v) {
        pg_p_i64(p, v);
    } else {
        put(p, NULL);
    }
}

void pg_p_bool(pg_params *p, bool v)
{
    put(p, v ? "t" : "f");
}

void pg_p_text(pg_params *p, const char *s)
{
    put(p, s);
}

/* ---- rows ------------------------------------------------------------------ */

const char *pg_text(pg_row *r, int col)
{
    if (PQgetisnull(r->res, r->row, col)) {
        return "";
    }
    char *copy = bz_arena_strndup(r->a, PQgetvalue(r->res, r->row, col),
                                  (size_t)PQgetlength(r->res, r->row, col));
    if (!copy) {
        r->ok = false;
        return "";
    }
    return copy;
}

int64_t pg_i64(pg_row *r, int col)
{
    if (PQgetisnull(r->res, r->row, col)) {
        return 0;
    }
    return strtoll(PQgetvalue(r->res, r->row, col), NULL, 10);
}

int32_t pg_i32(pg_row *r, int col)
{
    return (int32_t)pg_i64(r, col);
}

bool pg_bool(pg_row *r, int col)
{
    return !PQgetisnull(r->res, r->row, col) && PQgetvalue(r->res, r->row, col)[0] == 't';
}

static int prepare(pg_store *s, enum pg_stmt_id id, const char *sql, const unsigned *types,
                   int n_params)
{
    if (s->prepared_in[id] == s->c->session) {
        return BZ_OK;
    }
    char name[16];
    snprintf(name, sizeof(name), "bz%d", (int)id);
    PGresult *res = PQprepare(s->c->conn, name, sql, types ? n_params : 0, (const Oid *)types);
    int rc = (res && PQresultStatus(res) == PGRES_COMMAND_OK) ? BZ_OK : pg_db_error(s->c, res);
    PQclear(res);
    s->prepared_in[id] = rc == BZ_OK ? s->c->session : 0;
    return rc;
}

int pg_query(pg_store *s, enum pg_stmt_id id, const char *sql, const unsigned *types,
             const pg_params *p, PGresult **res_out)
{
    *res_out = NULL;
    int rc = pg_db_sync(s->c);
    if (rc == BZ_OK) {
        rc = pg_db_usable(s->c);
    }
    if (rc == BZ_OK) {
        rc = prepare(s, id, sql, types, p->n);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    char name[16];
    snprintf(name, sizeof(name), "bz%d", (int)id);
    PGresult *res = PQexecPrepared(s->c->conn, name, p->n, p->values, NULL, NULL, 0);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        rc = pg_db_error(s->c, res);
        PQclear(res);
        return rc;
    }
    *res_out = res;
    return BZ_OK;
}

int pg_command(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p, int *changes)
{
    PGresult *res = NULL;
    int rc = pg_query(s, id, sql, NULL, p, &res);
    if (changes) {
        *changes = rc == BZ_OK ? atoi(PQcmdTuples(res)) : 0;
    }
    PQclear(res);
    return rc;
}

/* ---- savepoints --------------------------------------------------------- */

int pg_atomic_begin(pg_store *s)
{
    return db_atomic_begin(s->sql.db);
}

int pg_atomic_end(pg_store *s, int rc)
{
    return db_atomic_end(s->sql.db, rc);
}

int pg_guarded_command(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p,
                       int *changes)
{
    if (!s->c->in_tx) {
        return pg_command(s, id, sql, p, changes); /* a statement is its own transaction */
    }
    int rc = pg_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = pg_command(s, id, sql, p, changes);
    return pg_atomic_end(s, rc);
}
