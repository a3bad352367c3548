/*
 * tests/unit/domain/text_checks.h - what the tests of the domain's text checks (a display name,
 * a bio, a shop's name and description) assert alike: a list of refusals that name their
 * field, and a length limit. Header-only; include after <cmocka.h>.
 */
#ifndef TESTS_UNIT_DOMAIN_TEXT_CHECKS_H
#define TESTS_UNIT_DOMAIN_TEXT_CHECKS_H

#include "base/err.h"
#include "domain/field.h"

#include <string.h>

/* A domain check of the text s[0..len): BZ_OK, or BZ_EVALIDATION naming the field in *err. */
typedef int (*text_check)(const char *s, size_t len, field_error *err);

/* Each of bad[0..n) is refused by `check`, as `field`; a failure names the text. */
static inline void refuses_all(text_check check, const char *const *bad, size_t n,
                               const char *field)
{
    for (size_t i = 0; i < n; i++) {
        field_error err = {0};
        if (check(bad[i], strlen(bad[i]), &err) != BZ_EVALIDATION) {
            fail_msg("\"%s\" was not refused", bad[i]);
        }
        assert_string_equal(err.field, field);
    }
}

/* `max` copies of the character `ch` pass `check`; one more is refused as `field`. With a
 * multi-byte `ch` this shows that the limit counts code points, not bytes. */
static inline void length_limit(text_check check, const char *ch, int max, const char *field)
{
    char text[2048];
    size_t step = strlen(ch), len = (size_t)max * step;
    assert_true(len + step <= sizeof text);
    for (size_t at = 0; at <= len; at += step) {
        memcpy(text + at, ch, step);
    }
    field_error err = {0};
    assert_int_equal(check(text, len, &err), BZ_OK);
    assert_int_equal(check(text, len + step, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, field);
}

#endif
