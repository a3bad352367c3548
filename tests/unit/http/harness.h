/*
 * Test harness for the HTTP server: a server on a loopback ephemeral port with its loop on a
 * background thread, static files in a temporary directory, and a tiny blocking client.
 */
#ifndef TESTS_UNIT_HTTP_HARNESS_H
#define TESTS_UNIT_HTTP_HARNESS_H

#include "http/server.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct harness {
    uv_loop_t loop;
    http_server *srv;
    pthread_t thread;
    int port;
    char dir[64];
} harness;

typedef struct response {
    int status;
    char head[4096];
    char body[8192];
    size_t body_len;
} response;

/* Start a server with `routes` (plus the built-ins); index.html and assets/app.js exist. */
harness *start(const http_route *routes);
/* The same, with `tweak` changing the test configuration before the server is made. */
harness *start_cfg(const http_route *routes, void (*tweak)(http_server_config *cfg));
/* Graceful stop, join, free, remove the directory. */
void stop(harness *h);
int dial(harness *h);
void send_all(int fd, const char *data, size_t len);
void send_str(int fd, const char *s);
/* One Content-Length framed response; false on EOF or timeout. */
bool read_response(int fd, response *r);
/* Status line and headers only (HEAD, 100 Continue). */
bool read_head_only(int fd, response *r);
/* True once the server closes the connection (any unread data is skipped). */
bool closed_by_peer(int fd);
void done_with(int fd);
/* Forget buffered input (when switching between connections without closing them). */
void inlen_reset(void);

#endif
