/* Per-socket event limits (realtime/live/live_limit.h), with time passed in. */
#include "realtime/live/live_limit.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include "unit_main.h"

static live_limits limits(const char *spec)
{
    live_limits l;
    live_limits_defaults(&l);
    char err[256];
    assert_int_equal(live_limits_parse(&l, spec, err, sizeof(err)), BZ_OK);
    return l;
}

static void assert_same_limits(const live_limits *a, const live_limits *b)
{
    for (int i = 0; i < LIVE_EV_NCLASSES; i++) {
        assert_int_equal(a->cls[i].rate_x256, b->cls[i].rate_x256);
        assert_int_equal(a->cls[i].burst, b->cls[i].burst);
        assert_int_equal(a->cls[i].off, b->cls[i].off);
    }
}

/* n events of the class at `now` are all allowed. */
static void allows(live_bucket *b, const live_limits *l, enum live_ev_class cls, uint32_t now,
                   int n)
{
    for (int i = 0; i < n; i++) {
        assert_int_equal(live_bucket_take(b, l, cls, now), LIVE_ALLOW);
    }
}

static void test_a_burst_then_refused(void **state)
{
    live_limits l = limits("join=2/10");
    live_bucket b;
    live_bucket_init(&b, &l, 5000);
    allows(&b, &l, LIVE_EV_JOIN, 5000, 10);
    assert_int_equal(live_bucket_take(&b, &l, LIVE_EV_JOIN, 5000), LIVE_REFUSE);
    /* classes are separate: leaving still works */
    assert_int_equal(live_bucket_take(&b, &l, LIVE_EV_LEAVE, 5000), LIVE_ALLOW);
    /* 2 per second: one more after 500 ms, never before (at most a tick later) */
    assert_int_equal(live_bucket_take(&b, &l, LIVE_EV_JOIN, 5490), LIVE_REFUSE);
    assert_int_equal(live_bucket_take(&b, &l, LIVE_EV_JOIN, 5490 + LIVE_LIMIT_TICK_MS), LIVE_ALLOW);
    assert_int_equal(live_bucket_take(&b, &l, LIVE_EV_JOIN, 5490 + LIVE_LIMIT_TICK_MS),
                     LIVE_REFUSE);
}

static void test_refill_stops_at_the_burst(void **state)
{
    live_limits l = limits("chat=2/3");
    live_bucket b;
    live_bucket_init(&b, &l, 0);
    allows(&b, &l, LIVE_EV_CHAT, 0, 3);
    /* an hour later: three again, not 7200 */
    uint32_t t = 3600u * 1000u;
    allows(&b, &l, LIVE_EV_CHAT, t, 3);
    assert_int_equal(live_bucket_take(&b, &l, LIVE_EV_CHAT, t), LIVE_REFUSE);
}

static void test_a_client_at_the_rate_is_never_refused(void **state)
{
    live_limits l = limits("join=2/10");
    live_bucket b;
    live_bucket_init(&b, &l, 0);
    for (uint32_t t = 0; t < 3600u * 1000u; t += 500) {
        assert_int_equal(live_bucket_take(&b, &l, LIVE_EV_JOIN, t), LIVE_ALLOW);
    }
}

static void test_events_closer_than_a_tick_earn_time_but_never_early(void **state)
{
    /* 1 per second, an event every 5 ms for 2 s: the time between events is not thrown
     * away (a refill waits for a whole tick), and no token comes before it is due */
    live_limits l = limits("other=1/1,flood=off");
    live_bucket b;
    live_bucket_init(&b, &l, 0);
    int allowed = 0;
    uint32_t first = 0, second = 0;
    for (uint32_t t = 0; t <= 2100; t += 5) {
        if (live_bucket_take(&b, &l, LIVE_EV_OTHER, t) == LIVE_ALLOW) {
            allowed++;
            if (allowed == 2) {
                first = t;
            } else if (allowed == 3) {
                second = t;
            }
        }
    }
    assert_int_equal(allowed, 3);
    assert_true(first >= 1000 && first <= 1100);
    assert_true(second >= 2000 && second <= 2100);
}

static void test_flooding_far_past_the_limit_is_flagged(void **state)
{
    live_limits l = limits("join=2/10,flood=8/64");
    live_bucket b;
    live_bucket_init(&b, &l, 0);
    int allow = 0, refuse = 0, flood = 0;
    /* 700 joins a second, as the attack did: 10 pass, 64 are refused, then it is a flood */
    for (int i = 0; i < 700 && !flood; i++) {
        switch (live_bucket_take(&b, &l, LIVE_EV_JOIN, (uint32_t)(i * 1000 / 700))) {
        case LIVE_ALLOW:
            allow++;
            break;
        case LIVE_REFUSE:
            refuse++;
            break;
        case LIVE_FLOOD:
            flood++;
            break;
        }
    }
    assert_int_equal(flood, 1);
    assert_true(allow >= 10 && allow <= 11);
    assert_true(refuse >= 64 && refuse <= 66);
}

static void test_running_a_little_hot_is_never_a_flood(void **state)
{
    /* 4 joins a second against a limit of 2: refused half the time, for ten minutes */
    live_limits l = limits(NULL);
    live_bucket b;
    live_bucket_init(&b, &l, 0);
    int refused = 0;
    for (uint32_t t = 0; t < 600000; t += 250) {
        enum live_verdict v = live_bucket_take(&b, &l, LIVE_EV_JOIN, t);
        assert_int_not_equal(v, LIVE_FLOOD);
        refused += v == LIVE_REFUSE;
    }
    assert_true(refused > 1000);
}

static void test_off_and_retry_after(void **state)
{
    live_limits l = limits("bid=off,leave=0.5/1");
    live_bucket b;
    live_bucket_init(&b, &l, 0);
    allows(&b, &l, LIVE_EV_BID, 0, 10000);
    assert_int_equal(live_bucket_take(&b, &l, LIVE_EV_LEAVE, 0), LIVE_ALLOW);
    assert_int_equal(live_bucket_take(&b, &l, LIVE_EV_LEAVE, 0), LIVE_REFUSE);
    assert_int_equal(live_bucket_retry_ms(&b, &l, LIVE_EV_LEAVE), 2000);
    assert_int_equal(live_bucket_retry_ms(&b, &l, LIVE_EV_BID), 0);
}

static void test_classes_of_event_names(void **state)
{
    assert_int_equal(live_ev_class_of("join:stream"), LIVE_EV_JOIN);
    assert_int_equal(live_ev_class_of("leave:stream"), LIVE_EV_LEAVE);
    assert_int_equal(live_ev_class_of("chat:message"), LIVE_EV_CHAT);
    assert_int_equal(live_ev_class_of("auction:bid"), LIVE_EV_BID);
    assert_int_equal(live_ev_class_of("auth:refresh"), LIVE_EV_OTHER);
    assert_int_equal(live_ev_class_of("join:streamX"), LIVE_EV_OTHER);
    assert_string_equal(live_ev_class_name(LIVE_EV_CHAT), "chat");
}

static void test_bad_specs_are_refused_and_change_nothing(void **state)
{
    static const char *bad[] = {"join",      "join=",
                                "join=2",    "join=2/",
                                "join=2/0",  "join=2/256",
                                "join=0/5",  "join=-1/5",
                                "join=x/5",  "talk=2/5",
                                "join=2/5,", "join=2/5x",
                                "=2/5",      "join=off,leave=1/1/1"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        live_limits l;
        live_limits_defaults(&l);
        live_limits before = l;
        char err[256] = "";
        assert_int_equal(live_limits_parse(&l, bad[i], err, sizeof(err)), BZ_EVALIDATION);
        assert_true(strlen(err) > 0);
        assert_same_limits(&l, &before);
    }
    live_limits l = limits("");
    live_limits d;
    live_limits_defaults(&d);
    assert_same_limits(&l, &d);
    l = limits("flood=1.5/3,join=100/255");
    assert_int_equal(l.cls[LIVE_EV_FLOOD].rate_x256, 384);
    assert_int_equal(l.cls[LIVE_EV_FLOOD].burst, 3);
    assert_int_equal(l.cls[LIVE_EV_JOIN].burst, 255);
    assert_int_equal(l.cls[LIVE_EV_LEAVE].burst, d.cls[LIVE_EV_LEAVE].burst);
}

static void test_state_is_sixteen_bytes(void **state)
{
    /* part of every idle viewer's memory (gw_internal.h) */
    assert_int_equal(sizeof(live_bucket), 16);
}

UNIT_MAIN(cmocka_unit_test(test_a_burst_then_refused),
          cmocka_unit_test(test_refill_stops_at_the_burst),
          cmocka_unit_test(test_a_client_at_the_rate_is_never_refused),
          cmocka_unit_test(test_events_closer_than_a_tick_earn_time_but_never_early),
          cmocka_unit_test(test_flooding_far_past_the_limit_is_flagged),
          cmocka_unit_test(test_running_a_little_hot_is_never_a_flood),
          cmocka_unit_test(test_off_and_retry_after), cmocka_unit_test(test_classes_of_event_names),
          cmocka_unit_test(test_bad_specs_are_refused_and_change_nothing),
          cmocka_unit_test(test_state_is_sixteen_bytes))
