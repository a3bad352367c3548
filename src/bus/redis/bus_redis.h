/*
 * bus/redis/bus_redis.h - the events bus across nodes (BLYTZ_REDIS): implements
 * app/ports/events.h over Redis pub/sub. Wire format and channels: bus_redis_wire.h.
 *
 * Two threads of its own, each with a blocking connection (so neither the HTTP loop nor a
 * worker ever waits on Redis):
 *   - the publisher takes copied events from a FIFO and PUBLISHes them, pipelined, in order;
 *   - the subscriber PSUBSCRIBEs and hands each message to an in-process bus (bus_local),
 *     which delivers on the loop thread exactly as on one node. A node receives its own
 *     events back through Redis, so every node sees one per-connection order, and the
 *     gateway's per-room seq ordering absorbs interleaving between publishers.
 * Either thread reconnects with backoff (100 ms doubling to 5 s) when Redis drops; an
 * unreachable Redis at start is retried the same way. While the publisher is not connected,
 * publish() returns BZ_EUNAVAILABLE at once (events are durable; the gateway fills gaps
 * from the store's event log), and the FIFO is capped (BUS_REDIS_MAX_QUEUED events).
 *
 * Thread rules: publish is thread-safe; new, subscribe, close and free belong to the loop
 * thread of `loop`; the delivery callback runs there.
 */
#ifndef BUS_REDIS_BUS_REDIS_H
#define BUS_REDIS_BUS_REDIS_H

#include "app/ports/events.h"
#include "bus/local/bus_local.h"
#include "bus/redis/redis_url.h"

#include <stdbool.h>
#include <uv.h>

#define BUS_REDIS_MAX_QUEUED 100000

typedef struct bus_redis bus_redis;

/* Start the bus threads (they connect in the background). NULL on OOM/thread failure. */
bus_redis *bus_redis_new(uv_loop_t *loop, const redis_url *url);

/* The receiver on `loop` (the same callback the local bus uses). */
void bus_redis_subscribe(bus_redis *b, bus_local_deliver_fn fn, void *udata);

/* The port to put in app_env.events. */
events *bus_redis_events(bus_redis *b);

/* True once the publisher is connected and the subscription is active (tests). */
bool bus_redis_ready(bus_redis *b);

/* Stop and join the threads (pending publishes are sent if connected), deliver what was
 * received, close the loop handle. Loop thread. */
void bus_redis_close(bus_redis *b);

/* Free after the loop has run the close. */
void bus_redis_free(bus_redis *b);

#endif
