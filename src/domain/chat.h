/*
 * domain/chat.h - a show's chat messages and its seller's moderators.
 *
 * Plain data, as every model type of the domain: ids are int64, money int64 sen, times
 * UTC ms; strings and arrays are borrowed (from a store read: the caller's arena).
 */
#ifndef DOMAIN_CHAT_H
#define DOMAIN_CHAT_H

#include <stdint.h>

/* A chat message of a show. Deleted messages keep their row (deleted_at, deleted_by). */
typedef struct chat_message {
    int64_t id;
    int64_t stream_id;
    int64_t user_id;
    const char *username; /* of the author, filled by reads */
    const char *text;
    int64_t created_at;
    int64_t deleted_at; /* 0 = not deleted */
    int64_t deleted_by; /* 0 = not deleted */
} chat_message;

/* A user as a moderator list shows them. */
typedef struct chat_moderator {
    int64_t id;
    const char *username;
    int64_t created_at; /* when appointed */
} chat_moderator;

#endif
