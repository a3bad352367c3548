/*
 * Connection lifecycle outside the request path: accept (with the per-address cap), the
 * timeout sweep and the graceful drain (split from conn.c, which holds reading, parsing and
 * the ordered writes).
 */
#include "base/err.h"
#include "base/log.h"
#include "http/internal.h"

#include <stdlib.h>

/* A connection that failed before joining the server's list. */
static void on_closed_unlisted(uv_handle_t *h)
{
    http_conn *c = (http_conn *)h;
    http_wire_free(c->wire);
    free(c);
}

/* One address may hold at most max_conns_per_addr connections. Our own proxies are not
 * capped: they carry many clients' connections, and the cap per client is theirs to apply
 * (docs/http.md). */
static bool admit(http_server *s, http_conn *c)
{
    if (!s->conns_by_addr || http_mw_trusted_peer(s, c->ip)) {
        return true;
    }
    net_addr_key_from_ip(c->ip, &c->addr);
    if (net_addrtab_acquire(s->conns_by_addr, &c->addr, uv_now(s->loop), NULL) != NET_ADDR_OK) {
        http_metrics_refused(s->metrics);
        bz_debug("http: refused a connection from %s (per-address cap)", c->ip);
        return false;
    }
    c->addr_held = true;
    return true;
}

void http_conn_accept(http_server *s)
{
    http_conn *c = calloc(1, sizeof(*c));
    if (!c) {
        return;
    }
    c->srv = s;
    uv_tcp_init(s->loop, &c->tcp);
    c->tcp.data = c;
    bool ok = uv_accept((uv_stream_t *)&s->listener, (uv_stream_t *)&c->tcp) == 0;
    if (ok) {
        net_peer_ip(&c->tcp, c->ip);
        /* Over the cap: closed at once, before a byte is read or a buffer allocated. */
        ok = admit(s, c) &&
             (c->wire = http_wire_new(&http_dispatch_wire_cbs, c, s->cfg.max_header_bytes)) != NULL;
    }
    if (!ok) {
        http_conn_forget_addr(c);
        c->closing = true;
        uv_close((uv_handle_t *)&c->tcp, on_closed_unlisted);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    bz_buf_init(&c->pending_in, 0);
    c->next = s->conns;
    if (s->conns) {
        s->conns->prev = c;
    }
    s->conns = c;
    s->nconns++;
    http_metrics_conn(s->metrics, 1);
    /* A new connection that stays silent (or trickles) gets no more than one request head's
     * time: see conn.c for every deadline. */
    c->deadline_ms = uv_now(s->loop) + s->cfg.header_timeout_ms;
    http_conn_start_reading(c);
}

/* A response the peer does not read: cut the connection once the kernel has taken less than
 * the transfer rule allows (nothing else can be answered on it anyway). */
static bool write_stalled(http_conn *c, uint64_t now_ms)
{
    size_t queued = uv_stream_get_write_queue_size((uv_stream_t *)&c->tcp);
    size_t sent = c->write_bytes > queued ? c->write_bytes - queued : 0;
    return now_ms >= http_conn_transfer_deadline(c->srv, c->write_start_ms, sent);
}

void http_conn_sweep(http_server *s, uint64_t now_ms)
{
    for (http_conn *c = s->conns, *next; c; c = next) {
        next = c->next;
        if (c->closing) {
            continue;
        }
        if (c->writing && write_stalled(c, now_ms)) {
            http_conn_close(c);
            continue;
        }
        if (!c->deadline_ms || now_ms < c->deadline_ms) {
            continue;
        }
        if (c->lingering || (!c->parsing && !c->q_head)) {
            http_conn_close(c); /* idle keep-alive, or lingering done */
        } else if (c->parsing) {
            http_conn_stop_reading(c);
            http_conn_fail_request(c, BZ_ETIMEOUT);
        }
    }
}

/* Graceful stop: idle connections close now; busy ones finish what they were sent (a
 * request still arriving may complete) and close after their last response. */
void http_conn_drain(http_conn *c)
{
    if (c->closing) {
        return;
    }
    if (c->lingering || (!c->parsing && !c->q_head)) {
        http_conn_close(c);
        return;
    }
    if (!c->parsing) {
        c->no_more = true;
        http_conn_stop_reading(c);
        bz_buf_reset(&c->pending_in);
        if (c->q_tail && c->q_tail->state != REQ_WRITING) {
            c->q_tail->close_after = true;
        }
        http_conn_flush(c);
    }
}
