/*
 * bus/redis/redis_bucket.h - token buckets shared by every node, in Redis: one hash per key
 * ("blytz:rl:<key>": tokens, updated_ms), updated atomically by a Lua script (EVALSHA,
 * loaded with SCRIPT LOAD on each connection, reloaded on NOSCRIPT), expiring once it
 * would have refilled. The HTTP rate limiter (cmd) wraps it and falls back to the
 * in-memory limiter on BZ_EUNAVAILABLE.
 *
 * Thread rules: take() is called on worker threads, concurrently and synchronously: each
 * thread has its own blocking connection (thread-specific data, closed at thread exit)
 * with a short timeout. After a failure every thread skips Redis for a second, so a dead
 * Redis costs one timeout per second, not one per request. free() after every thread that
 * called take() has exited (a connection of a live thread would leak).
 */
#ifndef BUS_REDIS_REDIS_BUCKET_H
#define BUS_REDIS_REDIS_BUCKET_H

#include "bus/redis/redis_url.h"

#include <stdint.h>

typedef struct redis_bucket redis_bucket;

/* `timeout_ms` bounds connect and each command. NULL on OOM. */
redis_bucket *redis_bucket_new(const redis_url *url, int timeout_ms);

/* Take one token from `key` (refill `rate`/s up to `burst`, clock `now_ms`): BZ_OK,
 * BZ_ERATELIMIT with *retry_after_s (>= 1), or BZ_EUNAVAILABLE when Redis did not answer. */
int redis_bucket_take(redis_bucket *rb, const char *key, int64_t now_ms, double rate, double burst,
                      int *retry_after_s);

/* Put one token back into `key`, never above `burst` (a take that should not have counted):
 * BZ_OK or BZ_EUNAVAILABLE. */
int redis_bucket_give(redis_bucket *rb, const char *key, int64_t now_ms, double rate, double burst);

/* The tokens `key` holds at `now_ms` (`burst` for a bucket never used), changing nothing:
 * BZ_OK or BZ_EUNAVAILABLE. */
int redis_bucket_peek(redis_bucket *rb, const char *key, int64_t now_ms, double rate, double burst,
                      double *tokens);

void redis_bucket_free(redis_bucket *rb);

#endif
