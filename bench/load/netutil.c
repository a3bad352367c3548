/* bench/load/netutil.c - see netutil.h. */
#include "netutil.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

bool target_parse(const char *url, target *out)
{
    char ip[32];
    unsigned port;
    int used = 0;
    memset(out, 0, sizeof *out);
    if (sscanf(url, "http://%31[0-9.]:%u%n", ip, &port, &used) != 2 || port == 0 || port > 65535) {
        return false;
    }
    if (url[used] != '\0' && strcmp(url + used, "/") != 0) {
        return false;
    }
    out->addr.sin_family = AF_INET;
    out->addr.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, ip, &out->addr.sin_addr) != 1) {
        return false;
    }
    if ((ntohl(out->addr.sin_addr.s_addr) >> 24) != 127) {
        return false; /* the tool only ever talks to this machine */
    }
    snprintf(out->host, sizeof out->host, "%s:%u", ip, port);
    return true;
}

void source_addr(unsigned i, unsigned count, struct sockaddr_in *out)
{
    memset(out, 0, sizeof *out);
    out->sin_family = AF_INET;
    out->sin_addr.s_addr = htonl(0x7F000001u + (count ? i % count : 0));
}

int tcp_connect_from(uv_loop_t *loop, uv_tcp_t *tcp, uv_connect_t *req,
                     const struct sockaddr_in *src, const struct sockaddr_in *dst, uv_connect_cb cb,
                     bool *needs_close)
{
    int rc = uv_tcp_init_ex(loop, tcp, AF_INET);
    *needs_close = rc == 0;
    if (rc) {
        return rc;
    }
    uv_os_fd_t fd;
    if (uv_fileno((uv_handle_t *)tcp, &fd) == 0) {
        int one = 1;
        /* Without this, bind() reserves a port per source address for every socket and
         * runs out at ~28k; with it the port is chosen per 4-tuple at connect time. */
        setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    }
    if ((rc = uv_tcp_bind(tcp, (const struct sockaddr *)src, 0))) {
        return rc;
    }
    uv_tcp_nodelay(tcp, 1);
    return uv_tcp_connect(req, tcp, (const struct sockaddr *)dst, cb);
}

typedef struct write_copy {
    uv_write_t req;
    char data[];
} write_copy;

static void write_copy_done(uv_write_t *req, int status)
{
    free(req);
}

int stream_write_copy(uv_stream_t *s, const void *data, size_t len)
{
    uv_buf_t buf = uv_buf_init((char *)data, (unsigned)len);
    int n = uv_try_write(s, &buf, 1);
    if (n == (int)len) {
        return 0;
    }
    if (n < 0 && n != UV_EAGAIN) {
        return n;
    }
    size_t done = n > 0 ? (size_t)n : 0;
    write_copy *w = malloc(sizeof *w + (len - done));
    if (!w) {
        return UV_ENOMEM;
    }
    memcpy(w->data, (const char *)data + done, len - done);
    buf = uv_buf_init(w->data, (unsigned)(len - done));
    int rc = uv_write(&w->req, s, &buf, 1, write_copy_done);
    if (rc) {
        free(w);
    }
    return rc;
}

void shared_alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    static _Thread_local char shared[256 * 1024]; /* one per loop thread (flood's prober) */
    *buf = uv_buf_init(shared, sizeof shared);
}

bool bytes_append(bytes *b, const void *data, size_t len)
{
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + len) {
            cap *= 2;
        }
        uint8_t *grown = realloc(b->data, cap);
        if (!grown) {
            return false;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return true;
}

void bytes_consume(bytes *b, size_t n)
{
    if (n >= b->len) {
        bytes_free(b); /* idle connections keep no buffer */
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
}

void bytes_free(bytes *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

uint64_t raise_nofile_limit(uint64_t want)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        return 0;
    }
    if (rl.rlim_cur < want) {
        rl.rlim_cur = want < rl.rlim_max ? want : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    return rl.rlim_cur;
}

uint64_t now_us(void)
{
    return uv_hrtime() / 1000;
}
