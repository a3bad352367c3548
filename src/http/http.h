/*
 * http/http.h - what a REST handler sees of the HTTP server.
 *
 * The server (http/server.c) parses requests on the event-loop thread, then
 * runs the matching route's handler on a worker thread that owns an app_ctx
 * (with its own store connection). A handler reads the request through the
 * http_req accessors and fills the http_res; the server writes the response
 * back on the loop thread, in request order for pipelined requests.
 *
 * Everything a handler gets from http_req lives until the response is sent.
 * Memory a handler needs for the request comes from http_req_arena().
 */
#ifndef HTTP_HTTP_H
#define HTTP_HTTP_H

#include "app/app.h"
#include "base/arena.h"
#include "base/buf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct http_req http_req;
typedef struct http_res http_res;

enum http_method {
    HTTP_M_GET,
    HTTP_M_HEAD,
    HTTP_M_POST,
    HTTP_M_PUT,
    HTTP_M_PATCH,
    HTTP_M_DELETE,
    HTTP_M_OPTIONS,
    HTTP_M_OTHER
};

/* ---- request ----------------------------------------------------------- */

enum http_method http_req_method(const http_req *r);
/* Percent-decoded path without the query string, e.g. "/api/v1/products/42". */
const char *http_req_path(const http_req *r);
/* Value of route parameter `name` ("id" for "/products/{id}"), NULL if absent. */
const char *http_req_param(const http_req *r, const char *name);
/* Decoded value of query parameter `name` (first occurrence), NULL if absent. */
const char *http_req_query(const http_req *r, const char *name);
/* Header value by case-insensitive name, NULL if absent. */
const char *http_req_header(const http_req *r, const char *name);
/* The body (NUL-terminated for convenience; may contain NULs); len 0 if none. */
const char *http_req_body(const http_req *r, size_t *len);
/* The request id (X-Request-Id from the client if sane, else generated). */
const char *http_req_id(const http_req *r);
/* The client address as text ("127.0.0.1"). */
const char *http_req_ip(const http_req *r);
/* Signed-in user from a valid `Authorization: Bearer` access token, 0 if anonymous. */
int64_t http_req_user(const http_req *r);
/* The session (refresh-token family) of that token, 0 if anonymous. */
int64_t http_req_session(const http_req *r);
/* The per-request arena and this worker's app context (ctx->now is set). */
bz_arena *http_req_arena(http_req *r);
app_ctx *http_req_app(http_req *r);
/* The server's http_server_config.handler_data. Fixed before the server starts, so any thread
 * may read it without a lock. */
void *http_req_handler_data(const http_req *r);

/* Parse the body as a JSON object. BZ_EMEDIATYPE unless Content-Type is application/json,
 * BZ_EBADJSON if malformed or not an object. The object is owned by the request. */
int http_req_json(http_req *r, json_t **obj_out);

/* ---- response ---------------------------------------------------------- */

/* Set a header (copied). Content-Length and Connection are the server's. */
void http_res_header(http_res *res, const char *name, const char *value);
/* Send `obj` as JSON with `status`. Steals the reference to obj. */
void http_res_json(http_res *res, int status, json_t *obj);
/* Send JSON text the caller writes (wire/text.h): sets `status` and the type and returns the
 * body, emptied, owned by the response. If writing fails, answer http_res_error instead. */
bz_buf *http_res_json_body(http_res *res, int status);
/* Send raw bytes (copied) with a content type. */
void http_res_bytes(http_res *res, int status, const char *content_type, const void *data,
                    size_t len);
/* Send an empty response (204, 304, ...). */
void http_res_empty(http_res *res, int status);
/* Send the DESIGN §3 error body {"error":{"code","message","details"}} for `err` (a BZ_E*
 * code), with its mapped HTTP status. `message` NULL = the default; `details` (stolen, may
 * be NULL) becomes error.details. */
void http_res_error(http_res *res, int err, const char *message, json_t *details);
/* http_res_error from a failed use case's app_err (field goes to details.field). */
void http_res_app_error(http_res *res, const app_err *e);

/* ---- routes ------------------------------------------------------------ */

typedef void (*http_handler)(http_req *req, http_res *res);

enum http_route_flags {
    HTTP_AUTH = 1 << 0,       /* 401 unless a valid access token is presented */
    HTTP_BODY_IMAGE = 1 << 1, /* body cap is the image cap (10 MiB) instead of JSON's (1 MiB) */
    HTTP_RATE_AUTH = 1 << 2,  /* register/login/refresh: a token bucket per client address */
    HTTP_ON_LOOP = 1 << 3,    /* cheap, store-free: run on the loop thread (health, metrics) */
    HTTP_ASYNC = 1 << 4,      /* run on the loop thread; may return without a response and
                               * complete later (http/async.h) */
    HTTP_RATE_LOGIN = 1 << 5, /* a password check: failed attempts limited per account and
                               * address, per address and per account (http/auth_limits.c);
                               * the signed-in user, or else the body's "email", names the
                               * account */
    HTTP_RATE_VIDEO = 1 << 6, /* video grants: a token bucket per client address of its own */
    HTTP_ROUTE_OWN = 1 << 16, /* this bit and those above are the handler's own: the server
                               * ignores them (a handler shared by many routes reads them) */
};

/* Patterns are literal segments and {name} parameters: "/api/v1/products/{id}/images". */
typedef struct http_route {
    enum http_method method;
    const char *pattern;
    http_handler handler;
    unsigned flags;
} http_route;

/* The route (or mount) `r` matched, as registered (the same pointer): a handler shared by many
 * routes finds its per-route data around it, a component the routes it registered. Only a
 * route's handler calls it, so there is one. */
const http_route *http_req_route(const http_req *r);

#endif
