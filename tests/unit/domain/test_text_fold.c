/* Unit tests for domain/text_fold.h: the folded form and the whole-word rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/text_fold.h"

static bz_arena *arena;

static const char *fold(const char *s)
{
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(text_fold(arena, s, strlen(s), &out, &len), BZ_OK);
    assert_int_equal(strlen(out), len);
    return out;
}

static bool has(const char *text, const char *entry)
{
    const char *t = fold(text), *e = fold(entry);
    return text_fold_has(t, strlen(t), e, strlen(e));
}

static void dodges_fold_to_the_plain_word(void **state)
{
    const char *plain = fold("scam");
    assert_string_equal(fold("SCAM"), plain);
    assert_string_equal(fold("sc\u200bam"), plain);
    assert_string_equal(fold("s\u00adc\u00ada\u00adm"), plain);
    assert_string_equal(fold("sc\u2060am\ufeff"), plain);
    assert_string_equal(fold("\uff53\uff43\uff41\uff4d"), plain);
    assert_string_equal(fold("\u0455\u0441\u0430m"), plain);
    assert_string_equal(fold("\U0001d42c\U0001d41c\U0001d41a\U0001d426"), plain);
    assert_string_equal(fold("sc\u00e0m"), plain);
    assert_string_equal(fold("scarn"), plain); /* the skeleton: "rn" looks like "m" */
}

static void spaces_are_one_and_trimmed(void **state)
{
    assert_string_equal(fold("  call \u00a0\u3000 me  "), fold("call me"));
    assert_string_equal(fold(""), "");
    assert_string_equal(fold("\u200b\u00ad"), "");
}

static void other_scripts_and_emoji_survive(void **state)
{
    /* folding may change code points (it is for comparing only), never drop a letter */
    assert_true(strlen(fold("\u8fd9\u4e2a\u591a\u5c11\u94b1")) >= strlen("\u8fd9\u4e2a\u591a"));
    assert_true(has("\u0ba8\u0ba9\u0bcd\u0bb1\u0bbf \u0b85\u0ba3\u0bcd\u0ba3\u0bbe",
                    "\u0ba8\u0ba9\u0bcd\u0bb1\u0bbf")); /* நன்றி அண்ணா */
    assert_false(has("\u0ba8\u0ba9\u0bcd\u0bb1\u0bbf", "\u0b85\u0ba3\u0bcd\u0ba3\u0bbe"));
    assert_true(has("harga \U0001f525\U0001f525", "\U0001f525"));
}

static void whole_words_at_ascii_edges(void **state)
{
    assert_true(has("what a scam!", "scam"));
    assert_true(has("scam\u9a97\u5b50", "scam")); /* a Chinese neighbour is a boundary */
    assert_true(has("(scam)", "scam"));
    assert_true(has("you \u50bb\u74dc\u5417", "\u50bb\u74dc"));
    assert_true(has("\u4f60\u662f\u50bb\u74dc\u5417", "\u50bb\u74dc")); /* inside CJK text */
    assert_false(has("scammer", "scam"));
    assert_false(has("escam", "scam"));
    assert_false(has("scam2", "scam"));
    assert_false(has("class", "ass"));
    assert_false(has("caf\u00e9", "caf"));
    assert_true(has("caf\u00e9", "cafe"));
    assert_false(has("sca", "scam"));
    assert_false(has("anything", ""));
}

static void invalid_utf8_is_refused(void **state)
{
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(text_fold(arena, "sc\xffm", 4, &out, &len), BZ_EVALIDATION);
    assert_int_equal(text_fold(arena, "\xe2\x80", 2, &out, &len), BZ_EVALIDATION);
}

static int setup(void **state)
{
    arena = bz_arena_new(4096);
    return arena ? 0 : -1;
}

static int teardown(void **state)
{
    bz_arena_free(arena);
    return 0;
}

UNIT_MAIN_GROUP(setup, teardown, cmocka_unit_test(dodges_fold_to_the_plain_word),
                cmocka_unit_test(spaces_are_one_and_trimmed),
                cmocka_unit_test(other_scripts_and_emoji_survive),
                cmocka_unit_test(whole_words_at_ascii_edges),
                cmocka_unit_test(invalid_utf8_is_refused))
