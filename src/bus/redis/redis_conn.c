/* Blocking Redis connections (bus/redis/redis_conn.h). */
#include "bus/redis/redis_conn.h"

#include <stdio.h>

static int simple_command(redisContext *c, char *why, unsigned whylen, const char *fmt,
                          const char *arg)
{
    redisReply *r = redisCommand(c, fmt, arg);
    int ok = r && r->type != REDIS_REPLY_ERROR;
    snprintf(why, whylen, "%s", r ? (r->type == REDIS_REPLY_ERROR ? r->str : "") : c->errstr);
    if (r) {
        freeReplyObject(r);
    }
    return ok ? 0 : -1;
}

redisContext *redis_conn_open(const redis_url *u, int timeout_ms, char *why, unsigned whylen)
{
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    redisContext *c = redisConnectWithTimeout(u->host, u->port, tv);
    if (!c || c->err) {
        snprintf(why, whylen, "%s", c ? c->errstr : "out of memory");
        redisFree(c);
        return NULL;
    }
    redisSetTimeout(c, tv);
    redisEnableKeepAlive(c);
    char db[16];
    snprintf(db, sizeof(db), "%d", u->db);
    if ((u->password[0] && simple_command(c, why, whylen, "AUTH %s", u->password)) ||
        (u->db && simple_command(c, why, whylen, "SELECT %s", db))) {
        redisFree(c);
        return NULL;
    }
    return c;
}
