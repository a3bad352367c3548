/* bench/load/httpc.c - see httpc.h. */
#include "httpc.h"

#include <http_parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HTTPC_REQUEST_MAX = 8192, HTTPC_BODY_MAX = 1 << 20 };

struct httpc {
    uv_loop_t *loop;
    target dst;
    struct sockaddr_in src;
    uv_tcp_t tcp;
    uv_connect_t connect_req;
    bool open, connecting, closing, freeing;
    http_parser parser;
    bytes body;
    bool complete;
    char request[HTTPC_REQUEST_MAX];
    size_t request_len;
    bool in_flight;
    bool sent; /* the request in flight has been written */
    uint64_t written_at;
    httpc_done_cb cb;
    void *ud;
};

static http_parser_settings parser_settings;

static int on_body(http_parser *p, const char *at, size_t len)
{
    httpc *c = p->data;
    if (c->body.len + len > HTTPC_BODY_MAX || !bytes_append(&c->body, at, len)) {
        return -1;
    }
    return 0;
}

static int on_message_complete(http_parser *p)
{
    ((httpc *)p->data)->complete = true;
    return 0;
}

httpc *httpc_new(uv_loop_t *loop, const target *t, unsigned src_index, unsigned src_count)
{
    httpc *c = calloc(1, sizeof *c);
    if (!c) {
        return NULL;
    }
    parser_settings.on_body = on_body;
    parser_settings.on_message_complete = on_message_complete;
    c->loop = loop;
    c->dst = *t;
    source_addr(src_index, src_count, &c->src);
    return c;
}

bool httpc_busy(const httpc *c)
{
    return c->in_flight;
}

uint64_t httpc_written_at(const httpc *c)
{
    return c->written_at;
}

/* Ends the request in flight (if any) with status and hands the body over. */
static void finish(httpc *c, int status)
{
    if (!c->in_flight) {
        return;
    }
    c->in_flight = false;
    bytes body = c->body;
    c->body = (bytes){0};
    char nul = 0;
    bytes_append(&body, &nul, 1);
    c->cb(c, status, body.data ? (const char *)body.data : "", body.len ? body.len - 1 : 0, c->ud);
    bytes_free(&body);
}

static void start_connect(httpc *c);

static void on_closed(uv_handle_t *h)
{
    httpc *c = h->data;
    c->open = c->connecting = c->closing = false;
    if (c->freeing) {
        bytes_free(&c->body);
        free(c);
        return;
    }
    if (c->in_flight && !c->sent) {
        start_connect(c); /* queued while the previous connection was closing */
    } else {
        finish(c, -1);
    }
}

static void drop_connection(httpc *c)
{
    if (c->closing || (!c->open && !c->connecting)) {
        return;
    }
    c->closing = true;
    uv_close((uv_handle_t *)&c->tcp, on_closed);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    httpc *c = s->data;
    if (n < 0) {
        drop_connection(c);
        return;
    }
    if (n == 0 || !c->in_flight) {
        return;
    }
    size_t used = http_parser_execute(&c->parser, &parser_settings, buf->base, (size_t)n);
    if (c->parser.http_errno != HPE_OK || used != (size_t)n) {
        drop_connection(c);
        return;
    }
    if (c->complete) {
        bool keep = http_should_keep_alive(&c->parser);
        int status = (int)c->parser.status_code;
        if (!keep) {
            drop_connection(c); /* a request made in the callback waits for on_closed */
        }
        finish(c, status);
    }
}

static void send_request(httpc *c)
{
    http_parser_init(&c->parser, HTTP_RESPONSE);
    c->parser.data = c;
    c->complete = false;
    c->sent = true;
    c->written_at = now_us();
    if (stream_write_copy((uv_stream_t *)&c->tcp, c->request, c->request_len) != 0) {
        drop_connection(c);
    }
}

static void on_connect(uv_connect_t *req, int status)
{
    httpc *c = req->data;
    c->open = true; /* the handle is live either way and is closed through drop */
    c->connecting = false;
    if (status < 0 || c->closing) {
        c->sent = true; /* report the failure from on_closed instead of retrying */
        drop_connection(c);
        return;
    }
    c->tcp.data = c;
    uv_read_start((uv_stream_t *)&c->tcp, shared_alloc_cb, on_read);
    if (c->in_flight) {
        send_request(c);
    }
}

static void start_connect(httpc *c)
{
    bool needs_close;
    c->connecting = true;
    c->tcp.data = c;
    c->connect_req.data = c;
    if (tcp_connect_from(c->loop, &c->tcp, &c->connect_req, &c->src, &c->dst.addr, on_connect,
                         &needs_close) == 0) {
        return;
    }
    c->connecting = false;
    if (needs_close) {
        c->closing = true;
        c->sent = true; /* do not retry: report the failure from on_closed */
        uv_close((uv_handle_t *)&c->tcp, on_closed);
    } else {
        finish(c, -1);
    }
}

bool httpc_request(httpc *c, const char *method, const char *path, const char *token,
                   const char *body, httpc_done_cb cb, void *ud)
{
    if (c->in_flight || c->freeing) {
        return false;
    }
    char auth[1024] = "";
    if (token) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s\r\n", token);
    }
    size_t body_len = body ? strlen(body) : 0;
    int n = snprintf(c->request, sizeof c->request,
                     "%s %s HTTP/1.1\r\nHost: %s\r\n%sContent-Type: application/json\r\n"
                     "Content-Length: %zu\r\n\r\n%s",
                     method, path, c->dst.host, auth, body_len, body ? body : "");
    if (n <= 0 || (size_t)n >= sizeof c->request) {
        return false;
    }
    c->request_len = (size_t)n;
    c->cb = cb;
    c->ud = ud;
    c->in_flight = true;
    c->sent = false;
    c->body.len = 0;
    if (c->open && !c->closing) {
        send_request(c);
    } else if (!c->connecting && !c->closing) {
        start_connect(c);
    }
    return true;
}

void httpc_free(httpc *c)
{
    c->freeing = true;
    c->in_flight = false;
    if (c->open || c->connecting) {
        if (!c->closing) {
            c->closing = true;
            uv_close((uv_handle_t *)&c->tcp, on_closed);
        }
        return;
    }
    if (!c->closing) {
        bytes_free(&c->body);
        free(c);
    }
}
