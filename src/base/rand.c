#include "base/rand.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <sys/random.h>

#define ID_EPOCH_MS  1704067200000LL /* 2024-01-01T00:00:00Z */
#define ID_NODE_BITS 10
#define ID_SEQ_BITS  12

static atomic_int_fast64_t last_stamp; /* (ms << ID_SEQ_BITS) | seq of the last id */
static atomic_int node_tag = -1;

void bz_random_bytes(void *buf, size_t len)
{
    unsigned char *p = buf;
    while (len) {
        ssize_t n = getrandom(p, len, 0);
        if (n <= 0) {
            abort(); /* no entropy source: continuing would issue guessable tokens */
        }
        p += n;
        len -= (size_t)n;
    }
}

void bz_id_set_node(unsigned node)
{
    atomic_store(&node_tag, (int)(node & ((1u << ID_NODE_BITS) - 1)));
}

static int64_t node(void)
{
    int n = atomic_load(&node_tag);
    if (n < 0) {
        uint16_t r;
        bz_random_bytes(&r, sizeof(r));
        int expected = -1;
        atomic_compare_exchange_strong(&node_tag, &expected, r & ((1u << ID_NODE_BITS) - 1));
        n = atomic_load(&node_tag);
    }
    return n;
}

int64_t bz_id_new(int64_t now_ms)
{
    int64_t t = now_ms - ID_EPOCH_MS;
    if (t < 0) {
        t = 0;
    }
    int64_t want = t << ID_SEQ_BITS;
    int64_t prev = atomic_load(&last_stamp);
    int64_t next;
    do {
        /* Same or earlier millisecond (or the clock stepped back): take the next sequence. */
        next = want > prev ? want : prev + 1;
    } while (!atomic_compare_exchange_weak(&last_stamp, &prev, next));
    int64_t ms = next >> ID_SEQ_BITS;
    int64_t seq = next & ((1 << ID_SEQ_BITS) - 1);
    return (ms << (ID_NODE_BITS + ID_SEQ_BITS)) | (node() << ID_SEQ_BITS) | seq;
}

int64_t bz_id_time_ms(int64_t id)
{
    return (id >> (ID_NODE_BITS + ID_SEQ_BITS)) + ID_EPOCH_MS;
}
