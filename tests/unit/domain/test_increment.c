/* Unit tests for domain/increment.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>

#include "domain/increment.h"
#include "domain/money.h"

#define RM(x) ((int64_t)(x)*100)

static void table_is_monotone_and_starts_at_zero(void **state)
{
    size_t n = 0;
    const increment_band *t = increment_table(&n);
    assert_true(n >= 8);
    assert_int_equal(t[0].from_sen, 0);
    for (size_t i = 1; i < n; i++) {
        assert_true(t[i].from_sen > t[i - 1].from_sen);
        assert_true(t[i].step_sen > t[i - 1].step_sen);
        /* Band edges are reachable in whole steps of the band below. */
        assert_int_equal((t[i].from_sen - t[i - 1].from_sen) % t[i - 1].step_sen, 0);
        /* A step never exceeds 10% of its band's lower bound (fair on cheap lots). */
        assert_true(t[i].step_sen * 10 <= t[i].from_sen);
    }
    /* It goes beyond RM2,000. */
    assert_true(t[n - 1].from_sen > RM(2000));
}

static void documented_steps(void **state)
{
    assert_int_equal(increment_for(0), RM(1));
    assert_int_equal(increment_for(RM(1)), RM(1));
    assert_int_equal(increment_for(RM(29) + 99), RM(1));
    assert_int_equal(increment_for(RM(30)), RM(2));
    assert_int_equal(increment_for(RM(49)), RM(2));
    assert_int_equal(increment_for(RM(50)), RM(5));
    assert_int_equal(increment_for(RM(99)), RM(5));
    assert_int_equal(increment_for(RM(100)), RM(10));
    assert_int_equal(increment_for(RM(249)), RM(10));
    assert_int_equal(increment_for(RM(250)), RM(25));
    assert_int_equal(increment_for(RM(499)), RM(25));
    assert_int_equal(increment_for(RM(500)), RM(50));
    assert_int_equal(increment_for(RM(2000)), RM(50));
    assert_int_equal(increment_for(RM(2001)), RM(50));
    assert_int_equal(increment_for(RM(5000)), RM(100));
    assert_int_equal(increment_for(RM(10000)), RM(250));
    assert_int_equal(increment_for(RM(25000)), RM(500));
    assert_int_equal(increment_for(RM(50000)), RM(1000));
    assert_int_equal(increment_for(RM(100000)), RM(2500));
    assert_int_equal(increment_for(MONEY_PRICE_CAP_SEN), RM(2500));
}

static void min_next_bid(void **state)
{
    assert_int_equal(increment_min_next_bid(false, 0, RM(10)), RM(10));
    assert_int_equal(increment_min_next_bid(false, RM(99), RM(10)), RM(10));
    assert_int_equal(increment_min_next_bid(true, RM(10), RM(10)), RM(11));
    assert_int_equal(increment_min_next_bid(true, RM(29), RM(1)), RM(30));
    assert_int_equal(increment_min_next_bid(true, RM(30), RM(1)), RM(32));
    assert_int_equal(increment_min_next_bid(true, RM(48), RM(1)), RM(50));
    assert_int_equal(increment_min_next_bid(true, RM(49), RM(1)), RM(51));
    assert_int_equal(increment_min_next_bid(true, RM(12) + 50, RM(1)), RM(13) + 50);
    assert_int_equal(increment_min_next_bid(true, INT64_MAX - 10, RM(1)), INT64_MAX);
}

static void min_next_strictly_increases_with_current(void **state)
{
    int64_t prev = increment_min_next_bid(true, 0, 100);
    for (int64_t cur = 1; cur <= RM(200000); cur += (cur < RM(1000) ? 1 : 97)) {
        int64_t next = increment_min_next_bid(true, cur, 100);
        assert_true(next > prev);
        assert_true(next > cur);
        prev = next;
    }
}

UNIT_MAIN(cmocka_unit_test(table_is_monotone_and_starts_at_zero),
          cmocka_unit_test(documented_steps), cmocka_unit_test(min_next_bid),
          cmocka_unit_test(min_next_strictly_increases_with_current))
