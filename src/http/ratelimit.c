#include "http/ratelimit.h"

#include "base/err.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct bucket {
    struct bucket *next;
    double tokens;
    int64_t updated_ms;
    double rate, burst;
    char key[];
} bucket;

#define NSLOTS 4096

typedef struct mem_limiter {
    http_limiter base;
    pthread_mutex_t lock;
    bucket *slots[NSLOTS];
    int count;
    int max_keys;
} mem_limiter;

static uint32_t hash_key(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 16777619u;
    }
    return h;
}

static void refill(bucket *b, int64_t now_ms)
{
    if (now_ms > b->updated_ms) {
        b->tokens += (double)(now_ms - b->updated_ms) / 1000.0 * b->rate;
        if (b->tokens > b->burst) {
            b->tokens = b->burst;
        }
        b->updated_ms = now_ms;
    }
}

/* Drop buckets that have refilled completely: forgetting them changes nothing. */
static void evict_full(mem_limiter *m, int64_t now_ms)
{
    for (int i = 0; i < NSLOTS; i++) {
        bucket **pp = &m->slots[i];
        while (*pp) {
            bucket *b = *pp;
            refill(b, now_ms);
            if (b->tokens >= b->burst) {
                *pp = b->next;
                free(b);
                m->count--;
            } else {
                pp = &b->next;
            }
        }
    }
}

static bucket *find_or_add(mem_limiter *m, const char *key, int64_t now_ms, double burst)
{
    uint32_t slot = hash_key(key) % NSLOTS;
    for (bucket *b = m->slots[slot]; b; b = b->next) {
        if (strcmp(b->key, key) == 0) {
            return b;
        }
    }
    if (m->count >= m->max_keys) {
        evict_full(m, now_ms);
        if (m->count >= m->max_keys) {
            return NULL;
        }
    }
    size_t len = strlen(key);
    bucket *b = malloc(sizeof(*b) + len + 1);
    if (!b) {
        return NULL;
    }
    memcpy(b->key, key, len + 1);
    b->tokens = burst;
    b->updated_ms = now_ms;
    b->next = m->slots[slot];
    m->slots[slot] = b;
    m->count++;
    return b;
}

/* `key`'s bucket with this call's rate and burst, refilled to `now_ms`; NULL when the table is
 * full of active buckets. Under m->lock. */
static bucket *current(mem_limiter *m, const char *key, int64_t now_ms, double rate, double burst)
{
    bucket *b = find_or_add(m, key, now_ms, burst);
    if (b) {
        b->rate = rate;
        b->burst = burst;
        refill(b, now_ms);
    }
    return b;
}

static int mem_take(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                    int *retry_after_s)
{
    mem_limiter *m = (mem_limiter *)l;
    int rc = BZ_OK;
    pthread_mutex_lock(&m->lock);
    bucket *b = current(m, key, now_ms, rate, burst);
    if (!b) {
        /* Table full of active buckets: fail closed, this is an attack-sized key space. */
        *retry_after_s = 1;
        rc = BZ_ERATELIMIT;
    } else {
        if (b->tokens >= 1.0) {
            b->tokens -= 1.0;
        } else {
            double wait_s = (1.0 - b->tokens) / rate;
            int whole = (int)wait_s;
            if ((double)whole < wait_s) {
                whole++;
            }
            *retry_after_s = whole < 1 ? 1 : whole;
            rc = BZ_ERATELIMIT;
        }
    }
    pthread_mutex_unlock(&m->lock);
    return rc;
}

static int mem_give(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst)
{
    mem_limiter *m = (mem_limiter *)l;
    pthread_mutex_lock(&m->lock);
    bucket *b = current(m, key, now_ms, rate, burst);
    if (b) {
        b->tokens = b->tokens + 1.0 > burst ? burst : b->tokens + 1.0;
    }
    pthread_mutex_unlock(&m->lock);
    return BZ_OK;
}

static int mem_peek(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                    double *tokens)
{
    mem_limiter *m = (mem_limiter *)l;
    pthread_mutex_lock(&m->lock);
    bucket *b = current(m, key, now_ms, rate, burst);
    *tokens = b ? b->tokens : 0; /* table full of active buckets: assume the worst */
    pthread_mutex_unlock(&m->lock);
    return BZ_OK;
}

static void mem_destroy(http_limiter *l)
{
    mem_limiter *m = (mem_limiter *)l;
    for (int i = 0; i < NSLOTS; i++) {
        bucket *b = m->slots[i];
        while (b) {
            bucket *next = b->next;
            free(b);
            b = next;
        }
    }
    pthread_mutex_destroy(&m->lock);
    free(m);
}

static const struct http_limiter_ops mem_ops = {
    .take = mem_take, .destroy = mem_destroy, .give = mem_give, .peek = mem_peek};

http_limiter *http_limiter_memory_new(int max_keys)
{
    mem_limiter *m = calloc(1, sizeof(*m));
    if (!m) {
        return NULL;
    }
    m->base.ops = &mem_ops;
    m->max_keys = max_keys > 0 ? max_keys : 100000;
    pthread_mutex_init(&m->lock, NULL);
    return &m->base;
}

int http_limiter_take(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                      int *retry_after_s)
{
    return l->ops->take(l, key, now_ms, rate, burst, retry_after_s);
}

void http_limiter_destroy(http_limiter *l)
{
    if (l) {
        l->ops->destroy(l);
    }
}

int http_limiter_give(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst)
{
    return l->ops->give(l, key, now_ms, rate, burst);
}

int http_limiter_peek(http_limiter *l, const char *key, int64_t now_ms, double rate, double burst,
                      double *tokens)
{
    return l->ops->peek(l, key, now_ms, rate, burst, tokens);
}
