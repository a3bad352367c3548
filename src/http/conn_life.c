/*
 * Connection lifecycle outside the request path: accept, the timeout sweep and the graceful
 * drain (split from conn.c, which holds reading, parsing and the ordered writes).
 */
#include "base/err.h"
#include "http/internal.h"

#include <stdlib.h>

/* A connection that failed before joining the server's list. */
static void on_closed_unlisted(uv_handle_t *h)
{
    http_conn *c = (http_conn *)h;
    http_wire_free(c->wire);
    free(c);
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
    if (uv_accept((uv_stream_t *)&s->listener, (uv_stream_t *)&c->tcp) != 0 ||
        !(c->wire = http_wire_new(&http_conn_wire_cbs, c, s->cfg.max_header_bytes))) {
        c->closing = true;
        uv_close((uv_handle_t *)&c->tcp, on_closed_unlisted);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    net_peer_ip(&c->tcp, c->ip);
    bz_buf_init(&c->pending_in, 0);
    c->next = s->conns;
    if (s->conns) {
        s->conns->prev = c;
    }
    s->conns = c;
    s->nconns++;
    http_metrics_conn(s->metrics, 1);
    c->deadline_ms = uv_now(s->loop) + s->cfg.idle_timeout_ms;
    http_conn_start_reading(c);
}

void http_conn_sweep(http_server *s, uint64_t now_ms)
{
    for (http_conn *c = s->conns, *next; c; c = next) {
        next = c->next;
        if (c->closing || !c->deadline_ms || now_ms < c->deadline_ms) {
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
