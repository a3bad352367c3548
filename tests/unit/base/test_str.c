#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "base/err.h"
#include "base/str.h"

static void parse_i64(void **state)
{
    int64_t v;
    assert_int_equal(bz_parse_i64("123", 3, &v), BZ_OK);
    assert_int_equal(v, 123);
    assert_int_equal(bz_parse_i64("-9223372036854775808", 20, &v), BZ_OK);
    assert_true(v == INT64_MIN);
    assert_int_equal(bz_parse_i64("9223372036854775808", 19, &v), BZ_EVALIDATION);
    assert_int_equal(bz_parse_i64("12a", 3, &v), BZ_EVALIDATION);
    assert_int_equal(bz_parse_i64("", 0, &v), BZ_EVALIDATION);
    assert_int_equal(bz_parse_i64("-", 1, &v), BZ_EVALIDATION);
}

static void url_decode(void **state)
{
    char s[] = "a%20b+c%2F";
    int n = bz_url_decode(s, strlen(s), true);
    assert_int_equal(n, 6);
    assert_string_equal(s, "a b c/");
    char bad[] = "a%2";
    assert_int_equal(bz_url_decode(bad, 3, false), BZ_EBADREQUEST);
    char bad2[] = "%zz";
    assert_int_equal(bz_url_decode(bad2, 3, false), BZ_EBADREQUEST);
}

static void hex_roundtrip(void **state)
{
    unsigned char in[3] = {0x00, 0xab, 0xff}, out[3];
    char hex[7];
    bz_hex_encode(in, 3, hex);
    assert_string_equal(hex, "00abff");
    assert_int_equal(bz_hex_decode("00ABff", 6, out, 3), BZ_OK);
    assert_memory_equal(in, out, 3);
    assert_int_equal(bz_hex_decode("0g", 2, out, 1), BZ_EBADREQUEST);
}

static void utf8(void **state)
{
    assert_true(bz_utf8_valid("h\xc3\xa9llo", 6));
    assert_int_equal(bz_utf8_len("h\xc3\xa9llo", 6), 5);
    assert_false(bz_utf8_valid("\xc3", 1));         /* truncated */
    assert_false(bz_utf8_valid("\xc0\xaf", 2));     /* overlong */
    assert_false(bz_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
    assert_false(bz_utf8_valid("a\0b", 3));
    assert_true(bz_utf8_valid("\xf0\x9f\x98\x80", 4));
    assert_true(bz_strn_ieq("Content-Type", 12, "content-type"));
    assert_false(bz_strn_ieq("Content", 7, "content-type"));
}

UNIT_MAIN(cmocka_unit_test(parse_i64), cmocka_unit_test(url_decode),
          cmocka_unit_test(hex_roundtrip), cmocka_unit_test(utf8))
