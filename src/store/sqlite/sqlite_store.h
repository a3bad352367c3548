/*
 * store/sqlite/sqlite_store.h - the SQLite adapter of app/ports/store.h.
 *
 * One file, many connections: each thread opens its own store. WAL lets
 * readers run beside the one writer; writers queue on busy_timeout.
 */
#ifndef STORE_SQLITE_SQLITE_STORE_H
#define STORE_SQLITE_SQLITE_STORE_H

#include "app/ports/store.h"

/* Open (creating if needed) the database file at `path` and return a connection in *out,
 * which the caller releases with store_close. Migrations are not applied: call store_migrate.
 * BZ_EUNAVAILABLE if the file cannot be opened. */
int sqlite_store_open(const char *path, store **out);

#endif
