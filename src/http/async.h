/*
 * http/async.h - the server's API for components that live on the loop thread (the
 * Socket.IO gateway): deferred responses, connection takeover for WebSocket, prefix mounts.
 *
 * Deferred responses. A route flagged HTTP_ASYNC runs on the loop thread. If its handler
 * returns without setting a response, the request stays open: the owner fills the response
 * later through http_req_res() and calls http_req_complete() on the loop thread, or
 * http_req_complete_async() from any thread (it posts to the loop). Pipelined responses
 * still leave in request order. If the connection goes away first, the abort callback runs
 * (loop thread); the owner must still complete the request, after which it is gone.
 *
 * Takeover. From an HTTP_ASYNC handler, http_req_takeover() asks the server to hand the
 * connection over once the request's bytes are consumed: the callback receives its own
 * duplicate of the socket descriptor and any bytes the client sent after the request; the
 * server closes its side. The new owner writes the 101 itself (it knows the protocol).
 *
 * Thread rules: everything here is loop-thread only, except http_req_complete_async.
 */
#ifndef HTTP_ASYNC_H
#define HTTP_ASYNC_H

#include "http/http.h"
#include "http/server.h"
#include "net/pool.h"

#include <stdbool.h>
#include <stddef.h>
#include <uv.h>

/* Route every request whose path is route->pattern or starts with pattern + "/" to
 * route->handler, whatever the method and query (route->method is ignored; OPTIONS reaches
 * the handler too). Mounts are checked before the route table. Before start. */
int http_server_add_mount(http_server *s, const http_route *route);

/* Called on the loop thread when a stop begins (before connections drain), so loop-side
 * components can close their own connections and handles. One hook per server. */
void http_server_on_stop(http_server *s, void (*fn)(void *udata), void *udata);

/* Let a component append its own Prometheus text to /metrics (after the server's, in the order
 * added). `fn` runs on the loop thread. At most HTTP_METRICS_HOOKS per server: BZ_ENOMEM
 * beyond. Before start. */
#define HTTP_METRICS_HOOKS 4
int http_server_on_metrics(http_server *s, void (*fn)(void *udata, bz_buf *out), void *udata);

/* Run job->work on one of the server's worker threads, whose thread_state is that worker's
 * app_ctx (own store connection; set ctx->arena and ctx->now for the call and restore the
 * arena after), then job->done on the loop thread. For loop-side components that must not
 * touch the store on the loop. Loop thread, after start. */
void http_server_submit(http_server *s, net_job *job);

/* True once a stop has begun: the pool closes when the connections have drained, so
 * loop-side timers stop submitting jobs then. Loop thread. */
bool http_server_draining(const http_server *s);

/* The response of a request, for completing a deferred one. */
http_res *http_req_res(http_req *r);

/* The raw query string after '?' (not decoded), NULL if none. */
const char *http_req_query_string(const http_req *r);

/* The request headers (same layout as realtime's ws_header). */
const void *http_req_headers(const http_req *r, int *count);

/* True if the request asked to switch protocols (Upgrade). */
bool http_req_is_upgrade(const http_req *r);

/* True if the Origin header is on the server's CORS allow-list. */
bool http_req_origin_allowed(const http_req *r);

/* Complete a deferred request whose response is set (a 500 is sent if none is). */
void http_req_complete(http_req *r);
void http_req_complete_async(http_req *r);
/* Like http_req_complete_async, but fill(udata, r) runs on the loop thread first and sets the
 * response there: a completion from another thread (the auction engine) must not write the
 * response while the loop may still be reading it (e.g. right after the handler returned). */
typedef void (*http_fill_fn)(void *udata, http_req *r);
void http_req_complete_async_fill(http_req *r, http_fill_fn fill, void *udata);

/* The server a request belongs to (for http_server_submit from an HTTP_ASYNC handler). */
http_server *http_req_server(http_req *r);

/* Register the abort callback of a deferred request (NULL to clear). */
typedef void (*http_abort_fn)(void *udata, http_req *r);
void http_req_on_abort(http_req *r, http_abort_fn fn, void *udata);

/* Take the connection over after this request (HTTP_ASYNC handlers only, which then return
 * without a response). `fd` is the new owner's; `extra` holds bytes received after the
 * request (valid during the call). BZ_EBUSY-like failure (BZ_ECONFLICT) when earlier
 * requests on the connection are still unanswered: answer with an error instead. */
typedef void (*http_takeover_fn)(void *udata, uv_os_sock_t fd, const char *extra, size_t len);
int http_req_takeover(http_req *r, http_takeover_fn fn, void *udata);

#endif
