/* bench/load/stats.h - latency histogram with bounded memory and relative error.
 *
 * Log-linear buckets: values below 128 µs are exact, larger ones fall into 64
 * buckets per power of two, so any reported percentile is within 0.8% of a
 * recorded value. Memory is fixed (about 18 KiB), whatever the sample count:
 * a scenario may record millions of deliveries. */
#ifndef BENCH_LOAD_STATS_H
#define BENCH_LOAD_STATS_H

#include <stdint.h>

#define LAT_EXACT_LIMIT 128u
#define LAT_SUB_BUCKETS 64u
#define LAT_MAX_US      (1ull << 40) /* larger samples are clamped (12 days) */
#define LAT_BUCKETS     (LAT_EXACT_LIMIT + (40u - 7u) * LAT_SUB_BUCKETS)

typedef struct lat_hist {
    uint64_t counts[LAT_BUCKETS];
    uint64_t total;
    uint64_t max_us;
    uint64_t sum_us;
} lat_hist;

void lat_hist_init(lat_hist *h);
void lat_hist_add(lat_hist *h, uint64_t us);
/* Adds every sample of src into dst. */
void lat_hist_merge(lat_hist *dst, const lat_hist *src);
/* The smallest recorded value v such that at least p percent of samples are <= v
 * (nearest rank), reported as the midpoint of its bucket and never above the max.
 * 0 when empty. p is clamped to [0, 100]. */
uint64_t lat_hist_percentile(const lat_hist *h, double p);
double lat_hist_mean(const lat_hist *h);

/* Exposed for the tests: bucket index of a value and the bucket's [low, low + width). */
unsigned lat_bucket_of(uint64_t us);
void lat_bucket_range(unsigned idx, uint64_t *low, uint64_t *width);

#endif
