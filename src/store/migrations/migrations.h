/*
 * store/migrations/migrations.h - the schema, version by version, embedded
 * in the binary at build time from migrations/NNNN_name.<dialect>.sql (see
 * embed.cmake). Adapters apply the ones a database has not seen yet, each in
 * its own transaction, and record them in schema_migrations.
 *
 * Writing a migration: add NNNN_name.sqlite.sql and NNNN_name.pg.sql with
 * the next number; never edit one that has shipped.
 */
#ifndef STORE_MIGRATIONS_MIGRATIONS_H
#define STORE_MIGRATIONS_MIGRATIONS_H

#include <stddef.h>

typedef struct store_migration {
    int version;      /* 1, 2, 3 ... */
    const char *name; /* "init" */
    const char *sql;  /* static, NUL-terminated; several statements */
} store_migration;

/* The migrations of `dialect` ("sqlite" | "pg") in version order; *n receives how many.
 * NULL (and *n = 0) for an unknown dialect. Static data. */
const store_migration *store_migrations(const char *dialect, size_t *n);

#endif
