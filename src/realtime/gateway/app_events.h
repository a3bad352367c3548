/*
 * realtime/gateway/app_events.h - the Blytz application on the gateway (DESIGN §3
 * real-time table): namespace "/" with `join:stream`, `leave:stream`, `chat:message` and
 * `auction:bid`; rooms "stream:<id>" and "user:<id>"; viewer counts and coalesced
 * `user:joined` / `user:left`; delivery of the events bus into rooms.
 *
 * Every client event passes per-socket rate limits first (app_limit.h); a socket that floods
 * far past them is disconnected. Join answers are cached per show on the node (app_join.c).
 *
 * The CONNECT `auth` may carry {"token": "<access JWT>"}: verified through the crypto port
 * (a bad token is refused with "unauthorized"); without a token the socket is anonymous and
 * may watch, not chat or bid.
 *
 * Store access never happens on the loop: reads and chat posts run on the HTTP server's
 * workers (http_server_submit), bids go to the auction engine (engine_submit) and their
 * completions are posted back to the loop.
 *
 * Thread rules: loop thread, except bz_app_events_deliver's caller contract (see below).
 */
#ifndef REALTIME_GATEWAY_APP_EVENTS_H
#define REALTIME_GATEWAY_APP_EVENTS_H

#include "app/app.h"
#include "app/ports/events.h"
#include "engine/engine.h"
#include "base/buf.h"
#include "http/server.h"
#include "realtime/gateway/app_limit.h"
#include "realtime/gateway/gateway.h"

typedef struct gw_blytz gw_blytz;

/* The application for `env` (crypto for tokens), running store work on `srv`'s workers and
 * bids on `eng` (NULL: auction:bid answers unavailable). NULL on OOM. */
gw_blytz *gw_blytz_new(uv_loop_t *loop, const app_env *env, http_server *srv, engine *eng);

/* The namespaces to give gw_new, with the gw_blytz as its `app`. */
const gw_nsp *const *gw_blytz_namespaces(void);

/* Tell the application its gateway (after gw_new). */
void gw_blytz_set_gateway(gw_blytz *a, gateway *gw);

/* The per-socket event limits (BLYTZ_SOCKET_LIMITS, app_limit.h) and how long the node keeps
 * a show's join answer (BLYTZ_JOIN_CACHE_MS; 0 = every join reads the store). Without a call:
 * the defaults and 1000 ms. Before serving. */
void gw_blytz_configure(gw_blytz *a, const app_limits *limits, uint32_t join_cache_ms);

/* Append the application's Prometheus metrics (socket events by class, rate-limited events,
 * flood disconnects, join reads and cached answers, sessions) to `out`: the /metrics hook
 * (http_server_on_metrics). Loop thread. */
void gw_blytz_metrics(void *app, bz_buf *out);

/* Deliver a committed event to its room (loop thread; the bus posts it here). */
void gw_blytz_deliver(void *app, const event *ev);

/* Close the application's handles (on stop); free after the loop has finished. */
void gw_blytz_close(gw_blytz *a);
void gw_blytz_free(gw_blytz *a);

#endif
