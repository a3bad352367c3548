/*
 * /api/v1/users: the caller's account, public profiles, profile edits, the
 * sellers the caller follows, and password changes.
 */
#include "app/auth.h"
#include "app/sellers.h"
#include "app/users.h"
#include "base/err.h"
#include "http/handlers.h"
#include "http/routes.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <string.h>

static int user_reply(hx_reply *out, const app_user_view *v, bool is_self)
{
    return hx_reply_json(out, 200, wire_wrap("user", wire_user(v, is_self)));
}

static int do_me(http_req *req, hx_reply *out)
{
    app_user_view v;
    int rc = app_user_me(http_req_app(req), hx_user(req), &v);
    return rc == BZ_OK ? user_reply(out, &v, true) : rc;
}

static int do_profile(http_req *req, hx_reply *out)
{
    app_user_view v;
    int rc = app_user_profile(http_req_app(req), http_req_param(req, "id"), &v);
    return rc == BZ_OK ? user_reply(out, &v, v.user.id == hx_user(req)) : rc;
}

/* The target of PATCH /users/{id}: "me" or an id; any other value names nobody. */
static int patch_target(http_req *req, int64_t *target)
{
    const char *id = http_req_param(req, "id");
    if (!id || strcmp(id, "me") == 0) {
        *target = hx_user(req);
        return BZ_OK;
    }
    return hx_param_id(req, "id", target);
}

static int do_update(http_req *req, hx_reply *out)
{
    json_t *body;
    const char *display_name = NULL, *bio = NULL;
    int64_t target = 0;
    app_user_view v;
    int rc = patch_target(req, &target);
    if (rc == BZ_OK) {
        rc = hx_body(req, &body);
    }
    if (rc == BZ_OK) {
        rc = hx_get_str(req, body, NULL, "display_name", false, &display_name, NULL);
    }
    if (rc == BZ_OK) {
        rc = hx_get_str(req, body, NULL, "bio", false, &bio, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_user_update(http_req_app(req), hx_user(req), target, display_name, bio, &v);
    }
    return rc == BZ_OK ? user_reply(out, &v, true) : rc;
}

static int do_following(http_req *req, hx_reply *out)
{
    int64_t limit = 20, cursor = 0;
    store_seller *rows = NULL;
    store_page page = {0};
    int rc = hx_query_int(req, "limit", 1, 100, &limit);
    if (rc == BZ_OK) {
        rc = hx_query_cursor(req, &cursor);
    }
    if (rc == BZ_OK) {
        rc =
            app_seller_following(http_req_app(req), hx_user(req), cursor, (int)limit, &rows, &page);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return hx_reply_json(out, 200,
                         wire_page("sellers", wire_sellers(rows, page.n), page.next_cursor));
}

/* POST /users/me/password {current_password, new_password} -> 204. This session stays
 * signed in; every other session of the user ends (app_auth_change_password). */
static int do_password(http_req *req, hx_reply *out)
{
    json_t *body;
    const char *current = NULL, *next = NULL;
    int rc = hx_body(req, &body);
    if (rc == BZ_OK) {
        rc = hx_get_str(req, body, NULL, "current_password", true, &current, NULL);
    }
    if (rc == BZ_OK) {
        rc = hx_get_str(req, body, NULL, "new_password", true, &next, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_auth_change_password(http_req_app(req), hx_user(req), http_req_session(req),
                                      current, next);
    }
    return rc == BZ_OK ? hx_reply_empty(out, 204) : rc;
}

HX_HANDLER(h_me, do_me)
HX_HANDLER(h_profile, do_profile)
HX_HANDLER(h_update, do_update)
HX_HANDLER(h_following, do_following)
HX_HANDLER(h_password, do_password)

const http_route http_routes_users[] = {
    {HTTP_M_GET, "/api/v1/users/me", h_me, HTTP_AUTH},
    {HTTP_M_PATCH, "/api/v1/users/me", h_update, HTTP_AUTH},
    {HTTP_M_GET, "/api/v1/users/me/following", h_following, HTTP_AUTH},
    /* Limited like login: it checks a password, and a stolen access token must not buy
     * unlimited guesses at it (failures count per account and address). */
    {HTTP_M_POST, "/api/v1/users/me/password", h_password,
     HTTP_AUTH | HTTP_RATE_AUTH | HTTP_RATE_LOGIN},
    {HTTP_M_GET, "/api/v1/users/{id}", h_profile, 0},
    {HTTP_M_PATCH, "/api/v1/users/{id}", h_update, HTTP_AUTH},
    {0},
};
