/*
 * Per-address admission table (net/addrtab.h): open addressing with linear probing and
 * backward-shift deletion, keyed by a seeded hash so that addresses chosen by an attacker
 * cannot pile up in one probe run.
 *
 * Invariants:
 *  - A slot is empty iff its tokens are negative.
 *  - count <= cap / 2 after every insertion (probe runs stay short).
 *  - An entry with open == 0 is kept only while its bucket refills; without a rate limit it
 *    is deleted on the release that brings it to 0.
 */
#include "net/addrtab.h"

#include "base/rand.h"

#include <stdlib.h>
#include <string.h>
#include <uv.h>

#define MIN_CAP     64u
#define DEFAULT_MAX (1u << 20)

typedef struct entry {
    net_addr_key key;
    uint32_t open;
    float tokens; /* < 0: empty slot */
    uint64_t updated_ms;
} entry;

_Static_assert(sizeof(entry) == 32, "an address entry is 32 bytes");

struct net_addrtab {
    entry *slots;
    uint32_t cap; /* power of two */
    uint32_t count;
    uint32_t max_entries;
    net_addr_limits lim;
    uint64_t seed[2];
};

bool net_addr_key_from_ip(const char *ip, net_addr_key *out)
{
    memset(out, 0, sizeof(*out));
    unsigned char a[16];
    if (uv_inet_pton(AF_INET, ip, a) == 0) {
        out->b[10] = out->b[11] = 0xff;
        memcpy(out->b + 12, a, 4);
        return true;
    }
    if (uv_inet_pton(AF_INET6, ip, a) != 0) {
        return false;
    }
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(a, mapped, sizeof(mapped)) == 0) {
        memcpy(out->b, a, 16); /* ::ffff:a.b.c.d is an IPv4 client */
    } else {
        memcpy(out->b, a, 8); /* the /64 */
    }
    return true;
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static uint32_t hash_key(const net_addrtab *t, const net_addr_key *k)
{
    uint64_t w[2];
    memcpy(w, k->b, sizeof(w));
    return (uint32_t)mix(mix(w[0] ^ t->seed[0]) ^ w[1] ^ t->seed[1]);
}

static entry *alloc_slots(uint32_t cap)
{
    entry *s = malloc(sizeof(*s) * cap);
    for (uint32_t i = 0; s && i < cap; i++) {
        s[i].tokens = -1.0f;
    }
    return s;
}

net_addrtab *net_addrtab_new(const net_addr_limits *lim, uint32_t max_entries)
{
    net_addrtab *t = calloc(1, sizeof(*t));
    if (!t || !(t->slots = alloc_slots(MIN_CAP))) {
        free(t);
        return NULL;
    }
    t->cap = MIN_CAP;
    t->max_entries = max_entries ? max_entries : DEFAULT_MAX;
    t->lim = *lim;
    bz_random_bytes(t->seed, sizeof(t->seed));
    return t;
}

void net_addrtab_free(net_addrtab *t)
{
    if (t) {
        free(t->slots);
        free(t);
    }
}

static bool rate_limited(const net_addrtab *t)
{
    return t->lim.rate_per_s > 0 && t->lim.burst > 0;
}

static void refill(const net_addrtab *t, entry *e, uint64_t now_ms)
{
    if (now_ms > e->updated_ms) {
        double tokens = e->tokens + (double)(now_ms - e->updated_ms) / 1000.0 * t->lim.rate_per_s;
        e->tokens = (float)(tokens > t->lim.burst ? t->lim.burst : tokens);
        e->updated_ms = now_ms;
    }
}

/* An entry that no longer holds anything and whose bucket is full says nothing: drop it. */
static bool finished(const net_addrtab *t, entry *e, uint64_t now_ms)
{
    if (e->open > 0) {
        return false;
    }
    if (!rate_limited(t)) {
        return true;
    }
    refill(t, e, now_ms);
    return e->tokens >= (float)t->lim.burst;
}

static entry *find(const net_addrtab *t, const net_addr_key *k)
{
    uint32_t mask = t->cap - 1;
    for (uint32_t i = hash_key(t, k) & mask;; i = (i + 1) & mask) {
        entry *e = &t->slots[i];
        if (e->tokens < 0) {
            return NULL;
        }
        if (memcmp(&e->key, k, sizeof(*k)) == 0) {
            return e;
        }
    }
}

static entry *insert_slot(net_addrtab *t, const net_addr_key *k)
{
    uint32_t mask = t->cap - 1;
    uint32_t i = hash_key(t, k) & mask;
    while (t->slots[i].tokens >= 0) {
        i = (i + 1) & mask;
    }
    return &t->slots[i];
}

/* Re-insert the live entries into a table sized for them, dropping finished ones. */
static bool rebuild(net_addrtab *t, uint64_t now_ms)
{
    uint32_t live = 0;
    for (uint32_t i = 0; i < t->cap; i++) {
        entry *e = &t->slots[i];
        if (e->tokens >= 0 && !finished(t, e, now_ms)) {
            live++;
        }
    }
    uint32_t cap = MIN_CAP;
    while (cap < 4 * (live + 1) && cap < (1u << 31)) {
        cap *= 2;
    }
    entry *slots = alloc_slots(cap);
    if (!slots) {
        return false;
    }
    entry *old = t->slots;
    uint32_t old_cap = t->cap;
    t->slots = slots;
    t->cap = cap;
    t->count = 0;
    for (uint32_t i = 0; i < old_cap; i++) {
        entry *e = &old[i];
        if (e->tokens >= 0 && !finished(t, e, now_ms)) {
            *insert_slot(t, &e->key) = *e;
            t->count++;
        }
    }
    free(old);
    return true;
}

static entry *find_or_add(net_addrtab *t, const net_addr_key *k, uint64_t now_ms)
{
    entry *e = find(t, k);
    if (e) {
        return e;
    }
    if ((t->count + 1) * 2 > t->cap && !rebuild(t, now_ms)) {
        return NULL;
    }
    if (t->count >= t->max_entries) {
        return NULL;
    }
    e = insert_slot(t, k);
    e->key = *k;
    e->open = 0;
    e->tokens = (float)t->lim.burst;
    e->updated_ms = now_ms;
    t->count++;
    return e;
}

/* Backward-shift deletion: later members of the probe run move up so no lookup stops early. */
static void delete_entry(net_addrtab *t, entry *e)
{
    uint32_t mask = t->cap - 1;
    uint32_t hole = (uint32_t)(e - t->slots);
    for (uint32_t i = (hole + 1) & mask; t->slots[i].tokens >= 0; i = (i + 1) & mask) {
        uint32_t home = hash_key(t, &t->slots[i].key) & mask;
        /* Move slot i into the hole unless its home lies cyclically in (hole, i]. */
        bool stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
        if (!stays) {
            t->slots[hole] = t->slots[i];
            hole = i;
        }
    }
    t->slots[hole].tokens = -1.0f;
    t->count--;
}

enum net_addr_verdict net_addrtab_acquire(net_addrtab *t, const net_addr_key *key, uint64_t now_ms,
                                          int *retry_after_s)
{
    entry *e = find_or_add(t, key, now_ms);
    if (!e) {
        return NET_ADDR_FULL;
    }
    enum net_addr_verdict v = NET_ADDR_OK;
    if (t->lim.max_open && e->open >= t->lim.max_open) {
        v = NET_ADDR_TOO_MANY;
    } else if (rate_limited(t)) {
        refill(t, e, now_ms);
        if (e->tokens >= 1.0f) {
            e->tokens -= 1.0f;
        } else {
            v = NET_ADDR_TOO_FAST;
            if (retry_after_s) {
                double wait_s = (1.0 - e->tokens) / t->lim.rate_per_s;
                int whole = (int)wait_s + ((double)(int)wait_s < wait_s);
                *retry_after_s = whole < 1 ? 1 : whole;
            }
        }
    }
    if (v == NET_ADDR_OK) {
        e->open++;
    } else if (finished(t, e, now_ms)) {
        delete_entry(t, e); /* a bucket too small ever to hold a token: keep nothing */
    }
    return v;
}

void net_addrtab_release(net_addrtab *t, const net_addr_key *key)
{
    entry *e = find(t, key);
    if (!e || e->open == 0) {
        return;
    }
    e->open--;
    if (e->open == 0 && !rate_limited(t)) {
        delete_entry(t, e);
    }
}

uint32_t net_addrtab_open(const net_addrtab *t, const net_addr_key *key)
{
    const entry *e = find(t, key);
    return e ? e->open : 0;
}

size_t net_addrtab_size(const net_addrtab *t)
{
    return t->count;
}
