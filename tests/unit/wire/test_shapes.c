/* The one bid shape, the error body and acks (wire/wire.h, wire/auctions.h, wire/acks.h). */
#include "wire/acks.h"
#include "wire/auctions.h"
#include "wire/wire.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "unit_main.h"

#define T0 1767225600000LL /* 2026-01-01T00:00:00Z */

/* Compact text of `o` (stolen) compared with `want`. */
static void assert_json(json_t *o, const char *want)
{
    char *got = wire_dump(o);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_a_bid_has_one_shape(void **state)
{
    (void)state;
    app_bid_view b = {.id = 7,
                      .auction_id = 3,
                      .bidder_id = 42,
                      .bidder_username = "ali",
                      .amount = 1200,
                      .created_at = T0};
    assert_json(wire_bid(&b), "{\"id\":\"7\",\"auction_id\":\"3\",\"bidder\":{\"id\":\"42\","
                              "\"username\":\"ali\"},\"amount\":1200,\"currency\":\"MYR\","
                              "\"by_proxy\":false,\"created_at\":\"2026-01-01T00:00:00.000Z\"}");
    /* a raised maximum: no step (id null), and the maximum shown to its bidder */
    b.id = 0;
    b.max_amount = 5000;
    b.bidder_username = NULL;
    assert_json(wire_bid(&b), "{\"id\":null,\"auction_id\":\"3\",\"bidder\":{\"id\":\"42\","
                              "\"username\":\"\"},\"amount\":1200,\"max_amount\":5000,"
                              "\"currency\":\"MYR\",\"by_proxy\":false,"
                              "\"created_at\":\"2026-01-01T00:00:00.000Z\"}");
}

static app_bid_result accepted(void)
{
    app_bid_result r;
    memset(&r, 0, sizeof(r));
    r.code = BZ_OK;
    r.bid_id = 7;
    r.amount = 1200;
    r.created_at = T0;
    strcpy(r.bidder_username, "ali");
    r.auction = (app_auction_state){.id = 3,
                                    .stream_id = 2,
                                    .status = "running",
                                    .has_bid = true,
                                    .current_bid = 1200,
                                    .min_next_bid = 1300,
                                    .leader_id = 42,
                                    .ends_at = T0 + 30000};
    return r;
}

static void test_the_answer_and_the_ack_carry_the_same_bid(void **state)
{
    (void)state;
    app_bid_result r = accepted();
    bz_buf rest, ack;
    bz_buf_init(&rest, 0);
    bz_buf_init(&ack, 0);
    assert_int_equal(wire_bid_reply(&rest, &r, 42, T0), BZ_OK);
    assert_int_equal(wire_ack_bid(&ack, &r, 42, T0), BZ_OK);
    assert_true(strncmp(ack.data, "{\"ok\":true,", 11) == 0);
    assert_string_equal(ack.data + 11, rest.data + 1); /* the ack is the REST body after ok */
    assert_string_equal(rest.data,
                        "{\"bid\":{\"id\":\"7\",\"auction_id\":\"3\",\"bidder\":{\"id\":\"42\","
                        "\"username\":\"ali\"},\"amount\":1200,\"currency\":\"MYR\","
                        "\"by_proxy\":false,\"created_at\":\"2026-01-01T00:00:00.000Z\"},"
                        "\"auction\":{\"id\":\"3\",\"stream_id\":\"2\",\"status\":\"running\","
                        "\"currency\":\"MYR\",\"current_bid\":1200,\"min_next_bid\":1300,"
                        "\"leader_id\":\"42\",\"winner_id\":null,"
                        "\"ends_at\":\"2026-01-01T00:00:30.000Z\","
                        "\"server_time\":\"2026-01-01T00:00:00.000Z\"}}");
    /* the bid inside the answer is the bid everywhere else */
    char *bid = wire_dump(wire_bid(&(app_bid_view){.id = 7,
                                                   .auction_id = 3,
                                                   .bidder_id = 42,
                                                   .bidder_username = "ali",
                                                   .amount = 1200,
                                                   .created_at = T0}));
    assert_non_null(bid);
    assert_true(strncmp(rest.data + strlen("{\"bid\":"), bid, strlen(bid)) == 0);
    free(bid);
    bz_buf_reset(&ack);
    r.replayed = true;
    assert_int_equal(wire_ack_bid(&ack, &r, 42, T0), BZ_OK);
    assert_non_null(strstr(ack.data, ",\"replayed\":true}"));
    /* an answer past the buffer's cap is refused */
    bz_buf small;
    bz_buf_init(&small, 64);
    assert_int_equal(wire_bid_reply(&small, &r, 42, T0), BZ_ETOOLARGE);
    bz_buf_free(&small);
    bz_buf_free(&ack);
    bz_buf_free(&rest);
}

static void test_a_refusal_says_where_the_auction_stands(void **state)
{
    (void)state;
    app_bid_result r = accepted();
    r.code = BZ_EBIDTOOLOW;
    assert_json(wire_bid_refusal(&r),
                "{\"current_bid\":1200,\"min_next_bid\":1300,\"status\":\"running\"}");
    r.code = BZ_EVALIDATION;
    r.auction.has_bid = false;
    assert_json(wire_bid_refusal(&r), "{\"current_bid\":null,\"min_next_bid\":1300,"
                                      "\"status\":\"running\",\"field\":\"amount\"}");
    r.code = BZ_ENOTFOUND;
    assert_null(wire_bid_refusal(&r));
}

static void test_errors_over_rest_and_acks(void **state)
{
    (void)state;
    app_err e;
    app_err_set(&e, BZ_EVALIDATION, "amount", "must be an integer");
    assert_json(wire_error(e.code, e.message, wire_error_details(&e)),
                "{\"error\":{\"code\":\"validation_failed\",\"message\":\"must be an integer\","
                "\"details\":{\"field\":\"amount\"}}}");
    assert_json(wire_ack_error(BZ_ENOTFOUND, NULL, NULL),
                "{\"ok\":false,\"error\":{\"code\":\"not_found\",\"message\":\"Not found\","
                "\"details\":{}}}");
    assert_json(wire_ack_ok(json_object()), "{\"ok\":true}");
    assert_null(wire_ack_ok(NULL)); /* a failure below surfaces */
}

static void test_primitives(void **state)
{
    (void)state;
    assert_json(wire_wrap("a", wire_id(9)), "{\"a\":\"9\"}");
    assert_json(wire_page("items", json_array(), 0), "{\"items\":[],\"next_cursor\":null}");
    assert_json(wire_page("items", json_array(), 77), "{\"items\":[],\"next_cursor\":\"77\"}");
    assert_json(wire_wrap("t", wire_time(0)), "{\"t\":null}");
    assert_json(wire_wrap("s", wire_str("\xff")), "{\"s\":\"\"}"); /* not UTF-8 */
    assert_null(wire_set(json_object(), "x", NULL));
    assert_null(wire_merge(json_object(), NULL));
}

UNIT_MAIN(cmocka_unit_test(test_a_bid_has_one_shape),
          cmocka_unit_test(test_the_answer_and_the_ack_carry_the_same_bid),
          cmocka_unit_test(test_a_refusal_says_where_the_auction_stands),
          cmocka_unit_test(test_errors_over_rest_and_acks), cmocka_unit_test(test_primitives))
