/*
 * store/sqlite/sqlite_db.h - the SQLite driver of store/db/db.h, for the
 * adapter's own files: opening a connection and reaching its handle.
 */
#ifndef STORE_SQLITE_SQLITE_DB_H
#define STORE_SQLITE_SQLITE_DB_H

#include "store/db/db.h"

#include <sqlite3.h>

/* Open (creating if needed) the database file at `path` with the adapter's settings (WAL,
 * synchronous=NORMAL, foreign keys, busy timeout) into *out, which the caller releases with
 * db_close. BZ_EUNAVAILABLE if it cannot be opened. */
int sqlite_db_open(const char *path, db_conn **out);

/* The connection's handle, owned by it. */
sqlite3 *sqlite_db_handle(db_conn *c);

/* Map an SQLite result code of the last call on `db` to a BZ_E* code (logging the
 * unexpected ones). */
int sqlite_db_error(sqlite3 *db, int sqlite_rc);

/* Run SQL without parameters, several statements allowed (pragmas, migrations). */
int sqlite_db_exec_script(sqlite3 *db, const char *sql);

extern const struct db_dialect sqlite_dialect; /* sqlite_dialect.c */

#endif
