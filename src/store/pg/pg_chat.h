/*
 * store/pg/pg_chat.h - the chat, moderation and buyer-limit half of
 * the PostgreSQL adapter (chat.c, moderation.c, wellbeing.c): its statement
 * numbers, inside the block PG_CHAT_FIRST..PG_CHAT_LAST that
 * pg_internal.h reserves, and its entries of the ops table.
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

int pg_chat_message_insert(store *s, const store_chat_message *m);
int pg_chat_message_get(store *s, int64_t id, bz_arena *a, store_chat_message *out);
int pg_chat_messages(store *s, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,
                     store_chat_message **out, store_page *page);
int pg_chat_message_delete(store *s, int64_t id, int64_t by, int64_t now);
int pg_chat_activity(store *s, int64_t user_id, int64_t stream_id, int64_t since,
                     int64_t *count_since, int64_t *last_in_stream);
int pg_moderator_add(store *s, int64_t seller_id, int64_t user_id, int64_t now);
int pg_moderator_remove(store *s, int64_t seller_id, int64_t user_id);
int pg_is_moderator(store *s, int64_t seller_id, int64_t user_id, bool *out);
int pg_moderators(store *s, int64_t seller_id, bz_arena *a, store_chat_user **out, size_t *n);
int pg_chat_mute_set(store *s, int64_t stream_id, int64_t user_id, int64_t until, int64_t by,
                     int64_t now);
int pg_chat_mute_clear(store *s, int64_t stream_id, int64_t user_id);
int pg_chat_mute_until(store *s, int64_t stream_id, int64_t user_id, int64_t *until);
int pg_stream_ban_add(store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now);
int pg_stream_ban_remove(store *s, int64_t stream_id, int64_t user_id);
int pg_stream_is_banned(store *s, int64_t stream_id, int64_t user_id, bool *out);
int pg_blocked_words_set(store *s, int64_t seller_id, const char *const *words, size_t n);
int pg_blocked_words(store *s, int64_t seller_id, bz_arena *a, const char ***out, size_t *n);
int pg_chat_slow_mode_set(store *s, int64_t stream_id, int seconds, int64_t now);
int pg_chat_slow_mode(store *s, int64_t stream_id, int *seconds);
int pg_buyer_limits_get(store *s, int64_t user_id, bz_arena *a, store_buyer_limits *out);
int pg_bidder_facts(store *s, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,
                    store_bidder_facts *out);
int pg_buyer_limits_put(store *s, const store_buyer_limits *l);
int pg_buyer_committed(store *s, int64_t user_id, int64_t since, int64_t exclude_auction_id,
                       int64_t *orders_sum, int64_t *leading_sum);

/* A one-row, integer-columns query: bind with the ints `args` (n of them), read `ncols`
 * columns of the first row into `out` (NULL columns -> 0). *found (may be NULL) says whether
 * there was a row. Shared by chat.c, moderation.c and wellbeing.c. */
int pgc_ints(pg_store *s, int id, const char *sql, const int64_t *args, int nargs, int64_t *out,
             int ncols, bool *found);
/* A write bound with the ints `args`, under a savepoint inside a transaction (an expected
 * failure must not abort the caller's); *changes (may be NULL) receives its row count. */
int pgc_exec(pg_store *s, int id, const char *sql, const int64_t *args, int nargs, int *changes);

#endif
