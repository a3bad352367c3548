/* The Redis bus message format (bus/redis/bus_redis_wire.h). */
#include "bus/redis/bus_redis_wire.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t bus_redis_channel(const event *ev, char *out, size_t outlen)
{
    int n = snprintf(out, outlen, "blytz:ev:%s:%" PRId64,
                     ev->scope == EVENT_STREAM ? "stream" : "user", ev->target);
    return n > 0 ? (size_t)n : 0;
}

size_t bus_redis_header(const event *ev, char *out, size_t outlen)
{
    size_t nlen = strlen(ev->name);
    if (nlen == 0 || nlen > BUS_REDIS_MAX_NAME || memchr(ev->name, '\n', nlen) ||
        memchr(ev->name, ' ', nlen)) {
        return 0;
    }
    int n = snprintf(out, outlen, "%c %" PRId64 " %" PRId64 " %s\n",
                     ev->scope == EVENT_STREAM ? 's' : 'u', ev->target, ev->seq, ev->name);
    if (n <= 0 || (size_t)n >= outlen || ev->json_len > BUS_REDIS_MAX_MSG - (size_t)n) {
        return 0;
    }
    return (size_t)n;
}

/* A decimal int64 ending at `stop`; advances *p past it and the stop byte. */
static int take_int(const char **p, const char *end, char stop, int64_t *out)
{
    const char *s = *p;
    const char *e = memchr(s, stop, (size_t)(end - s));
    if (!e || e == s || e - s > 20) {
        return -1;
    }
    char tmp[24];
    memcpy(tmp, s, (size_t)(e - s));
    tmp[e - s] = '\0';
    char *endp;
    long long v = strtoll(tmp, &endp, 10);
    if (*endp != '\0') {
        return -1;
    }
    *out = (int64_t)v;
    *p = e + 1;
    return 0;
}

int bus_redis_decode(const char *msg, size_t len, event *ev, char name_buf[BUS_REDIS_MAX_NAME + 1])
{
    if (len < 4 || len > BUS_REDIS_MAX_MSG || (msg[0] != 's' && msg[0] != 'u') || msg[1] != ' ') {
        return -1;
    }
    const char *p = msg + 2, *end = msg + len;
    memset(ev, 0, sizeof(*ev));
    ev->scope = msg[0] == 's' ? EVENT_STREAM : EVENT_USER;
    if (take_int(&p, end, ' ', &ev->target) || take_int(&p, end, ' ', &ev->seq)) {
        return -1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl || nl == p || nl - p > BUS_REDIS_MAX_NAME) {
        return -1;
    }
    memcpy(name_buf, p, (size_t)(nl - p));
    name_buf[nl - p] = '\0';
    ev->name = name_buf;
    ev->json = nl + 1;
    ev->json_len = (size_t)(end - nl - 1);
    return 0;
}
