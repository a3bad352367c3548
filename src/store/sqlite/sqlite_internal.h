/*
 * store/sqlite/sqlite_internal.h - the SQLite adapter's connection: a store/sql
 * connection (the driver's, sqlite_db.c) and its raw handle, which only the
 * migrations use.
 */
#ifndef STORE_SQLITE_SQLITE_INTERNAL_H
#define STORE_SQLITE_SQLITE_INTERNAL_H

#include "app/ports/store.h"
#include "store/sql/sql.h"
#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

typedef struct sq_store {
    sql_store sql; /* sql.db: the driver's connection, which owns the handle */
    sqlite3 *db;   /* its handle, for the migrations */
} sq_store;

static inline sq_store *sq_of(store *s)
{
    return (sq_store *)s;
}

#endif
