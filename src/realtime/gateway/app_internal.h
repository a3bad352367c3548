/*
 * realtime/gateway/app_internal.h - shared by app_events.c (rooms, presence, bus) and
 * app_actions.c (chat and bids). Loop thread unless a function says otherwise.
 */
#ifndef REALTIME_GATEWAY_APP_INTERNAL_H
#define REALTIME_GATEWAY_APP_INTERNAL_H

#include "domain/account.h"
#include "http/async.h"
#include "realtime/gateway/app_auth.h"
#include "realtime/gateway/app_events.h"
#include "realtime/gateway/app_limit.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

/* The latest presence change of a stream room, sent by the 1 s timer. */
typedef struct presence {
    struct presence *next;
    int64_t stream_id;
    const char *event; /* "user:joined" | "user:left" */
    int64_t user_id;
    char username[40];
    bool dirty;
} presence;

/* What the application keeps per socket (gw_sock_data), from its first event on: 72 bytes, one
 * 80-byte malloc chunk. Small: it is part of every idle viewer's memory. */
typedef struct app_sock {
    int64_t stream_id;    /* the show joined, 0 = none */
    int64_t auth_session; /* signed-in sockets: the token's session (app_auth.h) */
    uint32_t auth_exp_s;  /* ... and its expiry, seconds since the epoch (the JWT's exp) */
    app_bucket limit;     /* its event rate limits (app_limit.h) */
    char username[ACCOUNT_USERNAME_MAX + 1]; /* read at a signed-in socket's first join */
    bool can_moderate;                       /* likewise */
    bool user_read;                          /* username and can_moderate are those of stream_id */
} app_sock;

/* Counters for /metrics (loop thread). */
typedef struct app_stats {
    uint64_t events[APP_EV_NCLASSES];  /* events let through, by class */
    uint64_t limited[APP_EV_NCLASSES]; /* events refused with rate_limited, by class */
    uint64_t flood_disconnects;        /* sockets disconnected for flooding */
    uint64_t join_reads;               /* store reads made for join answers */
    uint64_t join_cached;              /* join answers that needed no read of their own */
} app_stats;

typedef struct bid_job bid_job;
typedef struct viewers_entry viewers_entry;
typedef struct app_joins app_joins;

struct gw_blytz {
    const app_env *env;
    http_server *srv;
    engine *eng;
    uv_loop_t *loop;
    gateway *gw;
    uv_timer_t presence_timer;
    presence *presence;
    int64_t node_id;        /* this process, in `_viewers` events */
    viewers_entry *viewers; /* shows with viewers here or elsewhere (app_viewers.c) */
    uv_async_t bids_async;  /* engine completions come back through it */
    uv_mutex_t bids_mu;
    bid_job *bids_done;
    bool async_closed; /* guarded by bids_mu */
    bool closed;
    app_limits limits; /* per-socket event limits */
    app_joins *joins;  /* the join answer cache (app_join.c) */
    app_stats stats;
};

void app_room_name(char out[40], const char *kind, int64_t id);
void app_ack_json(gw_sock *s, int64_t ack_id, json_t *o);        /* steals `o` (wire/acks.h) */
void app_ack_text(gw_sock *s, int64_t ack_id, const char *json); /* an ack already encoded */
/* wire_ack_error's ack; steals `details` (NULL = {}). */
void app_ack_error(gw_sock *s, int64_t ack_id, int code, const char *message, json_t *details);
json_t *app_first_arg(const char *args, size_t len);
int64_t app_id_field(json_t *o, const char *key);
app_sock *app_sock_of(gw_sock *s);

/* app_events.c: presence (`user:joined` / `user:left`, sent by the 1 s tick) */
void app_presence_mark(gw_blytz *a, int64_t stream_id, const char *what, int64_t user_id,
                       const char *username);

/* app_guard.c: the event limits on a socket. True: handle the event. False: it was refused
 * (answered rate_limited), or the socket was disconnected for flooding and is gone. */
bool app_limit_admit(gw_blytz *a, gw_sock *s, const char *name, int64_t ack_id);

/* app_join.c: join:stream / leave:stream and the node's cache of join answers */
app_joins *app_joins_new(uint32_t ttl_ms);                 /* ttl 0: every join reads */
void app_joins_invalidate(gw_blytz *a, int64_t stream_id); /* an event changed the answer */
void app_joins_sweep(gw_blytz *a);                         /* drop expired answers */
void app_joins_free(app_joins *js);
void app_on_join(gw_blytz *a, gw_sock *s, json_t *arg, int64_t ack_id);
void app_on_leave(gw_blytz *a, gw_sock *s, json_t *arg, int64_t ack_id);
void app_leave_current(gw_blytz *a, gw_sock *s);

/* app_viewers.c: viewer counts summed over every node */
void app_viewers_init(gw_blytz *a);
void app_viewers_track(gw_blytz *a, int64_t stream_id); /* a room here gained a viewer */
int64_t app_viewers_total(gw_blytz *a, int64_t stream_id);
void app_viewers_tick(gw_blytz *a); /* every second: publish changes and heartbeats */
bool app_viewers_deliver(gw_blytz *a, const event *ev); /* true: a node event, consumed */
void app_viewers_free(gw_blytz *a);

/* app_actions.c */
int app_actions_init(gw_blytz *a);
void app_actions_close(gw_blytz *a);
void app_actions_free(gw_blytz *a);
void app_on_chat(gw_blytz *a, gw_sock *s, json_t *arg, int64_t ack_id);
void app_on_bid(gw_blytz *a, gw_sock *s, json_t *arg, int64_t ack_id);

#endif
