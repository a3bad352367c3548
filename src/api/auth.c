/*
 * /api/v1/auth: register, login, refresh, logout.
 */
#include "app/auth.h"
#include "base/err.h"
#include "http/handlers.h"
#include "http/routes.h"
#include "wire/resources.h"
#include "wire/wire.h"

static int session_reply(http_req *req, hx_reply *out, int status, const app_session *s)
{
    return hx_reply_json(out, status, wire_session(s, http_req_app(req)->now));
}

static int do_register(http_req *req, hx_reply *out)
{
    json_t *body;
    const char *email = NULL, *username = NULL, *password = NULL;
    app_session s;
    int rc = hx_body(req, &body);
    if (rc == BZ_OK) {
        rc = hx_get_str(req, body, NULL, "email", true, &email, NULL);
    }
    if (rc == BZ_OK) {
        rc = hx_get_str(req, body, NULL, "username", true, &username, NULL);
    }
    if (rc == BZ_OK) {
        rc = hx_get_str(req, body, NULL, "password", true, &password, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_auth_register(http_req_app(req), email, username, password, &s);
    }
    return rc == BZ_OK ? session_reply(req, out, 201, &s) : rc;
}

static int do_login(http_req *req, hx_reply *out)
{
    json_t *body;
    const char *email = NULL, *password = NULL;
    app_session s;
    int rc = hx_body(req, &body);
    if (rc == BZ_OK) {
        rc = hx_get_str(req, body, NULL, "email", true, &email, NULL);
    }
    if (rc == BZ_OK) {
        rc = hx_get_str(req, body, NULL, "password", true, &password, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_auth_login(http_req_app(req), email, password, &s);
    }
    return rc == BZ_OK ? session_reply(req, out, 200, &s) : rc;
}

static int read_refresh_token(http_req *req, const char **token)
{
    json_t *body;
    int rc = hx_body(req, &body);
    return rc == BZ_OK ? hx_get_str(req, body, NULL, "refresh_token", true, token, NULL) : rc;
}

static int do_refresh(http_req *req, hx_reply *out)
{
    const char *token = NULL;
    app_session s;
    int rc = read_refresh_token(req, &token);
    if (rc == BZ_OK) {
        rc = app_auth_refresh(http_req_app(req), token, &s);
    }
    return rc == BZ_OK ? session_reply(req, out, 200, &s) : rc;
}

static int do_logout(http_req *req, hx_reply *out)
{
    const char *token = NULL;
    int rc = read_refresh_token(req, &token);
    if (rc == BZ_OK) {
        rc = app_auth_logout(http_req_app(req), token);
    }
    return rc == BZ_OK ? hx_reply_empty(out, 204) : rc;
}

/* Anonymous callers, so Idempotency-Key never applies; refresh must not be replayable. */
HX_HANDLER(h_register, do_register)
HX_HANDLER(h_login, do_login)
HX_HANDLER(h_refresh, do_refresh)
HX_HANDLER(h_logout, do_logout)

const http_route http_routes_auth[] = {
    {HTTP_M_POST, "/api/v1/auth/register", h_register, HTTP_RATE_AUTH},
    {HTTP_M_POST, "/api/v1/auth/login", h_login, HTTP_RATE_AUTH | HTTP_RATE_LOGIN},
    {HTTP_M_POST, "/api/v1/auth/refresh", h_refresh, HTTP_RATE_AUTH},
    {HTTP_M_POST, "/api/v1/auth/logout", h_logout, 0},
    {0},
};
