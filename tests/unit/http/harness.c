#include "harness.h"

#include "base/err.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static void *loop_main(void *arg)
{
    harness *h = arg;
    uv_run(&h->loop, UV_RUN_DEFAULT);
    return NULL;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

harness *start(const http_route *routes)
{
    return start_cfg(routes, NULL);
}

harness *start_cfg(const http_route *routes, void (*tweak)(http_server_config *cfg))
{
    harness *h = calloc(1, sizeof(*h));
    strcpy(h->dir, "/tmp/blytz-http-test.XXXXXX");
    assert_non_null(mkdtemp(h->dir));
    char sub[128];
    snprintf(sub, sizeof(sub), "%s/assets", h->dir);
    mkdir(sub, 0755);
    write_file(h->dir, "index.html", "<!doctype html><title>t</title><p>index</p>");
    write_file(h->dir, "sw.js", "self.addEventListener('fetch', () => {});");
    char js[4096] = "";
    while (strlen(js) + 40 < sizeof(js)) {
        strcat(js, "console.log('compressible content');\n");
    }
    write_file(h->dir, "assets/app.js", js);

    uv_loop_init(&h->loop);
    http_server_config cfg;
    http_server_config_defaults(&cfg);
    cfg.addr = "127.0.0.1:0";
    cfg.header_timeout_ms = 300;
    cfg.idle_timeout_ms = 500;
    cfg.cors_origins = "https://ok.example,https://also.example";
    cfg.static_dir = h->dir;
    cfg.rate_auth_per_s = 0.01;
    cfg.rate_auth_burst = 2;
    cfg.access_log = true;
    if (tweak) {
        tweak(&cfg);
    }
    h->srv = http_server_new(&h->loop, &cfg, NULL, NULL, NULL, NULL);
    assert_non_null(h->srv);
    assert_int_equal(http_server_add_routes(h->srv, routes), BZ_OK);
    assert_int_equal(http_server_start(h->srv), BZ_OK);
    h->port = http_server_port(h->srv);
    assert_true(h->port > 0);
    pthread_create(&h->thread, NULL, loop_main, h);
    return h;
}

void stop(harness *h)
{
    http_server_stop(h->srv);
    pthread_join(h->thread, NULL);
    assert_true(http_server_stopped(h->srv));
    http_server_free(h->srv);
    assert_int_equal(uv_loop_close(&h->loop), 0);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", h->dir);
    assert_int_equal(system(cmd), 0);
    free(h);
}

int dial(harness *h)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)h->port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    struct timeval tv = {.tv_sec = 5};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    return fd;
}

void send_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0) {
            return; /* the server may have closed early on purpose */
        }
        data += n;
        len -= (size_t)n;
    }
}

void send_str(int fd, const char *s)
{
    send_all(fd, s, strlen(s));
}

static char inbuf[1 << 16];
static size_t inlen;

/* Read one response: its head, then a body framed by Content-Length unless `head_only` (the
 * answer to a HEAD). false on EOF/timeout before a full one. */
static bool read_framed(int fd, response *r, bool head_only)
{
    memset(r, 0, sizeof(*r));
    for (;;) {
        char *end = memmem(inbuf, inlen, "\r\n\r\n", 4);
        if (end) {
            size_t hlen = (size_t)(end - inbuf) + 4;
            size_t clen = 0;
            char *cl = head_only ? NULL : memmem(inbuf, hlen, "Content-Length: ", 16);
            if (cl) {
                clen = strtoul(cl + 16, NULL, 10);
            }
            if (inlen >= hlen + clen) {
                memcpy(r->head, inbuf, hlen < sizeof(r->head) - 1 ? hlen : sizeof(r->head) - 1);
                r->status = atoi(inbuf + 9);
                r->body_len = clen < sizeof(r->body) - 1 ? clen : sizeof(r->body) - 1;
                memcpy(r->body, inbuf + hlen, r->body_len);
                memmove(inbuf, inbuf + hlen + clen, inlen - hlen - clen);
                inlen -= hlen + clen;
                return true;
            }
        }
        ssize_t n = recv(fd, inbuf + inlen, sizeof(inbuf) - inlen, 0);
        if (n <= 0) {
            return false;
        }
        inlen += (size_t)n;
    }
}

bool read_response(int fd, response *r)
{
    return read_framed(fd, r, false);
}

bool read_head_only(int fd, response *r)
{
    return read_framed(fd, r, true);
}

bool closed_by_peer(int fd)
{
    char b[256];
    for (;;) {
        ssize_t n = recv(fd, b, sizeof(b), 0);
        if (n == 0) {
            return true;
        }
        if (n < 0) {
            return false;
        }
    }
}

void done_with(int fd)
{
    close(fd);
    inlen = 0;
}

void inlen_reset(void)
{
    inlen = 0;
}
