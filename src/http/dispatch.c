/*
 * From a parsed request to a response: route resolution, then the handler on the loop
 * (HTTP_ON_LOOP) or on a worker, or the server's own answers (404, 405, preflight, static).
 */
#include "base/check.h"
#include "base/err.h"
#include "base/str.h"
#include "base/time.h"
#include "http/internal.h"

#include <string.h>

static void job_done(net_job *job)
{
    http_req *r = (http_req *)job;
    r->conn->jobs--;
    http_conn_req_done(r);
}

static void submit(http_req *r, void (*work)(net_job *, void *))
{
    r->state = REQ_RUNNING;
    r->job.work = work;
    r->job.done = job_done;
    r->conn->jobs++;
    net_pool_submit(r->srv->pool, &r->job);
}

static void answer_now(http_req *r)
{
    r->state = REQ_DONE; /* the connection flushes after parsing this batch */
}

/* Run the route's handler with `ctx`: token check, rate limits, then the handler itself.
 * The handler's results live in the request's arena, swapped into the ctx for the call. */
static void run_handler(http_req *r, app_ctx *ctx)
{
    const http_route *route = r->match.route;
    bz_arena *own = ctx->arena;
    ctx->arena = r->arena;
    ctx->now = bz_now_ms();
    app_err_clear(ctx);
    r->ctx = ctx;
    http_mw_auth(r);
    if (!r->res.status && (route->flags & (HTTP_RATE_AUTH | HTTP_RATE_VIDEO))) {
        http_mw_rate_limit(r);
    }
    http_login_hold hold;
    bool login = !r->res.status && (route->flags & HTTP_RATE_LOGIN);
    if (login && http_mw_login_reserve(r, &hold) != BZ_OK) {
        login = false; /* refused: nothing held */
    }
    if (!r->res.status) {
        uint64_t busy0 = ctx->store ? ctx->store->busy_ns : 0;
        route->handler(r, &r->res);
        r->store_ns = ctx->store ? ctx->store->busy_ns - busy0 : 0;
        if (!r->res.status && !(route->flags & HTTP_ASYNC)) {
            http_res_error(&r->res, BZ_EINTERNAL, "handler produced no response", NULL);
        }
    }
    if (login) {
        http_mw_login_settle(r, &hold);
    }
    r->ctx = NULL;
    ctx->arena = own;
}

static void work_handler(net_job *job, void *state)
{
    http_req *r = (http_req *)job;
    uint64_t t0 = bz_mono_ns();
    run_handler(r, state);
    r->handler_ns = bz_mono_ns() - t0;
}

static void run_on_loop(http_req *r)
{
    run_handler(r, &r->srv->loop_ctx);
}

static bool path_under(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(path, prefix, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Browsers navigating to a client-side route get the app's index.html. */
static bool spa_candidate(http_req *r)
{
    const char *accept = http_req_header(r, "Accept");
    return accept && strstr(accept, "text/html") && !path_under(r->path, "/api") &&
           !path_under(r->path, "/media");
}

static void work_static(net_job *job, void *state)
{
    http_req *r = (http_req *)job;
    http_server *s = r->srv;
    int rc = BZ_ENOTFOUND;
    r->ctx = state;
    if (s->media && path_under(r->path, "/media")) {
        rc = http_static_serve(s->media, r, &r->res, r->path + 6);
    } else if (s->statics) {
        rc = http_static_serve(s->statics, r, &r->res, r->path);
        if (rc == BZ_ENOTFOUND && spa_candidate(r)) {
            http_res_reset(&r->res);
            rc = http_static_serve(s->statics, r, &r->res, "/index.html");
        }
    }
    if (rc != BZ_OK) {
        http_res_reset(&r->res);
        http_res_error(&r->res, BZ_ENOTFOUND, NULL, NULL);
    }
    r->ctx = NULL;
}

/* Headers are in: find the route now so the body cap (and an early 413) fits the route. */
int http_dispatch_head(http_req *r)
{
    http_server *s = r->srv;
    int rc = http_req_prepare_target(r);
    if (rc != BZ_OK) {
        return rc;
    }
    r->head_only = r->msg.method == HTTP_M_HEAD;
    if (!http_async_mount_match(r)) {
        r->match_rc = http_router_match(s->router, r->msg.method, r->raw_path, strlen(r->raw_path),
                                        &r->match);
    }
    const http_route *route = r->match.route;
    r->msg.body.limit =
        route && (route->flags & HTTP_BODY_IMAGE) ? s->cfg.max_image_body : s->cfg.max_json_body;
    const char *expect = http_req_header(r, "Expect");
    if (expect && strcasecmp(expect, "100-continue") == 0 &&
        (r->msg.content_length == UINT64_MAX || r->msg.content_length <= r->msg.body.limit) &&
        !r->conn->q_head && !r->conn->writing) {
        /* Nothing is ahead of this request, so the interim answer cannot overtake one. */
        static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
        uv_buf_t b = uv_buf_init((char *)cont, sizeof(cont) - 1);
        uv_try_write((uv_stream_t *)&r->conn->tcp, &b, 1);
    }
    return BZ_OK;
}

static bool decode_params(http_req *r)
{
    for (int i = 0; i < r->match.nparams; i++) {
        http_param_span *p = &r->match.params[i];
        char *v = bz_arena_strndup(r->arena, p->value, p->len);
        if (!v) {
            return false;
        }
        int n = bz_url_decode(v, p->len, false);
        if (n < 0 || memchr(v, '\0', (size_t)n)) {
            return false;
        }
        v[n] = '\0';
        r->params[i] = v;
    }
    return true;
}

/* The request is complete: answer it here, on the loop, or hand it to a worker. */
void http_dispatch(http_req *r)
{
    BZ_CHECK(r->state == REQ_PARSING); /* a request is dispatched once, when it is complete */
    http_server *s = r->srv;
    int pseudo = s->nroutes;
    if (r->match_rc == BZ_OK) {
        r->slot = r->match.id;
    } else {
        r->slot = pseudo + SLOT_UNMATCHED;
    }
    if (r->msg.method == HTTP_M_OPTIONS && http_mw_preflight(r)) {
        r->slot = pseudo + SLOT_PREFLIGHT;
        answer_now(r);
        return;
    }
    if (r->match_rc == BZ_EMETHOD) {
        http_res_error(&r->res, BZ_EMETHOD, NULL, NULL);
        answer_now(r);
        return;
    }
    if (r->match_rc == BZ_ENOTFOUND) {
        bool get = r->msg.method == HTTP_M_GET || r->msg.method == HTTP_M_HEAD;
        if (get && (s->statics || s->media)) {
            r->slot = pseudo + SLOT_STATIC;
            submit(r, work_static);
        } else {
            http_res_error(&r->res, BZ_ENOTFOUND, NULL, NULL);
            answer_now(r);
        }
        return;
    }
    if (!decode_params(r)) {
        http_res_error(&r->res, BZ_EBADREQUEST, "Malformed path parameter", NULL);
        answer_now(r);
        return;
    }
    if (r->match.route->flags & HTTP_ASYNC) {
        http_async_dispatch(r, run_on_loop);
        return;
    }
    if (r->match.route->flags & HTTP_ON_LOOP) {
        run_handler(r, &s->loop_ctx);
        answer_now(r);
        return;
    }
    submit(r, work_handler);
}

/* ---- the wire's callbacks: the connection keeps its books, then the request is routed ---- */

static http_msg *wire_begin(void *udata)
{
    http_req *r = http_conn_begin(udata);
    return r ? &r->msg : NULL;
}

static int wire_head(void *udata, http_msg *m)
{
    (void)m;
    http_req *r = http_conn_head(udata);
    http_mw_client_ip(r);
    http_mw_request_id(r);
    return http_dispatch_head(r);
}

static int wire_complete(void *udata, http_msg *m)
{
    http_conn *c = udata;
    http_dispatch(http_conn_complete(c, m));
    return http_conn_paused(c) ? 1 : 0;
}

const http_wire_cbs http_dispatch_wire_cbs = {wire_begin, wire_head, wire_complete};
