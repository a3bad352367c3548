/*
 * http/ratelimit.h - token-bucket rate limiting behind a small interface, so that a shared
 * (Redis) limiter can replace the in-process one when Blytz runs on several nodes.
 *
 * Thread rules: take() is called from worker threads concurrently; implementations must be
 * thread-safe. destroy() runs once, when nothing else uses the limiter.
 */
#ifndef HTTP_RATELIMIT_H
#define HTTP_RATELIMIT_H

#include <stdint.h>

typedef struct http_limiter http_limiter;

struct http_limiter_ops {
    /* Take one token from the bucket `key` (refilling `rate` tokens per second up to `burst`).
     * Returns 0 if allowed; otherwise BZ_ERATELIMIT with *retry_after_s set to the whole
     * seconds until a token is available (at least 1). */
    int (*take)(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                int *retry_after_s);
    void (*destroy)(http_limiter *l);
    /* Put one token back into `key` (never above `burst`): undoes a take whose request turned
     * out not to count (a login that did not fail). BZ_OK. */
    int (*give)(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst);
    /* The tokens `key` holds at `now_ms` without taking any (a bucket never used is full).
     * BZ_OK with *tokens. */
    int (*peek)(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                double *tokens);
};

struct http_limiter {
    const struct http_limiter_ops *ops;
};

/* The in-process limiter: a mutex-guarded hash of buckets; idle full buckets are evicted so
 * memory stays bounded (at most `max_keys` buckets, 0 = 100k). NULL on OOM. */
http_limiter *http_limiter_memory_new(int max_keys);

/* Convenience wrappers. */
int http_limiter_take(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                      int *retry_after_s);
void http_limiter_destroy(http_limiter *l);
int http_limiter_give(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst);
int http_limiter_peek(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                      double *tokens);

#endif
