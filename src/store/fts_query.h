/*
 * store/fts_query.h - free text typed by a user, turned into a full-text
 * query that can never be a syntax error.
 *
 * The text is split into terms of letters and digits (ASCII) and any
 * non-ASCII character; everything else separates terms. Each term is quoted
 * for the target dialect and the last one matches as a prefix, so "vintage
 * cam" finds "Vintage Camera" while the user is still typing. Quotes,
 * operators and parentheses in the input only ever separate terms.
 */
#ifndef STORE_FTS_QUERY_H
#define STORE_FTS_QUERY_H

#include <stddef.h>

enum store_fts_dialect {
    STORE_FTS_SQLITE, /* FTS5 MATCH:       "t1" "t2"*        */
    STORE_FTS_PG,     /* to_tsquery input: 't1' & 't2':*     */
};

#define STORE_FTS_MAX_TERMS     16 /* later terms are ignored */
#define STORE_FTS_MAX_TERM      64 /* bytes; longer terms are cut at a character boundary */
#define STORE_FTS_QUERY_MAXSIZE (STORE_FTS_MAX_TERMS * (STORE_FTS_MAX_TERM + 8) + 1)

/* Write the query for `text` into out (at least STORE_FTS_QUERY_MAXSIZE bytes). Returns the
 * number of terms; 0 means the text has none (out is ""), and callers apply no text filter. */
int store_fts_query(const char *text, enum store_fts_dialect dialect, char *out, size_t size);

#endif
