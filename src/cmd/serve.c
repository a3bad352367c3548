/*
 * blytz serve: migrate, then run the HTTP server and the auction engine until
 * SIGINT/SIGTERM. Each worker thread and the engine thread open their own
 * store connection. The engine starts before the server listens and stops
 * after the server has drained, so every bid a worker waits on completes.
 * The outbox worker (cmd/outbox_worker.h) starts before both and stops after
 * them, so whatever enqueues a side effect has a worker to wake.
 *
 * Demo data (--demo) loads on a thread of its own after the server listens:
 * /healthz answers at once and /readyz says {"starting":"demo"} until the data
 * is in, so nothing waiting for the process (a test, a supervisor) mistakes a
 * slow load for a dead server. A failed load stops the server with exit 1. A
 * stop requested meanwhile waits for the load to finish, so an interrupted
 * start never leaves half the demo behind (it is loaded only into an empty
 * database).
 */
#include "cmd/cmd.h"
#include "cmd/limiter_redis.h"
#include "cmd/openapi.h"
#include "cmd/outbox_worker.h"
#include "cmd/payments_open.h"
#include "cmd/realtime.h"
#include "cmd/revocation_poll.h"
#include "cmd/video_open.h"

#include "app/recordings.h"
#include "app/cards.h"
#include "app/checkout.h"
#include "app/plans.h"
#include "app/orders.h"
#include "app/payouts.h"
#include "app/cohosts.h"
#include "app/video.h"
#include "app/video_ingress.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "engine/engine.h"
#include "api/api.h"
#include "http/async.h"
#include "http/server.h"
#include "api/share.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

struct serve {
    runtime rt;
    const blytz_config *cfg;
    http_server *server;
    uv_thread_t demo_thread;
    bool demo_started;
    int demo_rc;            /* written by the demo thread, read after joining it */
    int64_t revocations_at; /* when the revocation list was loaded */
};

/* The outbox's handlers, one per kind of side effect (app/outbox.h). Every kind a use case of this
 * node may enqueue needs its handler here (a row of a kind without one is parked). */
static int register_outbox_handlers(struct serve *sv, outbox_worker *w)
{
    /* The video server's side effects: only when this node has one. */
    const struct {
        const app_outbox_handler *handlers;
        size_t n;
    } video_sets[] = {
        {app_video_handlers, app_video_n_handlers},
        {app_ingress_handlers, app_ingress_n_handlers},
        {app_recording_handlers, app_recording_n_handlers},
    };
    int rc = BZ_OK;
    for (size_t s = 0; sv->rt.env.video && s < sizeof(video_sets) / sizeof(video_sets[0]); s++) {
        for (size_t i = 0; rc == BZ_OK && i < video_sets[s].n; i++) {
            const app_outbox_handler *h = &video_sets[s].handlers[i];
            rc = outbox_worker_register(w, h->kind, h->run, h->data);
        }
    }
    for (size_t i = 0; rc == BZ_OK && sv->rt.env.video && i < app_cohost_n_handlers; i++) {
        const app_outbox_handler *h = &app_cohost_handlers[i];
        rc = outbox_worker_register(w, h->kind, h->run, h->data);
    }
    /* The payment provider's: only when payments are configured. */
    const struct {
        const app_outbox_handler *handlers;
        size_t n;
    } pay_sets[] = {{app_payment_handlers, app_payment_n_handlers},
                    {app_card_handlers, app_card_n_handlers},
                    {app_document_handlers, app_document_n_handlers},
                    {app_plan_handlers, app_plan_n_handlers},
                    {app_payout_handlers, app_payout_n_handlers},
                    {app_payout_account_handlers, app_payout_account_n_handlers}};
    for (size_t s = 0; sv->rt.env.payments && s < sizeof(pay_sets) / sizeof(pay_sets[0]); s++) {
        for (size_t i = 0; rc == BZ_OK && i < pay_sets[s].n; i++) {
            const app_outbox_handler *h = &pay_sets[s].handlers[i];
            rc = outbox_worker_register(w, h->kind, h->run, h->data);
        }
    }
    return rc;
}

/* The outbox worker, on a connection of its own, plugged into the node's env (its kick and
 * clock) before any other thread reads the env. NULL after saying why. */
/* The outbox worker's chore when payments are configured: orders past their deadline, and
 * delivered orders past their buyer-protection window (completed, their share transferred). */
static void expire_orders(app_ctx *c)
{
    int n = app_orders_expire(c, 100);
    if (n < 0) {
        bz_warn("orders: cannot cancel those past their deadline: %s", bz_err_message(n));
    }
    if ((n = app_orders_complete(c, 100)) < 0) {
        bz_warn("orders: cannot complete those past their protection window: %s",
                bz_err_message(n));
    }
}

static outbox_worker *start_outbox(struct serve *sv)
{
    outbox_worker_config oc;
    outbox_worker_config_defaults(&oc);
    oc.env = &sv->rt.env;
    oc.chore = sv->rt.env.payments ? expire_orders : NULL;
    /* twice a protection window at least (a short one in tests), every 1..30 s */
    int64_t half = sv->rt.env.cfg.pay.protection_ms / 2;
    oc.chore_ms = (uint32_t)(half < 1000 ? 1000 : half < oc.chore_ms ? half : oc.chore_ms);
    outbox_worker *w = outbox_worker_new(&oc);
    store *s = NULL;
    if (!w || register_outbox_handlers(sv, w) != BZ_OK || runtime_store_open(sv->cfg, &s) ||
        outbox_worker_start(w, s) != BZ_OK) {
        fprintf(stderr, "blytz: cannot start the outbox worker\n");
        outbox_worker_free(w);
        return NULL;
    }
    sv->rt.env.clock = bz_now_ms;
    sv->rt.env.outbox_kick = outbox_worker_kick;
    sv->rt.env.outbox_kick_data = w;
    return w;
}

/* Worker init: a context with its own connection and arena (the server swaps per-request
 * arenas in; this one backs the context itself). */
static int worker_init(void *udata, int index, app_ctx **ctx_out)
{
    struct serve *sv = udata;
    app_ctx *c = calloc(1, sizeof(*c));
    if (!c) {
        return BZ_ENOMEM;
    }
    c->env = &sv->rt.env;
    c->arena = bz_arena_new(16 * 1024);
    if (!c->arena || runtime_store_open(sv->cfg, &c->store)) {
        bz_error("worker %d: cannot open the database", index);
        bz_arena_free(c->arena);
        free(c);
        return BZ_EUNAVAILABLE;
    }
    *ctx_out = c;
    return BZ_OK;
}

static void worker_fini(void *udata, int index, app_ctx *c)
{
    (void)udata;
    (void)index;
    store_close(c->store);
    bz_arena_free(c->arena);
    free(c);
}

static int engine_open(void *udata, app_ctx **ctx_out)
{
    return worker_init(udata, -1, ctx_out);
}

static void engine_close(void *udata, app_ctx *c)
{
    worker_fini(udata, -1, c);
}

static engine *start_engine(struct serve *sv)
{
    engine_config ec;
    engine_config_defaults(&ec);
    ec.open = engine_open;
    ec.close = engine_close;
    ec.udata = sv;
    engine *e = NULL;
    if (engine_new(&ec, &e) != BZ_OK || engine_start(e) != BZ_OK) {
        fprintf(stderr, "blytz: cannot start the auction engine\n");
        engine_free(e);
        return NULL;
    }
    return e;
}

static void stop_engine(engine *e)
{
    engine_stop(e);
    engine_free(e);
}

static void server_config(const blytz_config *cfg, http_server_config *hc, char *media_dir,
                          size_t media_len)
{
    http_server_config_defaults(hc);
    hc->addr = cfg->addr;
    hc->workers = (int)cfg->workers;
    hc->header_timeout_ms = (uint32_t)cfg->header_timeout_ms;
    hc->body_timeout_ms = (uint32_t)cfg->body_timeout_ms;
    hc->min_rate = (uint32_t)cfg->min_rate;
    hc->transfer_max_ms = (uint32_t)cfg->transfer_max_ms;
    hc->max_conns_per_addr = (uint32_t)cfg->conns_per_addr;
    hc->idle_timeout_ms = (uint32_t)cfg->idle_timeout_ms;
    hc->shutdown_timeout_ms = (uint32_t)cfg->shutdown_timeout_ms;
    hc->cors_origins = cfg->cors_origins;
    hc->trust_proxy = cfg->trusted_proxies[0] != '\0';
    hc->trusted_proxies = cfg->trusted_proxies;
    hc->static_dir = cfg->static_dir;
    hc->rate_auth_per_s = (double)cfg->rate_auth_per_min / 60.0;
    hc->rate_auth_burst = (double)cfg->rate_auth_burst;
    hc->rate_video_per_s = (double)cfg->rate_video_per_min / 60.0;
    hc->rate_video_burst = (double)cfg->rate_video_burst;
    hc->login_fail_per_s = (double)cfg->login_fail_per_min / 60.0;
    hc->login_fail_burst = (double)cfg->login_fail_burst;
    hc->login_fail_addr_per_s = (double)cfg->login_fail_ip_per_min / 60.0;
    hc->login_fail_addr_burst = (double)cfg->login_fail_ip_burst;
    hc->login_fail_acct_per_s = (double)cfg->login_fail_account_per_min / 60.0;
    hc->login_fail_acct_burst = (double)cfg->login_fail_account_burst;
    hc->media_dir = NULL;
    if (!strncmp(cfg->blob, "file:", 5)) {
        snprintf(media_dir, media_len, "%s", cfg->blob + 5);
        hc->media_dir = media_dir;
    }
}

/* Migrate and read the revocation list with one connection before the workers open theirs. */
static int prepare_database(struct serve *sv)
{
    store *s;
    int rc = cmd_open_migrated(sv->cfg, &s);
    if (rc) {
        return rc;
    }
    rc = revocation_load(&sv->rt.env, s, &sv->revocations_at);
    store_close(s);
    return rc;
}

static void demo_main(void *arg)
{
    struct serve *sv = arg;
    store *s;
    int rc = runtime_store_open(sv->cfg, &s);
    if (!rc) {
        rc = cmd_load_demo_if_empty(&sv->rt, s);
        store_close(s);
    }
    sv->demo_rc = rc;
    if (rc) {
        bz_error("blytz: demo data did not load; stopping");
        http_server_stop(sv->server);
        return;
    }
    http_server_set_starting(sv->server, NULL);
}

/* After the server listens: load demo data while /readyz says so. */
static int start_demo(struct serve *sv)
{
    if (!sv->cfg->demo) {
        return 0;
    }
    http_server_set_starting(sv->server, "demo");
    if (uv_thread_create(&sv->demo_thread, demo_main, sv)) {
        fprintf(stderr, "blytz: cannot start the demo loader\n");
        return 1;
    }
    sv->demo_started = true;
    return 0;
}

/* Join the demo loader; its failure is the process's. */
static int join_demo(struct serve *sv, int rc)
{
    if (!sv->demo_started) {
        return rc;
    }
    uv_thread_join(&sv->demo_thread);
    return rc ? rc : (sv->demo_rc ? 1 : 0);
}

static int add_all_routes(http_server *server)
{
    int rc = http_server_add_routes(server, cmd_routes_openapi);
    return rc ? rc : api_add_routes(server);
}

/* BLYTZ_REDIS was checked by config_load; parse it again for its parts. */
static int parse_redis(const char *s, redis_url *u)
{
    char err[160];
    if (redis_url_parse(s, u, err, sizeof(err))) {
        fprintf(stderr, "blytz serve: %s\n", err);
        return -1;
    }
    return 0;
}

/* Several nodes share rate-limit buckets through Redis. */
static int use_redis_limiter(http_server *server, const redis_url *redis)
{
    if (!redis) {
        return 0;
    }
    http_limiter *l = limiter_redis_new(redis);
    if (!l) {
        return -1;
    }
    http_server_set_limiter(server, l);
    bz_info("blytz: events and rate limits shared through Redis %s:%d", redis->host, redis->port);
    return 0;
}

int cmd_serve(const blytz_config *cfg)
{
    struct serve sv = {.cfg = cfg};
    int rc = runtime_open(&sv.rt, cfg);
    if (rc) {
        return rc;
    }
    if ((rc = prepare_database(&sv))) {
        runtime_close(&sv.rt);
        return rc;
    }
    redis_url redis;
    if (cfg->redis[0] && parse_redis(cfg->redis, &redis)) {
        runtime_close(&sv.rt);
        return 2;
    }
    outbox_worker *outbox = start_outbox(&sv);
    if (!outbox) {
        runtime_close(&sv.rt);
        return 1;
    }
    uv_loop_t loop;
    uv_loop_init(&loop);
    realtime_node rt_node = {.socket_limits = cfg->socket_limits,
                             .join_cache_ms = (uint32_t)cfg->join_cache_ms};
    if (realtime_open_bus(&rt_node, &loop, &sv.rt.env, cfg->redis[0] ? &redis : NULL)) {
        outbox_worker_free(outbox);
        runtime_close(&sv.rt);
        return 1;
    }
    engine *eng = start_engine(&sv);
    if (!eng) {
        realtime_close(&rt_node, &loop);
        uv_loop_close(&loop);
        outbox_worker_free(outbox);
        runtime_close(&sv.rt);
        return 1;
    }
    http_server_config hc;
    char media_dir[512], video_origin[256], pay_origins[512];
    server_config(cfg, &hc, media_dir, sizeof(media_dir));
    cmd_video_browser_origin(cfg, video_origin, sizeof(video_origin));
    hc.csp_connect_origin = video_origin;
    /* Stripe.js runs in the page only where payments are on */
    cmd_payments_csp_origins(sv.rt.env.payments ? sv.rt.env.cfg.pay.js_url : "", pay_origins,
                             sizeof(pay_origins));
    hc.csp_pay_origins = pay_origins;
    api_env api = {.engine = eng}; /* the server is freed before stop_engine */
    hc.handler_data = &api;
    http_server *server = http_server_new(&loop, &hc, &sv.rt.env, worker_init, worker_fini, &sv);
    sv.server = server;
    revocation_poller *poller = NULL;
    if (!server || api_share_configure(cfg->static_dir, cfg->public_url) ||
        add_all_routes(server) || http_server_handle_signals(server) ||
        use_redis_limiter(server, cfg->redis[0] ? &redis : NULL) ||
        realtime_attach(&rt_node, &loop, &sv.rt.env, server, eng, cfg) ||
        http_server_on_metrics(server, outbox_worker_metrics, outbox) ||
        !(poller = revocation_poller_start(&loop, server, (uint32_t)cfg->revocation_poll_ms,
                                           sv.revocations_at))) {
        fprintf(stderr, "blytz: cannot set up the HTTP server\n");
        rc = 1;
    } else if ((rc = http_server_start(server))) {
        fprintf(stderr, "blytz: cannot listen on %s: %s\n", cfg->addr, bz_err_message(rc));
        rc = 1;
    } else if ((rc = start_demo(&sv))) {
        http_server_stop(server);
        http_server_run(server);
    } else {
        bz_info("blytz serving on http://%s (database: %s)", cfg->addr,
                strncmp(cfg->database, "sqlite:", 7) ? "postgres" : "sqlite");
        /* Say it the way people type it: 127.0.0.1 is localhost. */
        bool loopback = !strncmp(cfg->addr, "127.0.0.1:", 10);
        printf("Blytz is running on http://%s%s\n", loopback ? "localhost:" : "",
               loopback ? cfg->addr + 10 : cfg->addr);
        fflush(stdout);
        rc = http_server_run(server) ? 1 : 0;
        rc = join_demo(&sv, rc);
        bz_info("blytz stopped");
    }
    revocation_poller_close(poller); /* realtime_close runs the loop for its close callback */
    realtime_close(&rt_node, &loop);
    if (server) {
        http_server_free(server);
    }
    api_share_configure(NULL, NULL);
    stop_engine(eng);
    outbox_worker_free(outbox); /* after everything that may enqueue or kick */
    uv_loop_close(&loop);
    runtime_close(&sv.rt);
    return rc;
}
