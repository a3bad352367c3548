#include "net/tcp.h"

#include "base/check.h"
#include "base/err.h"
#include "base/log.h"

#include <stdlib.h>
#include <string.h>

int net_addr_parse(const char *hostport, struct sockaddr_storage *out)
{
    if (!hostport) {
        return BZ_EVALIDATION;
    }
    const char *colon = strrchr(hostport, ':');
    if (!colon || colon[1] == '\0') {
        return BZ_EVALIDATION;
    }
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (*end != '\0' || port < 0 || port > 65535) {
        return BZ_EVALIDATION;
    }
    char host[256];
    size_t hlen = (size_t)(colon - hostport);
    if (hlen >= 2 && hostport[0] == '[' && hostport[hlen - 1] == ']') {
        hostport++;
        hlen -= 2;
    }
    if (hlen >= sizeof(host)) {
        return BZ_EVALIDATION;
    }
    memcpy(host, hostport, hlen);
    host[hlen] = '\0';
    if (hlen == 0 || strcmp(host, "localhost") == 0) {
        strcpy(host, hlen == 0 ? "0.0.0.0" : "127.0.0.1");
    }
    memset(out, 0, sizeof(*out));
    if (uv_ip4_addr(host, (int)port, (struct sockaddr_in *)out) == 0) {
        return BZ_OK;
    }
    if (uv_ip6_addr(host, (int)port, (struct sockaddr_in6 *)out) == 0) {
        return BZ_OK;
    }
    return BZ_EVALIDATION;
}

static int bound_port(const uv_tcp_t *tcp)
{
    struct sockaddr_storage ss;
    int len = sizeof(ss);
    if (BZ_NEVER(uv_tcp_getsockname(tcp, (struct sockaddr *)&ss, &len) != 0)) {
        return 0; /* a socket that was just bound has a name */
    }
    if (ss.ss_family == AF_INET6) {
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    }
    return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

int net_tcp_listen(uv_loop_t *loop, uv_tcp_t *tcp, const char *hostport, int backlog,
                   uv_connection_cb on_connection, int *port_out)
{
    struct sockaddr_storage addr;
    if (net_addr_parse(hostport, &addr) != BZ_OK) {
        bz_error("listen: bad address '%s' (want host:port)", hostport ? hostport : "(null)");
        return BZ_EVALIDATION;
    }
    int rc = uv_tcp_init(loop, tcp);
    if (rc != 0) {
        bz_error("listen: %s", uv_strerror(rc));
        return BZ_EINTERNAL;
    }
    rc = uv_tcp_bind(tcp, (const struct sockaddr *)&addr, 0);
    if (rc == 0) {
        rc = uv_listen((uv_stream_t *)tcp, backlog > 0 ? backlog : 511, on_connection);
    }
    if (rc != 0) {
        bz_error("listen on %s: %s", hostport, uv_strerror(rc));
        uv_close((uv_handle_t *)tcp, NULL);
        return BZ_EUNAVAILABLE;
    }
    if (port_out) {
        *port_out = bound_port(tcp);
    }
    return BZ_OK;
}

void net_peer_ip(const uv_tcp_t *tcp, char out[NET_IP_MAX])
{
    struct sockaddr_storage ss;
    int len = sizeof(ss);
    out[0] = '\0';
    if (uv_tcp_getpeername(tcp, (struct sockaddr *)&ss, &len) != 0) {
        return;
    }
    if (ss.ss_family == AF_INET6) {
        uv_ip6_name((const struct sockaddr_in6 *)&ss, out, NET_IP_MAX);
    } else if (ss.ss_family == AF_INET) {
        uv_ip4_name((const struct sockaddr_in *)&ss, out, NET_IP_MAX);
    }
}

int net_try_write(uv_stream_t *s, uv_buf_t *bufs, unsigned n, size_t total, unsigned *first)
{
    int w = uv_try_write(s, bufs, n);
    if (w == UV_EAGAIN || w == UV_ENOSYS) {
        w = 0;
    }
    if (w < 0 || (size_t)w == total) {
        return w;
    }
    if (BZ_NEVER((size_t)w > total)) {
        return UV_EIO; /* libuv took more than it was given: the skip below would overrun */
    }
    unsigned i = 0;
    size_t skip = (size_t)w;
    while (skip >= bufs[i].len) {
        skip -= bufs[i].len;
        i++;
    }
    bufs[i].base += skip;
    bufs[i].len -= skip;
    *first = i;
    return w;
}
