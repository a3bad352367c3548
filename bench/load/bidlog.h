/* bench/load/bidlog.h - when each bid was written, keyed by (auction generation,
 * amount), so a viewer can turn a decoded `auction:bid` into a latency. Amounts
 * strictly increase within an auction, so the pair is unique. Open addressing,
 * grows at half load; bounded by the number of bids sent. */
#ifndef BENCH_LOAD_BIDLOG_H
#define BENCH_LOAD_BIDLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bidlog_slot {
    uint64_t key; /* 0 = empty */
    uint64_t written_us;
} bidlog_slot;

typedef struct bidlog {
    bidlog_slot *slots;
    size_t cap, count;
} bidlog;

bool bidlog_put(bidlog *log, uint32_t gen, int64_t amount, uint64_t written_us);
bool bidlog_get(const bidlog *log, uint32_t gen, int64_t amount, uint64_t *written_us);
void bidlog_free(bidlog *log);

#endif
