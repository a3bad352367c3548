#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <math.h>
#include <stdlib.h>

#include "stats.h"

static lat_hist h;

/* Nearest-rank percentile of sorted values, the definition lat_hist follows. */
static uint64_t exact_percentile(const uint64_t *sorted, size_t n, double p)
{
    size_t rank = (size_t)ceil(p / 100.0 * (double)n);
    return sorted[rank ? rank - 1 : 0];
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void empty_histogram_reports_zero(void **state)
{
    lat_hist_init(&h);
    assert_int_equal(lat_hist_percentile(&h, 50), 0);
    assert_true(lat_hist_mean(&h) == 0.0);
}

static void small_values_are_exact(void **state)
{
    lat_hist_init(&h);
    for (uint64_t v = 1; v <= 100; v++) {
        lat_hist_add(&h, v);
    }
    assert_int_equal(lat_hist_percentile(&h, 50), 50);
    assert_int_equal(lat_hist_percentile(&h, 99), 99);
    assert_int_equal(lat_hist_percentile(&h, 100), 100);
    assert_int_equal(lat_hist_percentile(&h, 0), 1);
    assert_int_equal(h.max_us, 100);
    assert_true(fabs(lat_hist_mean(&h) - 50.5) < 1e-9);
}

static void buckets_cover_the_range_without_gaps(void **state)
{
    uint64_t expected_low = 0;
    for (unsigned i = 0; i < LAT_BUCKETS; i++) {
        uint64_t low, width;
        lat_bucket_range(i, &low, &width);
        assert_int_equal(low, expected_low);
        assert_int_equal(lat_bucket_of(low), i);
        assert_int_equal(lat_bucket_of(low + width - 1), i);
        expected_low = low + width;
    }
    assert_int_equal(expected_low, LAT_MAX_US);
    assert_int_equal(lat_bucket_of(LAT_MAX_US * 4), LAT_BUCKETS - 1);
}

static void percentiles_are_within_one_percent(void **state)
{
    enum { N = 100000 };
    uint64_t *values = malloc(N * sizeof *values);
    srand(7);
    lat_hist_init(&h);
    for (size_t i = 0; i < N; i++) {
        /* a long tail: most around 1-5 ms, some up to seconds */
        uint64_t v = (uint64_t)(rand() % 4000) + 1000;
        if (i % 100 == 0) {
            v *= (uint64_t)(rand() % 500) + 1;
        }
        values[i] = v;
        lat_hist_add(&h, v);
    }
    qsort(values, N, sizeof *values, cmp_u64);
    static const double points[] = {1, 50, 90, 99, 99.9, 100};
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        double exact = (double)exact_percentile(values, N, points[i]);
        double got = (double)lat_hist_percentile(&h, points[i]);
        assert_true(fabs(got - exact) <= exact * 0.01);
    }
    assert_int_equal(h.max_us, values[N - 1]);
    free(values);
}

static void merge_adds_counts(void **state)
{
    static lat_hist other;
    lat_hist_init(&h);
    lat_hist_init(&other);
    lat_hist_add(&h, 10);
    lat_hist_add(&other, 20);
    lat_hist_add(&other, 5000);
    lat_hist_merge(&h, &other);
    assert_int_equal(h.total, 3);
    assert_int_equal(h.max_us, 5000);
    assert_int_equal(lat_hist_percentile(&h, 50), 20);
}

UNIT_MAIN(cmocka_unit_test(empty_histogram_reports_zero), cmocka_unit_test(small_values_are_exact),
          cmocka_unit_test(buckets_cover_the_range_without_gaps),
          cmocka_unit_test(percentiles_are_within_one_percent), cmocka_unit_test(merge_adds_counts))
