/*
 * store/pg/pg_store.h - the PostgreSQL adapter of app/ports/store.h (libpq).
 *
 * Many nodes share one database; each thread of each node holds its own
 * connection (a store). Statements are prepared once per connection.
 */
#ifndef STORE_PG_PG_STORE_H
#define STORE_PG_PG_STORE_H

#include "app/ports/store.h"

/* Connect to `conninfo_url` (a postgres:// URL or libpq key=value string) and return the
 * connection in *out, which the caller releases with store_close. The schema is the first one
 * of the connection's search_path (options=-csearch_path%3D... in the URL picks another).
 * Migrations are not applied: call store_migrate. BZ_EUNAVAILABLE if the server cannot be
 * reached. */
int pg_store_open(const char *conninfo_url, store **out);

#endif
