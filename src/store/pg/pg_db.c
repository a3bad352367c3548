/*
 * store/pg/pg_db.c - the PostgreSQL driver of store/db/db.h: the connection
 * and its errors, lazy PQprepare, parameters, pipelined writes, savepoints
 * and transactions.
 */
#include "store/pg/pg_db.h"

#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "store/store_util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every session starts with these: notices go to the debug log (below), and bytea comes back
 * as \x followed by hex, whatever the server's default. */
#define SESSION_SETUP "SET client_min_messages = warning; SET bytea_output = hex"

typedef struct pgd_stmt {
    db_stmt base;
    char name[16];        /* "q<slot>": unique per connection */
    char *sql;            /* rewritten; kept to prepare again after a reconnect */
    uint32_t prepared_in; /* the session it was prepared in (0: none yet) */
    int nparams;          /* what PQexecPrepared sends: every $N up to the highest */
    const char **values;  /* per parameter: NULL is SQL NULL */
    int *lengths, *formats;
    char (*buf)[32]; /* per parameter: a printed number or a blob's bytes */
    char **owned;    /* per parameter: malloc'd text to free at reset */
    PGresult *res;   /* the result being read, NULL before the first step */
    int row;         /* the current row of res */
    int changes;
} pgd_stmt;

static pgd_stmt *stmt_of(db_stmt *st)
{
    return (pgd_stmt *)st;
}

static pg_conn *conn_of_stmt(db_stmt *st)
{
    return pg_conn_of(st->conn);
}

/* ---- errors and the session ------------------------------------------------------------ */

/* The session is gone: its prepared statements, savepoints and any open transaction too. */
static void forget_session(pg_conn *c)
{
    c->session++;
    c->savepoints = 0;
    c->need_reset = true;
    if (c->in_tx) {
        c->tx_lost = true;
    }
}

int pg_db_ensure_connected(pg_conn *c)
{
    if (PQstatus(c->conn) == CONNECTION_OK && !c->need_reset) {
        return BZ_OK;
    }
    /* One reconnect per call: a database that stays down costs each caller one connect
     * attempt, not a retry loop. */
    forget_session(c);
    c->deferred = 0;
    PQreset(c->conn);
    if (PQstatus(c->conn) != CONNECTION_OK) {
        bz_warn("postgres: reconnect failed: %s", PQerrorMessage(c->conn));
        return BZ_EUNAVAILABLE;
    }
    c->need_reset = false;
    bz_info("postgres: reconnected");
    return pg_db_exec_simple(c, SESSION_SETUP);
}

static bool sqlstate_is(const char *state, const char *prefix)
{
    return strncmp(state, prefix, strlen(prefix)) == 0;
}

int pg_db_error(pg_conn *c, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (!state) {
        state = "";
    }
    /* No answer, a broken socket, a connection exception (class 08) or the server ending the
     * session (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now). */
    if (!res || PQstatus(c->conn) != CONNECTION_OK || sqlstate_is(state, "08") ||
        sqlstate_is(state, "57P")) {
        bz_warn("postgres unavailable: %s %s", state, PQerrorMessage(c->conn));
        forget_session(c);
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

int pg_db_usable(pg_conn *c)
{
    if (c->tx_lost) {
        return BZ_EUNAVAILABLE;
    }
    return pg_db_ensure_connected(c);
}

int pg_db_exec_simple(pg_conn *c, const char *sql)
{
    int rc = pg_db_sync(c);
    if (rc != BZ_OK) {
        return rc;
    }
    PGresult *res = PQexec(c->conn, sql);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? BZ_OK : pg_db_error(c, res);
    PQclear(res);
    return rc;
}

/* ---- deferred writes (pipeline mode) --------------------------------------------------- */

/* The answer of one pipelined statement: its result, then NULL. */
static int read_deferred_answer(pg_conn *c)
{
    PGresult *res = PQgetResult(c->conn);
    if (!res) {
        return pg_db_error(c, NULL);
    }
    ExecStatusType st = PQresultStatus(res);
    int rc = BZ_OK;
    if (st == PGRES_PIPELINE_ABORTED) {
        rc = BZ_EINTERNAL; /* an earlier statement of the pipeline failed: that error wins */
    } else if (st != PGRES_COMMAND_OK) {
        rc = pg_db_error(c, res);
    }
    PQclear(res);
    while ((res = PQgetResult(c->conn)) != NULL) {
        PQclear(res);
    }
    return rc;
}

int pg_db_sync(pg_conn *c)
{
    if (c->deferred == 0) {
        return BZ_OK;
    }
    int n = c->deferred;
    c->deferred = 0;
    if (PQpipelineSync(c->conn) != 1) {
        return pg_db_error(c, NULL);
    }
    int rc = BZ_OK;
    for (int i = 0; i < n; i++) {
        int one = read_deferred_answer(c);
        rc = rc == BZ_OK ? one : rc;
        if (PQstatus(c->conn) != CONNECTION_OK) {
            return rc != BZ_OK ? rc : BZ_EUNAVAILABLE;
        }
    }
    PGresult *res = PQgetResult(c->conn); /* PGRES_PIPELINE_SYNC */
    bool synced = res && PQresultStatus(res) == PGRES_PIPELINE_SYNC;
    PQclear(res);
    if (!synced || PQexitPipelineMode(c->conn) != 1) {
        bz_warn("postgres: pipeline did not end cleanly: %s", PQerrorMessage(c->conn));
        forget_session(c);
        return rc != BZ_OK ? rc : BZ_EUNAVAILABLE;
    }
    return rc;
}

static int pgd_sync(db_conn *c)
{
    return pg_db_sync(pg_conn_of(c));
}

/* ---- statements ------------------------------------------------------------------------ */

static void pgd_finalize(db_stmt *b)
{
    pgd_stmt *st = stmt_of(b);
    PQclear(st->res);
    for (int i = 0; st->owned && i < st->nparams; i++) {
        free(st->owned[i]);
    }
    free(st->sql);
    free(st->values);
    free(st->lengths);
    free(st->formats);
    free(st->buf);
    free(st->owned);
    free(st);
}

/* Nothing is sent yet: the server sees the statement when it first runs (prepare_on). */
static int pgd_prepare(db_conn *c, const char *sql, int nparams, int slot, db_stmt **out)
{
    pgd_stmt *st = calloc(1, sizeof(*st));
    size_t n = nparams > 0 ? (size_t)nparams : 1;
    if (st) {
        st->sql = strdup(sql);
        st->values = calloc(n, sizeof(*st->values));
        st->lengths = calloc(n, sizeof(*st->lengths));
        st->formats = calloc(n, sizeof(*st->formats));
        st->buf = calloc(n, sizeof(*st->buf));
        st->owned = calloc(n, sizeof(*st->owned));
    }
    if (!st || !st->sql || !st->values || !st->lengths || !st->formats || !st->buf || !st->owned) {
        if (st) {
            pgd_finalize(&st->base);
        }
        return BZ_EINTERNAL;
    }
    st->base.conn = c;
    st->base.slot = slot;
    st->nparams = nparams;
    snprintf(st->name, sizeof(st->name), "q%d", slot);
    *out = &st->base;
    return BZ_OK;
}

/* PQprepare the statement in the current session unless it is already. */
static int prepare_on(pg_conn *c, pgd_stmt *st)
{
    if (st->prepared_in == c->session) {
        return BZ_OK;
    }
    PGresult *res = PQprepare(c->conn, st->name, st->sql, 0, NULL);
    int rc = (res && PQresultStatus(res) == PGRES_COMMAND_OK) ? BZ_OK : pg_db_error(c, res);
    PQclear(res);
    st->prepared_in = rc == BZ_OK ? c->session : 0;
    return rc;
}

static void set_param(pgd_stmt *st, int i, const char *value, int length, int format)
{
    free(st->owned[i - 1]);
    st->owned[i - 1] = NULL;
    st->values[i - 1] = value;
    st->lengths[i - 1] = length;
    st->formats[i - 1] = format;
}

/* db.c has checked that $i is one of the statement's parameters. */
static void pgd_bind_i64(db_stmt *b, int i, int64_t v)
{
    pgd_stmt *st = stmt_of(b);
    snprintf(st->buf[i - 1], sizeof(st->buf[i - 1]), "%" PRId64, v);
    set_param(st, i, st->buf[i - 1], 0, 0);
}

static void pgd_bind_bool(db_stmt *b, int i, bool v)
{
    set_param(stmt_of(b), i, v ? "t" : "f", 0, 0);
}

static void pgd_bind_text(db_stmt *b, int i, const char *s)
{
    set_param(stmt_of(b), i, s, 0, 0);
}

static void pgd_bind_text_owned(db_stmt *b, int i, char *s)
{
    set_param(stmt_of(b), i, s, 0, 0);
    stmt_of(b)->owned[i - 1] = s;
}

static void pgd_bind_null(db_stmt *b, int i)
{
    set_param(stmt_of(b), i, NULL, 0, 0);
}

/* Binary: bytea's own bytes, in the parameter's buffer when they fit (a hash), else in a
 * copy freed at reset (a signature). */
static void pgd_bind_blob(db_stmt *b, int i, const void *bytes, size_t n)
{
    pgd_stmt *st = stmt_of(b);
    if (n <= sizeof(st->buf[i - 1])) {
        memcpy(st->buf[i - 1], bytes, n);
        set_param(st, i, st->buf[i - 1], (int)n, 1);
        return;
    }
    char *copy = malloc(n);
    if (!copy) {
        b->err = b->err ? b->err : BZ_EINTERNAL;
        return;
    }
    memcpy(copy, bytes, n);
    set_param(st, i, copy, (int)n, 1);
    st->owned[i - 1] = copy;
}

/* Run the statement: read deferred answers first, reconnect if need be, prepare. */
static int execute(pgd_stmt *st)
{
    pg_conn *c = conn_of_stmt(&st->base);
    int rc = pg_db_sync(c);
    if (rc == BZ_OK) {
        rc = pg_db_usable(c);
    }
    if (rc == BZ_OK) {
        rc = prepare_on(c, st);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    PGresult *res =
        PQexecPrepared(c->conn, st->name, st->nparams, st->values, st->lengths, st->formats, 0);
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        rc = pg_db_error(c, res);
        PQclear(res);
        return rc;
    }
    st->res = res;
    st->row = -1;
    st->changes = atoi(PQcmdTuples(res));
    return BZ_OK;
}

static int pgd_step(db_stmt *b)
{
    pgd_stmt *st = stmt_of(b);
    if (!st->res) {
        int rc = execute(st);
        if (rc != BZ_OK) {
            return rc;
        }
    }
    int rows = PQntuples(st->res);
    if (st->row < rows) {
        st->row++;
    }
    return st->row < rows ? DB_ROW : BZ_OK;
}

static int pgd_col_count(const db_stmt *b)
{
    return PQnfields(((const pgd_stmt *)b)->res);
}

static int pgd_changes(const db_stmt *b)
{
    return ((const pgd_stmt *)b)->changes;
}

static void pgd_reset(db_stmt *b)
{
    pgd_stmt *st = stmt_of(b);
    PQclear(st->res);
    st->res = NULL;
    st->changes = 0;
    for (int i = 1; i <= st->nparams; i++) {
        set_param(st, i, NULL, 0, 0);
    }
}

static int pgd_exec_deferred(db_stmt *b)
{
    pgd_stmt *st = stmt_of(b);
    pg_conn *c = conn_of_stmt(b);
    if (!c->in_tx || c->savepoints > 0) {
        int rc;
        while ((rc = pgd_step(b)) == DB_ROW) {
        }
        return rc;
    }
    int rc = pg_db_usable(c);
    if (rc == BZ_OK && st->prepared_in != c->session) {
        /* preparing waits for its answer: not inside the pipeline */
        rc = pg_db_sync(c);
        rc = rc == BZ_OK ? prepare_on(c, st) : rc;
    }
    if (rc != BZ_OK) {
        return rc;
    }
    if (c->deferred == 0 && PQenterPipelineMode(c->conn) != 1) {
        return pg_db_error(c, NULL);
    }
    if (PQsendQueryPrepared(c->conn, st->name, st->nparams, st->values, st->lengths, st->formats,
                            0) != 1) {
        rc = pg_db_sync(c); /* what was sent before, then the reason this one was not */
        return rc != BZ_OK ? rc : pg_db_error(c, NULL);
    }
    c->deferred++;
    return BZ_OK;
}

/* ---- columns --------------------------------------------------------------------------- */

static const char *pgd_col_text(db_stmt *b, int col, size_t *len)
{
    pgd_stmt *st = stmt_of(b);
    if (PQgetisnull(st->res, st->row, col)) {
        *len = 0;
        return NULL;
    }
    *len = (size_t)PQgetlength(st->res, st->row, col);
    return PQgetvalue(st->res, st->row, col);
}

static int64_t pgd_col_i64(db_stmt *b, int col)
{
    pgd_stmt *st = stmt_of(b);
    if (PQgetisnull(st->res, st->row, col)) {
        return 0;
    }
    return strtoll(PQgetvalue(st->res, st->row, col), NULL, 10);
}

static bool pgd_col_bool(db_stmt *b, int col)
{
    pgd_stmt *st = stmt_of(b);
    const char *v = PQgetvalue(st->res, st->row, col);
    return !PQgetisnull(st->res, st->row, col) && (v[0] == 't' || v[0] == '1');
}

static bool pgd_col_is_null(db_stmt *b, int col)
{
    pgd_stmt *st = stmt_of(b);
    return PQgetisnull(st->res, st->row, col);
}

/* bytea in text form: "\x" and two hex digits a byte (SESSION_SETUP asks for that form). */
static bool pgd_col_blob(db_stmt *b, int col, void *out, size_t n)
{
    pgd_stmt *st = stmt_of(b);
    const char *v = PQgetvalue(st->res, st->row, col);
    return !PQgetisnull(st->res, st->row, col) &&
           (size_t)PQgetlength(st->res, st->row, col) == 2 + 2 * n && v[0] == '\\' && v[1] == 'x' &&
           bz_hex_decode(v + 2, 2 * n, out, n) == BZ_OK;
}

/* ---- savepoints and transactions ------------------------------------------------------- */

/* A transaction begins (in_tx) or is over: either way no savepoint is open and nothing of an
 * earlier one is lost. Returns rc. Deferred writes live and die inside one transaction:
 * commit and rollback read their answers first, and none is sent outside one. */
static int tx_state(pg_conn *c, bool in_tx, int rc)
{
    if (BZ_NEVER(c->deferred != 0)) {
        (void)pg_db_sync(c);
    }
    c->in_tx = in_tx;
    c->tx_lost = false;
    c->savepoints = 0;
    return rc;
}

static int pgd_atomic_begin(db_conn *dc)
{
    pg_conn *c = pg_conn_of(dc);
    int rc = pg_db_usable(c);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = pg_db_exec_simple(c, c->in_tx ? "SAVEPOINT op" : "BEGIN");
    if (rc == BZ_OK && c->in_tx) {
        c->savepoints++;
    }
    return rc;
}

static int pgd_atomic_end(db_conn *dc, int rc)
{
    pg_conn *c = pg_conn_of(dc);
    if (c->in_tx) {
        if (c->tx_lost || c->savepoints == 0) {
            return rc != BZ_OK ? rc : BZ_EUNAVAILABLE;
        }
        c->savepoints--;
        if (rc != BZ_OK) {
            pg_db_exec_simple(c, "ROLLBACK TO SAVEPOINT op");
        }
        int release = pg_db_exec_simple(c, "RELEASE SAVEPOINT op");
        return rc != BZ_OK ? rc : release;
    }
    if (PQstatus(c->conn) != CONNECTION_OK || c->need_reset) {
        return rc != BZ_OK ? rc : BZ_EUNAVAILABLE;
    }
    if (rc == BZ_OK) {
        return pg_db_exec_simple(c, "COMMIT");
    }
    pg_db_exec_simple(c, "ROLLBACK");
    return rc;
}

static int pgd_begin(db_conn *dc)
{
    pg_conn *c = pg_conn_of(dc);
    int rc = pg_db_ensure_connected(c);
    if (rc == BZ_OK) {
        rc = pg_db_exec_simple(c, "BEGIN");
    }
    return tx_state(c, rc == BZ_OK, rc);
}

static int pgd_commit(db_conn *dc)
{
    pg_conn *c = pg_conn_of(dc);
    int rc = BZ_EUNAVAILABLE;
    int deferred = pg_db_sync(c);
    if (deferred != BZ_OK && !c->tx_lost) {
        pg_db_exec_simple(c, "ROLLBACK"); /* a deferred write failed: nothing of it may stay */
        rc = deferred;
    } else if (!c->tx_lost) {
        /* COMMIT of a transaction that an error aborted answers "ROLLBACK" without failing:
         * report that as the failure it is. */
        PGresult *res = PQexec(c->conn, "COMMIT");
        if (res && PQresultStatus(res) == PGRES_COMMAND_OK) {
            rc = strcmp(PQcmdStatus(res), "COMMIT") == 0 ? BZ_OK : BZ_EINTERNAL;
        } else {
            rc = pg_db_error(c, res);
        }
        PQclear(res);
    }
    return tx_state(c, false, rc);
}

static int pgd_rollback(db_conn *dc)
{
    pg_conn *c = pg_conn_of(dc);
    int rc = BZ_OK;
    pg_db_sync(c); /* answers of deferred writes: the transaction is abandoned either way */
    if (!c->tx_lost && PQstatus(c->conn) == CONNECTION_OK) {
        rc = pg_db_exec_simple(c, "ROLLBACK");
    }
    return tx_state(c, false, rc);
}

static bool pgd_in_tx(const db_conn *c)
{
    return ((const pg_conn *)c)->in_tx;
}

/* ---- the connection -------------------------------------------------------------------- */

static int pgd_ping(db_conn *dc)
{
    pg_conn *c = pg_conn_of(dc);
    int rc = c->tx_lost ? BZ_EUNAVAILABLE : pg_db_ensure_connected(c);
    return rc == BZ_OK ? pg_db_exec_simple(c, "SELECT 1") : rc;
}

static void pgd_close(db_conn *dc)
{
    PQfinish(pg_conn_of(dc)->conn);
    free(dc);
}

/* Server notices (NOTICE: relation already exists, skipping ...) go to the debug log instead of
 * stderr. */
static void on_notice(void *arg, const char *message)
{
    (void)arg;
    bz_debug("postgres: %s", message);
}

static const db_driver pg_driver = {
    .dialect = &pg_dialect,
    .exec_deferred = pgd_exec_deferred,
    DB_DRIVER_FUNCTIONS(pgd),
};

int pg_db_open(const char *conninfo_url, db_conn **out)
{
    *out = NULL;
    pg_conn *c = calloc(1, sizeof(*c));
    if (!c) {
        return BZ_EINTERNAL;
    }
    db_conn_init(&c->base, &pg_driver);
    c->session = 1;
    c->conn = PQconnectdb(conninfo_url);
    if (!c->conn || PQstatus(c->conn) != CONNECTION_OK) {
        /* libpq's message names host and port, never the password. */
        bz_error("postgres: cannot connect: %s", c->conn ? PQerrorMessage(c->conn) : "no memory");
        db_close(&c->base);
        return BZ_EUNAVAILABLE;
    }
    PQsetNoticeProcessor(c->conn, on_notice, NULL);
    int rc = pg_db_exec_simple(c, SESSION_SETUP);
    if (rc != BZ_OK) {
        db_close(&c->base);
        return rc;
    }
    *out = &c->base;
    return BZ_OK;
}
