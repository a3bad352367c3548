/* Unit tests of http/range.h: the Range values media players send, and what is not served. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"

#include "http/range.h"

static void expect(const char *value, uint64_t size, http_range_kind want, uint64_t first,
                   uint64_t last)
{
    uint64_t a = 77, b = 77;
    assert_int_equal(http_range_parse(value, size, &a, &b), want);
    if (want == HTTP_RANGE_OK) {
        assert_int_equal(a, first);
        assert_int_equal(b, last);
    }
}

static void served_ranges(void **state)
{
    (void)state;
    expect("bytes=0-", 1000, HTTP_RANGE_OK, 0, 999); /* what a <video> asks first */
    expect("bytes=0-1", 1000, HTTP_RANGE_OK, 0, 1);  /* Safari's probe */
    expect("bytes=500-999", 1000, HTTP_RANGE_OK, 500, 999);
    expect("bytes=500-5000", 1000, HTTP_RANGE_OK, 500, 999); /* past the end: to the end */
    expect("bytes=999-999", 1000, HTTP_RANGE_OK, 999, 999);
    expect("bytes=-100", 1000, HTTP_RANGE_OK, 900, 999); /* the last 100 (WebM cues) */
    expect("bytes=-5000", 1000, HTTP_RANGE_OK, 0, 999);
    expect("bytes= 10-20 ", 1000, HTTP_RANGE_OK, 10, 20);
}

static void unsatisfiable(void **state)
{
    (void)state;
    expect("bytes=1000-", 1000, HTTP_RANGE_UNSATISFIABLE, 0, 0);
    expect("bytes=2000-3000", 1000, HTTP_RANGE_UNSATISFIABLE, 0, 0);
    expect("bytes=-0", 1000, HTTP_RANGE_UNSATISFIABLE, 0, 0);
    expect("bytes=0-", 0, HTTP_RANGE_UNSATISFIABLE, 0, 0);
    expect("bytes=-10", 0, HTTP_RANGE_UNSATISFIABLE, 0, 0);
}

static void ignored(void **state)
{
    (void)state;
    expect(NULL, 1000, HTTP_RANGE_NONE, 0, 0);
    expect("", 1000, HTTP_RANGE_NONE, 0, 0);
    expect("items=0-5", 1000, HTTP_RANGE_NONE, 0, 0);
    expect("Bytes=0-5", 1000, HTTP_RANGE_NONE, 0, 0);
    expect("bytes=0-5,10-20", 1000, HTTP_RANGE_NONE, 0, 0); /* several: sent whole */
    expect("bytes=5-2", 1000, HTTP_RANGE_NONE, 0, 0);
    expect("bytes=-", 1000, HTTP_RANGE_NONE, 0, 0);
    expect("bytes=a-b", 1000, HTTP_RANGE_NONE, 0, 0);
    expect("bytes=1", 1000, HTTP_RANGE_NONE, 0, 0);
    expect("bytes=0-1x", 1000, HTTP_RANGE_NONE, 0, 0);
    expect("bytes=-1-2", 1000, HTTP_RANGE_NONE, 0, 0);
    expect("bytes=99999999999999999999-", 1000, HTTP_RANGE_NONE, 0, 0); /* no overflow */
}

UNIT_MAIN(cmocka_unit_test(served_ranges), cmocka_unit_test(unsatisfiable),
          cmocka_unit_test(ignored))
