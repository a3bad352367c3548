/*
 * store/sql/sql.h - the store's queries, written once over the SQL driver
 * (store/db/db.h) for every adapter built on it: the operations that
 * app/ports/store_ops.h marks SQL, one file per area (users.c, sessions.c,
 * sellers.c, ...), each function named sql_<operation>.
 *
 * An adapter built on the driver lays out its connection as a sql_store
 * first, so that these functions find the driver's connection in any
 * `store *` they are given, and builds its ops table with SQL_OPS_ENTRY.
 */
#ifndef STORE_SQL_H
#define STORE_SQL_H

#include "app/ports/store.h"
#include "store/db/db.h"

/* The head of every adapter's connection built on the driver. */
typedef struct sql_store {
    store base;
    db_conn *db; /* owned by the adapter, which closes it */
} sql_store;

static inline db_conn *sql_db(store *s)
{
    return ((sql_store *)s)->db;
}

/* The connection's part of struct store_ops, the same for every such adapter. */
int sql_ping(store *s);
int sql_begin(store *s);
int sql_commit(store *s);
int sql_rollback(store *s);

/* db_exec for a write meant to change one row: BZ_ENOTFOUND when it changed none. */
int sql_exec_one(db_stmt *q);

/* db_exec for a conditional write of row `id`: when it changed no row, the query `exists`
 * (its $1 bound to id) tells why: `if_exists` when it finds the row (the condition did not
 * hold), BZ_ENOTFOUND when not. */
int sql_exec_or_why(db_conn *c, db_stmt *q, db_query *exists, int64_t id, int if_exists);

/* int sql_<name>(params) for every operation marked SQL. */
#define SQL_PROTO_SQL(name, params) int sql_##name params;
#define SQL_PROTO_OWN(name, params)
#define SQL_PROTO(impl, wrap, name, params, args) SQL_PROTO_##impl(name, params)
STORE_OPS(SQL_PROTO)
#undef SQL_PROTO

/*
 * For an adapter, while some areas still have a copy in each adapter (impl OWN in the list):
 * it defines SQL_OWN_PREFIX (sq_, pg_) and then
 *   STORE_OPS(SQL_OWN_PROTO)   declares its own functions, <prefix><name>, and
 *   STORE_OPS(SQL_OPS_ENTRY)   fills its ops table with sql_<name> or <prefix><name>.
 */
#define SQL_CAT_(a, b)                                a##b
#define SQL_CAT(a, b)                                 SQL_CAT_(a, b)
#define SQL_IMPL_SQL(name)                            sql_##name
#define SQL_IMPL_OWN(name)                            SQL_CAT(SQL_OWN_PREFIX, name)
#define SQL_OPS_ENTRY(impl, wrap, name, params, args) .name = SQL_IMPL_##impl(name),
#define SQL_OWN_PROTO_SQL(name, params)               /* in store/sql */
#define SQL_OWN_PROTO_OWN(name, params)               int SQL_IMPL_OWN(name) params;
#define SQL_OWN_PROTO(impl, wrap, name, params, args) SQL_OWN_PROTO_##impl(name, params)

#endif
