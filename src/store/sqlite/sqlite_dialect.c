/*
 * store/sqlite/sqlite_dialect.c - where SQLite's SQL differs from the
 * canonical SQL of store/db/db.h. Everything not here is written once.
 */
#include "store/db/db_driver.h"
#include "store/fts_query.h"
#include "store/sqlite/sqlite_db.h"

static const db_macro macros[] = {
    /* The port passes no `now` to a few writes: the database clock, in ms. */
    {"now_ms", "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"},
    /* Nothing to add: db_begin is BEGIN IMMEDIATE, so a transaction holds the database's
     * write lock before it reads. */
    {"for_update", ""},
    {"for_no_key_update", ""},
    /* One writer at a time holds the database: a claim's statement already excludes others. */
    {"skip_locked", ""},
    /* db_bind_ids binds a JSON array. */
    {"in_ids", "IN (SELECT value FROM json_each({}))"},
    /* json_each's key of an array element is its index. */
    {"id_rows", "(SELECT value AS id, key AS pos FROM json_each({}))"},
    /* FTS5 external-content table products_fts, kept in step by triggers (migration 0001). */
    {"product_matches", "p.id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH {})"},
    /* BINARY compares with memcmp: byte order. */
    {"collate_bytes", "COLLATE BINARY"},
};

static int fts_query(const char *text, char *out, size_t size)
{
    return store_fts_query(text, STORE_FTS_SQLITE, out, size);
}

const db_dialect sqlite_dialect = {
    .name = "sqlite",
    .placeholder = '?',
    .macros = macros,
    .n_macros = sizeof(macros) / sizeof(macros[0]),
    .list_open = '[',
    .list_close = ']',
    .error_aborts_tx = false,
    .fts_query = fts_query,
};
