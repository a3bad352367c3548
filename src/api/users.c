/*
 * /api/v1/users: the caller's account, public profiles, profile edits, the
 * sellers the caller follows, and password changes.
 */
#include "app/auth.h"
#include "app/sellers.h"
#include "app/users.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <string.h>

static int user_reply(api_reply *out, const app_user_view *v, bool is_self)
{
    return api_reply_json(out, 200, wire_wrap("user", wire_user(v, is_self)));
}

static int do_me(http_req *req, api_reply *out)
{
    app_user_view v;
    int rc = app_user_me(http_req_app(req), api_user(req), &v);
    return rc == BZ_OK ? user_reply(out, &v, true) : rc;
}

static int do_profile(http_req *req, api_reply *out)
{
    app_user_view v;
    int rc = app_user_profile(http_req_app(req), http_req_param(req, "id"), &v);
    return rc == BZ_OK ? user_reply(out, &v, v.user.id == api_user(req)) : rc;
}

/* The target of PATCH /users/{id}: "me" or an id; any other value names nobody. */
static int patch_target(http_req *req, int64_t *target)
{
    const char *id = http_req_param(req, "id");
    if (!id || strcmp(id, "me") == 0) {
        *target = api_user(req);
        return BZ_OK;
    }
    return api_param_id(req, "id", target);
}

static int do_update(http_req *req, api_reply *out)
{
    json_t *body;
    const char *display_name = NULL, *bio = NULL;
    bool show_win_name = false, has_show_win_name = false;
    int64_t target = 0;
    app_user_view v;
    int rc = patch_target(req, &target);
    if (rc == BZ_OK) {
        rc = api_body(req, &body);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "display_name", false, &display_name, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "bio", false, &bio, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_bool(req, body, "show_win_name", &show_win_name, &has_show_win_name);
    }
    if (rc == BZ_OK) {
        int win = has_show_win_name ? show_win_name : -1;
        rc = app_user_update(http_req_app(req), api_user(req), target, display_name, bio, win, &v);
    }
    return rc == BZ_OK ? user_reply(out, &v, true) : rc;
}

static int do_following(http_req *req, api_reply *out)
{
    int64_t cursor = 0;
    int limit = 20;
    app_seller_list list = {0};
    int rc = api_query_page(req, &limit, &cursor);
    if (rc == BZ_OK) {
        rc = app_seller_following(http_req_app(req), api_user(req), cursor, limit, &list);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200,
                          wire_page("sellers", wire_sellers(list.items, list.n), list.next_cursor));
}

/* POST /users/me/password {current_password, new_password} -> 204. This session stays
 * signed in; every other session of the user ends (app_auth_change_password). */
static int do_password(http_req *req, api_reply *out)
{
    const char *current = NULL, *next = NULL;
    int rc = api_body_strs(
        req,
        (const api_field[]){{"current_password", &current}, {"new_password", &next}, {NULL, NULL}});
    if (rc == BZ_OK) {
        rc = app_auth_change_password(http_req_app(req), api_user(req), http_req_session(req),
                                      current, next);
    }
    return rc == BZ_OK ? api_reply_empty(out, 204) : rc;
}

const api_route api_routes_users[] = {
    API_ROUTE(HTTP_M_GET, "/api/v1/users/me", do_me, HTTP_AUTH),
    API_ROUTE(HTTP_M_PATCH, "/api/v1/users/me", do_update, HTTP_AUTH),
    API_ROUTE(HTTP_M_GET, "/api/v1/users/me/following", do_following, HTTP_AUTH),
    /* Limited like login: it checks a password, and a stolen access token must not buy
     * unlimited guesses at it (failures count per account and address). */
    API_ROUTE(HTTP_M_POST, "/api/v1/users/me/password", do_password,
              HTTP_AUTH | HTTP_RATE_AUTH | HTTP_RATE_LOGIN),
    API_ROUTE(HTTP_M_GET, "/api/v1/users/{id}", do_profile, 0),
    API_ROUTE(HTTP_M_PATCH, "/api/v1/users/{id}", do_update, HTTP_AUTH),
    API_END,
};
