/*
 * The Blytz application on the gateway: authorisation, the namespace's handlers (every event
 * passes the socket's limits first, live_guard.c), the 1 s tick, and delivery of bus
 * events (live.h). Joining and leaving shows is in live_join.c, chat and bids in
 * live_actions.c.
 *
 * The top of the live room: it calls the other files, none of them calls it. Socket helpers
 * (acks, room names) are in live_sock.c, presence in live_presence.c.
 */
#include "realtime/live/live_internal.h"

#include "base/err.h"

#include <stdlib.h>
#include <string.h>

/* Every second: viewer counts, the join cache's expiry, presence. */
static void on_presence_tick(uv_timer_t *t)
{
    live_hub *a = t->data;
    live_viewers_tick(a);
    live_joins_sweep(a);
    live_presence_send(a);
}

/* ---- namespace handlers --------------------------------------------------------------- */

static void on_connect(gw_sock *s, const char *auth, size_t len, bool recovered)
{
    const char *joined;
    for (size_t i = 0; recovered && (joined = gw_sock_room_at(s, i)); i++) {
        live_sock *as = live_sock_of(s);
        if (as && strncmp(joined, "stream:", 7) == 0) {
            as->stream_id = strtoll(joined + 7, NULL, 10); /* back in the show it watched */
            live_viewers_track(gw_app(gw_sock_gateway(s)), as->stream_id);
        }
    }
    if (gw_sock_user(s)) {
        char room[40];
        live_room_name(room, "user", gw_sock_user(s));
        gw_join(s, room);
    }
}

static void on_event(gw_sock *s, const char *name, const char *args, size_t len,
                     const sio_bytes *bins, int nbins, int64_t ack_id)
{
    live_hub *a = gw_app(gw_sock_gateway(s));
    if (!live_limit_admit(a, s, name, ack_id)) {
        return; /* refused, or the socket is gone */
    }
    json_t *arg = live_first_arg(args, len);
    if (!arg) {
        live_ack_error(s, ack_id, BZ_EVALIDATION, "the payload must be a JSON object", NULL);
    } else if (live_auth_event(a, s, name, arg, ack_id)) {
        /* answered there: auth:refresh, or a revoked session or expired token (live_auth.c) */
    } else if (strcmp(name, "join:stream") == 0) {
        live_on_join(a, s, arg, ack_id);
    } else if (strcmp(name, "leave:stream") == 0) {
        live_on_leave(a, s, arg, ack_id);
    } else if (strcmp(name, "chat:message") == 0) {
        live_on_chat(a, s, arg, ack_id);
    } else if (strcmp(name, "auction:bid") == 0) {
        live_on_bid(a, s, arg, ack_id);
    } else {
        live_ack_error(s, ack_id, BZ_ENOTFOUND, "unknown event", NULL);
    }
    json_decref(arg);
}

static void on_disconnect(gw_sock *s)
{
    live_hub *a = gw_app(gw_sock_gateway(s));
    live_leave_current(a, s);
    free(gw_sock_data(s));
    gw_sock_set_data(s, NULL);
}

static const gw_nsp main_nsp = {"/", live_auth_connect, on_connect, on_event, on_disconnect};
static const gw_nsp *const namespaces[] = {&main_nsp, NULL};

const gw_nsp *const *live_namespaces(void)
{
    return namespaces;
}

/* ---- bus delivery and lifecycle ------------------------------------------------------- */

void live_deliver(void *app, const event *ev)
{
    live_hub *a = app;
    if (!a->gw || live_viewers_deliver(a, ev)) {
        return;
    }
    if (ev->scope == EVENT_STREAM &&
        (strncmp(ev->name, "auction:", 8) == 0 || strncmp(ev->name, "stream:", 7) == 0)) {
        live_joins_invalidate(a, ev->target); /* the show or its auction changed */
    }
    char room[40];
    live_room_name(room, ev->scope == EVENT_USER ? "user" : "stream", ev->target);
    gw_broadcast(a->gw, room, ev->name, ev->json, ev->json_len, ev->seq);
}

live_hub *live_new(uv_loop_t *loop, const app_env *env, http_server *srv, engine *eng)
{
    live_hub *a = calloc(1, sizeof(*a));
    if (!a) {
        return NULL;
    }
    a->env = env;
    a->srv = srv;
    a->eng = eng;
    a->loop = loop;
    live_limits_defaults(&a->limits);
    a->joins = live_joins_new(1000);
    live_viewers_init(a);
    uv_timer_init(loop, &a->presence_timer);
    a->presence_timer.data = a;
    uv_timer_start(&a->presence_timer, on_presence_tick, 1000, 1000);
    uv_unref((uv_handle_t *)&a->presence_timer);
    if (live_actions_init(a) != BZ_OK) {
        uv_close((uv_handle_t *)&a->presence_timer, NULL);
        a->closed = true;
    }
    return a;
}

void live_set_gateway(live_hub *a, gateway *gw)
{
    a->gw = gw;
}

void live_configure(live_hub *a, const live_limits *limits, uint32_t join_cache_ms)
{
    a->limits = *limits;
    live_joins_free(a->joins);
    a->joins = live_joins_new(join_cache_ms);
}

void live_close(live_hub *a)
{
    if (!a || a->closed) {
        return;
    }
    a->closed = true;
    uv_close((uv_handle_t *)&a->presence_timer, NULL);
    live_actions_close(a);
}

void live_free(live_hub *a)
{
    if (!a) {
        return;
    }
    live_presence_free(a);
    live_viewers_free(a);
    live_actions_free(a);
    live_joins_free(a->joins);
    free(a);
}
