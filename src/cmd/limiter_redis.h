/*
 * cmd/limiter_redis.h - the HTTP rate limiter for several nodes: http/ratelimit.h over the
 * Redis token buckets of bus/redis/redis_bucket.h, falling back to an in-memory limiter
 * (this node's buckets) whenever Redis does not answer, so an outage loosens the limit to
 * per node instead of refusing everyone.
 *
 * Thread rules: as http/ratelimit.h (take on worker threads; destroy once, after the
 * workers have exited).
 */
#ifndef CMD_LIMITER_REDIS_H
#define CMD_LIMITER_REDIS_H

#include "bus/redis/redis_url.h"
#include "http/ratelimit.h"

/* NULL on OOM. */
http_limiter *limiter_redis_new(const redis_url *url);

#endif
