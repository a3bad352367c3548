/*
 * http/internal.h - the server's private structures, shared by the files of src/http that
 * make up the server (conn.c, dispatch.c, req.c, res.c, middleware.c, static.c, ops.c,
 * server.c). Handlers never include this: they see http/http.h only.
 *
 * Threads: a connection and everything queued on it belong to the loop thread, except a
 * request while its job runs on a worker (state REQ_RUNNING): then only that worker touches
 * the request and its response, and the loop does not until the job's done callback.
 */
#ifndef HTTP_INTERNAL_H
#define HTTP_INTERNAL_H

#include "http/async.h"
#include "http/http.h"
#include "http/metrics.h"
#include "http/ratelimit.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static.h"
#include "http/wire.h"
#include "net/addrtab.h"
#include "net/pool.h"
#include "net/tcp.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

typedef struct http_conn http_conn;

enum req_state {
    REQ_PARSING, /* bytes still arriving */
    REQ_RUNNING, /* queued to or running on a worker */
    REQ_DONE,    /* response ready, waiting for earlier responses */
    REQ_WRITING, /* handed to the socket */
};

/* Pseudo route slots for metrics, after the registered routes. */
enum { SLOT_STATIC, SLOT_UNMATCHED, SLOT_PREFLIGHT, SLOT_PSEUDO_COUNT };

struct http_res {
    int status;      /* 0 until a response is set */
    bz_buf headers;  /* "Name: value\r\n" lines set by handlers and middleware */
    bz_buf body;     /* owned body */
    const char *ext; /* or a body owned by a cache that outlives the server's writes */
    size_t ext_len;
    size_t type_at, type_len; /* the Content-Type line in `headers` (len 0: none yet) */
    bool html;                /* Content-Type text/html: gets the CSP header */
    int retry_after_s;        /* > 0: add Retry-After */
};

struct http_req {
    net_job job; /* first member: the pool hands the job back */
    http_server *srv;
    http_conn *conn;
    http_req *next; /* connection queue, oldest first */
    enum req_state state;
    http_msg msg;
    bz_arena *arena;
    http_match match;
    int match_rc;      /* BZ_OK, BZ_EMETHOD or BZ_ENOTFOUND */
    int slot;          /* metrics slot */
    int early_err;     /* set when the server answers without the handler (400/413/431...) */
    char *path;        /* decoded path (arena) */
    char *raw_path;    /* raw path, no query (arena) */
    const char *query; /* raw query string after '?', or NULL */
    char *params[HTTP_MAX_PARAMS];
    char id[72];
    char ip[NET_IP_MAX]; /* the client: the peer, or with trust_proxy X-Forwarded-For's hop */
    int64_t user_id;
    int64_t session_id; /* the access token's "sid" when user_id is set */
    json_t *json;
    app_ctx *ctx;
    http_res res;
    bz_buf head; /* serialised status line and headers */
    uint64_t t_start_ns;
    uint64_t handler_ns;
    uint64_t store_ns;      /* part of handler_ns spent in store calls */
    bool head_only;         /* HEAD: no body on the wire */
    bool close_after;       /* Connection: close on this response, then close */
    bool deferred;          /* an HTTP_ASYNC request awaiting http_req_complete (counted in jobs) */
    http_abort_fn abort_fn; /* deferred: the connection went away first */
    void *abort_udata;
    http_fill_fn fill_fn; /* deferred: sets the response on the loop before completing */
    void *fill_udata;
    http_takeover_fn takeover_fn; /* hand the connection over after this request */
    void *takeover_udata;
};

struct http_conn {
    uv_tcp_t tcp; /* first member: handle callbacks cast back to the connection */
    http_server *srv;
    http_wire *wire;
    http_req *q_head, *q_tail; /* pipeline, oldest first */
    http_req *parsing;         /* the request being received, if any */
    http_req *free_reqs;       /* recycled requests (arena and buffers kept) */
    int queued;                /* requests in the pipeline */
    int jobs;                  /* requests on workers */
    bz_buf pending_in;         /* bytes not consumed because the wire paused */
    uv_write_t wreq;
    bool writing;
    bool reading;
    bool closing;            /* uv_close called */
    bool no_more;            /* parse nothing more (error, close requested, upgrade, draining) */
    bool lingering;          /* after a final error response: discard input until EOF or deadline */
    bool served;             /* a message began before: later heads get their own deadline */
    bool addr_held;          /* counted in the server's per-address table */
    uint64_t deadline_ms;    /* uv_now based; 0 = none. Read it with the phase: see conn.c */
    uint64_t body_start_ms;  /* when the current request's head completed */
    uint64_t write_start_ms; /* when the pending uv_write was queued */
    size_t write_bytes;      /* bytes in that write */
    net_addr_key addr;       /* the peer's address as a per-address key */
    char ip[NET_IP_MAX];     /* the peer's address (the proxy's, behind one) */
    http_conn *prev, *next;  /* server's list */
};

struct http_server {
    uv_loop_t *loop;
    http_server_config cfg;
    char *addr, *cors, *static_dir, *media_dir; /* copies of the config strings */
    char *proxies;                              /* ... and of trusted_proxies */
    char *csp_html; /* the web app's Content-Security-Policy line (its origins in it) */
    const app_env *env;
    http_worker_init_fn worker_init;
    http_worker_fini_fn worker_fini;
    void *udata;

    http_router *router;
    const http_route **routes; /* flat list; index = route id = metrics slot */
    int nroutes;
    const http_route *builtin;

    uv_tcp_t listener;
    uv_timer_t sweep;
    uv_timer_t kill_timer;
    uv_check_t log_flush;
    uv_async_t stop_async;
    net_pool *pool;
    struct net_signals *signals;
    http_metrics *metrics;
    http_limiter *limiter;
    http_static *statics;
    http_static *media;
    app_ctx loop_ctx;

    http_conn *conns;
    int nconns;
    net_addrtab *conns_by_addr; /* open connections per peer address (max_conns_per_addr) */
    bz_buf access_log;
    char date[40];
    uint64_t date_sec;
    char id_prefix[12];
    uint64_t id_seq;
    http_req *completed;        /* deferred requests completed off the loop, to flush */
    uv_mutex_t completed_mu;    /* guards `completed` */
    uv_async_t completed_async; /* wakes the loop for `completed` */
    int mounts[4];              /* route ids of prefix mounts */
    int nmounts;
    void (*on_stop)(void *udata); /* loop-side components' stop hook */
    void *on_stop_udata;
    _Atomic(const char *) starting; /* http_server_set_starting: not ready while non-NULL */
    atomic_bool stop_requested;     /* http_server_stop was called */
    struct {
        void (*fn)(void *udata, bz_buf *out); /* a component's /metrics part */
        void *udata;
    } on_metrics[HTTP_METRICS_HOOKS];
    int n_on_metrics;
    int port;
    int open_handles;
    bool started, listening, draining, stopped;
};

/* conn.c */
uint64_t http_conn_transfer_deadline(const http_server *s, uint64_t start_ms, uint64_t bytes);
void http_conn_flush(http_conn *c);
void http_conn_close(http_conn *c);
void http_conn_req_done(http_req *r);
void http_conn_start_reading(http_conn *c);
void http_conn_stop_reading(http_conn *c);
void http_conn_fail_request(http_conn *c, int err);
bool http_conn_feed(http_conn *c, const char *data, size_t len);
/* The connection's side of the wire's callbacks (dispatch.c routes the request): a new
 * request being received (NULL on OOM), its head complete, the whole message complete (the
 * request joins the pipeline). */
http_req *http_conn_begin(http_conn *c);
http_req *http_conn_head(http_conn *c);
http_req *http_conn_complete(http_conn *c, const http_msg *m);
/* Parse nothing more for now: the last request closes the connection or the pipeline is full. */
bool http_conn_paused(const http_conn *c);
/* Give back the connection's place in the per-address count (once). */
void http_conn_forget_addr(http_conn *c);

/* conn_life.c: accept, timeouts, drain */
void http_conn_accept(http_server *s);
void http_conn_sweep(http_server *s, uint64_t now_ms);
void http_conn_drain(http_conn *c);

/* async.c: deferred requests (http/async.h); conn.c does the takeover */
int http_async_start(http_server *s);
void http_async_close(http_server *s, uv_close_cb cb);
void http_async_dispatch(http_req *r, void (*run)(http_req *r));
bool http_async_mount_match(http_req *r);

/* dispatch.c: a request is complete (or failed early); run it. Loop thread. */
void http_dispatch(http_req *r);
int http_dispatch_head(http_req *r);
/* The wire's callbacks for a connection (udata: the http_conn). */
extern const http_wire_cbs http_dispatch_wire_cbs;

/* req.c */
void http_req_reset(http_req *r);
int http_req_prepare_target(http_req *r);

/* res.c */
void http_res_init(http_res *res);
void http_res_reset(http_res *res);
void http_res_free(http_res *res);
void http_res_ext(http_res *res, int status, const char *content_type, const char *data,
                  size_t len);
void http_res_early_error(http_req *r, int err);

/* head.c: status line, headers and body as at most two buffers for one write. The head lives
 * in r->head, the body in the response (or a cache), both until the write completes. */
int http_res_serialize(http_req *r, uv_buf_t bufs[2], int *nbufs);

/* middleware.c */
void http_mw_request_id(http_req *r);
void http_mw_finish_headers(http_req *r);
/* The web app's Content-Security-Policy header line, with `connect_origin` added to
 * connect-src, and each of the space-separated `pay_origins` (the payment provider's script,
 * e.g. Stripe.js) to script-src, frame-src and connect-src. Either may be NULL or ""; an
 * origin that is not scheme://host[:port] is left out, logged. malloc'd, NULL when out of
 * memory. */
char *http_csp_html(const char *connect_origin, const char *pay_origins);
bool http_mw_preflight(http_req *r);
void http_mw_access_log(http_req *r);
void http_mw_flush_log(http_server *s);
void http_mw_auth(http_req *r);

/* auth_limits.c: the per-address buckets of HTTP_RATE_AUTH and HTTP_RATE_VIDEO routes (one
 * each); BZ_ERATELIMIT with the response set. Worker thread (a shared limiter may do network I/O).
 */
int http_mw_rate_limit(http_req *r);

/* auth_limits.c: failed-login buckets of an HTTP_RATE_LOGIN request. reserve (before the
 * handler) takes a token from each, or answers 429 (BZ_ERATELIMIT, response set, nothing
 * held); settle (after the handler, r->ctx still set) gives them back unless the login
 * failed on its credentials. Worker thread. */
#define HTTP_LOGIN_BUCKETS 3
#define HTTP_LOGIN_KEY_MAX 400
typedef struct http_login_hold {
    char keys[HTTP_LOGIN_BUCKETS][HTTP_LOGIN_KEY_MAX];
    bool held[HTTP_LOGIN_BUCKETS];
    int64_t now_ms;
} http_login_hold;
int http_mw_login_reserve(http_req *r, http_login_hold *h);
void http_mw_login_settle(http_req *r, http_login_hold *h);
void http_mw_client_ip(http_req *r);
bool http_mw_trusted_peer(const http_server *s, const char *peer); /* one of our proxies */
const char *http_mw_date(http_server *s);

#endif
