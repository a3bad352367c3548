/* bench/load/httpc.h - an asynchronous HTTP/1.1 keep-alive client, one request at a
 * time per connection (the bidders need no pipelining). Connects lazily and again
 * after the server closed the connection. */
#ifndef BENCH_LOAD_HTTPC_H
#define BENCH_LOAD_HTTPC_H

#include "netutil.h"

typedef struct httpc httpc;

/* status is the HTTP status, or -1 when the connection failed or closed before a
 * whole answer arrived. body is valid only during the call, which may start the
 * next request on the same client. */
typedef void (*httpc_done_cb)(httpc *c, int status, const char *body, size_t len, void *ud);

httpc *httpc_new(uv_loop_t *loop, const target *t, unsigned src_index, unsigned src_count);

/* Starts a request; false when one is already in flight or the request is too large.
 * token (may be NULL) becomes "Authorization: Bearer"; body (may be NULL) is JSON. */
bool httpc_request(httpc *c, const char *method, const char *path, const char *token,
                   const char *body, httpc_done_cb cb, void *ud);

bool httpc_busy(const httpc *c);

/* Time (now_us) at which the current or last request was handed to the socket. */
uint64_t httpc_written_at(const httpc *c);

/* Closes the connection and frees the client once libuv is done with it. */
void httpc_free(httpc *c);

#endif
