#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "base/err.h"
#include "base/rand.h"

static void err_table(void **state)
{
    assert_string_equal(bz_err_code(BZ_ENOTFOUND), "not_found");
    assert_int_equal(bz_err_http_status(BZ_ENOTFOUND), 404);
    assert_int_equal(bz_err_http_status(BZ_EHEADERS), 431);
    assert_string_equal(bz_err_code(BZ_EBIDTOOLOW), "bid_too_low");
    assert_string_equal(bz_err_code(-9999), "internal");
    assert_int_equal(bz_err_http_status(-9999), 500);
}

static void ids_increase_and_carry_time(void **state)
{
    int64_t now = 1764020404123LL;
    int64_t prev = 0;
    for (int i = 0; i < 10000; i++) { /* more than one millisecond's worth of sequence */
        int64_t id = bz_id_new(now);
        assert_true(id > prev);
        prev = id;
    }
    int64_t id = bz_id_new(now + 60000);
    assert_true(bz_id_time_ms(id) == now + 60000);
    /* A clock that steps back still yields increasing ids. */
    assert_true(bz_id_new(now - 1000) > id);
}

static void random_bytes_differ(void **state)
{
    unsigned char a[16], b[16];
    bz_random_bytes(a, sizeof(a));
    bz_random_bytes(b, sizeof(b));
    assert_memory_not_equal(a, b, sizeof(a));
}

UNIT_MAIN(cmocka_unit_test(err_table), cmocka_unit_test(ids_increase_and_carry_time),
          cmocka_unit_test(random_bytes_differ))
