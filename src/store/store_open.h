/*
 * store/store_open.h - open a store from a database URL (BLYTZ_DATABASE).
 */
#ifndef STORE_STORE_OPEN_H
#define STORE_STORE_OPEN_H

#include "app/ports/store.h"

/* "sqlite:PATH" or a bare PATH -> the SQLite adapter; "postgres://..." or
 * "postgresql://..." -> the PostgreSQL adapter. The caller owns *out (store_close).
 * BZ_EVALIDATION for any other scheme or an empty path; otherwise the adapter's error. */
int store_open_url(const char *url, store **out);

#endif
