/*
 * /api/v1/streams/{id}/cohosts: a show's co-hosts (app/cohosts.h). Its seller
 * invites by username and removes; a co-host steps down with the same DELETE
 * on their own id; anyone reads the list (the room's stage).
 */
#include "app/cohosts.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/cohosts.h"
#include "wire/wire.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* POST {username} → 201 {cohost} (200 when they were one already). */
static int do_invite(http_req *req, int64_t id, api_reply *out)
{
    json_t *body;
    const char *username = NULL;
    show_cohost co;
    bool created = false;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, "", "username", true, &username, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_cohost_invite(http_req_app(req), api_user(req), id, username, &co, &created);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, created ? 201 : 200, wire_wrap("cohost", wire_cohost(&co)));
}

/* GET → {stream_id, cohosts}, the same object as the room's show:stage event. */
static int do_list(http_req *req, int64_t id, api_reply *out)
{
    show_cohost *list = NULL;
    size_t n = 0;
    int rc = app_cohosts_list(http_req_app(req), id, &list, &n);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_stage(id, list, n));
}

const api_route api_routes_cohosts[] = {
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/streams/{id}/cohosts", do_invite, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/streams/{id}/cohosts", do_list, 0),
    API_ACT2(HTTP_M_DELETE, "/api/v1/streams/{id}/cohosts/{user_id}", app_cohost_remove, HTTP_AUTH),
    API_END,
};
