/* Unit tests for domain/outbox.h: the retry schedule, the classification of a handler's
 * result, and the checks of what a row may hold. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/outbox.h"

static outbox_policy policy(void)
{
    outbox_policy p;
    outbox_policy_defaults(&p);
    return p;
}

static void defaults_are_usable(void **state)
{
    (void)state;
    outbox_policy p = policy();
    assert_true(outbox_policy_ok(&p));
    assert_true(p.max_attempts > 1);
    assert_true(p.lease_ms >= 60 * 1000); /* longer than a provider call's timeout */
    outbox_policy bad = p;
    bad.max_attempts = 0;
    assert_false(outbox_policy_ok(&bad));
    bad = p;
    bad.max_delay_ms = p.base_delay_ms - 1;
    assert_false(outbox_policy_ok(&bad));
    bad = p;
    bad.base_delay_ms = 0;
    assert_false(outbox_policy_ok(&bad));
    bad = p;
    bad.lease_ms = 0;
    assert_false(outbox_policy_ok(&bad));
}

static void classify(void **state)
{
    (void)state;
    assert_int_equal(outbox_classify(BZ_OK), OUTBOX_V_DONE);
    assert_int_equal(outbox_classify(BZ_EUNAVAILABLE), OUTBOX_V_RETRY);
    assert_int_equal(outbox_classify(BZ_ETIMEOUT), OUTBOX_V_RETRY);
    const int park[] = {BZ_EINTERNAL, BZ_ENOMEM,    BZ_EBADREQUEST, BZ_EVALIDATION,
                        BZ_ENOTFOUND, BZ_ECONFLICT, BZ_EFORBIDDEN,  BZ_ERATELIMIT - 1000};
    for (size_t i = 0; i < sizeof(park) / sizeof(park[0]); i++) {
        assert_int_equal(outbox_classify(park[i]), OUTBOX_V_PARK);
    }
}

/* Without jitter (random 0) the wait doubles from base to the cap and stays there. */
static void backoff_doubles_to_the_cap(void **state)
{
    (void)state;
    outbox_policy p = {
        .max_attempts = 50, .base_delay_ms = 1000, .max_delay_ms = 60000, .lease_ms = 1000};
    const int64_t want[] = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
    for (int n = 1; n <= 8; n++) {
        assert_int_equal(outbox_backoff_ms(&p, n, 0), want[n - 1]);
    }
    /* far past the cap (no overflow), and a nonsense attempt count */
    assert_int_equal(outbox_backoff_ms(&p, 1000000, 0), 60000);
    assert_int_equal(outbox_backoff_ms(&p, 0, 0), 1000);
    assert_int_equal(outbox_backoff_ms(&p, -5, 0), 1000);
}

/* Jitter takes at most half of the wait, and spreads rows that failed together. */
static void backoff_jitter_bounds(void **state)
{
    (void)state;
    outbox_policy p = policy();
    for (int n = 1; n <= 20; n++) {
        int64_t full = outbox_backoff_ms(&p, n, 0);
        int64_t lo = full, hi = 0;
        uint32_t r = 12345;
        for (int i = 0; i < 2000; i++) {
            r = r * 1103515245u + 12345u;
            int64_t d = outbox_backoff_ms(&p, n, r);
            assert_true(d >= full / 2);
            assert_true(d <= full);
            lo = d < lo ? d : lo;
            hi = d > hi ? d : hi;
        }
        assert_true(hi - lo > full / 4); /* spread over most of the half it may take */
    }
    assert_int_equal(outbox_backoff_ms(&p, 1, UINT32_MAX), 2000 - (UINT32_MAX % 1001));
}

static void decide(void **state)
{
    (void)state;
    outbox_policy p = {
        .max_attempts = 3, .base_delay_ms = 1000, .max_delay_ms = 8000, .lease_ms = 5000};
    const int64_t now = 1800000000000;
    outbox_decision d = outbox_decide(&p, BZ_OK, 3, now, 7);
    assert_int_equal(d.verdict, OUTBOX_V_DONE);
    assert_int_equal(d.next_at, 0);

    d = outbox_decide(&p, BZ_EUNAVAILABLE, 1, now, 0);
    assert_int_equal(d.verdict, OUTBOX_V_RETRY);
    assert_int_equal(d.next_at, now + 1000);
    d = outbox_decide(&p, BZ_ETIMEOUT, 2, now, 0);
    assert_int_equal(d.verdict, OUTBOX_V_RETRY);
    assert_int_equal(d.next_at, now + 2000);
    d = outbox_decide(&p, BZ_EUNAVAILABLE, 2, now, 1000);
    assert_int_equal(d.next_at, now + 2000 - 1000 % 1001);

    /* the last attempt parks a passing failure too; a permanent one parks at once */
    d = outbox_decide(&p, BZ_EUNAVAILABLE, 3, now, 0);
    assert_int_equal(d.verdict, OUTBOX_V_PARK);
    assert_int_equal(d.next_at, 0);
    d = outbox_decide(&p, BZ_EUNAVAILABLE, 9, now, 0);
    assert_int_equal(d.verdict, OUTBOX_V_PARK);
    d = outbox_decide(&p, BZ_EVALIDATION, 1, now, 0);
    assert_int_equal(d.verdict, OUTBOX_V_PARK);
    assert_int_equal(d.next_at, 0);

    /* one attempt allowed: never a retry */
    p.max_attempts = 1;
    assert_int_equal(outbox_decide(&p, BZ_EUNAVAILABLE, 1, now, 0).verdict, OUTBOX_V_PARK);
}

/* From the first failure to parking: the waits of the default policy add up to the time
 * promised in outbox.h (about 32 to 64 minutes). */
static void default_schedule_length(void **state)
{
    (void)state;
    outbox_policy p = policy();
    int64_t most = 0, least = 0;
    for (int n = 1; n < p.max_attempts; n++) {
        most += outbox_backoff_ms(&p, n, 0);
        int64_t full = outbox_backoff_ms(&p, n, 0);
        least += full - full / 2;
    }
    assert_int_equal(most, 3846000); /* 2 s + 4 s + ... + 1024 s + 1800 s: 64.1 min */
    assert_true(most >= 60 * 60 * 1000);
    assert_true(least >= 32 * 60 * 1000);
}

/* A check of a string's length: `max` bytes of `fill` pass, one more do not; nor do "" and
 * NULL. */
static void check_length(bool (*ok)(const char *), size_t max, char fill)
{
    char s[OUTBOX_KEY_MAX + 2];
    assert_true(max + 2 <= sizeof(s));
    memset(s, fill, max + 1);
    s[max + 1] = '\0';
    assert_false(ok(s));
    s[max] = '\0';
    assert_true(ok(s));
    assert_false(ok(""));
    assert_false(ok(NULL));
}

static void kinds_keys_states(void **state)
{
    (void)state;
    const char *kinds[] = {"video.room_open", "a", "stripe.charge_2"};
    const char *not_kinds[] = {"Video.open", "video open", "video:open"};
    const char *keys[] = {"video.room_open:stream:123:live:1", "K-1/2"};
    const char *not_keys[] = {"has space", "tab\tkey", "caf\xc3\xa9"};
    for (size_t i = 0; i < 3; i++) {
        assert_true(outbox_kind_ok(kinds[i]));
        assert_false(outbox_kind_ok(not_kinds[i]));
        assert_true(outbox_key_ok(keys[i % 2]));
        assert_false(outbox_key_ok(not_keys[i]));
    }
    check_length(outbox_kind_ok, OUTBOX_KIND_MAX, 'k');
    check_length(outbox_key_ok, OUTBOX_KEY_MAX, 'x');

    assert_true(outbox_state_ok(OUTBOX_PENDING));
    assert_true(outbox_state_ok(OUTBOX_DONE));
    assert_true(outbox_state_ok(OUTBOX_PARKED));
    assert_false(outbox_state_ok("Pending"));
    assert_false(outbox_state_ok(""));
    assert_false(outbox_state_ok(NULL));
}

/* An error message is cut between characters, never inside one. */
static void error_len(void **state)
{
    (void)state;
    assert_int_equal(outbox_error_len("short", 10), 5);
    assert_int_equal(outbox_error_len("exactly", 7), 7);
    assert_int_equal(outbox_error_len("longer text", 6), 6);
    /* "ab" then é (2 bytes) then € (3 bytes) */
    const char *s = "ab\xc3\xa9\xe2\x82\xac";
    assert_int_equal(outbox_error_len(s, 2), 2);
    assert_int_equal(outbox_error_len(s, 3), 2);
    assert_int_equal(outbox_error_len(s, 4), 4);
    assert_int_equal(outbox_error_len(s, 5), 4);
    assert_int_equal(outbox_error_len(s, 6), 4);
    assert_int_equal(outbox_error_len(s, 7), 7);
    assert_int_equal(outbox_error_len("\xe2\x82\xac", 2), 0);
    assert_int_equal(outbox_error_len("", 0), 0);
}

UNIT_MAIN(cmocka_unit_test(defaults_are_usable), cmocka_unit_test(classify),
          cmocka_unit_test(backoff_doubles_to_the_cap), cmocka_unit_test(backoff_jitter_bounds),
          cmocka_unit_test(decide), cmocka_unit_test(default_schedule_length),
          cmocka_unit_test(kinds_keys_states), cmocka_unit_test(error_len))
