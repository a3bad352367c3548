/*
 * realtime/gateway/gateway.h - the Socket.IO v5 / Engine.IO v4 gateway: sessions over
 * HTTP long-polling and WebSocket (and the upgrade between them), namespaces, rooms, acks,
 * broadcast and connection-state recovery. The application (live_events.c, or the
 * conformance test app) plugs in as namespaces.
 *
 * It mounts itself on the HTTP server (http/async.h): polling requests are HTTP_ASYNC
 * requests (a GET waits for packets), a WebSocket upgrade takes the connection over.
 *
 * Thread rules: everything runs on the loop thread, without locks. Other threads reach the
 * gateway by posting to the loop (the event bus, worker completions).
 *
 * Ownership: the gateway owns sessions, sockets, rooms and their buffers. A gw_sock is
 * valid during a callback; code that answers later (after a worker) holds it with
 * gw_sock_hold and releases it with gw_sock_release; emits on a socket that has since
 * disconnected are dropped.
 */
#ifndef REALTIME_GATEWAY_GATEWAY_H
#define REALTIME_GATEWAY_GATEWAY_H

#include "http/server.h"
#include "realtime/socketio/sio.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

typedef struct gateway gateway;
typedef struct gw_sock gw_sock;

typedef struct gw_config {
    const char *path;            /* "/socket.io": Socket.IO with the namespaces */
    const char *echo_path;       /* "/engine.io": bare Engine.IO echo (conformance); NULL */
    uint32_t ping_interval_ms;   /* 25000 */
    uint32_t ping_timeout_ms;    /* 20000 */
    uint32_t connect_timeout_ms; /* 45000: no namespace joined by then closes the session */
    uint32_t upgrade_timeout_ms; /* 10000 */
    size_t max_payload;          /* 1000000: one POST body / one WebSocket message */
    size_t max_write_queue;      /* bytes waiting on one socket before it is dropped (4 MiB) */
    bool cors_any;               /* Access-Control-Allow-Origin: * (conformance mode) */
    bool recovery;               /* connection-state recovery (pid, offsets, replay) */
    uint32_t recovery_ms;        /* how long a dropped socket can be recovered (120000) */
    uint32_t room_history;       /* most events kept per room for replay (8192) */
    /* Admission per client address (http_req_ip: the peer, or the proxy's X-Forwarded-For
     * hop of a trusted proxy; IPv6 by /64). Defaults fit a CGNAT crowd: docs/realtime.md. */
    uint32_t max_sessions_per_addr;     /* sessions open at once (1024); 0 = no cap */
    uint32_t sessions_per_addr_per_min; /* new sessions refilled per minute (1200) ... */
    uint32_t session_burst;             /* ... up to this many at once (200); a 0 = no rate cap */
} gw_config;

void gw_config_defaults(gw_config *cfg);

/* A namespace and the application's handlers (all optional). */
typedef struct gw_nsp {
    const char *name; /* "/", "/custom" */
    /* A socket asks to join with its CONNECT payload (`auth`, "{}" when none). Return NULL
     * to accept, or the CONNECT_ERROR message (static string) to refuse. */
    const char *(*authorize)(gw_sock *s, const char *auth, size_t len);
    /* The socket joined (its CONNECT reply is already queued). `recovered` after a
     * connection-state recovery: rooms and data are back, missed events were replayed. */
    void (*on_connect)(gw_sock *s, const char *auth, size_t len, bool recovered);
    /* An EVENT: name, argument JSON text without brackets, binary attachments, ack id (-1 =
     * none: then do not ack). */
    void (*on_event)(gw_sock *s, const char *name, const char *args, size_t len,
                     const sio_bytes *bins, int nbins, int64_t ack_id);
    /* The socket left (DISCONNECT, session closed). Rooms are left after this returns. */
    void (*on_disconnect)(gw_sock *s);
} gw_nsp;

/* A gateway on `loop` serving the NULL-terminated namespaces (copied pointers: they must
 * outlive it). `app` is the application's context (gw_app). NULL on OOM. */
gateway *gw_new(uv_loop_t *loop, const gw_config *cfg, const gw_nsp *const *nsps, void *app);

/* Mount on the server (cfg->path, cfg->echo_path) and close with it on stop. Before start. */
int gw_attach(gateway *gw, http_server *srv);

/* Close every session and handle (the server's stop does it). Loop thread. */
void gw_close(gateway *gw);

/* Free after the loop has finished (every handle closed). */
void gw_free(gateway *gw);

void *gw_app(const gateway *gw);
uv_loop_t *gw_loop(const gateway *gw);

/* Live sessions (Engine.IO) and connected sockets (Socket.IO), for metrics and tests. */
size_t gw_session_count(const gateway *gw);

/* ---- sockets ---------------------------------------------------------------------------- */

const char *gw_sock_id(const gw_sock *s);
gateway *gw_sock_gateway(const gw_sock *s);
bool gw_sock_connected(const gw_sock *s);
void *gw_sock_data(const gw_sock *s);
void gw_sock_set_data(gw_sock *s, void *data);
int64_t gw_sock_user(const gw_sock *s);
void gw_sock_set_user(gw_sock *s, int64_t user_id);
void gw_sock_hold(gw_sock *s);
void gw_sock_release(gw_sock *s);

/* End the socket from the server's side: the client gets a DISCONNECT for the namespace (the
 * official client then stays disconnected until the application connects again), the
 * application hears on_disconnect, and the socket is not kept for recovery. With
 * `end_session` the whole Engine.IO session ends too, once that packet is out (the client's
 * further packets are ignored), so coming back costs a new handshake. The socket may be freed: do
 * not use `s` afterwards unless you hold it. Safe inside the socket's own on_event. */
void gw_sock_disconnect(gw_sock *s, bool end_session);

/* Emit an event (args: JSON text without brackets, may be empty) with optional binary
 * attachments (args then carry the placeholders). Dropped if the socket is gone. */
int gw_emit(gw_sock *s, const char *name, const char *args, size_t len, const sio_bytes *bins,
            int nbins);

/* Answer the client's ack `ack_id` (args as above). */
int gw_ack(gw_sock *s, int64_t ack_id, const char *args, size_t len, const sio_bytes *bins,
           int nbins);

/* Rooms (of the namespace "/"). Joining twice is a no-op. */
int gw_join(gw_sock *s, const char *room);
void gw_leave(gw_sock *s, const char *room);
bool gw_in_room(const gw_sock *s, const char *room);
/* The name of the socket's i-th room, NULL past the last (order is not meaningful). */
const char *gw_sock_room_at(const gw_sock *s, size_t i);
size_t gw_room_size(gateway *gw, const char *room);
/* The i-th member of `room`, NULL past the last. Leaving moves the last member into the slot
 * left, so code that makes members leave walks from the end. */
gw_sock *gw_room_member(gateway *gw, const char *room, size_t i);

/* Send `name` with `args` to every socket in `room`, encoded once. With recovery on and
 * seq > 0 the event is kept for replay and carries the next recovery offset of this node
 * (gw_rooms.c: one counter for all rooms; not the seq, which counts per room). */
int gw_broadcast(gateway *gw, const char *room, const char *name, const char *args, size_t len,
                 int64_t seq);

#endif
