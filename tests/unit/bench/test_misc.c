#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "bidans.h"
#include "bidlog.h"
#include "procstat.h"

static void parses_proc_stat_with_an_odd_command_name(void **state)
{
    /* fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt
     * cmajflt utime stime ... */
    const char text[] = "4242 (node (x) y) S 1 4242 4242 0 -1 4194560 1000 0 2 0 "
                        "1234 567 0 0 20 0 11 0 99 123456 789\n";
    uint64_t ticks = 0;
    assert_true(proc_parse_stat_ticks(text, &ticks));
    assert_int_equal(ticks, 1234 + 567);
    assert_false(proc_parse_stat_ticks("garbage", &ticks));
}

static void parses_vm_rss(void **state)
{
    const char text[] = "Name:\tnode\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nThreads:\t7\n";
    uint64_t bytes = 0;
    assert_true(proc_parse_status_rss(text, &bytes));
    assert_int_equal(bytes, 123456ull * 1024);
    assert_false(proc_parse_status_rss("Name:\tx\n", &bytes));
}

static void reads_http_bid_answers(void **state)
{
    bid_answer a;
    const char ok[] = "{\"bid\":{\"id\":\"b\",\"amount\":1200},\"auction\":{\"id\":\"a\","
                      "\"status\":\"running\",\"current_bid\":1200,\"min_next_bid\":1300}}";
    bid_answer_from_http(201, ok, strlen(ok), &a);
    assert_true(a.accepted);
    assert_true(a.has_min_next);
    assert_int_equal(a.min_next_bid, 1300);
    assert_false(a.auction_over);

    const char low[] = "{\"error\":{\"code\":\"bid_too_low\",\"message\":\"m\","
                       "\"details\":{\"current_bid\":1200,\"min_next_bid\":1300}}}";
    bid_answer_from_http(422, low, strlen(low), &a);
    assert_false(a.accepted);
    assert_string_equal(a.code, "bid_too_low");
    assert_int_equal(a.min_next_bid, 1300);

    const char ended[] = "{\"error\":{\"code\":\"auction_ended\",\"message\":\"m\"}}";
    bid_answer_from_http(409, ended, strlen(ended), &a);
    assert_true(a.auction_over);
    assert_false(a.has_min_next);

    const char bought[] = "{\"bid\":{},\"auction\":{\"status\":\"ended\"}}";
    bid_answer_from_http(201, bought, strlen(bought), &a);
    assert_true(a.accepted);
    assert_true(a.auction_over);

    bid_answer_from_http(502, "<html>", 6, &a);
    assert_string_equal(a.code, "http_502");
    bid_answer_from_http(-1, "", 0, &a);
    assert_string_equal(a.code, "transport");
}

static void reads_socket_acks(void **state)
{
    bid_answer a;
    const char ok[] = "[{\"ok\":true,\"bid\":{},\"auction\":{\"status\":\"running\","
                      "\"min_next_bid\":500}}]";
    bid_answer_from_ack(ok, strlen(ok), &a);
    assert_true(a.accepted);
    assert_int_equal(a.min_next_bid, 500);
    const char refused[] = "[{\"error\":{\"code\":\"unauthorized\",\"message\":\"m\"}}]";
    bid_answer_from_ack(refused, strlen(refused), &a);
    assert_false(a.accepted);
    assert_string_equal(a.code, "unauthorized");
    bid_answer_from_ack("[]", 2, &a);
    assert_string_equal(a.code, "malformed_answer");
}

/* The bands of docs/auctions.md, lower bound inclusive. */
static void follows_the_increment_table(void **state)
{
    assert_int_equal(bid_increment_for(0), 100);
    assert_int_equal(bid_increment_for(2900), 100);
    assert_int_equal(bid_increment_for(3000), 200);
    assert_int_equal(bid_increment_for(5000), 500);
    assert_int_equal(bid_increment_for(49999), 2500);
    assert_int_equal(bid_increment_for(50000), 5000);
    assert_int_equal(bid_increment_for(1000000), 25000);
    assert_int_equal(bid_increment_for(100000000), 250000);
}

static void bid_log_finds_what_was_put(void **state)
{
    bidlog log = {0};
    for (uint32_t gen = 1; gen <= 3; gen++) {
        for (int64_t amount = 100; amount < 100 + 5000; amount++) {
            assert_true(bidlog_put(&log, gen, amount, (uint64_t)(gen * 1000000 + amount)));
        }
    }
    assert_int_equal(log.count, 15000);
    uint64_t at = 0;
    assert_true(bidlog_get(&log, 2, 4321, &at));
    assert_int_equal(at, 2000000 + 4321);
    assert_false(bidlog_get(&log, 4, 4321, &at));
    assert_false(bidlog_get(&log, 2, 99, &at));
    assert_true(bidlog_put(&log, 2, 4321, 7)); /* overwrite keeps the count */
    assert_int_equal(log.count, 15000);
    assert_true(bidlog_get(&log, 2, 4321, &at));
    assert_int_equal(at, 7);
    assert_false(bidlog_put(&log, 0, 5, 1));
    bidlog_free(&log);
}

UNIT_MAIN(cmocka_unit_test(parses_proc_stat_with_an_odd_command_name),
          cmocka_unit_test(parses_vm_rss), cmocka_unit_test(reads_http_bid_answers),
          cmocka_unit_test(reads_socket_acks), cmocka_unit_test(follows_the_increment_table),
          cmocka_unit_test(bid_log_finds_what_was_put))
