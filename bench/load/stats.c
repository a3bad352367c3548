/* bench/load/stats.c - see stats.h. */
#include "stats.h"

#include <math.h>
#include <string.h>

void lat_hist_init(lat_hist *h)
{
    memset(h, 0, sizeof *h);
}

unsigned lat_bucket_of(uint64_t us)
{
    if (us >= LAT_MAX_US) {
        us = LAT_MAX_US - 1;
    }
    if (us < LAT_EXACT_LIMIT) {
        return (unsigned)us;
    }
    unsigned exp = 63u - (unsigned)__builtin_clzll(us); /* 7 .. 39 */
    unsigned shift = exp - 6u;
    unsigned mant = (unsigned)(us >> shift); /* 64 .. 127 */
    return LAT_EXACT_LIMIT + (exp - 7u) * LAT_SUB_BUCKETS + (mant - LAT_SUB_BUCKETS);
}

void lat_bucket_range(unsigned idx, uint64_t *low, uint64_t *width)
{
    if (idx < LAT_EXACT_LIMIT) {
        *low = idx;
        *width = 1;
        return;
    }
    unsigned rel = idx - LAT_EXACT_LIMIT;
    unsigned exp = 7u + rel / LAT_SUB_BUCKETS;
    uint64_t mant = LAT_SUB_BUCKETS + rel % LAT_SUB_BUCKETS;
    unsigned shift = exp - 6u;
    *low = mant << shift;
    *width = 1ull << shift;
}

void lat_hist_add(lat_hist *h, uint64_t us)
{
    if (us >= LAT_MAX_US) {
        us = LAT_MAX_US - 1;
    }
    h->counts[lat_bucket_of(us)]++;
    h->total++;
    h->sum_us += us;
    if (us > h->max_us) {
        h->max_us = us;
    }
}

void lat_hist_merge(lat_hist *dst, const lat_hist *src)
{
    for (unsigned i = 0; i < LAT_BUCKETS; i++) {
        dst->counts[i] += src->counts[i];
    }
    dst->total += src->total;
    dst->sum_us += src->sum_us;
    if (src->max_us > dst->max_us) {
        dst->max_us = src->max_us;
    }
}

uint64_t lat_hist_percentile(const lat_hist *h, double p)
{
    if (h->total == 0) {
        return 0;
    }
    if (p < 0) {
        p = 0;
    }
    if (p > 100) {
        p = 100;
    }
    uint64_t rank = (uint64_t)ceil(p / 100.0 * (double)h->total);
    if (rank < 1) {
        rank = 1;
    }
    uint64_t seen = 0;
    for (unsigned i = 0; i < LAT_BUCKETS; i++) {
        seen += h->counts[i];
        if (seen >= rank) {
            uint64_t low, width;
            lat_bucket_range(i, &low, &width);
            uint64_t mid = low + width / 2;
            return mid > h->max_us ? h->max_us : mid;
        }
    }
    return h->max_us;
}

double lat_hist_mean(const lat_hist *h)
{
    return h->total ? (double)h->sum_us / (double)h->total : 0.0;
}
