/*
 * app/ports/store_ops_chat.h - the store operations of chat, moderation, buyer limits
 * (store/sql/chat.c, moderation.c, wellbeing.c): the lists STORE_OPS_CHAT, STORE_OPS_MODERATION,
 * STORE_OPS_WELLBEING of app/ports/store_ops.h, which says what an X line holds and includes this
 * header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_CHAT_H
#define APP_PORTS_STORE_OPS_CHAT_H

/*
 * docs/chat.md has the rules; the store keeps them durable. Every call below works inside or
 * outside store_begin. Writes that name a missing show, user or seller are BZ_ENOTFOUND.
 */
/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_CHAT(X)                                                                          \
    /* Append a message (m->username, deleted_* are not read). BZ_ECONFLICT for a duplicate id. */ \
    X(T, chat_message_insert, (store *s, const chat_message *m), (s, m))                           \
    /* Read a message, deleted or not, with its author's username. BZ_ENOTFOUND. */                \
    X(T, chat_message_get, (store *s, int64_t id, bz_arena *a, chat_message *out),                 \
      (s, id, a, out))                                                                             \
    /* A page of a show's messages that are not deleted, newest first (id descending); `cursor` is \
     * a previous page's next_cursor (0 = the newest). `limit` is clamped to 1..100. */            \
    X(T, chat_messages,                                                                            \
      (store *s, int64_t stream_id, int64_t cursor, int limit, bz_arena *a,                        \
       chat_message **out, store_page *page),                                                      \
      (s, stream_id, cursor, limit, a, out, page))                                                 \
    /* Mark a message deleted by `by` at `now`, only if it is not deleted yet: BZ_ECONFLICT when   \
     * it was, BZ_ENOTFOUND when there is no such message. */                                      \
    X(T, chat_message_delete, (store *s, int64_t id, int64_t by, int64_t now),                     \
      (s, id, by, now))                                                                            \
    /* What rate limits need of one user: how many messages (any show, deleted too) they posted    \
     * with created_at > since, and the created_at of their last message in `stream_id` (0 if      \
     * none). */                                                                                   \
    X(T, chat_activity,                                                                            \
      (store *s, int64_t user_id, int64_t stream_id, int64_t since, int64_t *count_since,          \
       int64_t *last_in_stream),                                                                   \
      (s, user_id, stream_id, since, count_since, last_in_stream))

#define STORE_OPS_MODERATION(X)                                                                    \
    /* Appoint `user_id` moderator of every show of `seller_id`; appointing twice is not an        \
     * error. */                                                                                   \
    X(T, moderator_add, (store *s, int64_t seller_id, int64_t user_id, int64_t now),               \
      (s, seller_id, user_id, now))                                                                \
    /* Remove an appointment; removing one that does not exist is not an error. */                 \
    X(T, moderator_remove, (store *s, int64_t seller_id, int64_t user_id),                         \
      (s, seller_id, user_id))                                                                     \
    X(T, is_moderator, (store *s, int64_t seller_id, int64_t user_id, bool *out),                  \
      (s, seller_id, user_id, out))                                                                \
    /* The seller's moderators, most recently appointed first (at most 1000). */                   \
    X(T, moderators,                                                                               \
      (store *s, int64_t seller_id, bz_arena *a, chat_moderator **out, size_t *n),                 \
      (s, seller_id, a, out, n))                                                                   \
    /* Mute `user_id` in a show until `until` (replaces an earlier mute, longer or shorter). */    \
    X(T, chat_mute_set,                                                                            \
      (store *s, int64_t stream_id, int64_t user_id, int64_t until, int64_t by, int64_t now),      \
      (s, stream_id, user_id, until, by, now))                                                     \
    /* Lift a mute; lifting none is not an error. */                                               \
    X(T, chat_mute_clear, (store *s, int64_t stream_id, int64_t user_id),                          \
      (s, stream_id, user_id))                                                                     \
    /* The end of the user's mute in the show, expired or not; 0 when never muted (or lifted). */  \
    X(T, chat_mute_until, (store *s, int64_t stream_id, int64_t user_id, int64_t *until),          \
      (s, stream_id, user_id, until))                                                              \
    /* Ban `user_id` from a show (chat and bids); banning twice is not an error. */                \
    X(T, stream_ban_add,                                                                           \
      (store *s, int64_t stream_id, int64_t user_id, int64_t by, int64_t now),                     \
      (s, stream_id, user_id, by, now))                                                            \
    /* Lift a ban; lifting none is not an error. */                                                \
    X(T, stream_ban_remove, (store *s, int64_t stream_id, int64_t user_id),                        \
      (s, stream_id, user_id))                                                                     \
    /* Whether the user is banned from the show. One indexed read: cheap enough for every bid. */  \
    X(T, stream_is_banned, (store *s, int64_t stream_id, int64_t user_id, bool *out),              \
      (s, stream_id, user_id, out))                                                                \
    /* Replace the seller's blocked words with `words` (already lower-cased and unique),           \
     * atomically. */                                                                              \
    X(T, blocked_words_set,                                                                        \
      (store *s, int64_t seller_id, const char *const *words, size_t n),                           \
      (s, seller_id, words, n))                                                                    \
    /* The seller's blocked words in byte order. */                                                \
    X(T, blocked_words,                                                                            \
      (store *s, int64_t seller_id, bz_arena *a, const char ***out, size_t *n),                    \
      (s, seller_id, a, out, n))                                                                   \
    /* Slow mode of a show's chat: one message per `seconds` per user (0 = off). */                \
    X(T, chat_slow_mode_set, (store *s, int64_t stream_id, int seconds, int64_t now),              \
      (s, stream_id, seconds, now))                                                                \
    /* 0 when never set. */                                                                        \
    X(T, chat_slow_mode, (store *s, int64_t stream_id, int *seconds),                              \
      (s, stream_id, seconds))                                                                     \
    /* Pin message `message_id` above a show's chat (0 unpins); slow mode stays as it is. */       \
    X(T, chat_pin_set, (store *s, int64_t stream_id, int64_t message_id, int64_t now),             \
      (s, stream_id, message_id, now))                                                             \
    /* The pinned message's id, 0 when none. */                                                    \
    X(T, chat_pinned, (store *s, int64_t stream_id, int64_t *message_id),                          \
      (s, stream_id, message_id))

#define STORE_OPS_WELLBEING(X)                                                                     \
    /* A buyer's limits. BZ_ENOTFOUND when they never set any. */                                  \
    X(T, buyer_limits_get, (store *s, int64_t user_id, bz_arena *a, buyer_limits *out),            \
      (s, user_id, a, out))                                                                        \
    /* Insert or replace a buyer's limits (spending_cap 0 = no cap: cap_period is then             \
     * ignored). */                                                                                \
    X(T, buyer_limits_put, (store *s, const buyer_limits *l), (s, l))                              \
    /* One read for a bid batch: for each of the `n` distinct user ids (n <= STORE_FACTS_MAX),     \
     * out[i] tells ids[i]'s username, whether show `stream_id` banned them, and their limits.     \
     * Unknown ids get exists = false, username "" and no limits. Strings live in `a`. */          \
    X(H, bidder_facts_get,                                                                         \
      (store *s, int64_t stream_id, const int64_t *ids, size_t n, bz_arena *a,                     \
       store_bidder_facts *out),                                                                   \
      (s, stream_id, ids, n, a, out))                                                              \
    /* What a buyer has committed to spend: the sum of their orders created after `since` (not     \
     * cancelled or refunded), and the sum over running auctions they lead of the larger of the    \
     * current bid and their maximum, leaving out auction `exclude_auction_id` (0 = none). */      \
    X(T, buyer_committed,                                                                          \
      (store *s, int64_t user_id, int64_t since, int64_t exclude_auction_id, int64_t *orders_sum,  \
       int64_t *leading_sum),                                                                      \
      (s, user_id, since, exclude_auction_id, orders_sum, leading_sum))
/* clang-format on */

#endif
