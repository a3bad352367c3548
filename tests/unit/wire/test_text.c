/* JSON written member by member (wire/text.h) reads exactly like the trees of wire/wire.h. */
#include "wire/text.h"
#include "wire/wire.h"

#include "base/check.h"
#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "unit_main.h"

#define T0 1767225600000LL /* 2026-01-01T00:00:00Z */

/* Text of one member `v` written by `write` means what the tree primitive's `want` means (the
 * same JSON value; the text differs at most in the case of a \u escape's hex digits). */
static void assert_same(wire_text_writer write, const void *v, json_t *want)
{
    json_t *tree = wire_wrap("k", want);
    json_t *back = wire_text_tree(write, v); /* NULL unless the text is whole and parses */
    assert_non_null(tree);
    assert_non_null(back);
    assert_true(json_equal(back, tree));
    json_decref(back);
    json_decref(tree);
}

static void id(wire_text *t, const void *v)
{
    wire_text_id(t, "k", *(const int64_t *)v);
}
static void id_or_null(wire_text *t, const void *v)
{
    wire_text_id_or_null(t, "k", *(const int64_t *)v);
}
static void integer(wire_text *t, const void *v)
{
    wire_text_int(t, "k", *(const int64_t *)v);
}
static void time_ms(wire_text *t, const void *v)
{
    wire_text_time(t, "k", *(const int64_t *)v);
}
static void str(wire_text *t, const void *v)
{
    wire_text_str(t, "k", v);
}
static void str_or_null(wire_text *t, const void *v)
{
    wire_text_str_or_null(t, "k", v);
}

static void test_numbers_ids_and_times_as_the_trees_write_them(void **state)
{
    (void)state;
    const int64_t values[] = {0, 1, -1, 42, INT64_MAX, INT64_MIN, 388117031423991808LL};
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        const int64_t *v = &values[i];
        assert_same(integer, v, json_integer((json_int_t)*v));
        assert_same(id_or_null, v, wire_id_or_null(*v));
        if (*v > 0) {
            assert_same(id, v, wire_id(*v));
        }
    }
    const int64_t times[] = {0, T0, T0 + 30123, 253402300799999LL /* 9999-12-31 */};
    for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
        assert_same(time_ms, &times[i], wire_time(times[i]));
    }
}

static void test_text_is_escaped_and_checked_as_the_trees_do(void **state)
{
    (void)state;
    const char *texts[] = {
        "ali",
        "",
        "quote \" backslash \\ slash /",
        "tab\tnewline\nreturn\r\b\f",
        "\x01\x1f control",
        "Kuih lapis \xe2\x80\x94 RM 5 \xf0\x9f\x8d\xb0", /* an em dash and an emoji */
        "bad \xff utf-8",
        "cut \xe2\x80",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        assert_same(str, texts[i], wire_str(texts[i]));
        assert_same(str_or_null, texts[i], wire_str_or_null(texts[i]));
    }
    assert_same(str, NULL, wire_str(NULL));
    assert_same(str_or_null, NULL, wire_str_or_null(NULL));
}

static void test_objects_nest_and_members_are_separated(void **state)
{
    (void)state;
    bz_buf text;
    bz_buf_init(&text, 0);
    wire_text t;
    wire_text_begin(&t, &text);
    wire_text_object(&t, "empty");
    wire_text_end(&t);
    wire_text_object(&t, "a");
    wire_text_bool(&t, "yes", true);
    wire_text_object(&t, "b");
    wire_text_null(&t, "n");
    wire_text_money_or_null(&t, "m", true, 1250);
    wire_text_end(&t);
    wire_text_money_or_null(&t, "none", false, 99);
    wire_text_end(&t);
    const unsigned char bytes[] = {0x00, 0xab, 0xff};
    wire_text_hex(&t, "h", bytes, sizeof(bytes));
    wire_text_end(&t);
    assert_int_equal(wire_text_finish(&t), BZ_OK);
    assert_string_equal(text.data,
                        "{\"empty\":{},\"a\":{\"yes\":true,\"b\":{\"n\":null,\"m\":1250},"
                        "\"none\":null},\"h\":\"00abff\"}");
    bz_buf_free(&text);
}

static void test_a_failed_append_sticks_and_is_reported(void **state)
{
    (void)state;
    bz_buf text;
    bz_buf_init(&text, 24);
    wire_text t;
    wire_text_begin(&t, &text);
    wire_text_str(&t, "a", "twelve bytes");
    wire_text_int(&t, "b", 1); /* past the cap: refused, and so is everything after */
    size_t len = text.len;
    wire_text_str(&t, "c", "x");
    wire_text_end(&t);
    assert_int_equal(text.len, len);
    assert_int_equal(wire_text_finish(&t), BZ_ETOOLARGE);
    bz_buf_free(&text);
}

static void test_unbalanced_objects_are_a_bug(void **state)
{
    (void)state;
    bz_check_set_abort(false); /* the release behaviour: the check fails, the writer refuses */
    bz_buf text;
    bz_buf_init(&text, 0);
    wire_text t;
    wire_text_begin(&t, &text);
    wire_text_object(&t, "open");
    assert_int_equal(wire_text_finish(&t), BZ_EINTERNAL);
    wire_text_begin(&t, &text);
    wire_text_end(&t);
    wire_text_end(&t);
    assert_int_equal(wire_text_finish(&t), BZ_EINTERNAL);
    wire_text_begin(&t, &text);
    for (int i = 0; i < WIRE_TEXT_DEPTH; i++) {
        wire_text_object(&t, "deeper");
    }
    assert_int_equal(wire_text_finish(&t), BZ_EINTERNAL);
    bz_check_set_abort(true);
    bz_buf_free(&text);
}

UNIT_MAIN(cmocka_unit_test(test_numbers_ids_and_times_as_the_trees_write_them),
          cmocka_unit_test(test_text_is_escaped_and_checked_as_the_trees_do),
          cmocka_unit_test(test_objects_nest_and_members_are_separated),
          cmocka_unit_test(test_a_failed_append_sticks_and_is_reported),
          cmocka_unit_test(test_unbalanced_objects_are_a_bug))
