/*
 * In-app notifications: the fan-out when a show goes live and the user's own
 * list / mark-read (app/notifications.h).
 */
#include "app/notifications.h"

#include "app/app_util.h"
#include "base/err.h"

#include <inttypes.h>
#include <string.h>

int app_notifications_list(app_ctx *c, int64_t actor, int64_t cursor, int limit,
                           app_notif_page *out)
{
    memset(out, 0, sizeof(*out));
    if (limit < 1 || limit > 100) {
        return app_fail(c, BZ_EVALIDATION, "limit", "limit must be 1..100");
    }
    if (cursor < 0) {
        return app_fail(c, BZ_EVALIDATION, "cursor", "bad cursor");
    }
    store_page page;
    int rc = store_notifications_of(c->store, actor, cursor, limit, c->arena, &out->items, &page,
                                    &out->unread);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    out->n = page.n;
    out->next_cursor = page.next_cursor;
    return BZ_OK;
}

int app_notification_mark_read(app_ctx *c, int64_t actor, int64_t id)
{
    int rc = store_notification_mark_read(c->store, actor, id, c->now);
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

int notify_followers_live(app_ctx *c, int64_t stream_id, notification **out, size_t *n)
{
    int rc = store_notify_followers_live(c->store, stream_id, c->now, c->arena, out, n);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

void notify_publish(app_ctx *c, const notification *rows, size_t n)
{
    events *bus = c->env ? c->env->events : NULL;
    for (size_t i = 0; bus && i < n; i++) {
        app_event ev = {.kind = APP_EVENT_NOTIFICATION, .target = rows[i].user_id};
        ev.u.notification = rows[i];
        event e;
        if (app_event_encode(c, &ev, &e) != BZ_OK) {
            app_err_clear(c); /* the row is stored: the list still shows it */
            continue;
        }
        /* Committed already: a bus that is down loses only the live push, not the row. */
        (void)bus->ops->publish(bus, &e);
    }
}
