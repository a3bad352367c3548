/*
 * Connections: reading and parsing on the loop thread, the per-connection pipeline queue,
 * in-order writes, keep-alive and timeouts.
 *
 * Deadlines (c->deadline_ms, checked by the sweep in conn_life.c) are whole-phase deadlines,
 * never reset by mere activity, so a client cannot hold a connection by trickling bytes:
 *  - a new connection must complete its first request head within header_timeout_ms of the
 *    accept; a later request head within header_timeout_ms of its first byte;
 *  - a body must arrive within body_timeout_ms of the head, plus one second per min_rate
 *    bytes received (so honest slow uploads finish and a trickle does not), and never later
 *    than transfer_max_ms after the head;
 *  - between requests, keep-alive idle_timeout_ms; while a request runs, none;
 *  - a response write that the peer does not read follows the same rule as a body (checked
 *    with the bytes the kernel has taken), else the connection is cut.
 *
 * Invariants:
 *  - c->q_head..q_tail holds complete requests in arrival order; responses leave strictly
 *    from the head, even when a later request finished first on another worker.
 *  - c->parsing is the request still arriving (not in the queue yet).
 *  - A connection is freed only when its handle is closed and no job of it is on a worker
 *    (c->jobs == 0), because a worker may still be writing into one of its requests.
 *  - Reading is stopped while the pipeline is full; unparsed bytes wait in c->pending_in.
 */
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "base/time.h"
#include "http/internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BATCH       16   /* responses per write */
#define MAX_FREE_REQS   2    /* recycled requests kept per connection */
#define LINGER_MS       2000 /* after a final response, drain input this long before closing */
#define REQ_ARENA_CHUNK 4096

static void on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf);

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    /* One buffer per server: reads are consumed (or copied to pending_in) before returning. */
    static _Thread_local char rbuf[64 * 1024];
    buf->base = rbuf;
    buf->len = sizeof(rbuf);
}

void http_conn_start_reading(http_conn *c)
{
    if (!c->reading && !c->closing) {
        c->reading = uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read) == 0;
    }
}

void http_conn_stop_reading(http_conn *c)
{
    if (c->reading) {
        uv_read_stop((uv_stream_t *)&c->tcp);
        c->reading = false;
    }
}

static void req_free(http_req *r)
{
    if (r->json) {
        json_decref(r->json);
    }
    http_msg_free(&r->msg);
    http_res_free(&r->res);
    bz_buf_free(&r->head);
    bz_arena_free(r->arena);
    free(r);
}

static http_req *req_get(http_conn *c)
{
    http_req *r = c->free_reqs;
    if (r) {
        c->free_reqs = r->next;
        r->next = NULL;
        return r;
    }
    r = calloc(1, sizeof(*r));
    if (!r || !(r->arena = bz_arena_new(REQ_ARENA_CHUNK))) {
        free(r);
        return NULL;
    }
    r->srv = c->srv;
    r->conn = c;
    http_msg_init(&r->msg);
    http_res_init(&r->res);
    bz_buf_init(&r->head, 0);
    http_req_reset(r);
    return r;
}

static void req_put(http_conn *c, http_req *r)
{
    int kept = 0;
    for (http_req *f = c->free_reqs; f; f = f->next) {
        kept++;
    }
    if (kept >= MAX_FREE_REQS) {
        req_free(r);
        return;
    }
    http_req_reset(r);
    r->next = c->free_reqs;
    c->free_reqs = r;
}

static void enqueue(http_conn *c, http_req *r)
{
    r->next = NULL;
    if (c->q_tail) {
        c->q_tail->next = r;
    } else {
        c->q_head = r;
    }
    c->q_tail = r;
    c->queued++;
}

void http_conn_forget_addr(http_conn *c)
{
    if (c->addr_held) {
        c->addr_held = false;
        net_addrtab_release(c->srv->conns_by_addr, &c->addr);
    }
}

/* The connection is closing or the peer went away: tell the owners of deferred requests. */
static void abort_deferred(http_conn *c)
{
    for (http_req *r = c->q_head, *next; r; r = next) {
        next = r->next;
        if (r->deferred && r->abort_fn) {
            http_abort_fn fn = r->abort_fn;
            r->abort_fn = NULL;
            fn(r->abort_udata, r);
        }
    }
}

static void free_list(http_req *r)
{
    while (r) {
        http_req *next = r->next;
        req_free(r);
        r = next;
    }
}

static void try_free(http_conn *c)
{
    if (!c->closing || c->jobs > 0 || c->tcp.data != NULL) {
        return; /* tcp.data is cleared by the close callback */
    }
    http_server *s = c->srv;
    free_list(c->q_head);
    free_list(c->free_reqs);
    if (c->parsing) {
        req_free(c->parsing);
    }
    http_wire_free(c->wire);
    bz_buf_free(&c->pending_in);
    http_conn_forget_addr(c);
    if (c->prev) {
        c->prev->next = c->next;
    } else {
        s->conns = c->next;
    }
    if (c->next) {
        c->next->prev = c->prev;
    }
    s->nconns--;
    http_metrics_conn(s->metrics, -1);
    free(c);
    if (s->draining && s->nconns == 0) {
        uv_async_send(&s->stop_async); /* let the stop sequence finish */
    }
}

static void on_closed(uv_handle_t *h)
{
    http_conn *c = (http_conn *)h;
    c->tcp.data = NULL;
    try_free(c);
}

void http_conn_close(http_conn *c)
{
    if (c->closing) {
        return;
    }
    c->closing = true;
    c->no_more = true;
    http_conn_stop_reading(c);
    uv_close((uv_handle_t *)&c->tcp, on_closed);
    abort_deferred(c);
}

static void on_shutdown(uv_shutdown_t *req, int status)
{
    http_conn *c = req->data;
    free(req);
    if (status < 0 || c->closing) {
        http_conn_close(c);
        return;
    }
    /* Read and discard until the peer closes, so unread request bytes do not turn our close
     * into a reset that destroys the response in flight. */
    c->lingering = true;
    c->deadline_ms = uv_now(c->srv->loop) + LINGER_MS;
    http_conn_start_reading(c);
}

/* Nothing more will be answered on this connection: half-close and linger. */
static void finish(http_conn *c)
{
    if (c->closing || c->lingering) {
        return;
    }
    uv_shutdown_t *req = malloc(sizeof(*req));
    if (!req) {
        http_conn_close(c);
        return;
    }
    req->data = c;
    c->lingering = true;
    if (uv_shutdown(req, (uv_stream_t *)&c->tcp, on_shutdown) != 0) {
        free(req);
        http_conn_close(c);
    }
}

static void resume_parsing(http_conn *c)
{
    if (c->closing || c->no_more || c->queued >= c->srv->cfg.max_pipeline) {
        return;
    }
    if (c->pending_in.len) {
        bz_buf held = c->pending_in; /* feed may append a new remainder */
        bz_buf_init(&c->pending_in, 0);
        http_conn_feed(c, held.data, held.len);
        bz_buf_free(&held);
    }
    if (!c->pending_in.len && !c->no_more) {
        http_conn_start_reading(c);
    }
}

static void recycle_head(http_conn *c, int n)
{
    for (int i = 0; i < n && c->q_head; i++) {
        http_req *r = c->q_head;
        c->q_head = r->next;
        if (!c->q_head) {
            c->q_tail = NULL;
        }
        BZ_CHECK(c->queued > 0); /* counts the queue's requests */
        c->queued--;
        req_put(c, r);
    }
}

static void after_writes(http_conn *c)
{
    if (c->q_head || c->writing || c->closing) {
        return;
    }
    if (c->no_more && !c->parsing) {
        finish(c);
    } else if (!c->parsing) {
        c->deadline_ms = uv_now(c->srv->loop) + c->srv->cfg.idle_timeout_ms;
    }
}

static void on_write(uv_write_t *w, int status)
{
    http_conn *c = w->data;
    c->writing = false;
    if (status < 0) {
        http_conn_close(c);
        return;
    }
    int done = 0;
    for (http_req *r = c->q_head; r && r->state == REQ_WRITING; r = r->next) {
        done++;
    }
    recycle_head(c, done);
    resume_parsing(c);
    http_conn_flush(c);
}

/* Serialise the finished response and account for it (metrics, access log). */
static int prepare(http_conn *c, http_req *r, uv_buf_t *bufs, int *nbufs)
{
    if (c->srv->draining && !r->next && !c->parsing) {
        r->close_after = true;
    }
    if (r->close_after) {
        c->no_more = true;
    }
    if (http_res_serialize(r, bufs, nbufs) != BZ_OK) {
        return BZ_ENOMEM;
    }
    http_metrics_request(c->srv->metrics, r->slot, r->res.status, bz_mono_ns() - r->t_start_ns,
                         r->handler_ns, r->store_ns);
    http_mw_access_log(r);
    r->state = REQ_WRITING;
    return BZ_OK;
}

void http_conn_flush(http_conn *c)
{
    while (!c->writing && !c->closing) {
        uv_buf_t bufs[MAX_BATCH * 2];
        int nb = 0, nreq = 0;
        size_t total = 0;
        for (http_req *r = c->q_head; r && r->state == REQ_DONE && nreq < MAX_BATCH; r = r->next) {
            int k = 0;
            if (prepare(c, r, &bufs[nb], &k) != BZ_OK) {
                http_conn_close(c);
                return;
            }
            for (int i = 0; i < k; i++) {
                total += bufs[nb + i].len;
            }
            nb += k;
            nreq++;
            if (r->close_after) {
                break;
            }
        }
        if (nreq == 0) {
            after_writes(c);
            return;
        }
        /* Loopback and idle sockets usually take everything at once: no write request. */
        unsigned first = 0;
        int w = net_try_write((uv_stream_t *)&c->tcp, bufs, (unsigned)nb, total, &first);
        if (w < 0) {
            http_conn_close(c);
            return;
        }
        if ((size_t)w == total) {
            recycle_head(c, nreq);
            resume_parsing(c);
            continue;
        }
        c->wreq.data = c;
        if (uv_write(&c->wreq, (uv_stream_t *)&c->tcp, &bufs[first], (unsigned)nb - first,
                     on_write) != 0) {
            http_conn_close(c);
            return;
        }
        c->writing = true;
        c->write_start_ms = uv_now(c->srv->loop);
        c->write_bytes = total - (size_t)w;
    }
}

/* A job (or an on-loop handler) finished: the response may now go out, in order. */
void http_conn_req_done(http_req *r)
{
    http_conn *c = r->conn;
    /* Only a request on a worker or deferred finishes, and only once: a second completion would
     * answer (and recycle) it twice. */
    if (BZ_NEVER(r->state != REQ_RUNNING)) {
        return;
    }
    r->state = REQ_DONE;
    if (c->closing) {
        try_free(c);
        return;
    }
    http_conn_flush(c);
}

/* ---- wire callbacks ---------------------------------------------------- */

/* The deadline of a transfer (a body, a response) that started at `start_ms` and has moved
 * `bytes` so far: a grace period, extended by what the peer earned at min_rate, capped. */
uint64_t http_conn_transfer_deadline(const http_server *s, uint64_t start_ms, uint64_t bytes)
{
    const http_server_config *cfg = &s->cfg;
    uint64_t allowed = cfg->body_timeout_ms;
    if (cfg->min_rate) {
        allowed += bytes * 1000 / cfg->min_rate;
    }
    uint64_t cap =
        cfg->transfer_max_ms > cfg->body_timeout_ms ? cfg->transfer_max_ms : cfg->body_timeout_ms;
    return start_ms + (allowed < cap ? allowed : cap);
}

http_req *http_conn_begin(http_conn *c)
{
    http_req *r = req_get(c);
    if (!r) {
        return NULL;
    }
    c->parsing = r;
    r->t_start_ns = bz_mono_ns();
    bz_strlcpy(r->ip, c->ip, sizeof(r->ip));
    if (c->served) {
        c->deadline_ms = uv_now(c->srv->loop) + c->srv->cfg.header_timeout_ms;
    } /* else the accept's deadline stands: a late first byte earns no extra time */
    c->served = true;
    return r;
}

http_req *http_conn_head(http_conn *c)
{
    c->body_start_ms = uv_now(c->srv->loop);
    c->deadline_ms = http_conn_transfer_deadline(c->srv, c->body_start_ms, 0);
    return c->parsing;
}

http_req *http_conn_complete(http_conn *c, const http_msg *m)
{
    http_req *r = c->parsing;
    c->parsing = NULL;
    c->deadline_ms = 0; /* busy: no timeout while the request runs */
    enqueue(c, r);
    if (!m->keep_alive || m->upgrade || c->srv->draining) {
        r->close_after = true;
        c->no_more = true;
    }
    return r;
}

bool http_conn_paused(const http_conn *c)
{
    return c->no_more || c->queued >= c->srv->cfg.max_pipeline;
}

/* The request stream is broken (or too slow): answer the current request with `err` after
 * the ones before it, then close. */
void http_conn_fail_request(http_conn *c, int err)
{
    http_req *r = c->parsing;
    c->parsing = NULL;
    if (!r && !(r = req_get(c))) {
        http_conn_close(c);
        return;
    }
    if (!http_wire_in_body(c->wire)) {
        http_msg_reset(&r->msg); /* header pointers are only valid once the head is complete */
        if (!r->id[0]) {
            http_mw_request_id(r);
        }
    }
    if (!r->ip[0]) {
        bz_strlcpy(r->ip, c->ip, sizeof(r->ip));
    }
    if (!r->t_start_ns) {
        r->t_start_ns = bz_mono_ns();
    }
    r->slot = r->match.id >= 0 ? r->match.id : c->srv->nroutes + SLOT_UNMATCHED;
    http_res_early_error(r, err);
    r->close_after = true;
    r->state = REQ_DONE;
    c->no_more = true;
    c->deadline_ms = 0;
    enqueue(c, r);
    http_conn_flush(c);
}

/* Parse `len` bytes. Returns false when the connection was handed over (takeover) and must
 * not be touched any more. */
/* The head request, upgraded, hands the connection over (http_req_takeover): the new owner
 * gets a duplicate of the socket and the bytes read past the request. */
static bool take_over(http_conn *c, const char *extra, size_t len)
{
    http_req *r = c->q_head;
    if (!r || !r->takeover_fn || c->closing) {
        return false;
    }
    http_takeover_fn fn = r->takeover_fn;
    r->takeover_fn = NULL;
    r->deferred = false;
    c->jobs--;
    uv_os_fd_t fd = -1;
    int dup_fd = -1;
    if (uv_fileno((uv_handle_t *)&c->tcp, &fd) == 0) {
        dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    }
    http_conn_close(c); /* the duplicate keeps the socket open for the new owner */
    if (dup_fd < 0) {
        bz_warn("http: takeover failed: cannot duplicate the socket");
        return true;
    }
    fn(r->takeover_udata, dup_fd, extra, len);
    return true;
}

bool http_conn_feed(http_conn *c, const char *data, size_t len)
{
    size_t n = http_wire_feed(c->wire, data, len);
    int err = http_wire_error(c->wire);
    if (err) {
        http_conn_stop_reading(c);
        http_conn_fail_request(c, err);
        return true;
    }
    if (http_wire_upgraded(c->wire) && take_over(c, data + n, len - n)) {
        return false;
    }
    if (n < len && !http_wire_upgraded(c->wire) && !c->no_more) {
        http_conn_stop_reading(c); /* pipeline full: keep the rest for later */
        bz_buf_append(&c->pending_in, data + n, len - n);
    } else if (n < len || c->no_more) {
        http_conn_stop_reading(c); /* after a final request, further bytes are ignored */
    }
    if (c->parsing && http_wire_in_body(c->wire)) {
        c->deadline_ms =
            http_conn_transfer_deadline(c->srv, c->body_start_ms, c->parsing->msg.body.len);
    }
    return true;
}

static void on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
    http_conn *c = (http_conn *)stream;
    if (nread == 0) {
        return;
    }
    if (nread < 0) {
        http_conn_stop_reading(c);
        if (c->lingering || c->q_head == NULL) {
            http_conn_close(c);
            return;
        }
        /* The peer half-closed after sending: answer what it sent, then close. A deferred
         * request (a long poll) is abandoned: its owner hears about it. */
        abort_deferred(c);
        if (c->parsing) {
            req_put(c, c->parsing);
            c->parsing = NULL;
        }
        c->no_more = true;
        http_conn_flush(c);
        return;
    }
    if (c->lingering) {
        return;
    }
    if (http_conn_feed(c, buf->base, (size_t)nread)) {
        http_conn_flush(c);
    }
}
