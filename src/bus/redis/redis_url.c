/* BLYTZ_REDIS parsing (bus/redis/redis_url.h). */
#include "bus/redis/redis_url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_int(const char *s, size_t n, int lo, int hi, int *out)
{
    if (n == 0 || n > 9) {
        return -1;
    }
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    if (v < lo || v > hi) {
        return -1;
    }
    *out = v;
    return 0;
}

/* "[user]:password@" before the host: only the password is used (Redis 6 ACL users are not). */
static int take_auth(const char **p, redis_url *out)
{
    const char *at = strchr(*p, '@');
    if (!at) {
        return 0;
    }
    const char *colon = memchr(*p, ':', (size_t)(at - *p));
    if (!colon) {
        return -1;
    }
    size_t n = (size_t)(at - colon - 1);
    if (n >= sizeof(out->password)) {
        return -1;
    }
    memcpy(out->password, colon + 1, n);
    out->password[n] = '\0';
    *p = at + 1;
    return 0;
}

int redis_url_parse(const char *s, redis_url *out, char *err, unsigned errlen)
{
    memset(out, 0, sizeof(*out));
    out->port = 6379;
    const char *p = s;
    if (strncmp(p, "redis://", 8) != 0) {
        snprintf(err, errlen, "BLYTZ_REDIS: expected redis://host[:port][/db]");
        return -1;
    }
    p += 8;
    if (take_auth(&p, out)) {
        snprintf(err, errlen, "BLYTZ_REDIS: bad credentials (expected redis://:password@host)");
        return -1;
    }
    size_t hlen = strcspn(p, ":/");
    if (hlen == 0 || hlen >= sizeof(out->host)) {
        snprintf(err, errlen, "BLYTZ_REDIS: missing or too long host in \"%s\"", s);
        return -1;
    }
    memcpy(out->host, p, hlen);
    p += hlen;
    if (*p == ':') {
        size_t n = strcspn(++p, "/");
        if (parse_int(p, n, 1, 65535, &out->port)) {
            snprintf(err, errlen, "BLYTZ_REDIS: bad port in \"%s\"", s);
            return -1;
        }
        p += n;
    }
    if (*p == '/' && p[1] != '\0' && parse_int(p + 1, strlen(p + 1), 0, 1000000, &out->db)) {
        snprintf(err, errlen, "BLYTZ_REDIS: bad database number in \"%s\"", s);
        return -1;
    }
    if (*p != '\0' && *p != '/') {
        snprintf(err, errlen, "BLYTZ_REDIS: unexpected \"%s\"", p);
        return -1;
    }
    return 0;
}
