/*
 * WebSocket connections of the gateway: adopted from the HTTP server after the upgrade,
 * read into one shared buffer (an idle connection holds no read buffer), decoded by
 * ws_parser, written from shared ws_msg references.
 *
 * Writes: uv_try_write first (loopback and idle sockets usually take everything); only the
 * unwritten rest becomes one uv_write of many buffers, whose batch keeps references to the
 * messages until it completes. A socket whose unsent bytes pass cfg.max_write_queue is
 * dropped (a slow consumer must not hold the server's memory).
 *
 * Close: a close frame is written, then uv_shutdown (after pending writes) and uv_close.
 *
 * Below the session: what a WebSocket hears goes up through gw->up (gw_session.c decides
 * what a message means), so this file calls no other file of the gateway.
 */
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "net/tcp.h"
#include "realtime/gateway/gw_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STACK_BUFS 32

typedef struct write_batch {
    uv_write_t req;
    gw_ws *ws;
    uint32_t n;
    char *raw;      /* a raw copy (the 101 response), or NULL */
    ws_msg *msgs[]; /* references held until the write completes */
} write_batch;

static void ws_lost(gw_ws *ws, int code);

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    /* One buffer for every WebSocket: the parser consumes (or copies) all of it before the
     * read callback returns. */
    static char shared[64 * 1024];
    buf->base = shared;
    buf->len = sizeof(shared);
}

static void on_handle_closed(uv_handle_t *h)
{
    gw_ws *ws = (gw_ws *)h;
    ws_parser_free(ws->parser);
    free(ws);
}

static void close_handle(gw_ws *ws)
{
    if (!ws->handle_closed) {
        ws->handle_closed = true;
        uv_close((uv_handle_t *)&ws->tcp, on_handle_closed);
    }
}

static void on_write(uv_write_t *req, int status)
{
    write_batch *b = (write_batch *)req;
    gw_ws *ws = b->ws;
    for (uint32_t i = 0; i < b->n; i++) {
        ws_msg_unref(b->msgs[i]);
    }
    free(b->raw);
    free(b);
    if (status < 0 && status != UV_ECANCELED && !ws->handle_closed) {
        ws_lost(ws, 0);
    }
}

/* Write `bufs` (whose storage is `msgs`, or a raw buffer when msgs is NULL): what uv_try_write
 * leaves goes into a batch holding references. */
static int write_bufs(gw_ws *ws, uv_buf_t *bufs, uint32_t n, ws_msg *const *msgs)
{
    if (ws->handle_closed) {
        return BZ_EUNAVAILABLE;
    }
    size_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        total += bufs[i].len;
    }
    unsigned first = 0;
    int w = net_try_write((uv_stream_t *)&ws->tcp, bufs, n, total, &first);
    if (w < 0) {
        ws_lost(ws, 0);
        return BZ_EUNAVAILABLE;
    }
    if ((size_t)w == total) {
        return BZ_OK;
    }
    uint32_t rest = n - first;
    write_batch *b = calloc(1, sizeof(*b) + sizeof(ws_msg *) * (msgs ? rest : 0));
    if (!b) {
        ws_lost(ws, 0);
        return BZ_ENOMEM;
    }
    b->ws = ws;
    if (msgs) {
        b->n = rest;
        for (uint32_t i = 0; i < rest; i++) {
            b->msgs[i] = ws_msg_ref(msgs[first + i]);
        }
    } else {
        /* a raw write is one buffer the caller does not keep: copy the unsent rest */
        b->raw = malloc(bufs[first].len);
        if (!b->raw) {
            free(b);
            ws_lost(ws, 0);
            return BZ_ENOMEM;
        }
        memcpy(b->raw, bufs[first].base, bufs[first].len);
        bufs[first].base = b->raw;
    }
    if (uv_write(&b->req, (uv_stream_t *)&ws->tcp, &bufs[first], rest, on_write) != 0) {
        on_write(&b->req, UV_ECANCELED);
        ws_lost(ws, 0);
        return BZ_EUNAVAILABLE;
    }
    if (uv_stream_get_write_queue_size((uv_stream_t *)&ws->tcp) > ws->gw->cfg.max_write_queue) {
        bz_warn("gateway: dropping a slow WebSocket (%zu bytes unsent)",
                uv_stream_get_write_queue_size((uv_stream_t *)&ws->tcp));
        ws_lost(ws, 0);
    }
    return BZ_OK;
}

int gw_ws_write_raw(gw_ws *ws, const char *data, size_t len)
{
    uv_buf_t b = uv_buf_init((char *)data, (unsigned)len);
    return write_bufs(ws, &b, 1, NULL);
}

int gw_ws_write(gw_ws *ws, ws_msg *const *msgs, uint32_t n)
{
    if (ws->closing) {
        return BZ_EUNAVAILABLE;
    }
    while (n > 0) {
        uv_buf_t bufs[STACK_BUFS];
        uint32_t k = n < STACK_BUFS ? n : STACK_BUFS;
        for (uint32_t i = 0; i < k; i++) {
            size_t len;
            const uint8_t *f = ws_msg_frame(msgs[i], &len);
            bufs[i] = uv_buf_init((char *)f, (unsigned)len);
        }
        int rc = write_bufs(ws, bufs, k, msgs);
        if (rc != BZ_OK) {
            return rc;
        }
        msgs += k;
        n -= k;
    }
    return BZ_OK;
}

/* ---- close ---------------------------------------------------------------------------- */

static void on_shutdown(uv_shutdown_t *req, int status)
{
    gw_ws *ws = req->data;
    free(req);
    close_handle(ws);
}

void gw_ws_close(gw_ws *ws, int code)
{
    if (ws->closing || ws->handle_closed) {
        return;
    }
    if (code) {
        ws_msg *m = ws_msg_close(code, NULL);
        if (m) {
            gw_ws_write(ws, &m, 1);
            ws_msg_unref(m);
        }
    }
    ws->closing = true;
    if (ws->handle_closed) {
        return; /* the close frame's write failed */
    }
    uv_read_stop((uv_stream_t *)&ws->tcp);
    uv_shutdown_t *req = malloc(sizeof(*req));
    if (!req) {
        close_handle(ws);
        return;
    }
    req->data = ws;
    if (uv_shutdown(req, (uv_stream_t *)&ws->tcp, on_shutdown) != 0) {
        free(req);
        close_handle(ws);
    }
}

/* The socket failed or the peer left: tell the session, then close (code 0 = no frame). */
static void ws_lost(gw_ws *ws, int code)
{
    gw_conn *c = ws->conn;
    ws->conn = NULL;
    if (c) {
        ws->gw->up.ws_closed(c, ws);
    }
    if (code) {
        gw_ws_close(ws, code);
    } else {
        ws->closing = true;
        close_handle(ws);
    }
}

/* ---- reading -------------------------------------------------------------------------- */

static int on_message(void *user, int opcode, unsigned char *data, size_t len)
{
    gw_ws *ws = user;
    gw_conn *c = ws->conn;
    if (!c) {
        return 1;
    }
    ws->gw->up.ws_message(c, ws, opcode, data, len);
    return ws->closing || ws->handle_closed ? 1 : 0;
}

static int on_ping(void *user, const unsigned char *data, size_t len)
{
    gw_ws *ws = user;
    ws_msg *m = ws_msg_new(WS_OP_PONG, data, len);
    if (m) {
        gw_ws_write(ws, &m, 1);
        ws_msg_unref(m);
    }
    return 0;
}

static int on_close(void *user, int code, const char *reason, size_t len)
{
    gw_ws *ws = user;
    ws_lost(ws, code == WS_CLOSE_NO_STATUS ? WS_CLOSE_NORMAL : code);
    return 1;
}

static const ws_parser_cbs parser_cbs = {on_message, on_ping, NULL, on_close};

void gw_ws_feed(gw_ws *ws, const char *data, size_t len)
{
    size_t used = 0;
    int rc = ws_parser_feed(ws->parser, (unsigned char *)data, len, &used);
    if (rc < 0 && !ws->closing && !ws->handle_closed) {
        int code = ws_parser_close_code(ws->parser);
        ws_lost(ws, code ? code : WS_CLOSE_PROTOCOL);
    }
}

static void on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
    gw_ws *ws = (gw_ws *)stream;
    if (nread == 0) {
        return;
    }
    if (nread < 0) {
        ws_lost(ws, 0);
        return;
    }
    if (!ws->closing) {
        gw_ws_feed(ws, buf->base, (size_t)nread);
    }
}

gw_ws *gw_ws_adopt(gateway *gw, uv_os_sock_t fd)
{
    gw_ws *ws = calloc(1, sizeof(*ws));
    if (!ws || !(ws->parser = ws_parser_new(gw->cfg.max_payload))) {
        free(ws);
        close(fd);
        return NULL;
    }
    ws->gw = gw;
    uv_tcp_init(gw->loop, &ws->tcp);
    if (uv_tcp_open(&ws->tcp, fd) != 0) {
        close(fd);
        ws->handle_closed = true;
        uv_close((uv_handle_t *)&ws->tcp, on_handle_closed);
        return NULL;
    }
    uv_tcp_nodelay(&ws->tcp, 1);
    ws_parser_set_cbs(ws->parser, &parser_cbs, ws);
    uv_read_start((uv_stream_t *)&ws->tcp, on_alloc, on_read);
    return ws;
}
