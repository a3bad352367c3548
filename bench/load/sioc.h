/* bench/load/sioc.h - a Socket.IO v5 client over Engine.IO v4 over WebSocket
 * (no polling): connects to /socket.io/?EIO=4&transport=websocket, checks the
 * WebSocket handshake, answers Engine.IO pings, sends CONNECT for "/" with an
 * optional auth object, and hands EVENTs and ACKs to the caller.
 *
 * Life cycle: sioc_new + sioc_start; on_ready once the server acknowledged the
 * namespace CONNECT; on_closed exactly once (after sioc_close, or when the
 * connection failed or the server closed it), after which the client is freed. */
#ifndef BENCH_LOAD_SIOC_H
#define BENCH_LOAD_SIOC_H

#include "netutil.h"

typedef struct sioc sioc;

typedef struct sioc_handlers {
    void (*on_ready)(sioc *c, void *ud);
    /* args is the EVENT's JSON array; at_us is when the bytes were read. */
    void (*on_event)(sioc *c, const char *args, size_t len, uint64_t at_us, void *ud);
    void (*on_ack)(sioc *c, uint64_t ack_id, const char *args, size_t len, uint64_t at_us,
                   void *ud);
    void (*on_closed)(sioc *c, const char *why, void *ud);
} sioc_handlers;

/* auth_json (may be NULL) must outlive the client; it is sent with CONNECT. */
sioc *sioc_new(uv_loop_t *loop, const target *t, unsigned src_index, unsigned src_count,
               const char *auth_json, const sioc_handlers *h, void *ud);

/* Starts connecting. False when it could not (on_closed is still called). */
bool sioc_start(sioc *c);

/* Sends 42[ack id]args_json once ready. Returns the ack id (>= 0) when want_ack, 0
 * without, -1 when the client is not ready or the write failed. */
int64_t sioc_emit(sioc *c, const char *args_json, bool want_ack);

/* Sends a WebSocket close frame and closes the connection. */
void sioc_close(sioc *c);

bool sioc_ready(const sioc *c);

/* Seeds the generator of masks and keys (from getrandom). */
void sioc_seed_random(void);

#endif
