/*
 * app/ports/events.h - what use cases announce to the real-time world.
 *
 * A use case publishes an event only after the state it describes is durable
 * (committed). Room events carry `seq`, allocated in the same transaction as
 * the change (store: the stream's event counter), so every node and every
 * reconnecting client sees one order: the commit order. Adapters: the
 * in-process bus (one node) and the Redis bus (several nodes); the gateway
 * subscribes and delivers to sockets.
 *
 * Thread-safe: workers and engine threads publish concurrently.
 */
#ifndef APP_PORTS_EVENTS_H
#define APP_PORTS_EVENTS_H

#include <stddef.h>
#include <stdint.h>

typedef struct events events;

typedef enum event_scope {
    EVENT_STREAM = 1, /* the room of a show: "stream:<id>" */
    EVENT_USER,       /* a user's private room: "user:<id>" */
} event_scope;

typedef struct event {
    event_scope scope;
    int64_t target;   /* stream id or user id */
    int64_t seq;      /* per stream, from 1, allocated at commit; 0 = volatile (not replayed) */
    const char *name; /* "auction:bid", "auction:update", "chat:message", ... */
    const char *json; /* the payload: one JSON object, as sent to clients */
    size_t json_len;
} event;

struct events_ops {
    /* Deliver `ev` to every node's subscribers. The event is copied before the call returns.
     * BZ_OK, or BZ_EUNAVAILABLE when the bus is down: the change is durable anyway and in the
     * store's event log, but other nodes' viewers miss the event. The next auction event
     * carries the auction's whole state (current bid, minimum next bid, end), clients reload
     * the room over REST when they reconnect, and /readyz reports the outage meanwhile. */
    int (*publish)(events *e, const event *ev);
    /* BZ_OK while events reach other nodes' subscribers (always, for a single node's bus);
     * BZ_EUNAVAILABLE while the bus is disconnected. For readiness checks: any thread. */
    int (*status)(events *e);
    const char *name; /* "local", "redis" */
};

struct events {
    const struct events_ops *ops;
};

#endif
