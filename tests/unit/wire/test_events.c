/* The event encoder the app's use cases go through (wire/events.h, app/ports/encoder.h). */
#include "wire/events.h"

#include "wire/auctions.h"
#include "wire/wire.h"

#include "base/arena.h"
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

static bz_arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = bz_arena_new(4096);
    return arena ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    bz_arena_free(arena);
    return 0;
}

static event encode(const app_event *ev)
{
    encoder *enc = wire_encoder();
    event out;
    assert_int_equal(enc->ops->encode(enc, ev, arena, &out), BZ_OK);
    assert_int_equal(strlen(out.json), out.json_len);
    return out;
}

static app_event bid_event(void)
{
    app_event ev = {.kind = APP_EVENT_AUCTION_BID, .target = 2, .seq = 5};
    ev.u.bid.bid = (app_bid_view){.id = 7,
                                  .auction_id = 3,
                                  .bidder_id = 42,
                                  .bidder_username = "ali",
                                  .amount = 1200,
                                  .by_proxy = true,
                                  .created_at = T0};
    ev.u.bid.current_bid = 1200;
    ev.u.bid.min_next_bid = 1300;
    ev.u.bid.ends_at = T0 + 30000;
    ev.u.bid.log_seq = 4;
    return ev;
}

static void test_a_bid_event_is_the_bid_and_where_it_left_the_auction(void **state)
{
    (void)state;
    app_event ev = bid_event();
    event out = encode(&ev);
    assert_string_equal(out.name, "auction:bid");
    assert_int_equal(out.scope, EVENT_STREAM);
    assert_int_equal(out.target, 2);
    assert_int_equal(out.seq, 5);
    char *bid = wire_dump(wire_bid(&ev.u.bid.bid));
    assert_non_null(bid);
    bid[strlen(bid) - 1] = '\0'; /* the event continues after the bid's members */
    assert_true(strncmp(out.json, bid, strlen(bid)) == 0);
    assert_string_equal(out.json + strlen(bid),
                        ",\"current_bid\":1200,\"min_next_bid\":1300,"
                        "\"ends_at\":\"2026-01-01T00:00:30.000Z\",\"log_seq\":4,\"seq\":5}");
    free(bid);
}

static void test_the_log_head_rides_on_auction_events(void **state)
{
    (void)state;
    app_log_head none = {0};
    app_event ev = bid_event();
    ev.head = &none;
    event out = encode(&ev);
    assert_non_null(strstr(out.json, ",\"log_head_seq\":0,\"log_head\":null,\"log_sig\":null,"
                                     "\"log_kid\":null,\"seq\":5}"));
    app_log_head signed_head = {.seq = 4, .has_sig = true, .kid = "l1"};
    memset(signed_head.hash, 0xab, sizeof(signed_head.hash));
    memset(signed_head.sig, 0xcd, sizeof(signed_head.sig));
    ev.head = &signed_head;
    out = encode(&ev);
    assert_non_null(strstr(out.json, "\"log_head_seq\":4,\"log_head\":\"abababab"));
    assert_non_null(strstr(out.json, "\"log_sig\":\"cdcdcdcd"));
    assert_non_null(strstr(out.json, "\"log_kid\":\"l1\",\"seq\":5}"));
}

static void test_room_and_user_events(void **state)
{
    (void)state;
    app_event ev = {.kind = APP_EVENT_AUCTION_UPDATE, .target = 2, .seq = 9};
    ev.u.auction = (app_auction_event){.auction_id = 3,
                                       .stream_id = 2,
                                       .product_id = 1,
                                       .status = "ended",
                                       .mode = "standard",
                                       .starting_bid = 1000,
                                       .has_bid = true,
                                       .current_bid = 1200,
                                       .min_next_bid = 1300,
                                       .ends_at = T0,
                                       .ended_at = T0,
                                       .winner_id = 42,
                                       .winner_username = "ali"};
    event out = encode(&ev);
    assert_string_equal(out.name, "auction:update");
    assert_non_null(strstr(out.json, "\"winner\":{\"id\":\"42\",\"username\":\"ali\"}"));
    app_event st = {.kind = APP_EVENT_STREAM_STATUS, .target = 2, .seq = 10, .u.status = "live"};
    out = encode(&st);
    assert_string_equal(out.json, "{\"stream_id\":\"2\",\"status\":\"live\",\"seq\":10}");
    app_event mute = {.kind = APP_EVENT_CHAT_MUTED, .target = 2, .seq = 11};
    mute.u.sanction.user_id = 42;
    mute.u.sanction.until = T0;
    out = encode(&mute);
    assert_string_equal(out.name, "chat:muted");
    assert_string_equal(out.json,
                        "{\"user_id\":\"42\",\"until\":\"2026-01-01T00:00:00.000Z\",\"seq\":11}");
    app_event n = {.kind = APP_EVENT_NOTIFICATION, .target = 42};
    n.u.notification = (notification){.id = 8,
                                      .user_id = 42,
                                      .kind = "show_live",
                                      .stream_id = 2,
                                      .title = "Malam",
                                      .created_at = T0};
    out = encode(&n);
    assert_int_equal(out.scope, EVENT_USER);
    assert_int_equal(out.target, 42);
    assert_string_equal(
        out.json, "{\"id\":\"8\",\"kind\":\"show_live\",\"stream_id\":\"2\",\"order_id\":null,"
                  "\"title\":\"Malam\",\"created_at\":\"2026-01-01T00:00:00.000Z\"}");
}

static void test_a_revocation_goes_round_the_bus(void **state)
{
    (void)state;
    app_event ev = {.kind = APP_EVENT_REVOKED, .target = 42};
    ev.u.revoked.session_id = 123456789012345LL;
    ev.u.revoked.user_id = 42;
    ev.u.revoked.expires_at = T0;
    event out = encode(&ev);
    assert_string_equal(out.name, "_revoked");
    assert_int_equal(out.scope, EVENT_USER);
    app_event back;
    assert_true(wire_revoked_read(&out, &back));
    assert_int_equal(back.kind, APP_EVENT_REVOKED);
    assert_int_equal(back.u.revoked.session_id, 123456789012345LL);
    assert_int_equal(back.u.revoked.user_id, 42);
    assert_int_equal(back.u.revoked.expires_at, T0);
    event bad = {EVENT_USER, 42, 0, "_revoked", "{\"session_id\":\"x\"}", 18};
    assert_true(wire_revoked_read(&bad, &back));
    assert_int_equal(back.u.revoked.session_id, 0); /* consumed, lists nothing */
    event chat = {EVENT_STREAM, 1, 3, "chat:message", "{}", 2};
    assert_false(wire_revoked_read(&chat, &back));
}

static void test_viewer_counts_between_nodes(void **state)
{
    (void)state;
    char *json = wire_dump(wire_viewers(388117031423991808LL, 12));
    assert_string_equal(json, "{\"node\":\"388117031423991808\",\"count\":12}");
    int64_t node = 0, count = 0;
    assert_true(wire_viewers_read(json, strlen(json), &node, &count));
    assert_int_equal(node, 388117031423991808LL);
    assert_int_equal(count, 12);
    free(json);
    assert_false(wire_viewers_read("{\"count\":3}", 11, &node, &count));
    assert_false(wire_viewers_read("not json", 8, &node, &count));
}

UNIT_MAIN_GROUP(setup, teardown,
                cmocka_unit_test(test_a_bid_event_is_the_bid_and_where_it_left_the_auction),
                cmocka_unit_test(test_the_log_head_rides_on_auction_events),
                cmocka_unit_test(test_room_and_user_events),
                cmocka_unit_test(test_a_revocation_goes_round_the_bus),
                cmocka_unit_test(test_viewer_counts_between_nodes))
