/* The handler-facing request accessors (http/http.h) and per-request preparation. */
#include "base/check.h"
#include "base/err.h"
#include "base/str.h"
#include "http/internal.h"

#include <string.h>

_Static_assert((int)HTTP_WM_GET == (int)HTTP_M_GET && (int)HTTP_WM_HEAD == (int)HTTP_M_HEAD &&
                   (int)HTTP_WM_POST == (int)HTTP_M_POST && (int)HTTP_WM_PUT == (int)HTTP_M_PUT &&
                   (int)HTTP_WM_PATCH == (int)HTTP_M_PATCH &&
                   (int)HTTP_WM_DELETE == (int)HTTP_M_DELETE &&
                   (int)HTTP_WM_OPTIONS == (int)HTTP_M_OPTIONS &&
                   (int)HTTP_WM_OTHER == (int)HTTP_M_OTHER,
               "wire methods mirror http methods");

/* Make the request reusable for the next message; keeps the arena's first chunk and the
 * buffers' allocations. Everything else is zeroed as a whole rather than field by field, so
 * a field added later cannot carry one request's state (its user, its headers, its client
 * address) into the next request on the same connection. */
void http_req_reset(http_req *r)
{
    if (r->json) {
        json_decref(r->json);
    }
    http_server *srv = r->srv;
    http_conn *conn = r->conn;
    bz_arena *arena = r->arena;
    http_msg msg = r->msg;
    http_res res = r->res;
    bz_buf head = r->head;
    memset(r, 0, sizeof(*r));
    r->srv = srv;
    r->conn = conn;
    r->arena = arena;
    r->msg = msg;
    r->res = res;
    r->head = head;
    bz_arena_reset(r->arena);
    http_msg_reset(&r->msg);
    http_res_reset(&r->res);
    bz_buf_reset(&r->head);
    r->state = REQ_PARSING;
    r->match_rc = BZ_ENOTFOUND;
    r->match.id = -1;
    r->slot = -1;
}

/* Split the request target into raw path, decoded path and query. Absolute-form targets
 * ("http://host/path") are reduced to their path. BZ_EBADREQUEST if it is not a path. */
int http_req_prepare_target(http_req *r)
{
    const char *url = r->msg.url;
    if (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0) {
        url = strchr(strstr(url, "//") + 2, '/');
        if (!url) {
            url = "/";
        }
    }
    if (url[0] != '/') {
        return BZ_EBADREQUEST; /* "*" (OPTIONS) and authority-form are not served */
    }
    const char *q = strchr(url, '?');
    size_t plen = q ? (size_t)(q - url) : strlen(url);
    const char *hash = memchr(url, '#', plen);
    if (hash) {
        plen = (size_t)(hash - url);
    }
    r->query = q ? q + 1 : NULL;
    r->raw_path = bz_arena_strndup(r->arena, url, plen);
    r->path = bz_arena_strndup(r->arena, url, plen);
    if (!r->raw_path || !r->path) {
        return BZ_ENOMEM;
    }
    int n = bz_url_decode(r->path, plen, false);
    if (n < 0 || memchr(r->path, '\0', (size_t)n)) {
        return BZ_EBADREQUEST;
    }
    r->path[n] = '\0';
    return BZ_OK;
}

enum http_method http_req_method(const http_req *r)
{
    return (enum http_method)r->msg.method;
}

const char *http_req_path(const http_req *r)
{
    return r->path ? r->path : "/";
}

const char *http_req_param(const http_req *r, const char *name)
{
    for (int i = 0; i < r->match.nparams; i++) {
        if (strcmp(r->match.params[i].name, name) == 0) {
            return r->params[i];
        }
    }
    return NULL;
}

const char *http_req_query(const http_req *r, const char *name)
{
    size_t nlen = strlen(name);
    for (const char *p = r->query; p && *p;) {
        const char *amp = strchr(p, '&');
        const char *end = amp ? amp : p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        const char *kend = eq ? eq : end;
        if ((size_t)(kend - p) == nlen && memcmp(p, name, nlen) == 0) {
            const char *v = eq ? eq + 1 : end;
            char *out = bz_arena_strndup(((http_req *)r)->arena, v, (size_t)(end - v));
            if (!out) {
                return NULL;
            }
            int len = bz_url_decode(out, strlen(out), true);
            if (len < 0) {
                return NULL;
            }
            out[len] = '\0';
            return out;
        }
        p = amp ? amp + 1 : NULL;
    }
    return NULL;
}

const char *http_req_header(const http_req *r, const char *name)
{
    return http_msg_header(&r->msg, name);
}

const char *http_req_body(const http_req *r, size_t *len)
{
    if (len) {
        *len = r->msg.body.len;
    }
    return r->msg.body.data ? r->msg.body.data : "";
}

const char *http_req_id(const http_req *r)
{
    return r->id;
}

const char *http_req_ip(const http_req *r)
{
    return r->ip;
}

int64_t http_req_user(const http_req *r)
{
    return r->user_id;
}

int64_t http_req_session(const http_req *r)
{
    return r->session_id;
}

bz_arena *http_req_arena(http_req *r)
{
    return r->arena;
}

app_ctx *http_req_app(http_req *r)
{
    return r->ctx;
}

const http_route *http_req_route(const http_req *r)
{
    BZ_CHECK(r->match.route);
    return r->match.route;
}

void *http_req_handler_data(const http_req *r)
{
    return r->srv->cfg.handler_data;
}

static bool is_json_type(const char *ct)
{
    static const char json[] = "application/json";
    if (!ct || strncasecmp(ct, json, sizeof(json) - 1) != 0) {
        return false;
    }
    char next = ct[sizeof(json) - 1];
    return next == '\0' || next == ';' || next == ' ';
}

int http_req_json(http_req *r, json_t **obj_out)
{
    *obj_out = NULL;
    if (r->json) {
        *obj_out = r->json;
        return BZ_OK;
    }
    if (!is_json_type(http_req_header(r, "Content-Type"))) {
        return BZ_EMEDIATYPE;
    }
    size_t len;
    const char *body = http_req_body(r, &len);
    json_error_t jerr;
    json_t *obj = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj || !json_is_object(obj)) {
        json_decref(obj);
        return BZ_EBADJSON;
    }
    r->json = obj;
    *obj_out = obj;
    return BZ_OK;
}
