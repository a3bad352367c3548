/*
 * realtime/live/live.h - the live room: Blytz's application on the generic Socket.IO
 * gateway (realtime/gateway/gateway.h), plugged in as a namespace (DESIGN §3 real-time table):
 * namespace "/" with `join:stream`, `leave:stream`, `chat:message` and `auction:bid`; rooms
 * "stream:<id>" and "user:<id>"; viewer counts and coalesced `user:joined` / `user:left`; delivery
 * of the events bus into rooms.
 *
 * Every client event passes per-socket rate limits first (live_limit.h); a socket that floods
 * far past them is disconnected. Join answers are cached per show on the node (live_join.c).
 *
 * The CONNECT `auth` may carry {"token": "<access JWT>"}: verified through the crypto port
 * (a bad token is refused with "unauthorized"); without a token the socket is anonymous and
 * may watch, not chat or bid.
 *
 * Store access never happens on the loop: reads and chat posts run on the HTTP server's
 * workers (http_server_submit), bids go to the auction engine (engine_submit) and their
 * completions are posted back to the loop.
 *
 * Thread rules: loop thread, except live_deliver's caller contract (see below).
 */
#ifndef REALTIME_LIVE_LIVE_H
#define REALTIME_LIVE_LIVE_H

#include "app/app.h"
#include "app/ports/events.h"
#include "engine/engine.h"
#include "base/buf.h"
#include "http/server.h"
#include "realtime/live/live_limit.h"
#include "realtime/gateway/gateway.h"

typedef struct live_hub live_hub;

/* The application for `env` (crypto for tokens), running store work on `srv`'s workers and
 * bids on `eng` (NULL: auction:bid answers unavailable). NULL on OOM. */
live_hub *live_new(uv_loop_t *loop, const app_env *env, http_server *srv, engine *eng);

/* The namespaces to give gw_new, with the live_hub as its `app`. */
const gw_nsp *const *live_namespaces(void);

/* Tell the application its gateway (after gw_new). */
void live_set_gateway(live_hub *a, gateway *gw);

/* The per-socket event limits (BLYTZ_SOCKET_LIMITS, live_limit.h) and how long the node keeps
 * a show's join answer (BLYTZ_JOIN_CACHE_MS; 0 = every join reads the store). Without a call:
 * the defaults and 1000 ms. Before serving. */
void live_configure(live_hub *a, const live_limits *limits, uint32_t join_cache_ms);

/* Append the application's Prometheus metrics (socket events by class, rate-limited events,
 * flood disconnects, join reads and cached answers, sessions) to `out`: the /metrics hook
 * (http_server_on_metrics). Loop thread. */
void live_metrics(void *app, bz_buf *out);

/* Deliver a committed event to its room (loop thread; the bus posts it here). */
void live_deliver(void *app, const event *ev);

/* Session `session_id` of `user_id` was revoked (the events bus said so): its sockets on
 * this node leave the user's private room (live_auth.c). */
void live_session_revoked(live_hub *a, int64_t user_id, int64_t session_id);

/* Close the application's handles (on stop); free after the loop has finished. */
void live_close(live_hub *a);
void live_free(live_hub *a);

#endif
