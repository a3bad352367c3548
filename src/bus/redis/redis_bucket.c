/* Shared token buckets in Redis (bus/redis/redis_bucket.h). */
#include "bus/redis/redis_bucket.h"

#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "bus/redis/redis_conn.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RETRY_AFTER_FAILURE_MS 1000

/* KEYS[1] bucket; ARGV now_ms, rate/s, burst, cost: 1 takes a token (if there is one), -1
 * puts one back (up to burst), 0 only looks. Returns {allowed, retry_after_s, tokens}. Tokens
 * are strings (Lua numbers would be truncated to integers in replies, not in HSET). */
static const char script[] =
    "local now, rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])\n"
    "local cost = tonumber(ARGV[4])\n"
    "local b = redis.call('HMGET', KEYS[1], 't', 'u')\n"
    "local t, u = tonumber(b[1]), tonumber(b[2])\n"
    "if t == nil or u == nil then t = burst; u = now end\n"
    "if now > u then t = t + (now - u) / 1000 * rate; u = now end\n"
    "t = math.min(burst, t)\n"
    "local ok, wait = 1, 0\n"
    "if cost > 0 then\n"
    "  if t >= cost then t = t - cost else ok = 0; wait = math.max(1, math.ceil((cost - t) / "
    "rate)) end\n"
    "elseif cost < 0 then t = math.min(burst, t - cost) end\n"
    "if cost ~= 0 then\n"
    "  redis.call('HSET', KEYS[1], 't', tostring(t), 'u', tostring(u))\n"
    "  redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)\n"
    "end\n"
    "return {ok, wait, tostring(t)}\n";

typedef struct conn_state {
    redisContext *c;
    char sha[48];
} conn_state;

struct redis_bucket {
    redis_url url;
    int timeout_ms;
    pthread_key_t key;
    _Atomic int64_t skip_until_ms; /* after a failure, nobody tries before this */
};

static void state_free(void *p)
{
    conn_state *s = p;
    redisFree(s->c);
    free(s);
}

redis_bucket *redis_bucket_new(const redis_url *url, int timeout_ms)
{
    redis_bucket *rb = calloc(1, sizeof(*rb));
    if (!rb || pthread_key_create(&rb->key, state_free)) {
        free(rb);
        return NULL;
    }
    rb->url = *url;
    rb->timeout_ms = timeout_ms;
    return rb;
}

/* This thread's connection with the script loaded, or NULL. */
static conn_state *thread_conn(redis_bucket *rb)
{
    conn_state *s = pthread_getspecific(rb->key);
    if (s && s->c) {
        return s;
    }
    if (!s && (!(s = calloc(1, sizeof(*s))) || pthread_setspecific(rb->key, s))) {
        free(s);
        return NULL;
    }
    char why[128];
    s->c = redis_conn_open(&rb->url, rb->timeout_ms, why, sizeof(why));
    redisReply *r = s->c ? redisCommand(s->c, "SCRIPT LOAD %s", script) : NULL;
    if (!r || r->type != REDIS_REPLY_STRING || r->len >= sizeof(s->sha)) {
        bz_warn("rate limiter: Redis %s:%d unavailable (%s); using this node's buckets",
                rb->url.host, rb->url.port, s->c ? "SCRIPT LOAD failed" : why);
        freeReplyObject(r);
        redisFree(s->c);
        s->c = NULL;
        return NULL;
    }
    memcpy(s->sha, r->str, r->len + 1);
    freeReplyObject(r);
    return s;
}

static redisReply *run(conn_state *s, const char *key, int64_t now_ms, double rate, double burst,
                       int cost)
{
    char now[24], r_s[32], b_s[32], c_s[8];
    snprintf(now, sizeof(now), "%lld", (long long)now_ms);
    snprintf(r_s, sizeof(r_s), "%.17g", rate);
    snprintf(b_s, sizeof(b_s), "%.17g", burst);
    snprintf(c_s, sizeof(c_s), "%d", cost);
    redisReply *r =
        redisCommand(s->c, "EVALSHA %s 1 blytz:rl:%s %s %s %s %s", s->sha, key, now, r_s, b_s, c_s);
    if (r && r->type == REDIS_REPLY_ERROR && !strncmp(r->str, "NOSCRIPT", 8)) {
        freeReplyObject(r); /* Redis restarted or SCRIPT FLUSH: send the body once */
        r = redisCommand(s->c, "EVAL %s 1 blytz:rl:%s %s %s %s %s", script, key, now, r_s, b_s,
                         c_s);
    }
    return r;
}

static bool reply_ok(const redisReply *r)
{
    return r && r->type == REDIS_REPLY_ARRAY && r->elements == 3 &&
           r->element[0]->type == REDIS_REPLY_INTEGER &&
           r->element[1]->type == REDIS_REPLY_INTEGER && r->element[2]->type == REDIS_REPLY_STRING;
}

/* One script call; see the script for `cost`. */
static int update(redis_bucket *rb, const char *key, int64_t now_ms, double rate, double burst,
                  int cost, int *retry_after_s, double *tokens)
{
    int64_t t = bz_now_ms();
    if (t < atomic_load(&rb->skip_until_ms)) {
        return BZ_EUNAVAILABLE;
    }
    conn_state *s = thread_conn(rb);
    redisReply *r = s ? run(s, key, now_ms, rate, burst, cost) : NULL;
    int rc = BZ_EUNAVAILABLE;
    if (reply_ok(r)) {
        rc = r->element[0]->integer ? BZ_OK : BZ_ERATELIMIT;
        *retry_after_s = r->element[1]->integer < 1 ? 1 : (int)r->element[1]->integer;
        *tokens = strtod(r->element[2]->str, NULL);
    } else if (s && s->c) {
        bz_warn("rate limiter: Redis failed (%s); using this node's buckets",
                r && r->type == REDIS_REPLY_ERROR ? r->str : s->c->errstr);
        redisFree(s->c); /* a timed-out context cannot be reused */
        s->c = NULL;
    }
    freeReplyObject(r);
    if (rc == BZ_EUNAVAILABLE) {
        atomic_store(&rb->skip_until_ms, t + RETRY_AFTER_FAILURE_MS);
    }
    return rc;
}

int redis_bucket_take(redis_bucket *rb, const char *key, int64_t now_ms, double rate, double burst,
                      int *retry_after_s)
{
    double tokens;
    return update(rb, key, now_ms, rate, burst, 1, retry_after_s, &tokens);
}

int redis_bucket_give(redis_bucket *rb, const char *key, int64_t now_ms, double rate, double burst)
{
    int retry;
    double tokens;
    return update(rb, key, now_ms, rate, burst, -1, &retry, &tokens);
}

int redis_bucket_peek(redis_bucket *rb, const char *key, int64_t now_ms, double rate, double burst,
                      double *tokens)
{
    int retry;
    return update(rb, key, now_ms, rate, burst, 0, &retry, tokens);
}

void redis_bucket_free(redis_bucket *rb)
{
    if (rb) {
        pthread_key_delete(rb->key);
        free(rb);
    }
}
