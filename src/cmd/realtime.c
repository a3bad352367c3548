/* The real-time side of `blytz serve` (cmd/realtime.h). */
#include "cmd/realtime.h"

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

int realtime_attach(realtime_node *n, uv_loop_t *loop, const app_env *env, http_server *srv,
                    engine *eng, const blytz_config *cfg)
{
    gw_config gc;
    gw_config_defaults(&gc);
    gc.recovery = true;
    gc.max_sessions_per_addr = (uint32_t)cfg->eio_sessions_per_addr;
    gc.sessions_per_addr_per_min = (uint32_t)cfg->eio_session_rate;
    gc.session_burst = (uint32_t)cfg->eio_session_burst;
    n->app = gw_blytz_new(loop, env, srv, eng);
    n->gw = n->app ? gw_new(loop, &gc, gw_blytz_namespaces(), n->app) : NULL;
    if (!n->gw || gw_attach(n->gw, srv) != 0) {
        fprintf(stderr, "blytz: cannot set up the Socket.IO gateway\n");
        return 1;
    }
    gw_blytz_set_gateway(n->app, n->gw);
    if (n->rbus) {
        bus_redis_subscribe(n->rbus, gw_blytz_deliver, n->app);
    } else {
        bus_local_subscribe(n->bus, gw_blytz_deliver, n->app);
    }
    return 0;
}

void realtime_close(realtime_node *n, uv_loop_t *loop)
{
    if (n->gw) {
        gw_close(n->gw);
    }
    gw_blytz_close(n->app);
    if (n->bus) {
        bus_local_close(n->bus);
    }
    if (n->rbus) {
        bus_redis_close(n->rbus); /* joins its threads; then closes its inbox handle */
    }
    uv_run(loop, UV_RUN_DEFAULT); /* close callbacks */
    gw_free(n->gw);
    gw_blytz_free(n->app);
    bus_local_free(n->bus);
    bus_redis_free(n->rbus);
    *n = (realtime_node){0};
}
