/* Unit tests for domain/money.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/money.h"

static int64_t parse(const char *s)
{
    int64_t sen = -1;
    assert_int_equal(money_parse_myr(s, strlen(s), &sen), BZ_OK);
    return sen;
}

static void parse_accepts_what_people_type(void **state)
{
    assert_int_equal(parse("12.50"), 1250);
    assert_int_equal(parse("12.5"), 1250);
    assert_int_equal(parse("12"), 1200);
    assert_int_equal(parse("0"), 0);
    assert_int_equal(parse("0.05"), 5);
    assert_int_equal(parse("RM 12.50"), 1250);
    assert_int_equal(parse("rm 7"), 700);
    assert_int_equal(parse(" RM 1,234.56 "), 123456);
    assert_int_equal(parse("1,000,000"), 100000000);
    assert_int_equal(parse("1000000.00"), MONEY_PRICE_CAP_SEN);
    assert_int_equal(parse("007.10"), 710);
}

static void parse_refuses_the_rest(void **state)
{
    const char *bad[] = {"",
                         " ",
                         "RM",
                         "-1",
                         "+1",
                         "1.234",
                         "1.",
                         ".5",
                         "1..2",
                         "1,23",
                         "12,3456",
                         ",123",
                         "1,",
                         "1 000",
                         "abc",
                         "12.5a",
                         "1e3",
                         "1000000.01",
                         "99999999999999999999",
                         "1,000,000,000",
                         "RM-5",
                         "12.50 RM",
                         "１２"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t sen = 42;
        assert_int_equal(money_parse_myr(bad[i], strlen(bad[i]), &sen), BZ_EVALIDATION);
        assert_int_equal(sen, 42); /* untouched */
    }
}

static void format_myr(void **state)
{
    char out[MONEY_FORMAT_MAX];
    assert_int_equal(money_format_myr(1250, out, sizeof out), 8);
    assert_string_equal(out, "RM 12.50");
    money_format_myr(0, out, sizeof out);
    assert_string_equal(out, "RM 0.00");
    money_format_myr(5, out, sizeof out);
    assert_string_equal(out, "RM 0.05");
    money_format_myr(100, out, sizeof out);
    assert_string_equal(out, "RM 1.00");
    money_format_myr(123456789, out, sizeof out);
    assert_string_equal(out, "RM 1,234,567.89");
    money_format_myr(123456, out, sizeof out);
    assert_string_equal(out, "RM 1,234.56");
    money_format_myr(MONEY_PRICE_CAP_SEN, out, sizeof out);
    assert_string_equal(out, "RM 1,000,000.00");
    money_format_myr(-100, out, sizeof out);
    assert_string_equal(out, "-RM 1.00");
    money_format_myr(INT64_MIN, out, sizeof out);
    assert_string_equal(out, "-RM 92,233,720,368,547,758.08");
    money_format_plain(123456, out, sizeof out);
    assert_string_equal(out, "1234.56");
    /* Truncation keeps a terminator. */
    char tiny[4];
    money_format_myr(123456, tiny, sizeof tiny);
    assert_string_equal(tiny, "RM ");
}

static void format_then_parse_round_trips(void **state)
{
    for (int64_t sen = 0; sen <= 2000000; sen += 7919) {
        char out[MONEY_FORMAT_MAX];
        money_format_myr(sen, out, sizeof out);
        assert_int_equal(parse(out), sen);
        money_format_plain(sen, out, sizeof out);
        assert_int_equal(parse(out), sen);
    }
}

static void arithmetic_detects_overflow(void **state)
{
    int64_t r = 7;
    assert_true(money_add(1, 2, &r));
    assert_int_equal(r, 3);
    assert_false(money_add(INT64_MAX, 1, &r));
    assert_int_equal(r, 3);
    assert_true(money_sub(1, 2, &r));
    assert_int_equal(r, -1);
    assert_false(money_sub(INT64_MIN, 1, &r));
    assert_true(money_mul(1250, 3, &r));
    assert_int_equal(r, 3750);
    assert_false(money_mul(INT64_MAX / 2, 3, &r));
    assert_true(money_price_ok(0));
    assert_true(money_price_ok(MONEY_PRICE_CAP_SEN));
    assert_false(money_price_ok(MONEY_PRICE_CAP_SEN + 1));
    assert_false(money_price_ok(-1));
}

/* The one rounding rule: half up to the sen, at its edges, without overflow in between. */
static void muldiv_rounds_half_up(void **state)
{
    (void)state;
    int64_t r = -7;
    assert_true(money_muldiv(5, 1, 2, &r)); /* 2.5 -> 3 */
    assert_int_equal(r, 3);
    assert_true(money_muldiv(7, 1, 2, &r)); /* 3.5 -> 4 */
    assert_int_equal(r, 4);
    assert_true(money_muldiv(1, 1, 3, &r)); /* 0.333 -> 0 */
    assert_int_equal(r, 0);
    assert_true(money_muldiv(2, 1, 3, &r)); /* 0.667 -> 1 */
    assert_int_equal(r, 1);
    assert_true(money_muldiv(0, 123, 7, &r));
    assert_int_equal(r, 0);
    assert_true(money_muldiv(12345, 0, 7, &r));
    assert_int_equal(r, 0);
    /* bp: 8 % of RM12.34 = 98.72 sen -> 99; 6 % of 25 sen = 1.5 -> 2; 6 % of 24 = 1.44 -> 1 */
    assert_true(money_bp(1234, 800, &r));
    assert_int_equal(r, 99);
    assert_true(money_bp(25, 600, &r));
    assert_int_equal(r, 2);
    assert_true(money_bp(24, 600, &r));
    assert_int_equal(r, 1);
    assert_true(money_bp(1000, MONEY_BP_ONE, &r));
    assert_int_equal(r, 1000);
    /* a * num overflows int64 but the result fits: computed exactly */
    assert_true(money_muldiv(INT64_MAX, INT64_MAX, INT64_MAX, &r));
    assert_int_equal(r, INT64_MAX);
    assert_true(money_muldiv(INT64_MAX / 3 * 2, 3, 4, &r));
    assert_int_equal(r, INT64_MAX / 3 * 2 / 4 * 3);
    /* refused: the result does not fit, negatives, a zero denominator; *out untouched */
    r = 42;
    assert_false(money_muldiv(INT64_MAX, 2, 1, &r));
    assert_false(money_muldiv(-1, 1, 1, &r));
    assert_false(money_muldiv(1, -1, 1, &r));
    assert_false(money_muldiv(1, 1, 0, &r));
    assert_false(money_muldiv(1, 1, -2, &r));
    assert_false(money_bp(100, -1, &r));
    assert_int_equal(r, 42);
}

UNIT_MAIN(cmocka_unit_test(parse_accepts_what_people_type),
          cmocka_unit_test(parse_refuses_the_rest), cmocka_unit_test(format_myr),
          cmocka_unit_test(format_then_parse_round_trips),
          cmocka_unit_test(arithmetic_detects_overflow), cmocka_unit_test(muldiv_rounds_half_up))
