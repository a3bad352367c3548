/*
 * store/pg/pg_chat.h - the chat, moderation and buyer-limit half of the
 * PostgreSQL adapter (chat.c, moderation.c, wellbeing.c): its statement
 * numbers, inside the block PG_CHAT_FIRST..PG_CHAT_LAST that pg_internal.h
 * reserves. Its functions are declared from app/ports/store_ops.h.
 */
#ifndef STORE_PG_CHAT_H
#define STORE_PG_CHAT_H

#include "store/pg/pg_internal.h"

enum pg_chat_stmt {
    PGC_MSG_INSERT = PG_CHAT_FIRST,
    PGC_MSG_GET,
    PGC_MSGS,
    PGC_MSG_DELETE,
    PGC_MSG_EXISTS,
    PGC_ACTIVITY,
    PGC_MOD_ADD,
    PGC_MOD_REMOVE,
    PGC_MOD_IS,
    PGC_MODS,
    PGC_MUTE_SET,
    PGC_MUTE_CLEAR,
    PGC_MUTE_GET,
    PGC_BAN_ADD,
    PGC_BAN_REMOVE,
    PGC_BAN_IS,
    PGC_WORDS_CLEAR,
    PGC_WORD_INSERT,
    PGC_WORDS,
    PGC_SLOW_SET,
    PGC_SLOW_GET,
    PGC_LIMITS_GET,
    PGC_LIMITS_PUT,
    PGC_COMMITTED,
    PGC_BIDDER_FACTS,
    PGC_END
};
_Static_assert(PGC_END <= PG_CHAT_LAST + 1, "grow the PG_CHAT block in pg_internal.h");

/* A one-row, integer-columns query: bind with the ints `args` (n of them), read `ncols`
 * columns of the first row into `out` (NULL columns -> 0). *found (may be NULL) says whether
 * there was a row. Shared by chat.c, moderation.c and wellbeing.c. */
int pgc_ints(pg_store *s, int id, const char *sql, const int64_t *args, int nargs, int64_t *out,
             int ncols, bool *found);
/* A write bound with the ints `args`, under a savepoint inside a transaction (an expected
 * failure must not abort the caller's); *changes (may be NULL) receives its row count. */
int pgc_exec(pg_store *s, int id, const char *sql, const int64_t *args, int nargs, int *changes);

#endif
