#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "jscan.h"
#include "sio.h"

static void parse(const char *text, sio_packet *p)
{
    assert_true(sio_packet_parse(text, strlen(text), p));
}

static void assert_data(const sio_packet *p, const char *expected)
{
    assert_int_equal(p->data_len, strlen(expected));
    assert_memory_equal(p->data, expected, p->data_len);
}

static void reads_engine_io_types(void **state)
{
    assert_int_equal(eio_packet_type("0{\"sid\":\"x\"}", 12), EIO_OPEN);
    assert_int_equal(eio_packet_type("2", 1), EIO_PING);
    assert_int_equal(eio_packet_type("42[\"a\"]", 7), EIO_MESSAGE);
    assert_int_equal(eio_packet_type("6", 1), EIO_NOOP);
    assert_int_equal(eio_packet_type("7", 1), -1);
    assert_int_equal(eio_packet_type("x", 1), -1);
    assert_int_equal(eio_packet_type("", 0), -1);
}

/* Examples from socketio-protocol.md §3.2. */
static void parses_the_reference_examples(void **state)
{
    sio_packet p;
    parse("0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}", &p);
    assert_int_equal(p.type, SIO_CONNECT);
    assert_int_equal(p.nsp_len, 1);
    assert_false(p.has_ack);
    assert_data(&p, "{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}");

    parse("212[\"foo\"]", &p);
    assert_int_equal(p.type, SIO_EVENT);
    assert_true(p.has_ack);
    assert_int_equal(p.ack_id, 12);
    assert_data(&p, "[\"foo\"]");

    parse("3/admin,13[\"bar\"]", &p);
    assert_int_equal(p.type, SIO_ACK);
    assert_int_equal(p.nsp_len, 6);
    assert_memory_equal(p.nsp, "/admin", 6);
    assert_int_equal(p.ack_id, 13);
    assert_data(&p, "[\"bar\"]");

    parse("312[]", &p);
    assert_int_equal(p.ack_id, 12);
    assert_data(&p, "[]");

    parse("61-/admin,1[{\"_placeholder\":true,\"num\":0}]", &p);
    assert_int_equal(p.type, SIO_BINARY_ACK);
    assert_int_equal(p.attachments, 1);
    assert_int_equal(p.ack_id, 1);

    parse("1", &p);
    assert_int_equal(p.type, SIO_DISCONNECT);
    assert_int_equal(p.data_len, 0);

    parse("4/random,{\"message\":\"Invalid namespace\"}", &p);
    assert_int_equal(p.type, SIO_CONNECT_ERROR);
    assert_int_equal(p.nsp_len, 7);

    parse("0/custom", &p); /* a namespace may run to the end */
    assert_int_equal(p.nsp_len, 7);
    assert_int_equal(p.data_len, 0);
}

static void refuses_malformed_packets(void **state)
{
    sio_packet p;
    const char *bad[] = {"",
                         "7[]",
                         "x",
                         "2abc[\"x\"]",
                         "51[\"a\"]",
                         "50-[\"a\"]",
                         "511-[\"a\"]",
                         "3[\"no ack id\"]",
                         "21234567890123456789012[\"overflow\"]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(sio_packet_parse(bad[i], strlen(bad[i]), &p));
    }
}

static void encodes_events_and_connect(void **state)
{
    char out[64];
    assert_int_equal(sio_encode_event(out, sizeof out, -1, "[\"a\",1]"), 9);
    assert_string_equal(out, "42[\"a\",1]");
    assert_int_equal(sio_encode_event(out, sizeof out, 7, "[\"a\"]"), 8);
    assert_string_equal(out, "427[\"a\"]");
    assert_int_equal(sio_encode_event(out, 4, 7, "[\"a\"]"), 0);
    assert_int_equal(sio_encode_connect(out, sizeof out, NULL), 2);
    assert_string_equal(out, "40");
    sio_encode_connect(out, sizeof out, "{\"token\":\"t\"}");
    assert_string_equal(out, "40{\"token\":\"t\"}");
}

static const char bid_event[] =
    "[\"auction:bid\",{\"auction_id\":\"auc_1\",\"bid_id\":\"bid_9\",\"bidder\":{\"id\":\"u\","
    "\"amount\":5,\"username\":\"a \\\"q\\\" ]}\"},\"note\":\"\\\"amount\\\":7\",\"amount\":1200,"
    "\"current_bid\":1200,\"min_next_bid\":1300,\"seq\":4},\"offset-x\"]";

static void scans_top_level_values_only(void **state)
{
    js_span name, data, v, s;
    int64_t n;
    assert_true(js_array_item(bid_event, strlen(bid_event), 0, &name));
    assert_true(js_span_string_eq(name, "auction:bid"));
    assert_true(js_array_item(bid_event, strlen(bid_event), 1, &data));
    /* the nested bidder.amount and the "amount" inside a string are not taken */
    assert_true(js_object_get(data.p, data.len, "amount", &v));
    assert_true(js_span_int(v, &n));
    assert_int_equal(n, 1200);
    assert_true(js_object_get(data.p, data.len, "auction_id", &v));
    assert_true(js_span_plain_string(v, &s));
    assert_int_equal(s.len, 5);
    assert_memory_equal(s.p, "auc_1", 5);
    assert_true(js_object_get(data.p, data.len, "seq", &v));
    assert_true(js_span_int(v, &n));
    assert_int_equal(n, 4);
    assert_false(js_object_get(data.p, data.len, "username", &v));
    assert_true(js_array_item(bid_event, strlen(bid_event), 2, &v));
    assert_true(js_span_string_eq(v, "offset-x"));
    assert_false(js_array_item(bid_event, strlen(bid_event), 3, &v));
}

static void scanner_tolerates_whitespace_and_rejects_junk(void **state)
{
    const char spaced[] = " [ \"a\" , { \"k\" : -42 } ] ";
    js_span v, k;
    int64_t n;
    assert_true(js_array_item(spaced, strlen(spaced), 1, &v));
    assert_true(js_object_get(v.p, v.len, "k", &k));
    assert_true(js_span_int(k, &n));
    assert_int_equal(n, -42);
    const char *junk[] = {"", "[", "{\"k\"", "[\"unterminated]", "{\"k\":1,", "[1}]"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        assert_false(js_array_item(junk[i], strlen(junk[i]), 1, &v));
        assert_false(js_object_get(junk[i], strlen(junk[i]), "k", &v) &&
                     js_object_get(junk[i], strlen(junk[i]), "zz", &v));
    }
    js_span num = {"12.5", 4}, big = {"1234567890123456789", 19}, str = {"\"a\\n\"", 5};
    assert_false(js_span_int(num, &n));
    assert_false(js_span_int(big, &n));
    assert_false(js_span_plain_string(str, &v));
}

UNIT_MAIN(cmocka_unit_test(reads_engine_io_types), cmocka_unit_test(parses_the_reference_examples),
          cmocka_unit_test(refuses_malformed_packets), cmocka_unit_test(encodes_events_and_connect),
          cmocka_unit_test(scans_top_level_values_only),
          cmocka_unit_test(scanner_tolerates_whitespace_and_rejects_junk))
