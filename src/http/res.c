/* The handler-facing response API (http/http.h); head.c puts a response on the wire. */
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "http/internal.h"
#include "wire/wire.h"

#include <stdio.h>
#include <string.h>

void http_res_init(http_res *res)
{
    memset(res, 0, sizeof(*res));
    bz_buf_init(&res->headers, 0);
    bz_buf_init(&res->body, 0);
}

void http_res_reset(http_res *res)
{
    res->status = 0;
    bz_buf_reset(&res->headers);
    bz_buf_reset(&res->body);
    res->ext = NULL;
    res->ext_len = 0;
    res->type_at = res->type_len = 0;
    res->html = false;
    res->retry_after_s = 0;
}

void http_res_free(http_res *res)
{
    bz_buf_free(&res->headers);
    bz_buf_free(&res->body);
}

/* A header line must not let a value smuggle in another header or a body. */
static bool header_safe(const char *s)
{
    for (; *s; s++) {
        if (*s == '\r' || *s == '\n') {
            return false;
        }
    }
    return true;
}

void http_res_header(http_res *res, const char *name, const char *value)
{
    if (!name || !value || !header_safe(name) || !header_safe(value) ||
        strcasecmp(name, "Content-Length") == 0 || strcasecmp(name, "Connection") == 0 ||
        strcasecmp(name, "Transfer-Encoding") == 0) {
        return;
    }
    bz_buf_puts(&res->headers, name);
    bz_buf_append(&res->headers, ": ", 2);
    bz_buf_puts(&res->headers, value);
    bz_buf_append(&res->headers, "\r\n", 2);
}

/* One Content-Type line: an answer replaced by another (an error after a failed write)
 * replaces its type too. */
static void set_type(http_res *res, const char *content_type)
{
    if (!content_type) {
        return;
    }
    bz_buf *h = &res->headers;
    if (res->type_len && BZ_ALWAYS(res->type_at + res->type_len <= h->len)) {
        memmove(h->data + res->type_at, h->data + res->type_at + res->type_len,
                h->len - res->type_at - res->type_len);
        h->len -= res->type_len;
        h->data[h->len] = '\0';
    }
    res->type_at = h->len;
    http_res_header(res, "Content-Type", content_type);
    res->type_len = h->len - res->type_at;
    res->html = strncmp(content_type, "text/html", 9) == 0;
}

bz_buf *http_res_json_body(http_res *res, int status)
{
    bz_buf_reset(&res->body);
    res->ext = NULL;
    res->status = status;
    set_type(res, "application/json");
    return &res->body;
}

void http_res_json(http_res *res, int status, json_t *obj)
{
    if (wire_dump_buf(obj, http_res_json_body(res, status)) != BZ_OK) {
        http_res_error(res, BZ_ENOMEM, NULL, NULL);
    }
}

void http_res_bytes(http_res *res, int status, const char *content_type, const void *data,
                    size_t len)
{
    bz_buf_reset(&res->body);
    res->ext = NULL;
    res->status = status;
    set_type(res, content_type);
    if (len) {
        bz_buf_append(&res->body, data, len);
    }
}

/* Like http_res_bytes without copying: `data` must outlive the write (server caches). */
void http_res_ext(http_res *res, int status, const char *content_type, const char *data, size_t len)
{
    bz_buf_reset(&res->body);
    res->status = status;
    set_type(res, content_type);
    res->ext = data;
    res->ext_len = len;
}

void http_res_empty(http_res *res, int status)
{
    bz_buf_reset(&res->body);
    res->ext = NULL;
    res->ext_len = 0;
    res->status = status;
}

void http_res_error(http_res *res, int err, const char *message, json_t *details)
{
    json_t *body = wire_error(err, message, details);
    if (!body) { /* out of memory even for this: the status alone (no loop through here) */
        http_res_empty(res, bz_err_http_status(BZ_ENOMEM));
        return;
    }
    http_res_json(res, bz_err_http_status(err), body);
}

void http_res_app_error(http_res *res, const app_err *e)
{
    http_res_error(res, e->code ? e->code : BZ_EINTERNAL, e->message, wire_error_details(e));
}

/* Answer with an error the server decided itself; the connection closes after it when the
 * request stream can no longer be trusted (malformed, oversized). */
void http_res_early_error(http_req *r, int err)
{
    r->early_err = err;
    http_res_reset(&r->res);
    http_res_error(&r->res, err, NULL, NULL);
}
