/*
 * realtime/live/live_internal.h - the live room's private structures and the functions its
 * files share (each block below names its file). Loop thread unless a function says otherwise.
 *
 * The files call one way only, from the top down; none calls a file above it:
 *   live_events.c   the namespace's handlers, the 1 s tick, bus delivery, lifecycle
 *   live_actions.c  chat:message and auction:bid
 *   live_auth.c     who a socket is (the CONNECT token, auth:refresh, revocations)
 *   live_guard.c    the event limits on a socket (refusals, flood disconnects)
 *   live_join.c     join:stream, leave:stream and the node's cache of join answers
 *   live_presence.c coalesced user:joined / user:left
 *   live_viewers.c  viewer counts summed over every node
 *   live_sock.c     per-socket data, room names, acks, argument reading
 *   live_limit.c    token buckets, pure (live_limit.h); live_metrics.c reads the counters
 */
#ifndef REALTIME_LIVE_LIVE_INTERNAL_H
#define REALTIME_LIVE_LIVE_INTERNAL_H

#include "domain/account.h"
#include "http/async.h"
#include "realtime/live/live.h"
#include "realtime/live/live_limit.h"

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
typedef struct live_sock {
    int64_t stream_id;    /* the show joined, 0 = none */
    int64_t auth_session; /* signed-in sockets: the token's session (live_auth.c) */
    uint32_t auth_exp_s;  /* ... and its expiry, seconds since the epoch (the JWT's exp) */
    live_bucket limit;    /* its event rate limits (live_limit.h) */
    char username[ACCOUNT_USERNAME_MAX + 1]; /* read at a signed-in socket's first join */
    bool can_moderate;                       /* likewise */
    bool user_read;                          /* username and can_moderate are those of stream_id */
} live_sock;

/* Counters for /metrics (loop thread). */
typedef struct live_stats {
    uint64_t events[LIVE_EV_NCLASSES];  /* events let through, by class */
    uint64_t limited[LIVE_EV_NCLASSES]; /* events refused with rate_limited, by class */
    uint64_t flood_disconnects;         /* sockets disconnected for flooding */
    uint64_t join_reads;                /* store reads made for join answers */
    uint64_t join_cached;               /* join answers that needed no read of their own */
} live_stats;

typedef struct bid_job bid_job;
typedef struct viewers_entry viewers_entry;
typedef struct live_joins live_joins;

struct live_hub {
    const app_env *env;
    http_server *srv;
    engine *eng;
    uv_loop_t *loop;
    gateway *gw;
    uv_timer_t presence_timer;
    presence *presence;
    int64_t node_id;        /* this process, in `_viewers` events */
    viewers_entry *viewers; /* shows with viewers here or elsewhere (live_viewers.c) */
    uv_async_t bids_async;  /* engine completions come back through it */
    uv_mutex_t bids_mu;
    bid_job *bids_done;
    bool async_closed; /* guarded by bids_mu */
    bool closed;
    live_limits limits; /* per-socket event limits */
    live_joins *joins;  /* the join answer cache (live_join.c) */
    live_stats stats;
};

/* A store job for a socket, run on the HTTP server's workers: the head (first member) of the
 * live room's jobs. */
typedef struct live_job {
    net_job job; /* first member */
    live_hub *app;
    gw_sock *sock; /* held from live_job_submit until the job's done releases it */
    int64_t stream_id, user_id, ack_id;
} live_job;

/* live_sock.c: what every file uses on a socket */
void live_room_name(char out[40], const char *kind, int64_t id);
void live_ack_json(gw_sock *s, int64_t ack_id, json_t *o);        /* steals `o` (wire/acks.h) */
void live_ack_text(gw_sock *s, int64_t ack_id, const char *json); /* an ack already encoded */
/* wire_ack_error's ack; steals `details` (NULL = {}). */
void live_ack_error(gw_sock *s, int64_t ack_id, int code, const char *message, json_t *details);
json_t *live_first_arg(const char *args, size_t len); /* the first argument if an object, or NULL */
live_sock *live_sock_of(gw_sock *s);
/* Fill the head of `j` for `s` (held; user_id is the socket's user) and submit the job. */
void live_job_submit(live_hub *a, live_job *j, gw_sock *s, int64_t stream_id, int64_t ack_id,
                     void (*work)(net_job *job, void *state),
                     void (*done)(net_job *job)); /* made on first use; NULL on OOM */

/* live_presence.c: presence (`user:joined` / `user:left`, sent by the 1 s tick) */
void live_presence_mark(live_hub *a, int64_t stream_id, const char *what, int64_t user_id,
                        const char *username);
void live_presence_send(live_hub *a); /* the tick: send the marked rooms, forget quiet ones */
void live_presence_free(live_hub *a);

/* live_guard.c: the event limits on a socket. True: handle the event. False: it was refused
 * (answered rate_limited), or the socket was disconnected for flooding and is gone. */
bool live_limit_admit(live_hub *a, gw_sock *s, const char *name, int64_t ack_id);

/* live_join.c: join:stream / leave:stream and the node's cache of join answers */
live_joins *live_joins_new(uint32_t ttl_ms);                /* ttl 0: every join reads */
void live_joins_invalidate(live_hub *a, int64_t stream_id); /* an event changed the answer */
void live_joins_sweep(live_hub *a);                         /* drop expired answers */
void live_joins_free(live_joins *js);
void live_on_join(live_hub *a, gw_sock *s, json_t *arg, int64_t ack_id);
void live_on_leave(live_hub *a, gw_sock *s, json_t *arg, int64_t ack_id);
void live_leave_current(live_hub *a, gw_sock *s);

/* live_viewers.c: viewer counts summed over every node */
void live_viewers_init(live_hub *a);
void live_viewers_track(live_hub *a, int64_t stream_id); /* a room here gained a viewer */
int64_t live_viewers_total(live_hub *a, int64_t stream_id);
void live_viewers_tick(live_hub *a); /* every second: publish changes and heartbeats */
bool live_viewers_deliver(live_hub *a, const event *ev); /* true: a node event, consumed */
void live_viewers_free(live_hub *a);

/* live_auth.c (who a socket is: its top comment) */
/* The namespace's authorize callback (gw_nsp.authorize): verify the CONNECT token, if any,
 * and remember the user, session and expiry. "unauthorized" for a bad, expired or revoked
 * token; NULL (accepted) without a token: the socket is anonymous. */
const char *live_auth_connect(gw_sock *s, const char *auth, size_t len);

/* Run before an event is dispatched: answers `auth:refresh`, and refuses any other event but
 * `leave:stream` of a signed-in socket whose session was revoked or whose token expired.
 * True when the event was answered here (the caller does nothing more). */
bool live_auth_event(live_hub *a, gw_sock *s, const char *name, json_t *arg, int64_t ack_id);

/* live_actions.c */
int live_actions_init(live_hub *a);
void live_actions_close(live_hub *a);
void live_actions_free(live_hub *a);
void live_on_chat(live_hub *a, gw_sock *s, json_t *arg, int64_t ack_id);
void live_on_bid(live_hub *a, gw_sock *s, json_t *arg, int64_t ack_id);

#endif
