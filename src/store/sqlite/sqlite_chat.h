/*
 * store/sqlite/sqlite_chat.h - the chat, moderation and buyer-limit half of
 * the SQLite adapter (chat.c, moderation.c, wellbeing.c): its statement
 * numbers, inside the block SQ_CHAT_FIRST..SQ_CHAT_LAST that sqlite_internal.h
 * reserves. Its functions are declared from app/ports/store_ops.h.
 */
#ifndef STORE_SQLITE_CHAT_H
#define STORE_SQLITE_CHAT_H

#include "store/sqlite/sqlite_internal.h"

enum sq_chat_stmt {
    SQC_MSG_INSERT = SQ_CHAT_FIRST,
    SQC_MSG_GET,
    SQC_MSGS,
    SQC_MSG_DELETE,
    SQC_MSG_EXISTS,
    SQC_ACTIVITY,
    SQC_MOD_ADD,
    SQC_MOD_REMOVE,
    SQC_MOD_IS,
    SQC_MODS,
    SQC_MUTE_SET,
    SQC_MUTE_CLEAR,
    SQC_MUTE_GET,
    SQC_BAN_ADD,
    SQC_BAN_REMOVE,
    SQC_BAN_IS,
    SQC_WORDS_CLEAR,
    SQC_WORD_INSERT,
    SQC_WORDS,
    SQC_SLOW_SET,
    SQC_SLOW_GET,
    SQC_LIMITS_GET,
    SQC_LIMITS_PUT,
    SQC_COMMITTED,
    SQC_BIDDER_FACTS,
    SQC_END
};
_Static_assert(SQC_END <= SQ_CHAT_LAST + 1, "grow the SQ_CHAT block in sqlite_internal.h");

/* A one-row, integer-columns query: bind with the ints `args` (n of them), read `ncols`
 * columns of the first row into `out` (NULL columns -> 0). *found (may be NULL) says whether
 * there was a row. Shared by chat.c, moderation.c and wellbeing.c. */
int sqc_ints(sq_store *s, int id, const char *sql, const int64_t *args, int nargs, int64_t *out,
             int ncols, bool *found);
/* A write bound with the ints `args`; *changes (may be NULL) as sq_run. */
int sqc_exec(sq_store *s, int id, const char *sql, const int64_t *args, int nargs, int *changes);

#endif
