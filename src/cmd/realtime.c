/* The real-time side of `blytz serve` (cmd/realtime.h). */
#include "cmd/realtime.h"

#include "app/revocation.h"
#include "realtime/live/live.h"
#include "http/async.h"
#include "wire/events.h"

#include <stdio.h>

int realtime_open_bus(realtime_node *n, uv_loop_t *loop, app_env *env, const redis_url *redis)
{
    if (redis) {
        n->rbus = bus_redis_new(loop, redis);
    } else {
        n->bus = bus_local_new(loop);
    }
    if (!n->bus && !n->rbus) {
        fprintf(stderr, "blytz: cannot start the events bus\n");
        return 1;
    }
    env->events = n->rbus ? bus_redis_events(n->rbus) : bus_local_events(n->bus);
    return 0;
}

/* Every event from the bus: a session revocation goes to this node's set (for REST and
 * sockets alike) and makes the session's sockets here leave their private room; the rest
 * goes to the gateway's rooms. */
static void node_deliver(void *udata, const event *ev)
{
    realtime_node *n = udata;
    int64_t user_id = 0, session_id = 0;
    app_event revoked;
    if (wire_revoked_read(ev, &revoked) &&
        app_revocations_on_event(n->env->revoked, &revoked, &user_id, &session_id)) {
        live_session_revoked(n->live, user_id, session_id);
        return;
    }
    live_deliver(n->live, ev);
}

int realtime_attach(realtime_node *n, uv_loop_t *loop, const app_env *env, http_server *srv,
                    engine *eng, const blytz_config *cfg)
{
    gw_config gc;
    gw_config_defaults(&gc);
    gc.recovery = true;
    gc.max_sessions_per_addr = (uint32_t)cfg->eio_sessions_per_addr;
    gc.sessions_per_addr_per_min = (uint32_t)cfg->eio_session_rate;
    gc.session_burst = (uint32_t)cfg->eio_session_burst;
    n->live = live_new(loop, env, srv, eng);
    n->gw = n->live ? gw_new(loop, &gc, live_namespaces(), n->live) : NULL;
    if (!n->gw || gw_attach(n->gw, srv) != 0) {
        fprintf(stderr, "blytz: cannot set up the Socket.IO gateway\n");
        return 1;
    }
    live_set_gateway(n->live, n->gw);
    n->env = env;
    live_limits limits;
    live_limits_defaults(&limits);
    char why[256];
    if (live_limits_parse(&limits, n->socket_limits, why, sizeof(why)) != 0) {
        fprintf(stderr, "blytz: BLYTZ_SOCKET_LIMITS: %s\n", why);
        return 2;
    }
    live_configure(n->live, &limits, n->join_cache_ms);
    http_server_on_metrics(srv, live_metrics, n->live);
    if (n->rbus) {
        bus_redis_subscribe(n->rbus, node_deliver, n);
    } else {
        bus_local_subscribe(n->bus, node_deliver, n);
    }
    return 0;
}

void realtime_close(realtime_node *n, uv_loop_t *loop)
{
    if (n->gw) {
        gw_close(n->gw);
    }
    live_close(n->live);
    if (n->bus) {
        bus_local_close(n->bus);
    }
    if (n->rbus) {
        bus_redis_close(n->rbus); /* joins its threads; then closes its inbox handle */
    }
    uv_run(loop, UV_RUN_DEFAULT); /* close callbacks */
    gw_free(n->gw);
    live_free(n->live);
    bus_local_free(n->bus);
    bus_redis_free(n->rbus);
    *n = (realtime_node){0};
}
