/*
 * /api/v1/auth: register, login, refresh, logout.
 */
#include "app/auth.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

static int session_reply(http_req *req, api_reply *out, int status, const app_session *s)
{
    return api_reply_json(out, status, wire_session(s, http_req_app(req)->now));
}

static int do_register(http_req *req, api_reply *out)
{
    const char *email = NULL, *username = NULL, *password = NULL;
    app_session s;
    int rc = api_body_strs(req, (const api_field[]){{"email", &email},
                                                    {"username", &username},
                                                    {"password", &password},
                                                    {NULL, NULL}});
    if (rc == BZ_OK) {
        rc = app_auth_register(http_req_app(req), email, username, password, &s);
    }
    return rc == BZ_OK ? session_reply(req, out, 201, &s) : rc;
}

static int do_login(http_req *req, api_reply *out)
{
    const char *email = NULL, *password = NULL;
    app_session s;
    int rc = api_body_strs(
        req, (const api_field[]){{"email", &email}, {"password", &password}, {NULL, NULL}});
    if (rc == BZ_OK) {
        rc = app_auth_login(http_req_app(req), email, password, &s);
    }
    return rc == BZ_OK ? session_reply(req, out, 200, &s) : rc;
}

static int read_refresh_token(http_req *req, const char **token)
{
    return api_body_strs(req, (const api_field[]){{"refresh_token", token}, {NULL, NULL}});
}

static int do_refresh(http_req *req, api_reply *out)
{
    const char *token = NULL;
    app_session s;
    int rc = read_refresh_token(req, &token);
    if (rc == BZ_OK) {
        rc = app_auth_refresh(http_req_app(req), token, &s);
    }
    return rc == BZ_OK ? session_reply(req, out, 200, &s) : rc;
}

static int do_logout(http_req *req, api_reply *out)
{
    const char *token = NULL;
    int rc = read_refresh_token(req, &token);
    if (rc == BZ_OK) {
        rc = app_auth_logout(http_req_app(req), token);
    }
    return rc == BZ_OK ? api_reply_empty(out, 204) : rc;
}

/* Anonymous callers, so Idempotency-Key never applies; refresh must not be replayable. */

const api_route api_routes_auth[] = {
    API_ROUTE(HTTP_M_POST, "/api/v1/auth/register", do_register, HTTP_RATE_AUTH),
    API_ROUTE(HTTP_M_POST, "/api/v1/auth/login", do_login, HTTP_RATE_AUTH | HTTP_RATE_LOGIN),
    API_ROUTE(HTTP_M_POST, "/api/v1/auth/refresh", do_refresh, HTTP_RATE_AUTH),
    API_ROUTE(HTTP_M_POST, "/api/v1/auth/logout", do_logout, 0),
    API_END,
};
