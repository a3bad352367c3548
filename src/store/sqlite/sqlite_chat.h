/*
 * store/sqlite/sqlite_chat.h - the chat, moderation and buyer-limit half of
 * the SQLite adapter (chat.c, moderation.c, wellbeing.c): its statement
 * numbers, inside the block SQ_CHAT_FIRST..SQ_CHAT_LAST that
 * sqlite_internal.h reserves, and its entries of the ops table.
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

int sq_chat_message_insert(store *s, const store_chat_message *m);
int sq_chat_message_get(store *s, int64_t id, bz_arena *a, store_chat_message *out);
int sq_chat_messages(store *s, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,
                     store_chat_message **out, store_page *page);
int sq_chat_message_delete(store *s, int64_t id, int64_t by, int64_t now);
int sq_chat_activity(store *s, int64_t user_id, int64_t stream_id, int64_t since,
                     int64_t *count_since, int64_t *last_in_stream);
int sq_moderator_add(store *s, int64_t seller_id, int64_t user_id, int64_t now);
int sq_moderator_remove(store *s, int64_t seller_id, int64_t user_id);
int sq_is_moderator(store *s, int64_t seller_id, int64_t user_id, bool *out);
int sq_moderators(store *s, int64_t seller_id, bz_arena *a, store_chat_user **out, size_t *n);
int sq_chat_mute_set(store *s, int64_t stream_id, int64_t user_id, int64_t until, int64_t by,
                     int64_t now);
int sq_chat_mute_clear(store *s, int64_t stream_id, int64_t user_id);
int sq_chat_mute_until(store *s, int64_t stream_id, int64_t user_id, int64_t *until);
int sq_stream_ban_add(store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now);
int sq_stream_ban_remove(store *s, int64_t stream_id, int64_t user_id);
int sq_stream_is_banned(store *s, int64_t stream_id, int64_t user_id, bool *out);
int sq_blocked_words_set(store *s, int64_t seller_id, const char *const *words, size_t n);
int sq_blocked_words(store *s, int64_t seller_id, bz_arena *a, const char ***out, size_t *n);
int sq_chat_slow_mode_set(store *s, int64_t stream_id, int seconds, int64_t now);
int sq_chat_slow_mode(store *s, int64_t stream_id, int *seconds);
int sq_buyer_limits_get(store *s, int64_t user_id, bz_arena *a, store_buyer_limits *out);
int sq_bidder_facts(store *s, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,
                    store_bidder_facts *out);
int sq_buyer_limits_put(store *s, const store_buyer_limits *l);
int sq_buyer_committed(store *s, int64_t user_id, int64_t since, int64_t exclude_auction_id,
                       int64_t *orders_sum, int64_t *leading_sum);

/* A one-row, integer-columns query: bind with the ints `args` (n of them), read `ncols`
 * columns of the first row into `out` (NULL columns -> 0). *found (may be NULL) says whether
 * there was a row. Shared by chat.c, moderation.c and wellbeing.c. */
int sqc_ints(sq_store *s, int id, const char *sql, const int64_t *args, int nargs, int64_t *out,
             int ncols, bool *found);
/* A write bound with the ints `args`; *changes (may be NULL) as sq_run. */
int sqc_exec(sq_store *s, int id, const char *sql, const int64_t *args, int nargs, int *changes);

#endif
