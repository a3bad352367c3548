/*
 * Viewer counts across nodes (live_internal.h).
 *
 * Each node knows the size of its own show rooms. Every second it publishes, through the
 * events bus, `_viewers` {"node":"<id>","count":N} for each show whose local count changed,
 * and again every VIEWERS_HEARTBEAT_MS while it has viewers there, so that a node that dies
 * stops being counted VIEWERS_STALE_MS later. Every node keeps the latest count of each other
 * node, and a show's total is its local room size plus theirs. Events whose name starts with
 * `_` are for nodes, never for sockets. With the in-process bus (one node) the event comes
 * back to its sender, which ignores its own node id.
 */
#include "realtime/live/live_internal.h"

#include "base/check.h"
#include "base/err.h"
#include "base/rand.h"
#include "base/time.h"
#include "wire/events.h"
#include "wire/wire.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VIEWERS_HEARTBEAT_MS 2000
#define VIEWERS_STALE_MS     6000
#define VIEWERS_MAX_NODES    64 /* remote counts kept per show: a bound, not a cluster limit */

typedef struct remote_count {
    int64_t node;
    int64_t count;
    uint64_t seen; /* uv_now when it arrived */
} remote_count;

struct viewers_entry {
    viewers_entry *next;
    int64_t stream_id;
    int64_t published; /* the local count last sent (0 at first: nothing to announce yet) */
    uint64_t published_at;
    remote_count remote[VIEWERS_MAX_NODES];
    int n_remote;
};

static viewers_entry *find(live_hub *a, int64_t stream_id, bool create)
{
    for (viewers_entry *v = a->viewers; v; v = v->next) {
        if (v->stream_id == stream_id) {
            return v;
        }
    }
    viewers_entry *v = create ? calloc(1, sizeof(*v)) : NULL;
    if (v) {
        v->stream_id = stream_id;
        v->next = a->viewers;
        a->viewers = v;
    }
    return v;
}

static int64_t local_count(live_hub *a, int64_t stream_id)
{
    char room[40];
    live_room_name(room, "stream", stream_id);
    return a->gw ? (int64_t)gw_room_size(a->gw, room) : 0;
}

void live_viewers_init(live_hub *a)
{
    a->node_id = bz_id_new(bz_now_ms());
}

void live_viewers_track(live_hub *a, int64_t stream_id)
{
    find(a, stream_id, true);
}

int64_t live_viewers_total(live_hub *a, int64_t stream_id)
{
    int64_t total = local_count(a, stream_id);
    viewers_entry *v = find(a, stream_id, false);
    uint64_t now = uv_now(a->loop);
    for (int i = 0; v && i < v->n_remote; i++) {
        if (v->remote[i].seen + VIEWERS_STALE_MS >= now) {
            total += v->remote[i].count;
        }
    }
    /* room sizes, and remote counts that wire_viewers_read let in only when not negative */
    return BZ_ALWAYS(total >= 0) ? total : 0;
}

static void publish(live_hub *a, viewers_entry *v, int64_t count, uint64_t now)
{
    char *json = wire_dump(wire_viewers(a->node_id, count));
    if (!json) {
        return; /* out of memory: the next tick tries again */
    }
    event ev = {EVENT_STREAM, v->stream_id, 0, "_viewers", json, strlen(json)};
    if (a->env->events && a->env->events->ops->publish(a->env->events, &ev) == BZ_OK) {
        v->published = count;
        v->published_at = now;
    }
    free(json);
}

/* Drop remote counts gone stale; true if any fresh one is left. */
static bool prune(viewers_entry *v, uint64_t now)
{
    int k = 0;
    for (int i = 0; i < v->n_remote; i++) {
        if (v->remote[i].seen + VIEWERS_STALE_MS >= now) {
            v->remote[k++] = v->remote[i];
        }
    }
    v->n_remote = k;
    return k > 0;
}

void live_viewers_tick(live_hub *a)
{
    uint64_t now = uv_now(a->loop);
    for (viewers_entry **vp = &a->viewers; *vp;) {
        viewers_entry *v = *vp;
        int64_t count = local_count(a, v->stream_id);
        bool due =
            count != v->published || (count > 0 && v->published_at + VIEWERS_HEARTBEAT_MS <= now);
        if (due) {
            publish(a, v, count, now);
        }
        if (!prune(v, now) && count == 0 && v->published == 0) {
            *vp = v->next; /* nobody here, nobody elsewhere, and the others know */
            free(v);
            continue;
        }
        vp = &v->next;
    }
}

bool live_viewers_deliver(live_hub *a, const event *ev)
{
    if (ev->name[0] != '_') {
        return false;
    }
    if (strcmp(ev->name, "_viewers") != 0 || ev->scope != EVENT_STREAM) {
        return true; /* a node event this version does not know: not for sockets either */
    }
    int64_t node = 0, count = 0;
    if (!wire_viewers_read(ev->json, ev->json_len, &node, &count) || node == a->node_id) {
        return true;
    }
    viewers_entry *v = find(a, ev->target, true);
    if (!v) {
        return true;
    }
    uint64_t now = uv_now(a->loop);
    for (int i = 0; i < v->n_remote; i++) {
        if (v->remote[i].node == node) {
            v->remote[i] = (remote_count){node, count, now};
            return true;
        }
    }
    if (v->n_remote < VIEWERS_MAX_NODES) {
        v->remote[v->n_remote++] = (remote_count){node, count, now};
    }
    return true;
}

void live_viewers_free(live_hub *a)
{
    while (a->viewers) {
        viewers_entry *v = a->viewers;
        a->viewers = v->next;
        free(v);
    }
}
