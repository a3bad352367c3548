/*
 * app/notifications.h - in-app notifications (DESIGN section 3: the
 * `notification` event goes to the user's private room "user:<id>").
 *
 * Today one kind exists: "show_live", made for every follower of a seller
 * when one of the seller's shows goes live (shows.c, in the go-live
 * transaction). Reading and marking are the user's own only.
 *
 * Results live in c->arena.
 */
#ifndef APP_NOTIFICATIONS_H
#define APP_NOTIFICATIONS_H

#include "app/app.h"
#include "domain/notification.h"

#include <stddef.h>
#include <stdint.h>

typedef struct app_notif_page {
    notification *items; /* newest first */
    size_t n;
    int64_t next_cursor; /* 0 at the end */
    int64_t unread;      /* of all the user's notifications */
} app_notif_page;

/* The actor's notifications with id < cursor (0 = from the newest); limit 1..100. */
int app_notifications_list(app_ctx *c, int64_t actor, int64_t cursor, int limit,
                           app_notif_page *out);

/* Mark one of the actor's notifications read (again is fine). BZ_ENOTFOUND when it is not
 * theirs, so that ids of others' notifications are not confirmed. */
int app_notification_mark_read(app_ctx *c, int64_t actor, int64_t id);

/* For shows.c. Inside the go-live transaction: one notification per follower of the show's
 * seller; *out / *n the rows made. */
int notify_followers_live(app_ctx *c, int64_t stream_id, notification **out, size_t *n);
/* After the commit: a `notification` event (EVENT_USER, seq 0: not replayed; the REST list is
 * the durable copy) to each row's user. O(rows): one publish per follower, fine while
 * follower counts are small; a seller with very many followers would want a batched
 * publish or a per-seller room instead. */
void notify_publish(app_ctx *c, const notification *rows, size_t n);

#endif
