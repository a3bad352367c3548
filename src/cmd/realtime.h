/*
 * cmd/realtime.h - composition of the real-time side of `blytz serve`: the events bus
 * (app_env.events: in-process on one node, Redis pub/sub with BLYTZ_REDIS), the Blytz
 * application on the Socket.IO gateway, and the gateway mounted on the HTTP server at
 * /socket.io/.
 *
 * Order: realtime_open_bus before anything publishes (workers, engine); realtime_attach
 * after the server is made and before it starts; realtime_close after http_server_run has
 * returned (it runs the loop once more for the close callbacks).
 */
#ifndef CMD_REALTIME_H
#define CMD_REALTIME_H

#include "app/app.h"
#include "bus/local/bus_local.h"
#include "cmd/config.h"
#include "bus/redis/bus_redis.h"
#include "engine/engine.h"
#include "http/server.h"
#include "realtime/live/live.h"
#include "realtime/gateway/gateway.h"

#include <uv.h>

typedef struct realtime_node {
    bus_local *bus;  /* one node, or */
    bus_redis *rbus; /* several nodes (BLYTZ_REDIS) */
    live_hub *live;
    gateway *gw;
    const app_env *env;        /* its revocation set hears the bus's session revocations */
    const char *socket_limits; /* BLYTZ_SOCKET_LIMITS (checked by config_load), NULL = defaults */
    uint32_t join_cache_ms;    /* BLYTZ_JOIN_CACHE_MS */
} realtime_node;

/* The bus on `loop`, set as env->events: Redis when `redis` (a parsed BLYTZ_REDIS) is not
 * NULL, else in-process. An unreachable Redis is not an error: the bus keeps retrying in
 * the background. 0 or an exit code. */
int realtime_open_bus(realtime_node *n, uv_loop_t *loop, app_env *env, const redis_url *redis);

/* The gateway with the Blytz application, mounted on `srv`, with the session limits of `cfg`,
 * subscribed to the bus (which also brings other nodes' session revocations into
 * env->revoked). 0 or an exit code. */
int realtime_attach(realtime_node *n, uv_loop_t *loop, const app_env *env, http_server *srv,
                    engine *eng, const blytz_config *cfg);

void realtime_close(realtime_node *n, uv_loop_t *loop);

#endif
