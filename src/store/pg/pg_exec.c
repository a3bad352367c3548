/*
 * store/pg/pg_exec.c - running statements: parameters, lazy PQprepare,
 * error mapping, reconnecting, savepoints.
 */
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
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

void pg_p_hex32(pg_params *p, const unsigned char bytes[32])
{
    if (p->n < PG_MAX_PARAMS) {
        bz_hex_encode(bytes, 32, p->text[p->n]);
        put(p, p->text[p->n]);
    }
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

void pg_hex32(pg_row *r, int col, unsigned char out[32])
{
    memset(out, 0, 32);
    const char *hex = PQgetvalue(r->res, r->row, col);
    if (!PQgetisnull(r->res, r->row, col) && strlen(hex) == 64) {
        bz_hex_decode(hex, 64, out, 32);
    }
}

/* ---- errors and connection ---------------------------------------------- */

/* The session is gone: its prepared statements, savepoints and any open transaction too. */
static void forget_session(pg_store *s)
{
    memset(s->prepared, 0, sizeof(s->prepared));
    s->savepoints = 0;
    s->need_reset = true;
    if (s->in_tx) {
        s->tx_lost = true;
    }
}

int pg_ensure_connected(pg_store *s)
{
    if (PQstatus(s->conn) == CONNECTION_OK && !s->need_reset) {
        return BZ_OK;
    }
    /* One reconnect per call: a database that stays down costs each caller one connect
     * attempt, not a retry loop. */
    forget_session(s);
    PQreset(s->conn);
    if (PQstatus(s->conn) != CONNECTION_OK) {
        bz_warn("postgres: reconnect failed: %s", PQerrorMessage(s->conn));
        return BZ_EUNAVAILABLE;
    }
    s->need_reset = false;
    bz_info("postgres: reconnected");
    return pg_exec_simple(s, "SET client_min_messages = warning");
}

static bool sqlstate_is(const char *state, const char *prefix)
{
    return strncmp(state, prefix, strlen(prefix)) == 0;
}

int pg_result_error(pg_store *s, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (!state) {
        state = "";
    }
    /* No answer, a broken socket, a connection exception (class 08) or the server ending the
     * session (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now). */
    if (!res || PQstatus(s->conn) != CONNECTION_OK || sqlstate_is(state, "08") ||
        sqlstate_is(state, "57P")) {
        bz_warn("postgres unavailable: %s %s", state, PQerrorMessage(s->conn));
        forget_session(s);
        return BZ_EUNAVAILABLE;
    }
    if (strcmp(state, "23505") == 0) { /* unique_violation */
        return store_unique_violation_code(PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME));
    }
    if (strcmp(state, "23503") == 0) { /* foreign_key_violation: the row referred to is absent */
        return BZ_ENOTFOUND;
    }
    /* out of resources, serialization failure, deadlock: transient, worth a retry */
    if (sqlstate_is(state, "53") || strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0) {
        bz_warn("postgres: %s %s", state, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
        return BZ_EUNAVAILABLE;
    }
    bz_error("postgres: %s %s", state, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
    return BZ_EINTERNAL;
}

static int check_usable(pg_store *s)
{
    if (s->tx_lost) {
        return BZ_EUNAVAILABLE;
    }
    return pg_ensure_connected(s);
}

int pg_exec_simple(pg_store *s, const char *sql)
{
    int rc = pg_sync(s);
    if (rc != BZ_OK) {
        return rc;
    }
    PGresult *res = PQexec(s->conn, sql);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? BZ_OK : pg_result_error(s, res);
    PQclear(res);
    return rc;
}

static int prepare(pg_store *s, enum pg_stmt_id id, const char *sql, const unsigned *types,
                   int n_params)
{
    if (s->prepared[id]) {
        return BZ_OK;
    }
    char name[16];
    snprintf(name, sizeof(name), "bz%d", (int)id);
    PGresult *res = PQprepare(s->conn, name, sql, types ? n_params : 0, (const Oid *)types);
    int rc = (res && PQresultStatus(res) == PGRES_COMMAND_OK) ? BZ_OK : pg_result_error(s, res);
    PQclear(res);
    s->prepared[id] = rc == BZ_OK;
    return rc;
}

int pg_query(pg_store *s, enum pg_stmt_id id, const char *sql, const unsigned *types,
             const pg_params *p, PGresult **res_out)
{
    *res_out = NULL;
    int rc = pg_sync(s);
    if (rc == BZ_OK) {
        rc = check_usable(s);
    }
    if (rc == BZ_OK) {
        rc = prepare(s, id, sql, types, p->n);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    char name[16];
    snprintf(name, sizeof(name), "bz%d", (int)id);
    PGresult *res = PQexecPrepared(s->conn, name, p->n, p->values, NULL, NULL, 0);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        rc = pg_result_error(s, res);
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

/* ---- deferred writes (pipeline mode) ------------------------------------- */

int pg_command_deferred(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p)
{
    if (!s->in_tx || s->savepoints > 0) {
        return pg_command(s, id, sql, p, NULL);
    }
    int rc = check_usable(s);
    if (rc == BZ_OK && !s->prepared[id]) {
        /* preparing waits for its answer: not inside the pipeline */
        rc = pg_sync(s);
        rc = rc == BZ_OK ? prepare(s, id, sql, NULL, p->n) : rc;
    }
    if (rc != BZ_OK) {
        return rc;
    }
    if (s->deferred == 0 && PQenterPipelineMode(s->conn) != 1) {
        return pg_result_error(s, NULL);
    }
    char name[16];
    snprintf(name, sizeof(name), "bz%d", (int)id);
    if (PQsendQueryPrepared(s->conn, name, p->n, p->values, NULL, NULL, 0) != 1) {
        rc = pg_sync(s); /* what was sent before, then the reason this one was not */
        return rc != BZ_OK ? rc : pg_result_error(s, NULL);
    }
    s->deferred++;
    return BZ_OK;
}

/* The answer of one pipelined statement: its result, then NULL. */
static int read_deferred_answer(pg_store *s)
{
    PGresult *res = PQgetResult(s->conn);
    if (!res) {
        return pg_result_error(s, NULL);
    }
    ExecStatusType st = PQresultStatus(res);
    int rc = BZ_OK;
    if (st == PGRES_PIPELINE_ABORTED) {
        rc = BZ_EINTERNAL; /* an earlier statement of the pipeline failed: that error wins */
    } else if (st != PGRES_COMMAND_OK) {
        rc = pg_result_error(s, res);
    }
    PQclear(res);
    while ((res = PQgetResult(s->conn)) != NULL) {
        PQclear(res);
    }
    return rc;
}

int pg_sync(pg_store *s)
{
    if (s->deferred == 0) {
        return BZ_OK;
    }
    int n = s->deferred;
    s->deferred = 0;
    if (PQpipelineSync(s->conn) != 1) {
        return pg_result_error(s, NULL);
    }
    int rc = BZ_OK;
    for (int i = 0; i < n; i++) {
        int one = read_deferred_answer(s);
        rc = rc == BZ_OK ? one : rc;
        if (PQstatus(s->conn) != CONNECTION_OK) {
            return rc != BZ_OK ? rc : BZ_EUNAVAILABLE;
        }
    }
    PGresult *res = PQgetResult(s->conn); /* PGRES_PIPELINE_SYNC */
    bool synced = res && PQresultStatus(res) == PGRES_PIPELINE_SYNC;
    PQclear(res);
    if (!synced || PQexitPipelineMode(s->conn) != 1) {
        bz_warn("postgres: pipeline did not end cleanly: %s", PQerrorMessage(s->conn));
        forget_session(s);
        return rc != BZ_OK ? rc : BZ_EUNAVAILABLE;
    }
    return rc;
}

/* ---- savepoints and transactions ------------------------------------------ */

int pg_atomic_begin(pg_store *s)
{
    int rc = check_usable(s);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = pg_exec_simple(s, s->in_tx ? "SAVEPOINT op" : "BEGIN");
    if (rc == BZ_OK && s->in_tx) {
        s->savepoints++;
    }
    return rc;
}

int pg_atomic_end(pg_store *s, int rc)
{
    if (s->in_tx) {
        if (s->tx_lost || s->savepoints == 0) {
            return rc != BZ_OK ? rc : BZ_EUNAVAILABLE;
        }
        s->savepoints--;
        if (rc != BZ_OK) {
            pg_exec_simple(s, "ROLLBACK TO SAVEPOINT op");
        }
        int release = pg_exec_simple(s, "RELEASE SAVEPOINT op");
        return rc != BZ_OK ? rc : release;
    }
    if (PQstatus(s->conn) != CONNECTION_OK || s->need_reset) {
        return rc != BZ_OK ? rc : BZ_EUNAVAILABLE;
    }
    if (rc == BZ_OK) {
        return pg_exec_simple(s, "COMMIT");
    }
    pg_exec_simple(s, "ROLLBACK");
    return rc;
}

int pg_guarded_command(pg_store *s, enum pg_stmt_id id, const char *sql, const pg_params *p,
                       int *changes)
{
    if (!s->in_tx) {
        return pg_command(s, id, sql, p, changes); /* a statement is its own transaction */
    }
    int rc = pg_atomic_begin(s);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = pg_command(s, id, sql, p, changes);
    return pg_atomic_end(s, rc);
}
