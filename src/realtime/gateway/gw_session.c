/*
 * The Engine.IO v4 session (facts sheet §2): heartbeat and connect timers, the packet
 * queue and its flush over the current transport, the polling -> WebSocket upgrade, close.
 *
 * Invariants:
 *  - A session is in the sid table exactly while state == GW_OPEN.
 *  - c->get is the one pending polling GET; it is answered (completed) before the session
 *    forgets it, on every path (packets, noop during upgrade, close, abort).
 *  - The memory of a closed session is freed by its timer's close callback, so pointers
 *    held during the current callback stay valid until the loop iteration ends.
 */
#include "base/buf.h"
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "realtime/gateway/gw_internal.h"

#include <stdlib.h>
#include <string.h>

static void on_timer(uv_timer_t *t);

#define GW_END_GRACE_MS 1000 /* gw_session_end: time for the client to read and close */

gw_conn *gw_session_new(gateway *gw, int transport, bool echo)
{
    gw_conn *c = calloc(1, sizeof(*c));
    if (!c) {
        return NULL;
    }
    c->gw = gw;
    c->transport = (uint8_t)transport;
    c->echo = echo;
    c->state = GW_OPEN;
    eio_sid_new(c->sid);
    uv_timer_init(gw->loop, &c->timer);
    gw_clock_open(&c->clock, gw_now(gw), gw->cfg.ping_interval_ms,
                  echo ? 0 : gw->cfg.connect_timeout_ms);
    gw_conn_insert(gw, c);
    gw_session_arm(c);
    return c;
}

void gw_session_arm(gw_conn *c)
{
    if (c->state == GW_CLOSED || c->ending) {
        return; /* an ending session keeps its grace timer (gw_session_end) */
    }
    uint64_t next = gw_clock_next(&c->clock);
    if (!next) {
        uv_timer_stop(&c->timer);
        return;
    }
    uint64_t now = gw_now(c->gw);
    uv_timer_start(&c->timer, on_timer, next > now ? next - now : 0, 0);
}

static void on_timer(uv_timer_t *t)
{
    gw_conn *c = (gw_conn *)t;
    if (c->ending) {
        gw_session_close(c, false); /* the client did not close within the grace period */
        return;
    }
    unsigned due = gw_clock_tick(&c->clock, gw_now(c->gw), c->gw->cfg.ping_timeout_ms);
    if (due & (GW_TICK_PING_TIMEOUT | GW_TICK_CONNECT_TIMEOUT)) {
        gw_session_close(c, (due & GW_TICK_PING_TIMEOUT) != 0);
        return;
    }
    if (due & GW_TICK_PING) {
        gw_session_queue_packet(c, EIO_PING, NULL, 0);
    }
    if ((due & GW_TICK_UPGRADE_TIMEOUT) && c->probe) {
        gw_ws *probe = c->probe;
        c->probe = NULL;
        c->upgrading = false;
        probe->conn = NULL;
        gw_ws_close(probe, WS_CLOSE_NORMAL);
    }
    gw_session_arm(c);
}

/* ---- output --------------------------------------------------------------------------- */

void gw_session_queue(gw_conn *c, ws_msg *m)
{
    if (c->state == GW_CLOSED) {
        ws_msg_unref(m);
        return;
    }
    if (gw_msgq_push(&c->q, m) == BZ_OK) {
        gw_mark_dirty(c);
    }
}

void gw_session_queue_packet(gw_conn *c, int type, const char *data, size_t len)
{
    gw_session_queue(c, eio_msg(type, data, len));
}

/* Answer the pending GET with every queued packet. */
static void answer_get(gw_conn *c)
{
    bz_buf body;
    bz_buf_init(&body, 0);
    for (uint32_t i = 0; i < c->q.len; i++) {
        eio_payload_append_msg(&body, c->q.items[i]);
    }
    gw_msgq_clear(&c->q);
    gw_polling_answer(c, body.data ? body.data : "", body.len);
    bz_buf_free(&body);
}

void gw_session_flush(gw_conn *c)
{
    if (c->state == GW_CLOSED || c->q.len == 0) {
        return;
    }
    if (c->transport == EIO_TRANSPORT_WEBSOCKET) {
        if (c->ws) {
            gw_msgq q = c->q; /* the write may close the session, which clears c->q */
            memset(&c->q, 0, sizeof(c->q));
            gw_ws_write(c->ws, q.items, q.len);
            gw_msgq_clear(&q);
        }
    } else if (c->get) {
        answer_get(c);
    }
}

/* ---- input ---------------------------------------------------------------------------- */

/* The client closed the session (`1`): a pending GET is released with a noop. Like the
 * reference ("transport close"), the sockets stay recoverable: only a Socket.IO DISCONNECT
 * is a deliberate goodbye. */
static void closed_by_client(gw_conn *c)
{
    if (c->get) {
        gw_msgq_clear(&c->q);
        gw_polling_answer(c, "6", 1);
    }
    gw_session_close(c, true);
}

int gw_session_packet(gw_conn *c, const eio_packet *p)
{
    switch (p->type) {
    case EIO_PONG:
        gw_clock_pong(&c->clock, gw_now(c->gw), c->gw->cfg.ping_interval_ms);
        gw_session_arm(c);
        return BZ_OK;
    case EIO_MESSAGE:
        if (c->ending) {
            return BZ_OK; /* the server is ending the session: nothing more is read */
        }
        if (c->echo) {
            gw_session_queue(c, p->binary ? eio_msg_binary(p->data, p->len)
                                          : eio_msg(EIO_MESSAGE, p->data, p->len));
            return BZ_OK;
        }
        return c->gw->up.sio_message(c, p);
    case EIO_CLOSE:
        closed_by_client(c);
        return BZ_OK;
    case EIO_PING:
        return BZ_EBADREQUEST; /* heartbeats go server -> client in v4 */
    default:
        return BZ_OK; /* open, upgrade and noop outside an upgrade are ignored */
    }
}

/* ---- upgrade -------------------------------------------------------------------------- */

static void drop_probe(gw_conn *c, gw_ws *ws)
{
    if (c->probe == ws) {
        c->probe = NULL;
        c->upgrading = false;
        c->clock.upgrade_by = 0;
    }
    ws->conn = NULL;
    gw_ws_close(ws, WS_CLOSE_PROTOCOL);
}

static void finish_upgrade(gw_conn *c, gw_ws *ws)
{
    if (c->get) {
        /* The client paused polling; its last GET, if still open, is released. */
        gw_polling_answer(c, "6", 1);
    }
    c->probe = NULL;
    c->upgrading = false;
    c->clock.upgrade_by = 0;
    ws->probe = false;
    c->ws = ws;
    c->transport = EIO_TRANSPORT_WEBSOCKET;
    gw_session_arm(c);
    gw_mark_dirty(c); /* packets queued during the upgrade now go over the WebSocket */
}

/* A text message on a WebSocket that probes for the upgrade: `2probe`, then `5`. */
static void probe_message(gw_conn *c, gw_ws *ws, const unsigned char *data, size_t len)
{
    if (len == 6 && memcmp(data, "2probe", 6) == 0 && !c->upgrading) {
        ws_msg *m = eio_msg(EIO_PONG, "probe", 5);
        if (m) {
            gw_ws_write(ws, &m, 1);
            ws_msg_unref(m);
        }
        c->upgrading = true;
        c->clock.upgrade_by = gw_now(c->gw) + c->gw->cfg.upgrade_timeout_ms;
        gw_session_arm(c);
        if (c->get && c->q.len == 0) {
            gw_polling_answer(c, "6", 1);
        }
        return;
    }
    if (len == 1 && data[0] == '5' && c->upgrading) {
        /* One probe at a time: gw_polling.c refuses a second while c->probe is set. */
        if (BZ_NEVER(c->probe != ws)) {
            drop_probe(c, ws);
            return;
        }
        finish_upgrade(c, ws);
        return;
    }
    drop_probe(c, ws);
}

/* A WebSocket of this session went away (peer close, error). */
void gw_session_ws_closed(gw_conn *c, gw_ws *ws)
{
    if (c->probe == ws) {
        c->probe = NULL;
        c->upgrading = false;
        c->clock.upgrade_by = 0;
        gw_session_arm(c);
        return;
    }
    if (c->ws == ws) {
        c->ws = NULL;
        gw_session_close(c, true);
    }
}

/* A message on a WebSocket of this session (gw->up.ws_message): a probe's text, or the
 * transport's Engine.IO packet. A protocol error ends the session. */
void gw_session_ws_message(gw_conn *c, gw_ws *ws, int opcode, unsigned char *data, size_t len)
{
    if (ws->probe) {
        if (opcode != WS_OP_TEXT) {
            probe_message(c, ws, (const unsigned char *)"", 0);
        } else {
            probe_message(c, ws, data, len);
        }
        return;
    }
    eio_packet p = {EIO_MESSAGE, true, data, len};
    int rc = BZ_OK;
    if (opcode == WS_OP_TEXT) {
        rc = eio_decode_packet(data, len, false, &p);
    }
    if (rc == BZ_OK) {
        rc = gw_session_packet(c, &p);
    }
    if (rc != BZ_OK) {
        gw_session_close(c, false);
    }
}

/* ---- close ---------------------------------------------------------------------------- */

/* The server ends the session and wants the client to read what is queued first (a Socket.IO
 * DISCONNECT). A pending polling GET takes the packets now and the session closes. Otherwise
 * the client gets GW_END_GRACE_MS to read them (its next GET, or the WebSocket frames written
 * now) and close by itself, as the official client does after a DISCONNECT; then the session
 * closes anyway. Closing a WebSocket at once would not do: the client is still sending, and a
 * socket closed with unread input is reset, which can discard what the client had not read
 * yet. Until the end the client's packets are ignored. */
void gw_session_end(gw_conn *c)
{
    if (c->state == GW_CLOSED || c->ending) {
        return;
    }
    c->ending = true;
    if (c->transport != EIO_TRANSPORT_WEBSOCKET && c->get) {
        gw_session_flush(c);
        gw_session_close(c, false);
        return;
    }
    gw_session_flush(c);
    uv_timer_start(&c->timer, on_timer, GW_END_GRACE_MS, 0);
}

static void on_timer_closed(uv_handle_t *h)
{
    free(h);
}

void gw_session_close(gw_conn *c, bool recoverable)
{
    if (c->state == GW_CLOSED) {
        return;
    }
    bz_debug("gateway: session %s closed (%s)", c->sid, recoverable ? "lost" : "ended");
    c->gw->up.sio_closed(c, recoverable);
    gw_msgq_clear(&c->q);
    if (c->get) {
        gw_polling_answer(c, "1", 1);
    }
    c->state = GW_CLOSED;
    gw_conn_remove(c->gw, c);
    gw_ws *ws[2] = {c->ws, c->probe};
    c->ws = c->probe = NULL;
    for (int i = 0; i < 2; i++) {
        if (ws[i]) {
            ws[i]->conn = NULL;
            gw_ws_close(ws[i], WS_CLOSE_NORMAL);
        }
    }
    if (c->dec) {
        sio_decoder_free(c->dec);
        c->dec = NULL;
    }
    uv_timer_stop(&c->timer);
    uv_close((uv_handle_t *)&c->timer, on_timer_closed);
}
