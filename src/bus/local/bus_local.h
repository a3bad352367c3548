/*
 * bus/local/bus_local.h - the in-process events bus (one node): implements
 * app/ports/events.h. publish() copies the event and posts it to a libuv loop, where the
 * subscriber (the gateway's application) delivers it to sockets, in publish order.
 *
 * Thread rules: publish is thread-safe (workers and the engine thread publish); new,
 * close and free belong to the loop thread.
 */
#ifndef BUS_LOCAL_BUS_LOCAL_H
#define BUS_LOCAL_BUS_LOCAL_H

#include "app/ports/events.h"

#include <uv.h>

typedef struct bus_local bus_local;

/* Called on the loop thread for each published event (valid during the call). */
typedef void (*bus_local_deliver_fn)(void *udata, const event *ev);

/* A bus delivering on `loop`. The subscriber may be set later (bus_local_subscribe);
 * events published before are delivered to it once set, or dropped if none. NULL on OOM. */
bus_local *bus_local_new(uv_loop_t *loop);
void bus_local_subscribe(bus_local *b, bus_local_deliver_fn fn, void *udata);

/* The port to put in app_env.events. */
events *bus_local_events(bus_local *b);

/* Deliver what is pending, then close the loop handle; later publishes are dropped
 * (BZ_EUNAVAILABLE). Loop thread. */
void bus_local_close(bus_local *b);

/* Free after the loop has run the close. */
void bus_local_free(bus_local *b);

#endif
