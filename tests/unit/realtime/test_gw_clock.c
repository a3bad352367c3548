/* The Engine.IO session timers (realtime/gateway/gw_clock.h), with time passed in. */
#include "realtime/gateway/gw_clock.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include "unit_main.h"

enum { INTERVAL = 300, TIMEOUT = 200, CONNECT = 1000 };

static void test_ping_then_timeout_at_interval_plus_timeout(void **state)
{
    gw_clock c;
    gw_clock_open(&c, 1000, INTERVAL, CONNECT);
    assert_int_equal(gw_clock_next(&c), 1300);
    assert_int_equal(gw_clock_tick(&c, 1299, TIMEOUT), 0);
    assert_int_equal(gw_clock_tick(&c, 1300, TIMEOUT), GW_TICK_PING);
    assert_int_equal(gw_clock_next(&c), 1500);
    assert_int_equal(gw_clock_tick(&c, 1499, TIMEOUT), 0);
    assert_int_equal(gw_clock_tick(&c, 1500, TIMEOUT), GW_TICK_PING_TIMEOUT);
}

static void test_late_tick_keeps_the_deadline_of_the_due_ping(void **state)
{
    gw_clock c;
    gw_clock_open(&c, 0, INTERVAL, 0);
    /* the loop only got round at 350: the pong is still due by 500, not 550 */
    assert_int_equal(gw_clock_tick(&c, 350, TIMEOUT), GW_TICK_PING);
    assert_int_equal(gw_clock_next(&c), 500);
    /* stalled past both deadlines: ping and timeout at once */
    gw_clock_open(&c, 0, INTERVAL, 0);
    assert_int_equal(gw_clock_tick(&c, 600, TIMEOUT), GW_TICK_PING | GW_TICK_PING_TIMEOUT);
}

static void test_pong_rearms_interval_from_the_pong(void **state)
{
    gw_clock c;
    gw_clock_open(&c, 0, INTERVAL, 0);
    gw_clock_tick(&c, 300, TIMEOUT);
    gw_clock_pong(&c, 340, INTERVAL);
    assert_int_equal(c.pong_by, 0);
    assert_int_equal(gw_clock_next(&c), 640);
    assert_int_equal(gw_clock_tick(&c, 600, TIMEOUT), 0);
    assert_int_equal(gw_clock_tick(&c, 640, TIMEOUT), GW_TICK_PING);
}

static void test_unsolicited_pong_changes_nothing(void **state)
{
    gw_clock c;
    gw_clock_open(&c, 0, INTERVAL, 0);
    gw_clock_pong(&c, 100, INTERVAL);
    assert_int_equal(gw_clock_next(&c), 300);
}

static void test_connect_and_upgrade_deadlines(void **state)
{
    gw_clock c;
    gw_clock_open(&c, 0, INTERVAL, CONNECT);
    c.upgrade_by = 250;
    assert_int_equal(gw_clock_next(&c), 250);
    assert_int_equal(gw_clock_tick(&c, 250, TIMEOUT), GW_TICK_UPGRADE_TIMEOUT);
    gw_clock_tick(&c, 300, TIMEOUT);
    gw_clock_pong(&c, 310, INTERVAL);
    gw_clock_tick(&c, 610, TIMEOUT);
    gw_clock_pong(&c, 620, INTERVAL);
    assert_int_equal(gw_clock_tick(&c, 1000, TIMEOUT), GW_TICK_PING | GW_TICK_CONNECT_TIMEOUT);
    c.connect_by = 0; /* a namespace joined */
    gw_clock_open(&c, 0, INTERVAL, 0);
    assert_int_equal(c.connect_by, 0);
}

UNIT_MAIN(cmocka_unit_test(test_ping_then_timeout_at_interval_plus_timeout),
          cmocka_unit_test(test_late_tick_keeps_the_deadline_of_the_due_ping),
          cmocka_unit_test(test_pong_rearms_interval_from_the_pong),
          cmocka_unit_test(test_unsolicited_pong_changes_nothing),
          cmocka_unit_test(test_connect_and_upgrade_deadlines))
