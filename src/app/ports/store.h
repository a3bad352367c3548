/*
 * app/ports/store.h - the storage port: everything Blytz persists.
 *
 * Adapters: store/sqlite (default, embedded, WAL) and store/pg (libpq). Both
 * pass tests/contract, the one suite that defines this port's behaviour.
 *
 * Rules every adapter keeps:
 * - A `store` is one connection. It is not thread-safe: each worker thread
 *   opens its own. Calls are synchronous.
 * - Ids are int64 chosen by the caller (base/rand.h bz_id_new), except where
 *   a function says otherwise. Money is int64 sen. Times are int64 UTC ms.
 * - Strings passed in are borrowed for the call. Strings and arrays returned
 *   are allocated from the caller's arena `a` and live as long as it does.
 * - Errors: BZ_ENOTFOUND for a missing row, the specific conflict codes named
 *   below for unique violations, BZ_EUNAVAILABLE when the database cannot be
 *   reached, BZ_EINTERNAL otherwise. Nothing else.
 * - Outside an explicit store_begin/commit every call is its own transaction.
 * The operations, each with its contract, are listed once in app/ports/store_ops.h, which
 * generates their declarations here, the vtable below and the wrappers of store.c. What they
 * read and write is the domain's model (account_user, catalog_product, show_stream,
 * auction_lot, ... in src/domain); the port's own pages, cursors and query parameters are in
 * app/ports/store_types.h.
 */
#ifndef APP_PORTS_STORE_H
#define APP_PORTS_STORE_H

#include "app/ports/store_ops.h"
#include "app/ports/store_types.h"
#include "base/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct store store;

/* ---- the adapter interface --------------------------------------------- */

/* Adapters fill one of these; callers use the store_* wrappers below. */
struct store_ops {
    const char *name; /* "sqlite" | "postgres" */
    void (*close)(store *s);
    int (*ping)(store *s);
    int (*migrate)(store *s, int *applied_out);
    int (*begin)(store *s);
    int (*commit)(store *s);
    int (*rollback)(store *s);
    /* one member per operation of store_ops.h */
#define STORE_OP_MEMBER(wrap, name, params, args) int(*name) params;
    STORE_OPS(STORE_OP_MEMBER)
#undef STORE_OP_MEMBER
};

/* Every adapter's connection starts with this header. */
struct store {
    const struct store_ops *ops;
    uint64_t busy_ns; /* time spent in store_* calls on this connection (metrics); the
                       * wrappers add to it, adapters leave it alone */
};

/* Close the connection and free it. NULL is allowed. */
void store_close(store *s);
/* The adapter's name, for logs and /readyz. */
const char *store_name(const store *s);
/* BZ_OK if the database answers. */
int store_ping(store *s);
/* Apply pending migrations in order, each in its own transaction. *applied_out (may be NULL)
 * receives how many ran. Safe to call concurrently from several processes. */
int store_migrate(store *s, int *applied_out);

/* Explicit transactions. Nested begin is BZ_EINTERNAL. */
int store_begin(store *s);
int store_commit(store *s);
int store_rollback(store *s);

/* int store_<name>(params) for every operation, each documented in store_ops.h. */
#define STORE_OP_DECLARE(wrap, name, params, args) int store_##name params;
STORE_OPS(STORE_OP_DECLARE)
#undef STORE_OP_DECLARE

#endif
