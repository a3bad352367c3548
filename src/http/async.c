/*
 * Deferred responses, connection takeover and prefix mounts (http/async.h).
 *
 * A deferred request stays in its connection's pipeline in state REQ_RUNNING and counts in
 * c->jobs, exactly like a request on a worker: the connection is not freed before the
 * owner completes it, and responses after it wait. Completions from other threads go
 * through a mutex-protected list and one uv_async.
 */
#include "base/err.h"
#include "http/internal.h"

#include <string.h>

/* ---- mounts ------------------------------------------------------------ */

int http_server_add_mount(http_server *s, const http_route *route)
{
    if (s->started || s->nmounts >= (int)(sizeof(s->mounts) / sizeof(s->mounts[0]))) {
        return BZ_EINTERNAL;
    }
    const http_route **grown = realloc(s->routes, sizeof(*grown) * (size_t)(s->nroutes + 1));
    if (!grown) {
        return BZ_ENOMEM;
    }
    s->routes = grown;
    s->mounts[s->nmounts++] = s->nroutes;
    s->routes[s->nroutes++] = route;
    return BZ_OK;
}

bool http_async_mount_match(http_req *r)
{
    http_server *s = r->srv;
    for (int i = 0; i < s->nmounts; i++) {
        const http_route *m = s->routes[s->mounts[i]];
        size_t n = strlen(m->pattern);
        if (strncmp(r->raw_path, m->pattern, n) == 0 &&
            (r->raw_path[n] == '/' || r->raw_path[n] == '\0')) {
            r->match_rc = BZ_OK;
            r->match.id = s->mounts[i];
            r->match.route = m;
            r->match.allowed = 0; /* OPTIONS goes to the handler, not the preflight */
            r->match.nparams = 0;
            return true;
        }
    }
    return false;
}

void http_server_submit(http_server *s, net_job *job)
{
    net_pool_submit(s->pool, job);
}

bool http_server_draining(const http_server *s)
{
    return s->draining || !s->pool;
}

int http_server_on_metrics(http_server *s, void (*fn)(void *udata, bz_buf *out), void *udata)
{
    if (s->n_on_metrics == HTTP_METRICS_HOOKS) {
        return BZ_ENOMEM;
    }
    s->on_metrics[s->n_on_metrics].fn = fn;
    s->on_metrics[s->n_on_metrics++].udata = udata;
    return BZ_OK;
}

void http_server_on_stop(http_server *s, void (*fn)(void *udata), void *udata)
{
    s->on_stop = fn;
    s->on_stop_udata = udata;
}

/* ---- request accessors ---------------------------------------------------- */

http_res *http_req_res(http_req *r)
{
    return &r->res;
}

const char *http_req_query_string(const http_req *r)
{
    return r->query;
}

const void *http_req_headers(const http_req *r, int *count)
{
    *count = r->msg.nheaders;
    return r->msg.headers;
}

bool http_req_is_upgrade(const http_req *r)
{
    return r->msg.upgrade;
}

/* ---- deferred requests ---------------------------------------------------- */

void http_async_dispatch(http_req *r, void (*run)(http_req *r))
{
    r->state = REQ_RUNNING;
    r->deferred = true;
    r->conn->jobs++;
    run(r);
    if (!r->deferred || r->takeover_fn) {
        return; /* completed inside the handler, or handed over once feeding stops */
    }
    if (r->res.status) {
        r->deferred = false; /* answered at once: flushed after this parse batch */
        r->conn->jobs--;
        r->state = REQ_DONE;
    }
}

void http_req_on_abort(http_req *r, http_abort_fn fn, void *udata)
{
    r->abort_fn = fn;
    r->abort_udata = udata;
}

void http_req_complete(http_req *r)
{
    if (!r->deferred) {
        return;
    }
    r->deferred = false;
    r->abort_fn = NULL;
    if (!r->res.status) {
        http_res_error(&r->res, BZ_EINTERNAL, "deferred request completed without a response",
                       NULL);
    }
    r->conn->jobs--;
    http_conn_req_done(r);
}

void http_req_complete_async(http_req *r)
{
    http_server *s = r->srv;
    uv_mutex_lock(&s->completed_mu);
    r->job.next = (net_job *)s->completed; /* the pool does not hold a deferred request */
    s->completed = r;
    uv_mutex_unlock(&s->completed_mu);
    uv_async_send(&s->completed_async);
}

void http_req_complete_async_fill(http_req *r, http_fill_fn fill, void *udata)
{
    r->fill_fn = fill; /* read by the loop after the mutex below: published by it */
    r->fill_udata = udata;
    http_req_complete_async(r);
}

http_server *http_req_server(http_req *r)
{
    return r->srv;
}

static void on_completed(uv_async_t *h)
{
    http_server *s = h->data;
    uv_mutex_lock(&s->completed_mu);
    http_req *list = s->completed;
    s->completed = NULL;
    uv_mutex_unlock(&s->completed_mu);
    http_req *fifo = NULL; /* the list is newest first: reverse it */
    while (list) {
        http_req *next = (http_req *)list->job.next;
        list->job.next = (net_job *)fifo;
        fifo = list;
        list = next;
    }
    while (fifo) {
        http_req *next = (http_req *)fifo->job.next;
        if (fifo->fill_fn) {
            http_fill_fn fill = fifo->fill_fn;
            fifo->fill_fn = NULL;
            fill(fifo->fill_udata, fifo);
        }
        http_req_complete(fifo);
        fifo = next;
    }
}

int http_async_start(http_server *s)
{
    if (uv_mutex_init(&s->completed_mu) != 0) {
        return BZ_ENOMEM;
    }
    uv_async_init(s->loop, &s->completed_async, on_completed);
    s->completed_async.data = s;
    return BZ_OK;
}

void http_async_close(http_server *s, uv_close_cb cb)
{
    on_completed(&s->completed_async); /* nothing may be left behind */
    uv_close((uv_handle_t *)&s->completed_async, cb);
}

/* ---- takeover ------------------------------------------------------------- */

int http_req_takeover(http_req *r, http_takeover_fn fn, void *udata)
{
    http_conn *c = r->conn;
    if (!r->deferred || c->q_head != r || c->writing || c->closing) {
        return BZ_ECONFLICT;
    }
    r->takeover_fn = fn;
    r->takeover_udata = udata;
    return BZ_OK;
}
