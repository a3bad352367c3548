/*
 * domain/notification.h - a user's in-app notifications.
 *
 * Plain data, as every model type of the domain: ids are int64, money int64 sen, times
 * UTC ms; strings and arrays are borrowed (from a store read: the caller's arena).
 */
#ifndef DOMAIN_NOTIFICATION_H
#define DOMAIN_NOTIFICATION_H

#include <stdint.h>

/* An in-app notification of one user. Ids are made by the store (see 0005). */
typedef struct notification {
    int64_t id;
    int64_t user_id;
    const char *kind;  /* "show_live", "order_disputed" */
    int64_t stream_id; /* show_live: the show; else 0 */
    int64_t order_id;  /* order_disputed: the order; else 0 */
    const char *title; /* the show's title when it was made; else what happened */
    int64_t created_at;
    int64_t read_at; /* 0 = unread */
} notification;

#endif
