/*
 * /api/v1/notifications: the caller's in-app notifications
 * (app/notifications.h). The list carries the unread count so a client's
 * badge needs no second request; marking read answers 204 and is
 * idempotent. Someone else's notification answers 404, like a missing one.
 */
#include "app/notifications.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdint.h>

static int do_list(http_req *req, api_reply *out)
{
    int64_t cursor = 0;
    int limit = 20;
    app_notif_page page;
    int rc = api_query_page(req, &limit, &cursor);
    if (rc == BZ_OK) {
        rc = app_notifications_list(http_req_app(req), api_user(req), cursor, limit, &page);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_notification_page(&page));
}

const api_route api_routes_notifications[] = {
    API_ROUTE(HTTP_M_GET, "/api/v1/notifications", do_list, HTTP_AUTH),
    API_ACT(HTTP_M_POST, "/api/v1/notifications/{id}/read", app_notification_mark_read, HTTP_AUTH),
    API_END,
};
