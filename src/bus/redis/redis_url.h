/*
 * bus/redis/redis_url.h - BLYTZ_REDIS: redis://[[user]:password@]host[:port][/db].
 * Pure parsing, no connection: cmd validates the setting at start with it.
 */
#ifndef BUS_REDIS_REDIS_URL_H
#define BUS_REDIS_REDIS_URL_H

typedef struct redis_url {
    char host[128];
    int port;           /* default 6379 */
    char password[128]; /* "" = no AUTH */
    int db;             /* SELECT for the limiter; pub/sub ignores databases */
} redis_url;

/* 0, or -1 with a one-line reason in `err`. */
int redis_url_parse(const char *s, redis_url *out, char *err, unsigned errlen);

#endif
