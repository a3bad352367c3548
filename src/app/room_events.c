/*
 * Room events of one transaction (app/room_events.h): queued while it runs,
 * given their seqs, encoded and logged before the commit, published after.
 */
#include "app/room_events.h"

#include "app/app_util.h"
#include "base/err.h"

#include <string.h>

void ev_init(app_evbuf *b, int64_t stream_id)
{
    memset(b, 0, sizeof(*b));
    b->stream_id = stream_id;
}

int ev_add(app_ctx *c, app_evbuf *b, const app_event *ev)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8;
        app_ev *items = bz_arena_calloc(c->arena, cap, sizeof(*items));
        if (!items) {
            return app_fail(c, BZ_ENOMEM, NULL, NULL);
        }
        if (b->n) {
            memcpy(items, b->items, b->n * sizeof(*items));
        }
        b->items = items;
        b->cap = cap;
    }
    app_ev *item = &b->items[b->n++];
    memset(item, 0, sizeof(*item));
    item->ev = *ev;
    item->ev.target = b->stream_id;
    return BZ_OK;
}

int ev_write(app_ctx *c, app_evbuf *b)
{
    if (b->n == 0) {
        return BZ_OK;
    }
    int64_t first = 0;
    int rc = store_stream_next_seq(c->store, b->stream_id, (int64_t)b->n, &first);
    for (size_t i = 0; rc == BZ_OK && i < b->n; i++) {
        app_ev *item = &b->items[i];
        item->ev.seq = first + (int64_t)i;
        if (app_event_encode(c, &item->ev, &item->out) != BZ_OK) {
            return c->err.code;
        }
        show_event row = {.stream_id = b->stream_id,
                          .seq = item->ev.seq,
                          .name = item->out.name,
                          .payload = item->out.json,
                          .created_at = c->now};
        rc = store_stream_event_insert(c->store, &row);
    }
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

void ev_publish(app_ctx *c, const app_evbuf *b)
{
    events *bus = c->env ? c->env->events : NULL;
    for (size_t i = 0; bus && i < b->n; i++) {
        /* The change is durable already: a bus that is down only delays delivery (the
         * gateway fills gaps from the event log), so a failure is not the caller's. */
        (void)bus->ops->publish(bus, &b->items[i].out);
    }
}

int ev_commit(app_ctx *c, app_evbuf *b, int rc)
{
    if (rc == BZ_OK) {
        rc = ev_write(c, b); /* records its own failure */
    }
    if (rc != BZ_OK) {
        store_rollback(c->store);
        return c->err.code == rc ? rc : app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if ((rc = store_commit(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    ev_publish(c, b);
    return BZ_OK;
}
