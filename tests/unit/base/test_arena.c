#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>
#include <string.h>

#include "base/arena.h"

static void allocations_are_aligned_and_distinct(void **state)
{
    bz_arena *a = bz_arena_new(256);
    char *p = bz_arena_alloc(a, 3);
    char *q = bz_arena_alloc(a, 5);
    assert_non_null(p);
    assert_non_null(q);
    assert_true(p != q);
    assert_int_equal((uintptr_t)q % sizeof(max_align_t), 0);
    bz_arena_free(a);
}

static void large_and_many(void **state)
{
    bz_arena *a = bz_arena_new(256);
    char *big = bz_arena_alloc(a, 10000);
    memset(big, 1, 10000);
    for (int i = 0; i < 1000; i++) {
        char *s = bz_arena_printf(a, "item-%d", i);
        assert_string_equal(s, s); /* touch it */
        assert_int_equal(strncmp(s, "item-", 5), 0);
    }
    assert_true(bz_arena_used(a) >= 10000);
    bz_arena_reset(a);
    assert_int_equal(bz_arena_used(a), 0);
    assert_string_equal(bz_arena_strdup(a, "after reset"), "after reset");
    assert_string_equal(bz_arena_strndup(a, "abcdef", 3), "abc");
    int *z = bz_arena_calloc(a, 4, sizeof(int));
    assert_int_equal(z[0] | z[1] | z[2] | z[3], 0);
    assert_null(bz_arena_calloc(a, SIZE_MAX, 2));
    bz_arena_free(a);
}

UNIT_MAIN(cmocka_unit_test(allocations_are_aligned_and_distinct), cmocka_unit_test(large_and_many))
