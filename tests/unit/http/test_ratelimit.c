/* In-memory token buckets: burst, refill, Retry-After, independent keys. */
#include "base/err.h"
#include "http/ratelimit.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>
#include "unit_main.h"

static void test_buckets(void **state)
{
    http_limiter *l = http_limiter_memory_new(0);
    int retry = 0;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(http_limiter_take(l, "a", 1000, 0.5, 3, &retry), BZ_OK);
    }
    assert_int_equal(http_limiter_take(l, "a", 1000, 0.5, 3, &retry), BZ_ERATELIMIT);
    assert_int_equal(retry, 2); /* one token at 0.5/s */
    assert_int_equal(http_limiter_take(l, "b", 1000, 0.5, 3, &retry), BZ_OK);
    assert_int_equal(http_limiter_take(l, "a", 3000, 0.5, 3, &retry), BZ_OK);
    assert_int_equal(http_limiter_take(l, "a", 3000, 0.5, 3, &retry), BZ_ERATELIMIT);
    http_limiter_destroy(l);
}

/* give undoes a take (never above burst); peek looks without taking. */
static void test_give_and_peek(void **state)
{
    http_limiter *l = http_limiter_memory_new(0);
    int retry = 0;
    double t = -1;
    assert_int_equal(http_limiter_peek(l, "a", 1000, 0.5, 3, &t), BZ_OK);
    assert_true(t == 3.0); /* never used: full */
    for (int i = 0; i < 3; i++) {
        assert_int_equal(http_limiter_take(l, "a", 1000, 0.5, 3, &retry), BZ_OK);
    }
    assert_int_equal(http_limiter_peek(l, "a", 1000, 0.5, 3, &t), BZ_OK);
    assert_true(t == 0.0);
    assert_int_equal(http_limiter_give(l, "a", 1000, 0.5, 3), BZ_OK);
    assert_int_equal(http_limiter_take(l, "a", 1000, 0.5, 3, &retry), BZ_OK);
    assert_int_equal(http_limiter_take(l, "a", 1000, 0.5, 3, &retry), BZ_ERATELIMIT);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(http_limiter_give(l, "b", 1000, 0.5, 3), BZ_OK);
    }
    assert_int_equal(http_limiter_peek(l, "b", 1000, 0.5, 3, &t), BZ_OK);
    assert_true(t == 3.0); /* capped at burst */
    http_limiter_destroy(l);
}

static void test_bounded_keys(void **state)
{
    http_limiter *l = http_limiter_memory_new(4);
    int retry = 0;
    char key[16];
    for (int i = 0; i < 4; i++) {
        snprintf(key, sizeof(key), "k%d", i);
        assert_int_equal(http_limiter_take(l, key, 0, 1, 2, &retry), BZ_OK);
    }
    /* Full of active buckets: new keys are refused (fail closed)... */
    assert_int_equal(http_limiter_take(l, "new", 0, 1, 2, &retry), BZ_ERATELIMIT);
    /* ...until old ones have refilled and can be forgotten. */
    assert_int_equal(http_limiter_take(l, "new", 5000, 1, 2, &retry), BZ_OK);
    http_limiter_destroy(l);
}

UNIT_MAIN(cmocka_unit_test(test_buckets), cmocka_unit_test(test_give_and_peek),
          cmocka_unit_test(test_bounded_keys))
