/*
 * net/tcp.h - TCP listeners and address helpers on libuv.
 *
 * All functions run on the loop thread that owns the handles passed in.
 */
#ifndef NET_TCP_H
#define NET_TCP_H

#include <stddef.h>
#include <uv.h>

#define NET_IP_MAX 46 /* INET6_ADDRSTRLEN */

/* Parse "host:port" or "[v6]:port" ("localhost" means 127.0.0.1) into `out`. BZ_OK or
 * BZ_EVALIDATION. */
int net_addr_parse(const char *hostport, struct sockaddr_storage *out);

/* Initialise `tcp` on `loop`, bind it to `hostport` (SO_REUSEADDR, as libuv does on Unix) and
 * listen with `backlog`. `*port_out` (may be NULL) receives the bound port, useful with port 0.
 * On failure the handle is closed again (the caller must still run the loop for the close to
 * finish) and a BZ_E* code is returned; the libuv reason is logged. */
int net_tcp_listen(uv_loop_t *loop, uv_tcp_t *tcp, const char *hostport, int backlog,
                   uv_connection_cb on_connection, int *port_out);

/* The peer address of a connected handle as text ("127.0.0.1", "::1") into `out`
 * (NET_IP_MAX bytes). Empty string if unknown. */
void net_peer_ip(const uv_tcp_t *tcp, char out[NET_IP_MAX]);

/* Write what `s` takes right now of bufs[0..n) (`total` bytes in all) without blocking; a
 * socket that would block took 0. Returns the bytes taken (0..total) or a libuv error (< 0,
 * the socket failed). When fewer than `total` were taken, *first is the first buffer still
 * (partly) unwritten and that buffer is advanced past what went out, so bufs[*first..n) is
 * what remains for a uv_write. */
int net_try_write(uv_stream_t *s, uv_buf_t *bufs, unsigned n, size_t total, unsigned *first);

#endif
