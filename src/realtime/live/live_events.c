/*
 * The Blytz application on the gateway: authorisation, the namespace's handlers (every event
 * passes the socket's limits first, live_guard.c), coalesced presence, and delivery of bus
 * events (live.h). Joining and leaving shows is in live_join.c, chat and bids in
 * live_actions.c.
 *
 * Presence: a signed-in join or leave marks its room; a 1 s timer sends at most one
 * `user:joined` / `user:left` frame per marked room (the latest change, with the current
 * viewer count of every node), so a room of 10k costs 10k deliveries per second at most,
 * not 10k². The frame goes through the events bus, so viewers on every node see it.
 */
#include "realtime/live/live_internal.h"

#include "base/err.h"
#include "base/time.h"
#include "wire/events.h"
#include "wire/wire.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers -------------------------------------------------------------------------- */

void live_room_name(char out[40], const char *kind, int64_t id)
{
    snprintf(out, 40, "%s:%" PRId64, kind, id);
}

void live_ack_json(gw_sock *s, int64_t ack_id, json_t *o)
{
    char *text = wire_dump(o);
    if (text) {
        live_ack_text(s, ack_id, text);
    }
    free(text);
}

void live_ack_text(gw_sock *s, int64_t ack_id, const char *json)
{
    if (ack_id >= 0) {
        gw_ack(s, ack_id, json, strlen(json), NULL, 0);
    }
}

void live_ack_error(gw_sock *s, int64_t ack_id, int code, const char *message, json_t *details)
{
    live_ack_json(s, ack_id, wire_ack_error(code, message, details));
}

/* The first argument as a JSON object, or NULL. */
json_t *live_first_arg(const char *args, size_t len)
{
    json_t *arr = NULL;
    char *text = malloc(len + 3);
    if (text) {
        text[0] = '[';
        memcpy(text + 1, args, len);
        text[len + 1] = ']';
        text[len + 2] = '\0';
        arr = json_loads(text, 0, NULL);
        free(text);
    }
    json_t *first = json_incref(json_array_get(arr, 0));
    json_decref(arr);
    if (first && !json_is_object(first)) {
        json_decref(first);
        return NULL;
    }
    return first;
}

int64_t live_id_field(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_integer(v)) {
        return (int64_t)json_integer_value(v);
    }
    const char *s = json_string_value(v);
    char *end = NULL;
    long long n = s ? strtoll(s, &end, 10) : 0;
    return s && *s && end && !*end && n > 0 ? (int64_t)n : 0;
}

live_sock *live_sock_of(gw_sock *s)
{
    live_sock *as = gw_sock_data(s);
    if (!as && (as = calloc(1, sizeof(*as)))) {
        live_hub *a = gw_app(gw_sock_gateway(s));
        live_bucket_init(&as->limit, &a->limits, (uint32_t)uv_now(a->loop));
        gw_sock_set_data(s, as);
    }
    return as;
}

/* ---- presence ------------------------------------------------------------------------- */

static presence *presence_of(live_hub *a, int64_t stream_id)
{
    for (presence *p = a->presence; p; p = p->next) {
        if (p->stream_id == stream_id) {
            return p;
        }
    }
    presence *p = calloc(1, sizeof(*p));
    if (p) {
        p->stream_id = stream_id;
        p->next = a->presence;
        a->presence = p;
    }
    return p;
}

void live_presence_mark(live_hub *a, int64_t stream_id, const char *what, int64_t user_id,
                        const char *username)
{
    presence *p = presence_of(a, stream_id);
    if (p) {
        p->event = what;
        p->user_id = user_id;
        snprintf(p->username, sizeof(p->username), "%s", username ? username : "");
        p->dirty = true;
    }
}

static void send_presence(live_hub *a, const presence *p)
{
    char *text = wire_dump(
        wire_presence(p->stream_id, p->user_id, p->username, live_viewers_total(a, p->stream_id)));
    if (!text) {
        return;
    }
    event ev = {EVENT_STREAM, p->stream_id, 0, p->event, text, strlen(text)};
    events *bus = a->env->events;
    if (!bus || bus->ops->publish(bus, &ev) != BZ_OK) {
        char room[40];
        live_room_name(room, "stream", p->stream_id);
        gw_broadcast(a->gw, room, p->event, text, strlen(text), 0); /* this node's, at least */
    }
    free(text);
}

static void on_presence_tick(uv_timer_t *t)
{
    live_hub *a = t->data;
    live_viewers_tick(a);
    live_joins_sweep(a);
    for (presence **pp = &a->presence; *pp;) {
        presence *p = *pp;
        if (!p->dirty) {
            *pp = p->next; /* quiet for a second: forget the room */
            free(p);
            continue;
        }
        p->dirty = false;
        send_presence(a, p);
        pp = &p->next;
    }
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
    while (a->presence) {
        presence *p = a->presence;
        a->presence = p->next;
        free(p);
    }
    live_viewers_free(a);
    live_actions_free(a);
    live_joins_free(a->joins);
    free(a);
}
