/*
 * The in-process events bus: a mutex-protected FIFO of copied events and one uv_async.
 * Delivery order is publish order, which for one stream room is commit order because a
 * use case publishes after its commit, holding nothing that would reorder two commits of
 * the same stream (the stream row lock serialises them).
 */
#include "bus/local/bus_local.h"

#include "base/check.h"
#include "base/err.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct queued {
    struct queued *next;
    event ev;
    char data[]; /* name NUL, json NUL */
} queued;

struct bus_local {
    events port; /* first member: the port pointer is the bus */
    uv_async_t async;
    uv_mutex_t mu;
    queued *head, *tail; /* guarded by mu */
    bool closed;         /* guarded by mu */
    bus_local_deliver_fn deliver;
    void *udata;
};

static int publish(events *e, const event *ev)
{
    bus_local *b = (bus_local *)e;
    size_t nlen = strlen(ev->name), jlen = ev->json_len;
    queued *q = malloc(sizeof(*q) + nlen + 1 + jlen + 1);
    if (!q) {
        return BZ_ENOMEM;
    }
    q->next = NULL;
    q->ev = *ev;
    memcpy(q->data, ev->name, nlen + 1);
    memcpy(q->data + nlen + 1, ev->json, jlen);
    q->data[nlen + 1 + jlen] = '\0';
    q->ev.name = q->data;
    q->ev.json = q->data + nlen + 1;
    uv_mutex_lock(&b->mu);
    bool closed = b->closed;
    if (!closed) {
        BZ_CHECK(!b->head == !b->tail);
        if (b->tail) {
            b->tail->next = q;
        } else {
            b->head = q;
        }
        b->tail = q;
        uv_async_send(&b->async);
    }
    uv_mutex_unlock(&b->mu);
    if (closed) {
        free(q);
        return BZ_EUNAVAILABLE;
    }
    return BZ_OK;
}

static int status(events *e)
{
    (void)e;
    return BZ_OK; /* in-process: up as long as the process is */
}

static const struct events_ops ops = {.publish = publish, .status = status, .name = "local"};

static void drain(bus_local *b)
{
    uv_mutex_lock(&b->mu);
    queued *q = b->head;
    b->head = b->tail = NULL;
    uv_mutex_unlock(&b->mu);
    while (q) {
        queued *next = q->next;
        if (b->deliver) {
            b->deliver(b->udata, &q->ev);
        }
        free(q);
        q = next;
    }
}

static void on_async(uv_async_t *h)
{
    drain(h->data);
}

bus_local *bus_local_new(uv_loop_t *loop)
{
    bus_local *b = calloc(1, sizeof(*b));
    if (!b || uv_mutex_init(&b->mu) != 0) {
        free(b);
        return NULL;
    }
    b->port.ops = &ops;
    uv_async_init(loop, &b->async, on_async);
    b->async.data = b;
    uv_unref((uv_handle_t *)&b->async); /* the bus alone does not keep a node running */
    return b;
}

void bus_local_subscribe(bus_local *b, bus_local_deliver_fn fn, void *udata)
{
    b->deliver = fn;
    b->udata = udata;
}

events *bus_local_events(bus_local *b)
{
    return &b->port;
}

void bus_local_close(bus_local *b)
{
    drain(b);
    uv_mutex_lock(&b->mu);
    b->closed = true;
    uv_mutex_unlock(&b->mu);
    drain(b);
    uv_close((uv_handle_t *)&b->async, NULL);
}

void bus_local_free(bus_local *b)
{
    if (b) {
        uv_mutex_destroy(&b->mu);
        free(b);
    }
}
