/*
 * store/pg/pg_dialect.c - where PostgreSQL's SQL differs from the canonical
 * SQL of store/db/db.h. Everything not here is written once.
 */
#include "store/db/db_driver.h"
#include "store/fts_query.h"
#include "store/pg/pg_db.h"

static const db_macro macros[] = {
    /* The port passes no `now` to a few writes: the database clock, in ms. clock_timestamp,
     * not now(): the time of the statement, not of the transaction's start. */
    {"now_ms", "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"},
    /* Hold the rows read against other writers until commit or rollback. */
    {"for_update", "FOR UPDATE"},
    /* The lock an UPDATE of the row takes: it orders writers of the row but, unlike FOR UPDATE,
     * lets foreign-key checks of rows that refer to it through. */
    {"for_no_key_update", "FOR NO KEY UPDATE"},
    /* Lock the rows read, passing over those another transaction holds: claimers on several
     * nodes take disjoint rows without waiting (the outbox). */
    {"skip_locked", "FOR UPDATE SKIP LOCKED"},
    /* db_bind_ids binds a bigint[] literal. */
    {"in_ids", "= ANY ({}::bigint[])"},
    {"id_rows",
     "(SELECT id, ord - 1 AS pos FROM unnest({}::bigint[]) WITH ORDINALITY AS u(id, ord))"},
    /* The generated tsvector column products.search ('simple' configuration, GIN index). */
    {"product_matches", "p.search @@ to_tsquery('simple', {})"},
    /* The database's default collation may follow a locale; "C" is byte order. */
    {"collate_bytes", "COLLATE \"C\""},
};

static int fts_query(const char *text, char *out, size_t size)
{
    return store_fts_query(text, STORE_FTS_PG, out, size);
}

const db_dialect pg_dialect = {
    .name = "postgres",
    .placeholder = '$',
    .macros = macros,
    .n_macros = sizeof(macros) / sizeof(macros[0]),
    .list_open = '{',
    .list_close = '}',
    .error_aborts_tx = true,
    .fts_query = fts_query,
};
