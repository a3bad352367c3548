/*
 * http/server.h - the Blytz HTTP/1.1 server: what the composition root (src/cmd) calls.
 *
 * One event-loop thread accepts connections, parses requests (http/wire.h), matches routes
 * (http/router.h) and writes responses; a pool of worker threads (net/pool.h), each owning an
 * app_ctx with its own store connection, runs the handlers. Pipelined responses go out in
 * request order. Built in: request ids, access log, CORS allow-list, security headers,
 * bearer-token verification, rate limits, static files, /healthz, /readyz, /metrics.
 *
 * Lifecycle (all on the loop thread unless said otherwise):
 *   http_server_config_defaults(&cfg); ...set fields...
 *   s = http_server_new(loop, &cfg, env, init, fini, udata);
 *   http_server_add_routes(s, table);          // as many tables as needed
 *   http_server_handle_signals(s);             // optional: SIGINT/SIGTERM -> graceful stop
 *   http_server_run(s);                        // start + uv_run until stopped
 *   http_server_free(s);
 * or http_server_start(s) and run the loop yourself; http_server_stop (any thread) drains.
 *
 * Ownership: the config's strings are copied at http_server_new. `env`, the config's
 * handler_data, the route tables and the handlers' static data must outlive the server.
 * The server owns its listener, connections, worker pool, limiter and caches.
 */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

#include "app/app.h"
#include "http/http.h"
#include "http/ratelimit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

typedef struct http_server http_server;

typedef struct http_server_config {
    const char *addr;             /* "host:port" ("127.0.0.1:8080"); port 0 = any free port */
    int backlog;                  /* listen backlog (511) */
    int workers;                  /* worker threads (2) */
    int max_pipeline;             /* requests queued per connection before reading pauses (16) */
    size_t max_header_bytes;      /* request line + headers (16 KiB) -> 431 */
    size_t max_json_body;         /* body cap of ordinary routes (1 MiB) -> 413 */
    size_t max_image_body;        /* body cap of HTTP_BODY_IMAGE routes (10 MiB) -> 413 */
    uint32_t header_timeout_ms;   /* a request head, whole; a new connection's first (10 s) */
    uint32_t body_timeout_ms;     /* a body or a response, before min_rate extends it (10 s) */
    uint32_t min_rate;            /* bytes/s a body or response must average after that (1024);
                                     0 = body_timeout_ms is the whole deadline */
    uint32_t transfer_max_ms;     /* no body or response takes longer than this (300 s) */
    uint32_t idle_timeout_ms;     /* keep-alive idle time before closing (60 s) */
    uint32_t max_conns_per_addr;  /* open connections per client address (512); 0 = no cap;
                                     a trusted proxy peer is not capped */
    uint32_t shutdown_timeout_ms; /* graceful stop gives up and closes after this (10 s) */
    const char *cors_origins;     /* comma-separated exact origins; NULL or "" = none */
    /* One origin the web app may also connect to beyond its own, https: and wss: (which its
     * CSP allows already): the video server's when it speaks plain http (Janus beside blytz on
     * loopback). "scheme://host[:port]" only; NULL or "" = none. */
    const char *csp_connect_origin;
    /* The payment provider's origins the web app loads a script from, frames and calls
     * (Stripe.js: https://js.stripe.com and its 3-D Secure frames), space-separated
     * "scheme://host[:port]"; NULL or "" = none (then no frame-src beyond 'self'). */
    const char *csp_pay_origins;
    const char *static_dir;    /* files served at / ("web/dist"); NULL = none */
    const char *media_dir;     /* files served at /media/ (NULL = none) */
    size_t static_cache_bytes; /* memory for cached (and gzipped) files (32 MiB) */
    double rate_auth_per_s;    /* HTTP_RATE_AUTH requests per client address (2/s) */
    double rate_auth_burst;    /* bucket size (300); rate or burst <= 0 disables */
    double rate_video_per_s;   /* HTTP_RATE_VIDEO requests per client address (2/s) */
    double rate_video_burst;   /* bucket size (120); rate or burst <= 0 disables */
    /* Failed logins on HTTP_RATE_LOGIN routes (docs/http.md "Login and sign-up limits"), each
     * a refill per second and a bucket size; rate or burst <= 0 disables that bucket. */
    double login_fail_per_s, login_fail_burst;           /* per account and address (1/60, 5) */
    double login_fail_addr_per_s, login_fail_addr_burst; /* per address, any account (1, 100) */
    double login_fail_acct_per_s, login_fail_acct_burst; /* per account, any address (1/6, 30) */
    bool access_log;             /* one JSON line per request via bz_log_raw (true) */
    bool trust_proxy;            /* take the client IP from X-Forwarded-For's last hop (false) */
    const char *trusted_proxies; /* ... but only from these peers: comma-separated addresses of
                                  * our own proxies (NULL or "" = from any peer if trust_proxy) */
    void *handler_data;          /* what the route handlers share (http_req_handler_data; the REST
                                  * API's is an api_env), owned by the composition root (NULL) */
} http_server_config;

/* Fill every field with its default. */
void http_server_config_defaults(http_server_config *cfg);

/* Worker thread callbacks. init runs on worker `index` before it serves and returns that
 * thread's app_ctx (env set, own store connection, own arena; the server swaps in the
 * request's arena and sets `now` per request). Return BZ_OK or a BZ_E* code to fail
 * http_server_start. fini runs on the same thread at shutdown to release it. Both NULL: the
 * server gives each worker a ctx with env and store NULL (enough for store-free routes). */
typedef int (*http_worker_init_fn)(void *udata, int index, app_ctx **ctx_out);
typedef void (*http_worker_fini_fn)(void *udata, int index, app_ctx *ctx);

/* A stopped server on `loop` (not listening yet). NULL on OOM or a bad config (logged). */
http_server *http_server_new(uv_loop_t *loop, const http_server_config *cfg, const app_env *env,
                             http_worker_init_fn init, http_worker_fini_fn fini, void *udata);

/* Register a route table terminated by an entry whose pattern is NULL. Not copied. Before
 * start only. BZ_EVALIDATION for a bad or duplicate pattern (logged). */
int http_server_add_routes(http_server *s, const http_route *routes);
/* Register one route, the same way: for routes embedded in a larger per-route structure. */
int http_server_add_route(http_server *s, const http_route *route);

/* Replace the in-memory rate limiter (e.g. with a Redis one); the server takes ownership.
 * Before start only. */
void http_server_set_limiter(http_server *s, http_limiter *l);

/* Start the workers and listen. BZ_OK, or a BZ_E* code (worker init failed, address in use:
 * logged). */
int http_server_start(http_server *s);

/* The bound port once started (useful with port 0). */
int http_server_port(const http_server *s);

/* Start if needed, then run the loop until the server has stopped and every other handle on
 * the loop is closed. Returns the start error or BZ_OK. */
int http_server_run(http_server *s);

/* Graceful stop, callable from any thread (and from signal watchers), any number of times: the
 * first call counts. Stop accepting, finish in-flight requests (their responses carry
 * Connection: close), close idle connections, join the workers, close every handle; after
 * shutdown_timeout_ms remaining connections are cut. */
void http_server_stop(http_server *s);

/* Mark the node not ready (`what` names what it waits for, a static string shown in /readyz's
 * details as {"starting": what}) or ready again (NULL). Any thread. /healthz answers as soon as
 * the server listens; /readyz answers 503 until every such wait is over, so a load balancer or
 * a test waits for, say, demo data without the listener waiting for it. */
void http_server_set_starting(http_server *s, const char *what);

/* Call http_server_stop on SIGINT and SIGTERM. Loop thread, after new. */
int http_server_handle_signals(http_server *s);

/* True once a stop has completed (every server handle is closed). */
bool http_server_stopped(const http_server *s);

/* The built-in routes (/healthz, /readyz, /metrics) every server registers itself; exposed so
 * the API description can be checked against them. */
const http_route *http_ops_routes(void);

/* Free a server that was never started or has stopped (the loop has finished). */
void http_server_free(http_server *s);

#endif
