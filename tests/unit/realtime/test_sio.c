/* Socket.IO v5 codec: every row of the encoding table (§3.2) decoded and re-encoded, the
 * invalid inputs of §3.7, binary reassembly, argument echo and the recovery offset (§3.8). */
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
#include "realtime/socketio/sio.h"

#define PH(n) "{\"_placeholder\":true,\"num\":" #n "}"

typedef struct row {
    const char *text;
    int type, attachments;
    const char *nsp;
    long ack;
    const char *data; /* NULL = none */
} row;

static const row table[] = {
    {"0", SIO_CONNECT, 0, "/", -1, NULL},
    {"0{\"token\":\"123\"}", SIO_CONNECT, 0, "/", -1, "{\"token\":\"123\"}"},
    {"0/admin,", SIO_CONNECT, 0, "/admin", -1, NULL},
    {"0/admin,{\"token\":\"abc\"}", SIO_CONNECT, 0, "/admin", -1, "{\"token\":\"abc\"}"},
    {"0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}", SIO_CONNECT, 0, "/", -1,
     "{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}"},
    {"0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}", SIO_CONNECT, 0, "/admin", -1,
     "{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"},
    {"2[\"foo\"]", SIO_EVENT, 0, "/", -1, "[\"foo\"]"},
    {"2/admin,[\"bar\"]", SIO_EVENT, 0, "/admin", -1, "[\"bar\"]"},
    {"212[\"foo\"]", SIO_EVENT, 0, "/", 12, "[\"foo\"]"},
    {"2/admin,7[\"x\"]", SIO_EVENT, 0, "/admin", 7, "[\"x\"]"},
    {"312[]", SIO_ACK, 0, "/", 12, "[]"},
    {"3/admin,13[\"bar\"]", SIO_ACK, 0, "/admin", 13, "[\"bar\"]"},
    {"51-[\"baz\"," PH(0) "]", SIO_BINARY_EVENT, 1, "/", -1, "[\"baz\"," PH(0) "]"},
    {"52-/admin,[\"baz\"," PH(0) "," PH(1) "]", SIO_BINARY_EVENT, 2, "/admin", -1,
     "[\"baz\"," PH(0) "," PH(1) "]"},
    {"52-789[\"message-with-ack\"," PH(0) "," PH(1) "]", SIO_BINARY_EVENT, 2, "/", 789,
     "[\"message-with-ack\"," PH(0) "," PH(1) "]"},
    {"61-15[\"bar\"," PH(0) "]", SIO_BINARY_ACK, 1, "/", 15, "[\"bar\"," PH(0) "]"},
    {"61-/admin,1[" PH(0) "]", SIO_BINARY_ACK, 1, "/admin", 1, "[" PH(0) "]"},
    {"1", SIO_DISCONNECT, 0, "/", -1, NULL},
    {"1/admin,", SIO_DISCONNECT, 0, "/admin", -1, NULL},
    {"4{\"message\":\"Not authorized\"}", SIO_CONNECT_ERROR, 0, "/", -1,
     "{\"message\":\"Not authorized\"}"},
    {"4/random,{\"message\":\"Invalid namespace\"}", SIO_CONNECT_ERROR, 0, "/random", -1,
     "{\"message\":\"Invalid namespace\"}"},
    {"4/private,{\"message\":\"not authorized\",\"data\":{\"hint\":\"send token\"}}",
     SIO_CONNECT_ERROR, 0, "/private", -1,
     "{\"message\":\"not authorized\",\"data\":{\"hint\":\"send token\"}}"},
};

static void encoding_table(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    for (size_t i = 0; i < sizeof(table) / sizeof(*table); i++) {
        const row *r = &table[i];
        sio_packet p;
        assert_int_equal(sio_decode(r->text, strlen(r->text), &p), BZ_OK);
        assert_int_equal(p.type, r->type);
        assert_int_equal(p.attachments, r->attachments);
        assert_int_equal(p.nsp_len, strlen(r->nsp));
        assert_memory_equal(p.nsp, r->nsp, p.nsp_len);
        assert_int_equal(p.ack_id, r->ack);
        if (r->data) {
            assert_int_equal(p.data_len, strlen(r->data));
            assert_memory_equal(p.data, r->data, p.data_len);
        } else {
            assert_null(p.data);
        }
        bz_buf_reset(&b);
        assert_int_equal(sio_encode(&b, &p), BZ_OK);
        assert_string_equal(b.data, r->text);
    }
    bz_buf_free(&b);
}

/* The buffer holds exactly `want`; emptied for the next builder. */
static void expect_and_reset(bz_buf *b, const char *want)
{
    assert_string_equal(b->data, want);
    bz_buf_reset(b);
}

static void builders(void **state)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    assert_int_equal(sio_encode_connect(&b, "/", "wZX3oN0bSVIhsaknAAAI", NULL), BZ_OK);
    expect_and_reset(&b, "0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}");
    sio_encode_connect(&b, "/admin", "BKLGHlpoJVad4yiCAAAA", "Q0fREhpG01L6CUyaAAAB");
    expect_and_reset(&b,
                     "0/admin,{\"sid\":\"BKLGHlpoJVad4yiCAAAA\",\"pid\":\"Q0fREhpG01L6CUyaAAAB\"}");
    sio_encode_connect_error(&b, "/random", "Invalid namespace", NULL);
    expect_and_reset(&b, "4/random,{\"message\":\"Invalid namespace\"}");
    sio_encode_connect_error(&b, "/private", "not authorized", "{\"hint\":\"send token\"}");
    expect_and_reset(
        &b, "4/private,{\"message\":\"not authorized\",\"data\":{\"hint\":\"send token\"}}");
    sio_encode_ack(&b, NULL, 456, "1,\"2\",{\"3\":[false]}", 19, 0);
    expect_and_reset(&b, "3456[1,\"2\",{\"3\":[false]}]");
    sio_encode_ack(&b, "/", 789, PH(0) "," PH(1), strlen(PH(0) "," PH(1)), 2);
    expect_and_reset(&b, "62-789[" PH(0) "," PH(1) "]");
    sio_encode_ack(&b, "/", 12, NULL, 0, 0);
    expect_and_reset(&b, "312[]");
    sio_encode_disconnect(&b, "/admin");
    expect_and_reset(&b, "1/admin,");
    sio_event ev = {.nsp = "/", .name = "auth", .args = "{}", .args_len = 2, .ack_id = -1};
    sio_encode_event(&b, &ev);
    expect_and_reset(&b, "2[\"auth\",{}]");
    /* §3.8: the offset is the last argument, only without an ack id. */
    sio_event rec = {
        .name = "welcome", .args = "\"hi\"", .args_len = 4, .ack_id = -1, .offset = "Q8FD-HI"};
    sio_encode_event(&b, &rec);
    expect_and_reset(&b, "2[\"welcome\",\"hi\",\"Q8FD-HI\"]");
    rec = (sio_event){.name = "ask", .args = "42", .args_len = 2, .ack_id = 0, .offset = "X"};
    sio_encode_event(&b, &rec);
    expect_and_reset(&b, "20[\"ask\",42]");
    rec = (sio_event){.nsp = "/admin", .name = "x\x1e\"", .ack_id = -1, .offset = "o"};
    sio_encode_event(&b, &rec);
    expect_and_reset(&b, "2/admin,[\"x\\u001e\\\"\",\"o\"]");
    rec = (sio_event){
        .name = "world", .args = PH(0), .args_len = strlen(PH(0)), .ack_id = 0, .attachments = 1};
    sio_encode_event(&b, &rec);
    assert_string_equal(b.data, "51-0[\"world\"," PH(0) "]");
    bz_buf_free(&b);
}

static void shared_broadcast(void **state)
{
    sio_event ev = {
        .name = "auction:bid", .args = "{\"amount\":500}", .args_len = 14, .ack_id = -1};
    ws_msg *m = sio_event_msg(&ev, 0);
    assert_non_null(m);
    size_t flen;
    const uint8_t *f = ws_msg_frame(m, &flen);
    const char want[] = "42[\"auction:bid\",{\"amount\":500}]";
    assert_int_equal(flen, 2 + strlen(want));
    assert_memory_equal(f + 2, want, strlen(want));
    bz_buf poll;
    bz_buf_init(&poll, 0);
    eio_payload_append_msg(&poll, m);
    eio_payload_append_msg(&poll, m);
    assert_string_equal(poll.data, "42[\"auction:bid\",{\"amount\":500}]\x1e"
                                   "42[\"auction:bid\",{\"amount\":500}]");
    bz_buf_free(&poll);
    ws_msg_unref(m);
    assert_null(sio_event_msg(&ev, 10)); /* over the limit */
    bz_buf t;
    bz_buf_init(&t, 0);
    sio_encode_connect(&t, "/", "abc", NULL);
    m = sio_msg_from(&t);
    const uint8_t *p = ws_msg_payload(m, &flen);
    assert_memory_equal(p, "40{\"sid\":\"abc\"}", flen);
    ws_msg_unref(m);
    bz_buf_free(&t);
}

static void invalid_packets(void **state)
{
    static const char *const bad[] = {
        "",
        "abc",
        "7[\"x\"]",
        "9",
        "511-[\"a\"," PH(0) "]", /* more than 10 attachments */
        "50-[\"a\"]",            /* zero attachments */
        "5-[\"a\"]",             /* no count */
        "51[\"a\"," PH(0) "]",   /* no dash */
        "2{}",                   /* event must be an array */
        "2[]",                   /* ... with a name */
        "2[{}]",                 /* ... that is a string or number */
        "2[\"disconnect\"]",     /* reserved */
        "2[\"connect\"]",
        "2[\"connect_error\"]",
        "2[\"disconnecting\"]",
        "2[\"newListener\"]",
        "2[\"removeListener\"]",
        "0[]", /* CONNECT payload must be an object */
        "0\"abc\"",
        "1{}",                                                /* DISCONNECT has no payload */
        "3{}",                                                /* ACK must be an array */
        "4[]",                                                /* CONNECT_ERROR object or string */
        "2abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]", /* bad ack id = bad JSON */
        "2[\"a\"",                                            /* JSON that does not parse */
        "2[\"a\"]x",
        "51-[\"a\"," PH(1) "]", /* placeholder out of range */
        "51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]",
        "51-[\"a\",{\"_placeholder\":true}]",
        "2",                        /* event without payload */
        "21234567890123456[\"a\"]", /* ack id beyond 2^53 */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        sio_packet p;
        if (sio_decode(bad[i], strlen(bad[i]), &p) != BZ_EBADREQUEST) {
            fail_msg("accepted: %s", bad[i]);
        }
    }
    /* Accepted oddities of the reference. */
    static const char *const good[] = {
        "2[1,2]",   /* numeric event name */
        "0/custom", /* namespace without the trailing comma */
        "1/custom",
        "2[\"a\",{\"_placeholder\":true,\"num\":9}]", /* not binary: just an object */
        "51-[\"a\",[{\"k\":" PH(0) "}]]",             /* nested placeholder */
        "4\"plain message\"",
        "2[\"x\"]",
    };
    for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
        sio_packet p;
        if (sio_decode(good[i], strlen(good[i]), &p) != BZ_OK) {
            fail_msg("refused: %s", good[i]);
        }
    }
    sio_packet p;
    assert_int_equal(sio_decode("0/custom", 8, &p), BZ_OK);
    assert_int_equal(p.nsp_len, 7);
    assert_null(p.data);
}

static void names_and_args(void **state)
{
    sio_packet p;
    const char *t = "2[\"message\",1,\"2\",{\"3\":[true]}]";
    assert_int_equal(sio_decode(t, strlen(t), &p), BZ_OK);
    char *name = sio_event_name(&p);
    assert_string_equal(name, "message");
    free(name);
    const char *args;
    size_t len;
    assert_int_equal(sio_event_args(&p, &args, &len), BZ_OK);
    assert_int_equal(len, strlen("1,\"2\",{\"3\":[true]}"));
    assert_memory_equal(args, "1,\"2\",{\"3\":[true]}", len);
    /* Echo as the suite's test app does: message-back with the same arguments. */
    bz_buf b;
    bz_buf_init(&b, 0);
    sio_event ev = {.name = "message-back", .args = args, .args_len = len, .ack_id = -1};
    sio_encode_event(&b, &ev);
    assert_string_equal(b.data, "2[\"message-back\",1,\"2\",{\"3\":[true]}]");
    bz_buf_free(&b);

    t = "2[ \"a,]\\\"b\" , [1,\"]\"] ]";
    assert_int_equal(sio_decode(t, strlen(t), &p), BZ_OK);
    name = sio_event_name(&p);
    assert_string_equal(name, "a,]\"b");
    free(name);
    sio_event_args(&p, &args, &len);
    assert_memory_equal(args, "[1,\"]\"]", len);
    assert_int_equal(len, 7);

    t = "2[42]";
    sio_decode(t, strlen(t), &p);
    name = sio_event_name(&p);
    assert_string_equal(name, "42");
    free(name);
    sio_event_args(&p, &args, &len);
    assert_int_equal(len, 0);

    t = "3456[1,\"2\"]";
    sio_decode(t, strlen(t), &p);
    assert_null(sio_event_name(&p));
    sio_event_args(&p, &args, &len);
    assert_memory_equal(args, "1,\"2\"", len);
    t = "0{}";
    sio_decode(t, strlen(t), &p);
    assert_int_equal(sio_event_args(&p, &args, &len), BZ_EBADREQUEST);
}

static void binary_reassembly(void **state)
{
    sio_decoder *d = sio_decoder_new(0);
    sio_packet p;
    const char *t = "2-789[\"message-with-ack\"," PH(0) "," PH(1) "]";
    char text[128];
    snprintf(text, sizeof(text), "5%s", t);
    assert_int_equal(sio_decoder_text(d, text, strlen(text), &p), 0);
    memset(text, 0, sizeof(text)); /* the decoder kept its own copy */
    assert_true(sio_decoder_pending(d));
    assert_int_equal(sio_decoder_binary(d, "\x01\x02\x03", 3, &p), 0);
    assert_int_equal(sio_decoder_binary(d, "\x04\x05\x06", 3, &p), 1);
    assert_false(sio_decoder_pending(d));
    assert_int_equal(p.type, SIO_BINARY_EVENT);
    assert_int_equal(p.ack_id, 789);
    assert_int_equal(p.attachments, 2);
    assert_memory_equal(p.bins[0].data, "\x01\x02\x03", 3);
    assert_memory_equal(p.bins[1].data, "\x04\x05\x06", 3);
    assert_memory_equal(p.data, "[\"message-with-ack\"", 19);
    /* The echo: BINARY_ACK with the same placeholders, then the same attachments. */
    const char *args;
    size_t len;
    sio_event_args(&p, &args, &len);
    bz_buf b;
    bz_buf_init(&b, 0);
    sio_encode_ack(&b, "/", p.ack_id, args, len, p.attachments);
    assert_string_equal(b.data, "62-789[" PH(0) "," PH(1) "]");
    bz_buf_free(&b);

    /* A plain text packet passes straight through. */
    assert_int_equal(sio_decoder_text(d, "2[\"x\"]", 6, &p), 1);
    /* Errors of §3.7: binary with nothing pending; text while attachments are awaited. */
    assert_int_equal(sio_decoder_binary(d, "\x01", 1, &p), BZ_EBADREQUEST);
    const char *one = "51-[\"a\"," PH(0) "]";
    assert_int_equal(sio_decoder_text(d, one, strlen(one), &p), 0);
    assert_int_equal(sio_decoder_text(d, "2[\"x\"]", 6, &p), BZ_EBADREQUEST);
    assert_false(sio_decoder_pending(d));
    /* Namespace and data survive the copy. */
    const char *ns = "51-/admin,3[\"a\"," PH(0) "]";
    assert_int_equal(sio_decoder_text(d, ns, strlen(ns), &p), 0);
    assert_int_equal(sio_decoder_binary(d, "", 0, &p), 1);
    assert_int_equal(p.nsp_len, 6);
    assert_memory_equal(p.nsp, "/admin", 6);
    assert_int_equal(p.bins[0].len, 0);
    sio_decoder_free(d);

    /* The byte cap covers the text and the attachments. */
    d = sio_decoder_new(64);
    assert_int_equal(sio_decoder_text(d, one, strlen(one), &p), 0);
    static const char big[64];
    assert_int_equal(sio_decoder_binary(d, big, sizeof(big), &p), BZ_ETOOLARGE);
    assert_false(sio_decoder_pending(d));
    sio_decoder_free(d);
}

UNIT_MAIN(cmocka_unit_test(encoding_table), cmocka_unit_test(builders),
          cmocka_unit_test(shared_broadcast), cmocka_unit_test(invalid_packets),
          cmocka_unit_test(names_and_args), cmocka_unit_test(binary_reassembly))
