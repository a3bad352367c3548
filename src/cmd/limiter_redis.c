/* The Redis-backed HTTP rate limiter (cmd/limiter_redis.h). */
#include "cmd/limiter_redis.h"

#include "base/err.h"
#include "bus/redis/redis_bucket.h"

#include <stdlib.h>

/* Short: a worker waits this long at most, once a second, while Redis is unreachable. */
#define REDIS_LIMITER_TIMEOUT_MS 200

typedef struct redis_limiter {
    http_limiter base;
    redis_bucket *rb;
    http_limiter *fallback;
} redis_limiter;

static int take(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                int *retry_after_s)
{
    redis_limiter *r = (redis_limiter *)l;
    int rc = redis_bucket_take(r->rb, key, now_ms, rate, burst, retry_after_s);
    return rc == BZ_EUNAVAILABLE
               ? http_limiter_take(r->fallback, key, now_ms, rate, burst, retry_after_s)
               : rc;
}

static int give(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst)
{
    redis_limiter *r = (redis_limiter *)l;
    int rc = redis_bucket_give(r->rb, key, now_ms, rate, burst);
    return rc == BZ_EUNAVAILABLE ? http_limiter_give(r->fallback, key, now_ms, rate, burst) : rc;
}

static int peek(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                double *tokens)
{
    redis_limiter *r = (redis_limiter *)l;
    int rc = redis_bucket_peek(r->rb, key, now_ms, rate, burst, tokens);
    return rc == BZ_EUNAVAILABLE ? http_limiter_peek(r->fallback, key, now_ms, rate, burst, tokens)
                                 : rc;
}

static void destroy(http_limiter *l)
{
    redis_limiter *r = (redis_limiter *)l;
    redis_bucket_free(r->rb);
    http_limiter_destroy(r->fallback);
    free(r);
}

static const struct http_limiter_ops ops = {
    .take = take, .destroy = destroy, .give = give, .peek = peek};

http_limiter *limiter_redis_new(const redis_url *url)
{
    redis_limiter *r = calloc(1, sizeof(*r));
    if (!r) {
        return NULL;
    }
    r->base.ops = &ops;
    r->rb = redis_bucket_new(url, REDIS_LIMITER_TIMEOUT_MS);
    r->fallback = http_limiter_memory_new(0);
    if (!r->rb || !r->fallback) {
        destroy(&r->base);
        return NULL;
    }
    return &r->base;
}
