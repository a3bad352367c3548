/*
 * store/pg/pg_db.h - the PostgreSQL driver of store/db/db.h, for the
 * adapter's own files: the connection's state and the calls that keep it.
 *
 * Statements are prepared (PQprepare) the first time a connection runs
 * them and executed with text parameters (PQexecPrepared); 32-byte blobs
 * travel as binary parameters and come back as bytea's text form (\x..).
 * Values never become part of SQL text.
 *
 * Connection loss: the failing call returns BZ_EUNAVAILABLE; the next call
 * reconnects once (PQreset) and prepares statements afresh. A transaction
 * that was open when the connection died is gone: every call until
 * db_rollback returns BZ_EUNAVAILABLE, so no write of it can leak into
 * autocommit mode on the new connection.
 */
#ifndef STORE_PG_PG_DB_H
#define STORE_PG_PG_DB_H

#include "store/db/db_driver.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct pg_conn {
    db_conn base;
    PGconn *conn;
    bool in_tx;      /* inside db_begin .. commit/rollback */
    bool tx_lost;    /* the connection died inside that transaction */
    bool need_reset; /* the server ended the session (shutdown, terminated): reconnect */
    int savepoints;  /* open db_atomic_begin savepoints (0 or 1) */
    int deferred;    /* writes sent in pipeline mode whose answers are not read yet */
    /* The server session's number: it changes whenever the session is gone, and with it
     * every statement prepared in it. A statement is prepared when it holds this number. */
    uint32_t session;
} pg_conn;

static inline pg_conn *pg_conn_of(db_conn *c)
{
    return (pg_conn *)c;
}

/* Connect to `conninfo_url` (a postgres:// URL or libpq key=value string) into *out, which
 * the caller releases with db_close. BZ_EUNAVAILABLE if the server cannot be reached. */
int pg_db_open(const char *conninfo_url, db_conn **out);

/* Map a failed result (NULL allowed) to a BZ_E* code, noting a lost session. */
int pg_db_error(pg_conn *c, const PGresult *res);

/* Run SQL without parameters through the simple protocol (BEGIN, migrations), after reading
 * the answers of deferred writes. */
int pg_db_exec_simple(pg_conn *c, const char *sql);

/* Make sure the connection is up, reconnecting once if it dropped. */
int pg_db_ensure_connected(pg_conn *c);

/* BZ_EUNAVAILABLE inside a lost transaction, else pg_db_ensure_connected. */
int pg_db_usable(pg_conn *c);

/* Read the answers of deferred writes and leave pipeline mode: BZ_OK or the first error. */
int pg_db_sync(pg_conn *c);

extern const db_dialect pg_dialect; /* pg_dialect.c */

#endif
