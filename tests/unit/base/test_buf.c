#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"

static void append_and_cap(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 8);
    assert_int_equal(bz_buf_puts(&b, "abcd"), BZ_OK);
    assert_int_equal(bz_buf_printf(&b, "%d", 123), BZ_OK);
    assert_string_equal(b.data, "abcd123");
    /* Crossing the cap fails and changes nothing. */
    assert_int_equal(bz_buf_puts(&b, "xy"), BZ_ETOOLARGE);
    assert_string_equal(b.data, "abcd123");
    assert_int_equal(bz_buf_putc(&b, 'z'), BZ_OK);
    assert_int_equal(b.len, 8);
    bz_buf_consume(&b, 3);
    assert_string_equal(b.data, "d123z");
    bz_buf_free(&b);
}

static void json_escapes(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(bz_buf_json_str(&b, "a\"b\\c\n\x01"), BZ_OK);
    assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u0001\"");
    bz_buf_reset(&b);
    assert_int_equal(bz_buf_json_str(&b, NULL), BZ_OK);
    assert_string_equal(b.data, "\"\"");
    bz_buf_free(&b);
}

static void steal_transfers_ownership(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    bz_buf_puts(&b, "hello");
    size_t n;
    char *p = bz_buf_steal(&b, &n);
    assert_int_equal(n, 5);
    assert_string_equal(p, "hello");
    assert_null(b.data);
    free(p);
}

/* The capped sink a reader's write callback fills: counts in, 0 (stop) past the cap. */
static void sink_stops_at_the_cap(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 8);
    bz_buf_sink sink = {&b, false};
    char chunk[] = "abcde";
    assert_int_equal(bz_buf_sink_write(chunk, 1, 5, &sink), 5);
    assert_false(sink.overflow);
    assert_int_equal(bz_buf_sink_write(chunk, 1, 5, &sink), 0);
    assert_true(sink.overflow);
    assert_int_equal(b.len, 5);
    assert_string_equal(b.data, "abcde");
    bz_buf_free(&b);
}

UNIT_MAIN(cmocka_unit_test(append_and_cap), cmocka_unit_test(json_escapes),
          cmocka_unit_test(steal_transfers_ownership), cmocka_unit_test(sink_stops_at_the_cap))
