/*
 * The gateway's HTTP side (facts sheet §2.3, §2.4, §2.6): request checks in the reference's
 * order (eio_verify), handshakes over polling and WebSocket, the long-polling GET (a
 * deferred response), the POST, the WebSocket takeover for an upgrade, CORS.
 */
#include "base/buf.h"
#include "base/err.h"
#include "base/log.h"
#include "realtime/gateway/gw_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void refuse(const gateway *gw, http_res *res, int code, bool ws)
{
    if (ws) {
        const char *msg = eio_error_message(code);
        http_res_bytes(res, eio_error_status(code), "text/html", msg, strlen(msg));
    } else {
        const char *body = eio_error_json(code);
        http_res_bytes(res, eio_error_status(code), "application/json", body, strlen(body));
    }
    gw_cors(gw, res);
}

static void preflight(const gateway *gw, http_req *r, http_res *res)
{
    http_res_empty(res, 204);
    if (gw->cfg.cors_any || http_req_origin_allowed(r)) {
        const char *hdrs = http_req_header(r, "Access-Control-Request-Headers");
        http_res_header(res, "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        http_res_header(res, "Access-Control-Allow-Headers", hdrs ? hdrs : "Content-Type");
        http_res_header(res, "Access-Control-Max-Age", "600");
    }
    gw_cors(gw, res);
}

/* ---- admission ------------------------------------------------------------------------ */

/* The client's address holds too many sessions, or opens them too fast. The answer is an
 * Engine.IO refusal like the reference's allowRequest one (code 4 with a message), sent as
 * 429 with Retry-After: clients (socket.io-client) treat it as a failed attempt and retry
 * with their backoff. */
static void refuse_busy(const gateway *gw, http_res *res, enum net_addr_verdict v, int retry,
                        bool ws)
{
    const char *msg = v == NET_ADDR_TOO_FAST ? "Too many new sessions from this address"
                                             : "Too many sessions from this address";
    char retry_s[16];
    snprintf(retry_s, sizeof(retry_s), "%d", v == NET_ADDR_TOO_FAST && retry > 0 ? retry : 5);
    if (ws) {
        http_res_bytes(res, 429, "text/html", msg, strlen(msg));
    } else {
        char body[96];
        int n = snprintf(body, sizeof(body), "{\"code\":%d,\"message\":\"%s\"}", EIO_ERR_FORBIDDEN,
                         msg);
        http_res_bytes(res, 429, "application/json", body, (size_t)n);
    }
    http_res_header(res, "Retry-After", retry_s);
    gw_cors(gw, res);
}

/* A new session for the client of `r`, within its address's limits; NULL with the answer
 * set in `res` when refused (or out of memory). */
static gw_conn *open_session(gateway *gw, http_req *r, http_res *res, int transport, bool echo)
{
    net_addr_key key;
    int retry = 0;
    enum net_addr_verdict v = gw_admit(gw, http_req_ip(r), &key, &retry);
    if (v != NET_ADDR_OK) {
        bz_debug("gateway: refused a session from %s (%s)", http_req_ip(r),
                 v == NET_ADDR_TOO_FAST ? "rate" : "cap");
        refuse_busy(gw, res, v, retry, transport == EIO_TRANSPORT_WEBSOCKET);
        return NULL;
    }
    gw_conn *c = gw_session_new(gw, transport, echo);
    if (gw->sessions_by_addr) {
        if (!c) {
            net_addrtab_release(gw->sessions_by_addr, &key);
        } else {
            c->addr = key;
            c->addr_held = true;
        }
    }
    if (!c) {
        http_res_error(res, BZ_ENOMEM, NULL, NULL);
    }
    return c;
}

/* ---- polling -------------------------------------------------------------------------- */

static void handshake_polling(gateway *gw, http_req *r, http_res *res, bool echo)
{
    gw_conn *c = open_session(gw, r, res, EIO_TRANSPORT_POLLING, echo);
    if (!c) {
        return;
    }
    bz_buf body;
    bz_buf_init(&body, 0);
    if (eio_open_packet(&body, c->sid, true, gw->cfg.ping_interval_ms, gw->cfg.ping_timeout_ms,
                        gw->cfg.max_payload) != BZ_OK) {
        gw_session_close(c, false);
        http_res_error(res, BZ_ENOMEM, NULL, NULL);
    } else {
        gw_polling_ok(gw, res, body.data, body.len);
    }
    bz_buf_free(&body);
}

static void on_get_abort(void *udata, http_req *r)
{
    gw_conn *c = udata;
    if (c->get == r) {
        c->get = NULL;
        http_res_empty(http_req_res(r), 400);
        http_req_complete(r);
        gw_session_close(c, true); /* the client went away mid-poll: a transport error */
    }
}

static void poll_get(gw_conn *c, http_req *r, http_res *res)
{
    if (c->get) {
        gw_session_close(c, false); /* answers the pending GET with `1` */
        refuse(c->gw, res, EIO_ERR_BAD_REQUEST, false);
        return;
    }
    if (c->q.len) {
        bz_buf body;
        bz_buf_init(&body, 0);
        for (uint32_t i = 0; i < c->q.len; i++) {
            eio_payload_append_msg(&body, c->q.items[i]);
        }
        gw_msgq_clear(&c->q);
        gw_polling_ok(c->gw, res, body.data ? body.data : "", body.len);
        bz_buf_free(&body);
        return;
    }
    if (c->upgrading) {
        gw_polling_ok(c->gw, res, "6", 1);
        return;
    }
    c->get = r;
    http_req_on_abort(r, on_get_abort, c);
}

static int post_packet(void *user, const eio_packet *p)
{
    gw_conn *c = user;
    int rc = gw_session_packet(c, p);
    if (rc != BZ_OK) {
        gw_session_close(c, false);
        return rc;
    }
    return c->state == GW_CLOSED ? 1 : 0;
}

static void poll_post(gw_conn *c, http_req *r, http_res *res)
{
    const char *ct = http_req_header(r, "Content-Type");
    if (ct && strncasecmp(ct, "application/octet-stream", 24) == 0) {
        gw_session_close(c, false);
        refuse(c->gw, res, EIO_ERR_BAD_REQUEST, false);
        return;
    }
    size_t len;
    const char *body = http_req_body(r, &len);
    if (len > c->gw->cfg.max_payload) {
        http_res_empty(res, 413); /* the data is dropped, the session kept */
        gw_cors(c->gw, res);
        return;
    }
    int rc = eio_payload_decode((unsigned char *)body, len, post_packet, c);
    if (rc == BZ_EBADREQUEST) {
        gw_session_close(c, false); /* a parse error ends the session */
    }
    http_res_bytes(res, 200, "text/html", "ok", 2);
    gw_cors(c->gw, res);
}

/* ---- WebSocket ------------------------------------------------------------------------ */

/* The 101 went out on `ws`: nothing was written on it before. */
static bool send_101(gateway *gw, gw_ws *ws)
{
    char resp[256];
    size_t n = ws_handshake_response(gw->accept, resp, sizeof(resp));
    return n && gw_ws_write_raw(ws, resp, n) == BZ_OK;
}

static void on_takeover_new(void *udata, uv_os_sock_t fd, const char *extra, size_t len)
{
    gw_conn *c = udata;
    gateway *gw = c->gw;
    gw_ws *ws = gw_ws_adopt(gw, fd);
    if (!ws || c->state == GW_CLOSED || !send_101(gw, ws)) {
        if (ws) {
            gw_ws_close(ws, 0);
        }
        gw_session_close(c, false);
        return;
    }
    ws->conn = c;
    c->ws = ws;
    bz_buf open;
    bz_buf_init(&open, 0);
    if (eio_open_packet(&open, c->sid, false, gw->cfg.ping_interval_ms, gw->cfg.ping_timeout_ms,
                        gw->cfg.max_payload) == BZ_OK) {
        ws_msg *m = ws_msg_new(WS_OP_TEXT, open.data, open.len);
        if (m) {
            gw_ws_write(ws, &m, 1);
            ws_msg_unref(m);
        }
    }
    bz_buf_free(&open);
    if (len) {
        gw_ws_feed(ws, extra, len);
    }
}

static void on_takeover_probe(void *udata, uv_os_sock_t fd, const char *extra, size_t len)
{
    gw_conn *c = udata;
    gw_ws *ws = gw_ws_adopt(c->gw, fd);
    if (!ws) {
        return;
    }
    if (c->state == GW_CLOSED || c->probe || !send_101(c->gw, ws)) {
        gw_ws_close(ws, WS_CLOSE_NORMAL);
        return;
    }
    ws->probe = true;
    ws->conn = c;
    c->probe = ws;
    if (len) {
        gw_ws_feed(ws, extra, len);
    }
}

/* A second WebSocket for a session that is upgrading or upgraded: the reference accepts it
 * and closes it at once, which clients (and the suites) see as a plain close. */
static void on_takeover_refused(void *udata, uv_os_sock_t fd, const char *extra, size_t len)
{
    gateway *gw = udata;
    gw_ws *ws = gw_ws_adopt(gw, fd);
    if (ws) {
        send_101(gw, ws);
        gw_ws_close(ws, WS_CLOSE_NORMAL);
    }
}

static void websocket(gateway *gw, gw_conn *c, http_req *r, http_res *res, bool echo)
{
    int n = 0;
    const ws_header *headers = http_req_headers(r, &n);
    int status = 400;
    if (http_req_method(r) != HTTP_M_GET ||
        ws_handshake_check(headers, (size_t)n, gw->accept, &status) != BZ_OK) {
        http_res_empty(res, status);
        if (status == 426) {
            http_res_header(res, "Sec-WebSocket-Version", "13");
        }
        return;
    }
    if (c && (c->transport == EIO_TRANSPORT_WEBSOCKET || c->probe || c->upgrading)) {
        if (http_req_takeover(r, on_takeover_refused, gw) != BZ_OK) {
            refuse(gw, res, EIO_ERR_BAD_REQUEST, true);
        }
        return;
    }
    bool fresh = c == NULL;
    if (fresh && !(c = open_session(gw, r, res, EIO_TRANSPORT_WEBSOCKET, echo))) {
        return;
    }
    if (http_req_takeover(r, fresh ? on_takeover_new : on_takeover_probe, c) != BZ_OK) {
        if (fresh) {
            gw_session_close(c, false);
        }
        refuse(gw, res, EIO_ERR_BAD_REQUEST, true);
    }
}

/* ---- entry ---------------------------------------------------------------------------- */

static int eio_method(enum http_method m)
{
    return m == HTTP_M_GET ? EIO_GET : m == HTTP_M_POST ? EIO_POST : EIO_OTHER_METHOD;
}

static void handle(gateway *gw, http_req *r, http_res *res, bool echo)
{
    enum http_method m = http_req_method(r);
    if (m == HTTP_M_OPTIONS) {
        preflight(gw, r, res);
        return;
    }
    eio_query q;
    const char *qs = http_req_query_string(r);
    eio_query_parse(qs ? qs : "", qs ? strcspn(qs, "#") : 0, &q);
    bool upgrade = http_req_is_upgrade(r);
    gw_conn *c = q.has_sid ? gw_conn_find(gw, q.sid) : NULL;
    if (c && c->echo != echo) {
        c = NULL;
    }
    /* A session already on (or moving to) WebSocket is checked as a polling one, so that a
     * second WebSocket passes here and is closed after its 101 (see websocket()). */
    bool ws_again = c && upgrade && q.transport == EIO_TRANSPORT_WEBSOCKET &&
                    (c->transport == EIO_TRANSPORT_WEBSOCKET || c->probe || c->upgrading);
    int err = eio_verify(&q, eio_method(m), upgrade, true,
                         ws_again ? EIO_TRANSPORT_POLLING
                         : c      ? c->transport
                                  : EIO_TRANSPORT_NONE);
    if (err != EIO_ERR_NONE) {
        refuse(gw, res, err, upgrade);
        return;
    }
    if (upgrade) {
        websocket(gw, c, r, res, echo);
    } else if (!c) {
        handshake_polling(gw, r, res, echo);
    } else if (m == HTTP_M_GET) {
        poll_get(c, r, res);
    } else if (m == HTTP_M_POST) {
        poll_post(c, r, res);
    } else {
        refuse(gw, res, EIO_ERR_BAD_REQUEST, false);
    }
}

void gw_http_handler(http_req *r, http_res *res)
{
    const http_route *route = http_req_route(r);
    gateway *gw = (gateway *)((char *)route - offsetof(gateway, routes));
    handle(gw, r, res, false);
}

void gw_http_echo_handler(http_req *r, http_res *res)
{
    const http_route *route = http_req_route(r);
    gateway *gw = (gateway *)((char *)route - offsetof(gateway, routes[1]));
    handle(gw, r, res, true);
}
