/* Unit tests of domain/text.h's white space: which characters are Unicode white space and
 * trimming them at both ends of a message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "domain/text.h"

static void space_lengths(void **state)
{
    (void)state;
    assert_int_equal(text_space_len(" x", 2), 1);
    assert_int_equal(text_space_len("\t", 1), 1);
    assert_int_equal(text_space_len("\u00a0", 2), 2);
    assert_int_equal(text_space_len("\u1680", 3), 3);
    assert_int_equal(text_space_len("\u2000", 3), 3);
    assert_int_equal(text_space_len("\u200a", 3), 3);
    assert_int_equal(text_space_len("\u2028", 3), 3);
    assert_int_equal(text_space_len("\u202f", 3), 3);
    assert_int_equal(text_space_len("\u205f", 3), 3);
    assert_int_equal(text_space_len("\u3000", 3), 3);
    /* not white space: letters, a zero-width space, the C1 control U+0085, a cut sequence */
    assert_int_equal(text_space_len("a", 1), 0);
    assert_int_equal(text_space_len("\u200b", 3), 0);
    assert_int_equal(text_space_len("\xc2\x85", 2), 0);
    assert_int_equal(text_space_len("\xe3\x80", 2), 0);
    assert_int_equal(text_space_len("", 0), 0);
}

static void trim(const char *in, const char *want)
{
    const char *s = in;
    size_t len = strlen(in);
    text_trim_unicode(&s, &len);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(s, want, len);
}

static void trims_both_ends(void **state)
{
    (void)state;
    trim("  hi  ", "hi");
    trim("\u3000\u00a0hi \u3000", "hi");
    trim("\u3000\u3000", "");
    trim(" \u00a0 ", "");
    trim("a\u3000b", "a\u3000b"); /* inside stays */
    trim("\u00e9\u3000", "\u00e9");
    trim("\u4e2d", "\u4e2d");
    trim("", "");
}

UNIT_MAIN(cmocka_unit_test(space_lengths), cmocka_unit_test(trims_both_ends))
