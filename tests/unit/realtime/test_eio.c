/* Engine.IO v4 codec: the payload examples of the facts sheet (§2.3), decoding that stops at
 * the first invalid packet (§2.8), the open packet (§2.2), error bodies, query and checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "realtime/engineio/eio.h"

typedef struct seen {
    char log[1024];
    size_t n;
} seen;

static int collect(void *u, const eio_packet *p)
{
    seen *s = u;
    if (p->binary) {
        s->n += (size_t)snprintf(s->log + s->n, sizeof(s->log) - s->n, "bin%zu|", p->len);
    } else {
        s->n += (size_t)snprintf(s->log + s->n, sizeof(s->log) - s->n, "%d:%.*s|", p->type,
                                 (int)p->len, (const char *)p->data);
    }
    return 0;
}

static int decode(const char *body, seen *s)
{
    memset(s, 0, sizeof(*s));
    size_t len = strlen(body);
    unsigned char *copy = malloc(len + 1);
    memcpy(copy, body, len + 1);
    int rc = eio_payload_decode(copy, len, collect, s);
    free(copy);
    return rc;
}

static void payload_examples(void **state)
{
    static const struct {
        const char *in, *log;
    } cases[] = {
        {"4hello\x1e"
         "2\x1e"
         "4world",
         "4:hello|2:|4:world|"},
        {"4hello\x1e"
         "bAQIDBA==",
         "4:hello|bin4|"},
        {"40{\"sid\":\"o7iRbzIvTlxKiW69AAAA\"}\x1e"
         "42[\"auth\",{}]",
         "4:0{\"sid\":\"o7iRbzIvTlxKiW69AAAA\"}|4:2[\"auth\",{}]|"},
        {"451-[\"message-back\",{\"_placeholder\":true,\"num\":0}]\x1e"
         "bAQID",
         "4:51-[\"message-back\",{\"_placeholder\":true,\"num\":0}]|bin3|"},
        {"6\x1e"
         "1",
         "6:|1:|"},
        {"4test1\x1e"
         "4test2\x1e"
         "4test3",
         "4:test1|4:test2|4:test3|"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        seen s;
        assert_int_equal(decode(cases[i].in, &s), BZ_OK);
        assert_string_equal(s.log, cases[i].log);
    }
}

static void invalid_payloads(void **state)
{
    seen s;
    /* §2.8: bad first char, empty packet, empty body: error, earlier packets delivered. */
    assert_int_equal(decode("abc", &s), BZ_EBADREQUEST);
    assert_string_equal(s.log, "");
    assert_int_equal(decode("x", &s), BZ_EBADREQUEST);
    assert_int_equal(decode("", &s), BZ_EBADREQUEST);
    assert_int_equal(decode("4a\x1e\x1e"
                            "4b",
                            &s),
                     BZ_EBADREQUEST);
    assert_string_equal(s.log, "4:a|");
    assert_int_equal(decode("4a\x1e", &s), BZ_EBADREQUEST);
    assert_int_equal(decode("4a\x1e"
                            "7x\x1e"
                            "4b",
                            &s),
                     BZ_EBADREQUEST);
    assert_string_equal(s.log, "4:a|");
    assert_int_equal(decode("b!!!", &s), BZ_EBADREQUEST);
    assert_int_equal(decode("4\xff", &s), BZ_EBADREQUEST); /* not UTF-8 */
    /* Over WebSocket `b` is not a packet type. */
    unsigned char ws[] = "bAQID";
    eio_packet p;
    assert_int_equal(eio_decode_packet(ws, 5, false, &p), BZ_EBADREQUEST);
    unsigned char probe[] = "2probe";
    assert_int_equal(eio_decode_packet(probe, 6, false, &p), BZ_OK);
    assert_int_equal(p.type, EIO_PING);
    assert_int_equal(p.len, 5);
}

static void encode_payloads(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(eio_payload_append(&b, EIO_MESSAGE, "hello", 5), BZ_OK);
    ws_msg *bin = eio_msg_binary("\x01\x02\x03\x04", 4);
    assert_int_equal(eio_payload_append_msg(&b, bin), BZ_OK);
    assert_string_equal(b.data, "4hello\x1e"
                                "bAQIDBA==");
    bz_buf_reset(&b);
    assert_int_equal(eio_payload_append(&b, EIO_NOOP, NULL, 0), BZ_OK);
    assert_int_equal(eio_payload_append(&b, EIO_CLOSE, NULL, 0), BZ_OK);
    assert_string_equal(b.data, "6\x1e"
                                "1");
    /* One shared message: the WebSocket frame and the polling packet are the same bytes. */
    ws_msg *m = eio_msg(EIO_MESSAGE, "2[\"x\"]", 6);
    size_t flen, plen;
    const uint8_t *f = ws_msg_frame(m, &flen);
    const uint8_t *p = ws_msg_payload(m, &plen);
    assert_memory_equal(f,
                        "\x81\x07"
                        "42[\"x\"]",
                        9);
    assert_ptr_equal(f + 2, p);
    bz_buf_reset(&b);
    assert_int_equal(eio_payload_append_msg(&b, m), BZ_OK);
    assert_int_equal(eio_payload_append_msg(&b, m), BZ_OK);
    assert_string_equal(b.data, "42[\"x\"]\x1e"
                                "42[\"x\"]");
    /* The limit is honoured. */
    bz_buf small;
    bz_buf_init(&small, 8);
    assert_int_equal(eio_payload_append_msg(&small, m), BZ_OK);
    assert_int_equal(eio_payload_append_msg(&small, m), BZ_ETOOLARGE);
    assert_string_equal(small.data, "42[\"x\"]");
    bz_buf_free(&small);
    ws_msg_unref(m);
    ws_msg_unref(bin);
    bz_buf_free(&b);
}

static void open_packet(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(eio_open_packet(&b, "lv_VI97HAXpY6yYWAAAC", true, 25000, 20000, 1000000),
                     BZ_OK);
    assert_string_equal(b.data, "0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],"
                                "\"pingInterval\":25000,\"pingTimeout\":20000,"
                                "\"maxPayload\":1000000}");
    bz_buf_reset(&b);
    assert_int_equal(eio_open_packet(&b, "9Ti0jtMjIz6cbVRmAAAA", false, 300, 200, 1000000), BZ_OK);
    assert_string_equal(b.data, "0{\"sid\":\"9Ti0jtMjIz6cbVRmAAAA\",\"upgrades\":[],"
                                "\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}");
    bz_buf_free(&b);
    char a[EIO_SID_LEN + 1], c[EIO_SID_LEN + 1];
    eio_sid_new(a);
    eio_sid_new(c);
    assert_int_equal(strlen(a), EIO_SID_LEN);
    assert_string_not_equal(a, c);
    assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                     EIO_SID_LEN);
}

static void error_bodies(void **state)
{
    assert_string_equal(eio_error_json(0), "{\"code\":0,\"message\":\"Transport unknown\"}");
    assert_string_equal(eio_error_json(1), "{\"code\":1,\"message\":\"Session ID unknown\"}");
    assert_string_equal(eio_error_json(2), "{\"code\":2,\"message\":\"Bad handshake method\"}");
    assert_string_equal(eio_error_json(3), "{\"code\":3,\"message\":\"Bad request\"}");
    assert_string_equal(eio_error_json(5),
                        "{\"code\":5,\"message\":\"Unsupported protocol version\"}");
    assert_string_equal(eio_error_message(1), "Session ID unknown");
    assert_int_equal(eio_error_status(4), 403);
    assert_int_equal(eio_error_status(1), 400);
}

static int verify(const char *qs, int method, bool upgrade, int sess)
{
    eio_query q;
    eio_query_parse(qs, strlen(qs), &q);
    return eio_verify(&q, method, upgrade, true, sess);
}

static void query_and_checks(void **state)
{
    eio_query q;
    const char *qs = "EIO=4&transport=polling&t=53k26vn5&sid=iMp2w0u0uzvGlYyUAAAA&foo";
    eio_query_parse(qs, strlen(qs), &q);
    assert_true(q.eio4);
    assert_int_equal(q.transport, EIO_TRANSPORT_POLLING);
    assert_true(q.has_sid);
    assert_string_equal(q.sid, "iMp2w0u0uzvGlYyUAAAA");
    assert_false(q.b64);
    eio_query_parse("transport=websocket&b64=1&EIO=3", 31, &q);
    assert_false(q.eio4);
    assert_true(q.b64);
    assert_int_equal(q.transport, EIO_TRANSPORT_WEBSOCKET);
    /* The handshake table of §2.3, in the reference's order. */
    static const struct {
        const char *query;
        int method;
        bool upgrade;
        int session;
        int want;
    } table[] = {
        {"EIO=4&transport=polling", EIO_GET, false, 0, EIO_ERR_NONE},
        {"EIO=4", EIO_GET, false, 0, EIO_ERR_TRANSPORT_UNKNOWN},
        {"EIO=4&transport=abc", EIO_GET, false, 0, EIO_ERR_TRANSPORT_UNKNOWN},
        {"transport=polling", EIO_GET, false, 0, EIO_ERR_UNSUPPORTED_PROTOCOL},
        {"EIO=abc&transport=polling", EIO_GET, false, 0, EIO_ERR_UNSUPPORTED_PROTOCOL},
        {"EIO=4&transport=polling", EIO_POST, false, 0, EIO_ERR_BAD_HANDSHAKE_METHOD},
        {"EIO=4&transport=polling", EIO_OTHER_METHOD, false, 0, EIO_ERR_BAD_HANDSHAKE_METHOD},
        {"EIO=4&transport=websocket", EIO_GET, false, 0, EIO_ERR_BAD_REQUEST},
        {"EIO=4&transport=websocket", EIO_GET, true, 0, EIO_ERR_NONE},
        {"EIO=4&transport=polling&sid=x", EIO_GET, false, 0, EIO_ERR_SID_UNKNOWN},
        {"EIO=4&transport=polling&sid=x", EIO_POST, false, EIO_TRANSPORT_POLLING, EIO_ERR_NONE},
        {"EIO=4&transport=polling&sid=x", EIO_GET, false, EIO_TRANSPORT_WEBSOCKET,
         EIO_ERR_BAD_REQUEST},
        {"EIO=4&transport=websocket&sid=x", EIO_GET, false, EIO_TRANSPORT_POLLING,
         EIO_ERR_BAD_REQUEST},
        {"EIO=4&transport=websocket&sid=x", EIO_GET, true, EIO_TRANSPORT_POLLING, EIO_ERR_NONE},
        {"EIO=4&transport=websocket&sid=x", EIO_GET, true, EIO_TRANSPORT_WEBSOCKET,
         EIO_ERR_BAD_REQUEST},
        {"transport=polling&sid=x", EIO_GET, false, EIO_TRANSPORT_POLLING, EIO_ERR_BAD_REQUEST},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        assert_int_equal(
            verify(table[i].query, table[i].method, table[i].upgrade, table[i].session),
            table[i].want);
    }
    eio_query_parse("EIO=4&transport=polling", 23, &q);
    assert_int_equal(eio_verify(&q, EIO_GET, false, false, 0), EIO_ERR_BAD_REQUEST);
}

UNIT_MAIN(cmocka_unit_test(payload_examples), cmocka_unit_test(invalid_payloads),
          cmocka_unit_test(encode_payloads), cmocka_unit_test(open_packet),
          cmocka_unit_test(error_bodies), cmocka_unit_test(query_and_checks))
