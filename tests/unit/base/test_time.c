#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "base/err.h"
#include "base/time.h"

static void format_and_parse(void **state)
{
    char out[BZ_RFC3339_LEN];
    bz_time_format(1764020404123LL, out);
    assert_string_equal(out, "2025-11-24T21:40:04.123Z");
    int64_t ms;
    assert_int_equal(bz_time_parse(out, strlen(out), &ms), BZ_OK);
    assert_true(ms == 1764020404123LL);
    const char *off = "2025-11-25T05:40:04+08:00";
    assert_int_equal(bz_time_parse(off, strlen(off), &ms), BZ_OK);
    assert_true(ms == 1764020404000LL);
    bz_time_format(0, out);
    assert_string_equal(out, "1970-01-01T00:00:00.000Z");
}

static void rejects_garbage(void **state)
{
    int64_t ms;
    const char *bad[] = {"2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z",
                         "2025-02-29T00:00:00Z", "2025-01-01 00:00:00Z",
                         "2025-01-01T00:00:00",  "2025-01-01T00:00:00.Z",
                         "2025-01-01T25:00:00Z", "tomorrow"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(bz_time_parse(bad[i], strlen(bad[i]), &ms), BZ_EVALIDATION);
    }
    assert_int_equal(bz_time_parse("2024-02-29T00:00:00Z", 20, &ms), BZ_OK);
}

/* Malaysia time is UTC+8 all year: the UTC day before can be the Malaysian day after. */
static void formats_malaysia_time(void **state)
{
    char out[BZ_MYT_LEN];
    bz_time_format_myt(1796385600000, out); /* 2026-12-04T12:00:00Z */
    assert_string_equal(out, "Fri 4 Dec 2026, 8:00 pm MYT");
    bz_time_format_myt(1796385600000 + 4 * 3600000, out); /* 16:00Z: midnight in KL */
    assert_string_equal(out, "Sat 5 Dec 2026, 12:00 am MYT");
    bz_time_format_myt(0, out);
    assert_string_equal(out, "Thu 1 Jan 1970, 8:00 am MYT");
    bz_time_format_myt(1735660799000, out); /* 2024-12-31T15:59:59Z */
    assert_string_equal(out, "Tue 31 Dec 2024, 11:59 pm MYT");
}

/* Calendar days: real ones only, counted from the epoch. */
static void parses_dates(void **state)
{
    (void)state;
    int64_t d = -1;
    assert_int_equal(bz_date_parse("1970-01-01", &d), BZ_OK);
    assert_int_equal(d, 0);
    assert_int_equal(bz_date_parse("2027-01-13", &d), BZ_OK);
    assert_int_equal(d, 20831);
    assert_int_equal(bz_date_parse("2028-02-29", &d), BZ_OK); /* a leap day */
    assert_int_equal(bz_date_parse("1969-12-31", &d), BZ_OK);
    assert_int_equal(d, -1);
    const char *bad[] = {"2027-02-29",  "2100-02-29", "2027-04-31", "2027-13-01",
                         "2027-00-01",  "2027-01-00", "2027-1-13",  "2027/01/13",
                         "2027-01-13T", "0000-01-01", "",           "2027-01-1x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(bz_date_parse(bad[i], &d), BZ_EVALIDATION);
    }
    assert_int_equal(bz_date_parse(NULL, &d), BZ_EVALIDATION);
}

UNIT_MAIN(cmocka_unit_test(parses_dates), cmocka_unit_test(format_and_parse),
          cmocka_unit_test(rejects_garbage), cmocka_unit_test(formats_malaysia_time))
