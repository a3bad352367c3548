/*
 * store/pg/pg_internal.h - the PostgreSQL adapter's connection: a store/sql
 * connection (the driver's, pg_db.h, which also tells how connection loss is
 * handled) and the driver's own view of it, which the migrations use.
 */
#ifndef STORE_PG_PG_INTERNAL_H
#define STORE_PG_PG_INTERNAL_H

#include "app/ports/store.h"
#include "store/pg/pg_db.h"
#include "store/sql/sql.h"

typedef struct pg_store {
    sql_store sql; /* sql.db: the driver's connection, c */
    pg_conn *c;
} pg_store;

static inline pg_store *pg_of(store *s)
{
    return (pg_store *)s;
}

#endif
