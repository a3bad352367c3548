/* bench/load/netutil.h - libuv helpers shared by the HTTP and WebSocket clients:
 * loopback connects spread over source addresses, copy-on-demand writes, one
 * shared read buffer, a growable byte buffer and the file-descriptor limit. */
#ifndef BENCH_LOAD_NETUTIL_H
#define BENCH_LOAD_NETUTIL_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

/* Host and port of an http://127.x.y.z:PORT URL (loopback only, by design). */
typedef struct target {
    struct sockaddr_in addr;
    char host[64]; /* "127.0.0.1:8080", for the Host header */
} target;

/* Parses "http://IP:PORT[/]" with an IPv4 loopback IP. False otherwise. */
bool target_parse(const char *url, target *out);

/* Source address i (0-based) of the spread: 127.0.0.(1 + i % count). Each (source,
 * destination) pair has its own ~28k ephemeral ports. */
void source_addr(unsigned i, unsigned count, struct sockaddr_in *out);

/* Initialises tcp on loop, binds it to src without taking a port (the kernel picks
 * the port at connect time, per 4-tuple) and starts connecting. 0 or a libuv error;
 * *needs_close says whether the handle was initialised (then it must be closed,
 * also on error). */
int tcp_connect_from(uv_loop_t *loop, uv_tcp_t *tcp, uv_connect_t *req,
                     const struct sockaddr_in *src, const struct sockaddr_in *dst, uv_connect_cb cb,
                     bool *needs_close);

/* Writes now when the socket takes it all, else queues a copy. 0 or a libuv error. */
int stream_write_copy(uv_stream_t *s, const void *data, size_t len);

/* uv_alloc_cb handing out one shared 256 KiB buffer per thread: reads are consumed before
 * the next one starts (one loop per thread), so connections need no buffer of their own. */
void shared_alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf);

/* A growable buffer for bytes that arrive split across reads. */
typedef struct bytes {
    uint8_t *data;
    size_t len, cap;
} bytes;

bool bytes_append(bytes *b, const void *data, size_t len);
void bytes_consume(bytes *b, size_t n); /* drops the first n bytes */
void bytes_free(bytes *b);

/* Raises RLIMIT_NOFILE towards want (capped by the hard limit); returns the soft limit. */
uint64_t raise_nofile_limit(uint64_t want);

/* Monotonic time in microseconds. */
uint64_t now_us(void);

#endif
