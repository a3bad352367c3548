/* A response on the wire: the status line and the headers every response gets (date, the
 * middleware's security and CORS headers, length, connection), then the body. Apart from
 * res.c, which only fills responses in, so that filling one needs no middleware. */
#include "base/check.h"
#include "base/err.h"
#include "http/internal.h"

#include <stdio.h>
#include <string.h>

static const char *reason(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Unknown";
    }
}

static bool status_has_body(int status)
{
    return status >= 200 && status != 204 && status != 304;
}

/* Status line, headers and body as at most two buffers for one write. The head lives in
 * r->head, the body in the response (or a cache), both until the write completes. */
int http_res_serialize(http_req *r, uv_buf_t bufs[2], int *nbufs)
{
    http_res *res = &r->res;
    /* Only a request with its response set reaches the wire (the server answers 500 for a
     * handler that set none). */
    if (BZ_NEVER(res->status < 100 || res->status > 599)) {
        return BZ_EINTERNAL;
    }
    http_server *s = r->srv;
    bz_buf *h = &r->head;
    const char *body = res->ext ? res->ext : res->body.data;
    size_t blen = res->ext ? res->ext_len : res->body.len;
    if (!status_has_body(res->status)) {
        blen = 0;
    }
    bz_buf_reset(h);
    bz_buf_reserve(h, 384 + res->headers.len);
    bz_buf_printf(h, "HTTP/1.1 %d %s\r\nDate: %s\r\n", res->status, reason(res->status),
                  http_mw_date(s));
    http_mw_finish_headers(r);
    bz_buf_append(h, res->headers.data ? res->headers.data : "", res->headers.len);
    if (res->status != 204 && res->status != 304) {
        bz_buf_printf(h, "Content-Length: %zu\r\n", blen);
    }
    if (r->close_after) {
        bz_buf_puts(h, "Connection: close\r\n");
    }
    bz_buf_append(h, "\r\n", 2);
    if (!h->data) {
        return BZ_ENOMEM;
    }
    bufs[0] = uv_buf_init(h->data, (unsigned)h->len);
    *nbufs = 1;
    if (blen && !r->head_only) {
        bufs[1] = uv_buf_init((char *)body, (unsigned)blen);
        *nbufs = 2;
    }
    return BZ_OK;
}
