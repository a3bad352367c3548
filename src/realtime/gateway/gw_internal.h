/*
 * realtime/gateway/gw_internal.h - the gateway's private structures, shared by its files.
 * From the bottom up; each file calls only files above it in this list, never one below it (a lower
 * file reaches a higher one only through gw->up, which gw_new fills in):
 *   gw_clock.c    the session's timers, pure
 *   gw_conns.c    the sid table, admission per address, the flush list, the packet queue
 *   gw_http.c     CORS, polling responses, answering a session's pending GET
 *   gw_ws.c       WebSocket connections: reads (shared buffer), frames, writes
 *   gw_session.c  the Engine.IO session: packets, heartbeat, upgrade, close, queues
 *   gw_rooms.c    rooms, broadcast, recovery
 *   gw_sio.c      Socket.IO: namespaces, CONNECT, events, acks
 *   gw_polling.c  polling GET/POST, handshakes, the WebSocket takeover
 *   gw_main.c     lifecycle, HTTP mounts, draining the flush list
 *
 * Memory per idle WebSocket session (the target is about 1 KiB; 1,031 B measured with 10k
 * viewers in one show): gw_conn (with its uv_timer_t) + gw_ws (with its uv_tcp_t) + the
 * ws_parser (~150 B) + one gw_sock and its room array (one 24-byte gw_member for an anonymous
 * viewer) + the application's per-socket data (live_sock: the show, the 16-byte event limiter,
 * a name). No read buffer is held while idle (reads land in one shared buffer), no write
 * request while nothing is in flight, no Socket.IO binary decoder unless attachments are
 * awaited.
 *
 * Thread rules: loop thread only.
 */
#ifndef REALTIME_GATEWAY_GW_INTERNAL_H
#define REALTIME_GATEWAY_GW_INTERNAL_H

#include "http/async.h"
#include "net/addrtab.h"
#include "realtime/engineio/eio.h"
#include "realtime/gateway/gateway.h"
#include "realtime/gateway/gw_clock.h"
#include "realtime/socketio/sio.h"
#include "realtime/ws/ws.h"

#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

typedef struct gw_conn gw_conn;
typedef struct gw_ws gw_ws;
typedef struct gw_room gw_room;

/* A queue of shared messages (references). */
typedef struct gw_msgq {
    ws_msg **items;
    uint32_t len, cap;
} gw_msgq;

int gw_msgq_push(gw_msgq *q, ws_msg *m); /* takes the reference */
void gw_msgq_clear(gw_msgq *q);          /* drops every reference, frees the array */

enum gw_conn_state { GW_OPEN, GW_CLOSED };

/* One Engine.IO session. */
struct gw_conn {
    uv_timer_t timer; /* first member: the timer callback casts back; freed on its close */
    gateway *gw;
    gw_conn *hnext;      /* sid table chain */
    gw_conn *dirty_next; /* flush list */
    gw_clock clock;
    http_req *get;    /* pending polling GET */
    gw_ws *ws;        /* the WebSocket transport, when transport is WebSocket */
    gw_ws *probe;     /* a WebSocket probing for the upgrade */
    gw_msgq q;        /* packets not yet handed to the transport */
    sio_decoder *dec; /* only while a binary packet awaits attachments */
    gw_sock *socks;   /* namespace sockets */
    uint32_t hash;
    uint8_t transport; /* enum eio_transport */
    uint8_t state;     /* enum gw_conn_state */
    bool echo;         /* bare Engine.IO echo session (conformance) */
    bool upgrading;    /* 3probe sent: polling GETs get noop, waiting for `5` */
    bool dirty;        /* on the flush list */
    bool joined;       /* a namespace was joined once (connectTimeout satisfied) */
    bool ending;       /* the server ends it (gw_session_end): client packets are ignored */
    bool addr_held;    /* counted in gw->sessions_by_addr under `addr` */
    net_addr_key addr; /* the client address that opened it */
    char sid[EIO_SID_LEN + 1];
};

/* A WebSocket connection (after the 101). */
struct gw_ws {
    uv_tcp_t tcp; /* first member */
    gateway *gw;
    gw_conn *conn; /* the session it carries or probes; NULL once detached */
    ws_parser *parser;
    bool probe;   /* upgrade candidate, not the session's transport yet */
    bool closing; /* close frame sent or socket failing: uv_close when writes drain */
    bool handle_closed;
    bool b64; /* binary as `b` + base64 text frames */
};

/* A socket's place in a room: the room, the socket's index in its member array, and the
 * recovery offset current when it joined (it was sent the room's events after that one). */
typedef struct gw_member {
    gw_room *room;
    uint32_t idx;
    uint64_t since;
} gw_member;

/* One Socket.IO namespace socket. */
struct gw_sock {
    gw_sock *next; /* in the session's list */
    gateway *gw;
    gw_conn *conn; /* NULL once disconnected */
    const gw_nsp *nsp;
    void *data;
    int64_t user_id;
    gw_member *rooms;
    uint16_t nrooms, caprooms;
    uint32_t refs;
    char id[EIO_SID_LEN + 1];
    char pid[EIO_SID_LEN + 1]; /* recovery id ("" when recovery is off) */
};

/* How a lower file of the gateway reaches a higher one (see the top of this file). */
typedef struct gw_upcalls {
    /* gw_ws.c -> gw_session.c: a message on a WebSocket the session carries or probes (a
     * probe's text, or the session's Engine.IO packet), and the WebSocket going away */
    void (*ws_message)(gw_conn *c, gw_ws *ws, int opcode, unsigned char *data, size_t len);
    void (*ws_closed)(gw_conn *c, gw_ws *ws);
    /* gw_session.c -> gw_sio.c: a MESSAGE of a Socket.IO session, and the session's close */
    int (*sio_message)(gw_conn *c, const eio_packet *p);
    void (*sio_closed)(gw_conn *c, bool recoverable);
} gw_upcalls;

struct gateway {
    uv_loop_t *loop;
    gw_config cfg;
    const gw_nsp *const *nsps;
    void *app;
    http_route routes[2]; /* the mounts */
    char path[64], echo_path[64];
    gw_conn **table; /* sessions by sid */
    uint32_t table_cap, nconns;
    net_addrtab *sessions_by_addr; /* open sessions and openings per client address */
    gw_conn *dirty;                /* sessions with queued output, flushed in the check phase */
    uv_check_t flusher;            /* flushes output made by I/O callbacks */
    uv_prepare_t timer_flusher;    /* flushes output made by timers, before poll blocks */
    struct gw_rooms *rooms;
    struct gw_recovery *recovery;
    char accept[WS_ACCEPT_LEN + 1]; /* Sec-WebSocket-Accept between handler and takeover */
    gw_upcalls up;
    bool closed;
    int open_handles;
};

/* gw_conns.c */
/* Double an array of `*cap` elements of `size` bytes (to `first` when empty): the new array,
 * with *cap updated, or NULL on OOM (then `items` and *cap are unchanged). */
void *gw_grow(void *items, uint32_t *cap, uint32_t first, size_t size);
int gw_conns_init(gateway *gw); /* the sid table and the admission table */
void gw_conns_free(gateway *gw);
/* May the client at `ip` open a session now? Fills `key`; on NET_ADDR_OK the address holds
 * one more until the session leaves the table (set c->addr and c->addr_held). */
enum net_addr_verdict gw_admit(gateway *gw, const char *ip, net_addr_key *key, int *retry_after_s);
gw_conn *gw_conn_find(gateway *gw, const char *sid);
void gw_conn_insert(gateway *gw, gw_conn *c);
void gw_conn_remove(gateway *gw, gw_conn *c);
void gw_mark_dirty(gw_conn *c); /* on the flush list, drained by gw_main.c */
uint64_t gw_now(const gateway *gw);

/* gw_http.c */
void gw_cors(const gateway *gw, http_res *res);
void gw_polling_ok(const gateway *gw, http_res *res, const char *body, size_t len);
void gw_polling_answer(gw_conn *c, const char *body, size_t len); /* completes c->get, if any */

/* gw_ws.c */
gw_ws *gw_ws_adopt(gateway *gw, uv_os_sock_t fd);
void gw_ws_feed(gw_ws *ws, const char *data, size_t len);
int gw_ws_write_raw(gw_ws *ws, const char *data, size_t len);
int gw_ws_write(gw_ws *ws, ws_msg *const *msgs, uint32_t n);
void gw_ws_close(gw_ws *ws, int code);

/* gw_session.c */
gw_conn *gw_session_new(gateway *gw, int transport, bool echo);
void gw_session_queue(gw_conn *c, ws_msg *m); /* takes the reference */
void gw_session_queue_packet(gw_conn *c, int type, const char *data, size_t len);
int gw_session_packet(gw_conn *c, const eio_packet *p);
void gw_session_close(gw_conn *c, bool clean);
void gw_session_end(gw_conn *c); /* close once the queued packets are out */
void gw_session_flush(gw_conn *c);
void gw_session_arm(gw_conn *c);
void gw_session_ws_message(gw_conn *c, gw_ws *ws, int opcode, unsigned char *data, size_t len);
void gw_session_ws_closed(gw_conn *c, gw_ws *ws);

/* gw_rooms.c */
int gw_rooms_init(gateway *gw);
void gw_rooms_free(gateway *gw);
void gw_rooms_leave_all(gw_sock *s);
const char *gw_room_name(const gw_room *r);
void gw_recovery_save(gw_sock *s);
bool gw_recovery_restore(gw_sock *s, const char *auth, size_t len);
void gw_recovery_expire(gateway *gw, uint64_t now);

/* gw_sio.c */
int gw_sio_message(gw_conn *c, const eio_packet *p);
void gw_sio_session_closed(gw_conn *c, bool clean);

/* gw_polling.c */
void gw_http_handler(http_req *r, http_res *res);
void gw_http_echo_handler(http_req *r, http_res *res);

#endif
