/* Server lifecycle: configuration, route registration, start, graceful stop. */
#include "http/server.h"

#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"
#include "base/str.h"
#include "http/internal.h"
#include "net/signal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void http_server_config_defaults(http_server_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->addr = "127.0.0.1:8080";
    cfg->backlog = 511;
    cfg->workers = 2;
    cfg->max_pipeline = 16;
    cfg->max_header_bytes = 16 * 1024;
    cfg->max_json_body = 1024 * 1024;
    cfg->max_image_body = 10 * 1024 * 1024;
    cfg->header_timeout_ms = 10000;
    cfg->body_timeout_ms = 10000;
    cfg->min_rate = 1024;
    cfg->transfer_max_ms = 300000;
    cfg->idle_timeout_ms = 60000;
    cfg->max_conns_per_addr = 512;
    cfg->shutdown_timeout_ms = 10000;
    cfg->static_dir = "web/dist";
    cfg->static_cache_bytes = 32u * 1024 * 1024;
    cfg->rate_auth_per_s = 2;
    cfg->rate_auth_burst = 300;
    cfg->rate_video_per_s = 2;
    cfg->rate_video_burst = 120;
    cfg->login_fail_per_s = 1.0 / 60;
    cfg->login_fail_burst = 5;
    cfg->login_fail_addr_per_s = 1;
    cfg->login_fail_addr_burst = 100;
    cfg->login_fail_acct_per_s = 1.0 / 6;
    cfg->login_fail_acct_burst = 30;
    cfg->access_log = true;
}

static char *dup_or_null(const char *s)
{
    return s && *s ? strdup(s) : NULL;
}

static void on_stop_async(uv_async_t *h);

http_server *http_server_new(uv_loop_t *loop, const http_server_config *cfg, const app_env *env,
                             http_worker_init_fn init, http_worker_fini_fn fini, void *udata)
{
    http_server *s = calloc(1, sizeof(*s));
    if (!s) {
        return NULL;
    }
    s->loop = loop;
    s->cfg = *cfg;
    s->addr = dup_or_null(cfg->addr);
    s->cors = dup_or_null(cfg->cors_origins);
    s->static_dir = dup_or_null(cfg->static_dir);
    s->media_dir = dup_or_null(cfg->media_dir);
    s->proxies = dup_or_null(cfg->trusted_proxies);
    s->cfg.trusted_proxies = s->proxies;
    s->cfg.addr = s->addr;
    s->cfg.cors_origins = s->cors;
    s->cfg.static_dir = s->static_dir;
    s->cfg.media_dir = s->media_dir;
    if (s->cfg.max_pipeline < 1) {
        s->cfg.max_pipeline = 1;
    }
    s->env = env;
    s->worker_init = init;
    s->worker_fini = fini;
    s->udata = udata;
    s->loop_ctx.env = env;
    s->router = http_router_new();
    s->limiter = http_limiter_memory_new(0);
    if (s->cfg.max_conns_per_addr) {
        net_addr_limits lim = {.max_open = s->cfg.max_conns_per_addr};
        s->conns_by_addr = net_addrtab_new(&lim, 0);
        if (!s->conns_by_addr) {
            http_server_free(s);
            return NULL;
        }
    }
    bz_buf_init(&s->access_log, 0);
    unsigned char rnd[4];
    bz_random_bytes(rnd, sizeof(rnd));
    bz_hex_encode(rnd, sizeof(rnd), s->id_prefix);
    s->csp_html = http_csp_html(cfg->csp_connect_origin, cfg->csp_pay_origins);
    if (!s->router || !s->limiter || !s->addr || !s->csp_html) {
        http_server_free(s);
        return NULL;
    }
    if (http_server_add_routes(s, http_ops_routes()) != BZ_OK) {
        http_server_free(s);
        return NULL;
    }
    return s;
}

int http_server_add_route(http_server *s, const http_route *r)
{
    if (s->started) {
        return BZ_EINTERNAL;
    }
    /* A table entry without a handler or with an unknown method is a bug in the table, found at
     * start-up rather than on the first request that matches it. */
    if (BZ_NEVER(!r->pattern || !r->handler || (unsigned)r->method > HTTP_M_OTHER)) {
        return BZ_EINTERNAL;
    }
    const http_route **grown = realloc(s->routes, sizeof(*grown) * (size_t)(s->nroutes + 1));
    if (!grown) {
        return BZ_ENOMEM;
    }
    s->routes = grown;
    int rc = http_router_add(s->router, r, s->nroutes);
    if (rc != BZ_OK) {
        bz_error("http: cannot add route %s (bad or duplicate pattern)", r->pattern);
        return rc;
    }
    s->routes[s->nroutes++] = r;
    return BZ_OK;
}

int http_server_add_routes(http_server *s, const http_route *routes)
{
    int rc = s->started ? BZ_EINTERNAL : BZ_OK;
    for (const http_route *r = routes; rc == BZ_OK && r->pattern; r++) {
        rc = http_server_add_route(s, r);
    }
    return rc;
}

void http_server_set_limiter(http_server *s, http_limiter *l)
{
    http_limiter_destroy(s->limiter);
    s->limiter = l;
}

/* ---- worker pool glue -------------------------------------------------- */

typedef struct dummy_ctx {
    app_ctx ctx;
} dummy_ctx;

static int pool_init(void *udata, int index, void **state_out)
{
    http_server *s = udata;
    if (s->worker_init) {
        app_ctx *ctx = NULL;
        int rc = s->worker_init(s->udata, index, &ctx);
        *state_out = ctx;
        return rc != BZ_OK ? rc : (ctx ? BZ_OK : BZ_EINTERNAL);
    }
    app_ctx *ctx = calloc(1, sizeof(*ctx));
    if (!ctx) {
        return BZ_ENOMEM;
    }
    ctx->env = s->env;
    *state_out = ctx;
    return BZ_OK;
}

static void pool_fini(void *udata, int index, void *state)
{
    http_server *s = udata;
    if (s->worker_init) {
        if (s->worker_fini) {
            s->worker_fini(s->udata, index, state);
        }
        return;
    }
    free(state);
}

/* ---- loop handles ------------------------------------------------------ */

static void on_connection(uv_stream_t *listener, int status)
{
    http_server *s = listener->data;
    if (status == 0 && !s->draining) {
        http_conn_accept(s);
    }
}

static void on_sweep(uv_timer_t *t)
{
    http_server *s = t->data;
    http_conn_sweep(s, uv_now(s->loop));
}

static void on_check(uv_check_t *h)
{
    http_mw_flush_log(h->data);
}

static void on_kill(uv_timer_t *t)
{
    http_server *s = t->data;
    bz_warn("http: shutdown timeout, closing %d connections", s->nconns);
    for (http_conn *c = s->conns; c; c = c->next) {
        http_conn_close(c);
    }
}

static uint64_t sweep_interval(const http_server_config *cfg)
{
    uint64_t t = cfg->header_timeout_ms < cfg->idle_timeout_ms ? cfg->header_timeout_ms
                                                               : cfg->idle_timeout_ms;
    t = cfg->body_timeout_ms && cfg->body_timeout_ms < t ? cfg->body_timeout_ms : t;
    t /= 4;
    return t < 10 ? 10 : t > 1000 ? 1000 : t;
}

static int setup_metrics_and_files(http_server *s)
{
    s->metrics = http_metrics_new(s->nroutes + SLOT_PSEUDO_COUNT);
    if (!s->metrics) {
        return BZ_ENOMEM;
    }
    static const char *mnames[] = {"GET",   "HEAD",   "POST",    "PUT",
                                   "PATCH", "DELETE", "OPTIONS", "OTHER"};
    for (int i = 0; i < s->nroutes; i++) {
        http_metrics_label(s->metrics, i, mnames[s->routes[i]->method & 7], s->routes[i]->pattern);
    }
    http_metrics_label(s->metrics, s->nroutes + SLOT_STATIC, "GET", "static");
    http_metrics_label(s->metrics, s->nroutes + SLOT_UNMATCHED, "ANY", "unmatched");
    http_metrics_label(s->metrics, s->nroutes + SLOT_PREFLIGHT, "OPTIONS", "preflight");
    if (s->static_dir) {
        s->statics =
            http_static_new(s->static_dir, s->cfg.static_cache_bytes, "public, max-age=3600");
    }
    if (s->media_dir) {
        s->media =
            http_static_new(s->media_dir, s->cfg.static_cache_bytes / 4, "public, max-age=86400");
    }
    return BZ_OK;
}

int http_server_start(http_server *s)
{
    if (s->started) {
        return BZ_OK;
    }
    net_ignore_sigpipe();
    int rc = setup_metrics_and_files(s);
    if (rc != BZ_OK) {
        return rc;
    }
    s->pool = net_pool_new(s->loop, s->cfg.workers, pool_init, pool_fini, s, &rc);
    if (!s->pool) {
        bz_error("http: worker start failed (%s)", bz_err_code(rc));
        return rc;
    }
    s->listener.data = s;
    rc = net_tcp_listen(s->loop, &s->listener, s->addr, s->cfg.backlog, on_connection, &s->port);
    if (rc != BZ_OK) {
        net_pool_close(s->pool);
        s->pool = NULL;
        return rc;
    }
    s->listener.data = s;
    s->listening = true;
    s->started = true;
    uv_timer_init(s->loop, &s->sweep);
    s->sweep.data = s;
    uint64_t every = sweep_interval(&s->cfg);
    uv_timer_start(&s->sweep, on_sweep, every, every);
    uv_timer_init(s->loop, &s->kill_timer);
    s->kill_timer.data = s;
    uv_check_init(s->loop, &s->log_flush);
    s->log_flush.data = s;
    uv_check_start(&s->log_flush, on_check);
    uv_async_init(s->loop, &s->stop_async, on_stop_async);
    s->stop_async.data = s;
    if ((rc = http_async_start(s)) != BZ_OK) {
        return rc;
    }
    s->open_handles = 6; /* listener, sweep, kill timer, log flush, stop async, completions */
    bz_info("http: listening on %s (port %d, %d workers)", s->addr, s->port, s->cfg.workers);
    return BZ_OK;
}

int http_server_port(const http_server *s)
{
    return s->port;
}

int http_server_run(http_server *s)
{
    int rc = http_server_start(s);
    if (rc != BZ_OK) {
        uv_run(s->loop, UV_RUN_DEFAULT); /* finish closing what start opened */
        return rc;
    }
    uv_run(s->loop, UV_RUN_DEFAULT);
    return BZ_OK;
}

/* ---- graceful stop ----------------------------------------------------- */

static void on_handle_closed(uv_handle_t *h)
{
    http_server *s = h->data;
    if (--s->open_handles == 0) {
        s->stopped = true;
        bz_info("http: stopped");
    }
}

static void close_everything(http_server *s)
{
    http_mw_flush_log(s);
    net_pool_close(s->pool); /* joins workers; no job is left since no connection is */
    s->pool = NULL;
    net_signals_close(s->signals);
    s->signals = NULL;
    uv_close((uv_handle_t *)&s->sweep, on_handle_closed);
    uv_close((uv_handle_t *)&s->kill_timer, on_handle_closed);
    uv_close((uv_handle_t *)&s->log_flush, on_handle_closed);
    uv_close((uv_handle_t *)&s->stop_async, on_handle_closed);
    http_async_close(s, on_handle_closed);
}

static void on_stop_async(uv_async_t *h)
{
    http_server *s = h->data;
    if (!s->draining) {
        s->draining = true;
        bz_info("http: stopping (%d open connections)", s->nconns);
        if (s->on_stop) {
            s->on_stop(s->on_stop_udata); /* e.g. the gateway answers its long polls */
        }
        if (s->listening) {
            s->listening = false;
            uv_close((uv_handle_t *)&s->listener, on_handle_closed);
        }
        for (http_conn *c = s->conns, *next; c; c = next) {
            next = c->next;
            http_conn_drain(c);
        }
        uv_timer_start(&s->kill_timer, on_kill, s->cfg.shutdown_timeout_ms, 0);
        uv_unref((uv_handle_t *)&s->kill_timer);
    }
    if (s->nconns == 0 && s->pool) {
        close_everything(s);
    }
}

void http_server_stop(http_server *s)
{
    /* Once only: after the stop sequence closes stop_async, another send would touch a closed
     * handle, and callers on other threads (a signal, a failed start-up job) cannot know. */
    if (s->started && !atomic_exchange(&s->stop_requested, true)) {
        uv_async_send(&s->stop_async);
    }
}

void http_server_set_starting(http_server *s, const char *what)
{
    atomic_store(&s->starting, what);
}

static void on_signal(void *udata, int signum)
{
    bz_info("http: signal %d", signum);
    http_server_stop(udata);
}

int http_server_handle_signals(http_server *s)
{
    s->signals = net_signals_start(s->loop, on_signal, s);
    return s->signals ? BZ_OK : BZ_ENOMEM;
}

bool http_server_stopped(const http_server *s)
{
    return s->stopped;
}

void http_server_free(http_server *s)
{
    if (!s) {
        return;
    }
    if (s->started) {
        uv_mutex_destroy(&s->completed_mu);
    }
    http_router_free(s->router);
    free(s->routes);
    http_metrics_free(s->metrics);
    http_limiter_destroy(s->limiter);
    net_addrtab_free(s->conns_by_addr);
    http_static_free(s->statics);
    http_static_free(s->media);
    bz_buf_free(&s->access_log);
    char *copies[] = {s->addr,      s->cors,    s->static_dir,
                      s->media_dir, s->proxies, s->csp_html}; /* of cfg, and built from it */
    for (size_t i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
        free(copies[i]);
    }
    free(s);
}
