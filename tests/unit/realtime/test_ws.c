/* RFC 6455 framing and handshake: the RFC's examples, the decoder's failure codes, and
 * random byte splits of a valid stream decoding to the same messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "realtime/ws/ws.h"

/* ---- a recording sink ---------------------------------------------------------------- */

typedef struct rec {
    char log[8192]; /* "T:hello|B:3|P:x|C:1000:bye|" */
    size_t n;
    int stop_after_message;
} rec;

static void rec_add(rec *r, const char *tag, const unsigned char *d, size_t len)
{
    int w = snprintf(r->log + r->n, sizeof(r->log) - r->n, "%s%.*s|", tag, (int)len, d);
    if (w > 0) {
        r->n += (size_t)w < sizeof(r->log) - r->n ? (size_t)w : 0;
    }
}

static int on_message(void *u, int op, unsigned char *d, size_t len)
{
    rec *r = u;
    if (op == WS_OP_BINARY) {
        char tmp[32];
        snprintf(tmp, sizeof(tmp), "B%zu:", len);
        rec_add(r, tmp, d, len < 8 ? len : 8);
    } else {
        rec_add(r, "T:", d, len);
    }
    return r->stop_after_message;
}

static int on_ping(void *u, const unsigned char *d, size_t len)
{
    rec_add(u, "P:", d, len);
    return 0;
}

static int on_pong(void *u, const unsigned char *d, size_t len)
{
    rec_add(u, "O:", d, len);
    return 0;
}

static int on_close(void *u, int code, const char *reason, size_t len)
{
    char tmp[32];
    snprintf(tmp, sizeof(tmp), "C%d:", code);
    rec_add(u, tmp, (const unsigned char *)reason, len);
    return 0;
}

static const ws_parser_cbs cbs = {on_message, on_ping, on_pong, on_close};

/* Build a masked client frame into out; returns its length. */
static size_t client_frame(unsigned char *out, int fin, int op, const void *payload, size_t len,
                           const unsigned char mask[4])
{
    size_t h = 0;
    out[h++] = (unsigned char)((fin ? 0x80 : 0) | op);
    if (len < 126) {
        out[h++] = (unsigned char)(0x80 | len);
    } else if (len <= 0xFFFF) {
        out[h++] = 0x80 | 126;
        out[h++] = (unsigned char)(len >> 8);
        out[h++] = (unsigned char)len;
    } else {
        out[h++] = 0x80 | 127;
        for (int i = 7; i >= 0; i--) {
            out[h++] = (unsigned char)((uint64_t)len >> (8 * i));
        }
    }
    memcpy(out + h, mask, 4);
    h += 4;
    for (size_t i = 0; i < len; i++) {
        out[h + i] = ((const unsigned char *)payload)[i] ^ mask[i & 3];
    }
    return h + len;
}

static const unsigned char mask1[4] = {0x37, 0xfa, 0x21, 0x3d};

/* Feed `len` bytes in one piece (copying, since the parser unmasks in place). */
static int feed_all(ws_parser *p, const unsigned char *data, size_t len)
{
    unsigned char *copy = malloc(len ? len : 1);
    memcpy(copy, data, len);
    size_t used;
    int rc = ws_parser_feed(p, copy, len, &used);
    free(copy);
    return rc;
}

static ws_parser *new_parser(rec *r, size_t max)
{
    ws_parser *p = ws_parser_new(max);
    assert_non_null(p);
    memset(r, 0, sizeof(*r));
    ws_parser_set_cbs(p, &cbs, r);
    return p;
}

/* ---- handshake ----------------------------------------------------------------------- */

static void accept_key_rfc_example(void **state)
{
    char out[WS_ACCEPT_LEN + 1];
    const char *key = "dGhlIHNhbXBsZSBub25jZQ==";
    ws_accept_key(key, strlen(key), out);
    assert_string_equal(out, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

static void handshake_checks(void **state)
{
    ws_header h[] = {
        {"Host", "localhost"},
        {"upgrade", "WebSocket"},
        {"Connection", "keep-alive, Upgrade"},
        {"Sec-WebSocket-Version", "13"},
        {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
    };
    char acc[WS_ACCEPT_LEN + 1];
    int status = 0;
    assert_int_equal(ws_handshake_check(h, 5, acc, &status), BZ_OK);
    assert_int_equal(status, 101);
    assert_string_equal(acc, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    char resp[256];
    size_t n = ws_handshake_response(acc, resp, sizeof(resp));
    assert_true(n > 0);
    assert_non_null(strstr(resp, "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"));
    assert_int_equal(ws_handshake_response(acc, resp, 20), 0);

    h[3].value = "8";
    assert_int_equal(ws_handshake_check(h, 5, acc, &status), BZ_EBADREQUEST);
    assert_int_equal(status, 426);
    h[3].value = " 13 ";
    assert_int_equal(ws_handshake_check(h, 5, acc, &status), BZ_OK);
    h[4].value = "c2hvcnQ="; /* not 16 bytes */
    assert_int_equal(ws_handshake_check(h, 5, acc, &status), BZ_EBADREQUEST);
    assert_int_equal(status, 400);
    h[4].value = "dGhlIHNhbXBsZSBub25jZQ==";
    h[2].value = "keep-alive";
    assert_int_equal(ws_handshake_check(h, 5, acc, &status), BZ_EBADREQUEST);
    h[2].value = "Upgrade";
    h[1].value = "h2c";
    assert_int_equal(ws_handshake_check(h, 5, acc, &status), BZ_EBADREQUEST);
    assert_int_equal(ws_handshake_check(h, 4, acc, NULL), BZ_EBADREQUEST);
}

static void base64_and_utf8(void **state)
{
    char enc[16];
    unsigned char dec[16];
    assert_int_equal(ws_base64_encode("\x01\x02\x03\x04", 4, enc), 8);
    assert_memory_equal(enc, "AQIDBA==", 8);
    assert_int_equal(ws_base64_decode("AQIDBA==", 8, dec), 4);
    assert_memory_equal(dec, "\x01\x02\x03\x04", 4);
    assert_int_equal(ws_base64_decode("AQIDBA", 6, dec), 4);
    assert_int_equal(ws_base64_decode("AQID", 4, dec), 3);
    assert_int_equal(ws_base64_decode("A", 1, dec), -1);
    assert_int_equal(ws_base64_decode("AQ=D", 4, dec), -1);
    assert_int_equal(ws_base64_decode("AQ!D", 4, dec), -1);
    assert_int_equal(ws_base64_decode("", 0, dec), 0);
    assert_true(ws_utf8_valid("h\0llo \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 17));
    assert_false(ws_utf8_valid("\xc0\xaf", 2));          /* overlong */
    assert_false(ws_utf8_valid("\xed\xa0\x80", 3));      /* surrogate */
    assert_false(ws_utf8_valid("\xf4\x90\x80\x80", 4));  /* > U+10FFFF */
    assert_false(ws_utf8_valid("abcdefgh\xe2\x82", 10)); /* truncated */
    assert_false(ws_utf8_valid("\x80", 1));
}

/* ---- decoder: RFC 6455 §5.7 examples ------------------------------------------------- */

static void rfc_masked_hello(void **state)
{
    rec r;
    ws_parser *p = new_parser(&r, 0);
    const unsigned char f[] = {0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58};
    assert_int_equal(feed_all(p, f, sizeof(f)), BZ_OK);
    assert_string_equal(r.log, "T:Hello|");
    /* The same frame one byte at a time. */
    memset(&r, 0, sizeof(r));
    for (size_t i = 0; i < sizeof(f); i++) {
        assert_int_equal(feed_all(p, f + i, 1), BZ_OK);
    }
    assert_string_equal(r.log, "T:Hello|");
    /* Masked ping "Hello" and the fragmented "Hel" + "lo" with a ping in between. */
    unsigned char buf[128];
    size_t n = client_frame(buf, 1, WS_OP_PING, "Hello", 5, mask1);
    n += client_frame(buf + n, 0, WS_OP_TEXT, "Hel", 3, mask1);
    n += client_frame(buf + n, 1, WS_OP_PONG, "", 0, mask1);
    n += client_frame(buf + n, 1, WS_OP_CONT, "lo", 2, mask1);
    memset(&r, 0, sizeof(r));
    assert_int_equal(feed_all(p, buf, n), BZ_OK);
    assert_string_equal(r.log, "P:Hello|O:|T:Hello|");
    ws_parser_free(p);
}

static void close_frames(void **state)
{
    rec r;
    ws_parser *p = new_parser(&r, 0);
    unsigned char buf[256];
    size_t n = client_frame(buf, 1, WS_OP_CLOSE,
                            "\x03\xe8"
                            "bye",
                            5, mask1);
    n += client_frame(buf + n, 1, WS_OP_TEXT, "ignored", 7, mask1);
    size_t used = 0;
    assert_int_equal(ws_parser_feed(p, buf, n, &used), BZ_OK);
    assert_int_equal(used, n);
    assert_string_equal(r.log, "C1000:bye|");
    assert_true(ws_parser_closed(p));
    ws_parser_free(p);

    p = new_parser(&r, 0);
    n = client_frame(buf, 1, WS_OP_CLOSE, "", 0, mask1);
    assert_int_equal(feed_all(p, buf, n), BZ_OK);
    assert_string_equal(r.log, "C1005:|");
    ws_parser_free(p);

    /* Bad close payloads: one byte, a reserved code, a reason that is not UTF-8. */
    const struct {
        const char *payload;
        size_t len;
        int code;
    } bad[] = {{"\x03", 1, 1002}, {"\x03\xed", 2, 1002}, {"\x03\xe8\xff", 3, 1007}};
    for (size_t i = 0; i < 3; i++) {
        p = new_parser(&r, 0);
        n = client_frame(buf, 1, WS_OP_CLOSE, bad[i].payload, bad[i].len, mask1);
        assert_int_not_equal(feed_all(p, buf, n), BZ_OK);
        assert_int_equal(ws_parser_close_code(p), bad[i].code);
        ws_parser_free(p);
    }
}

static void protocol_errors(void **state)
{
    rec r;
    unsigned char big[200];
    memset(big, 'x', sizeof(big));
    const struct {
        unsigned char bytes[16];
        size_t len;
        int code;
    } cases[] = {
        {{0x81, 0x05, 'H', 'e', 'l', 'l', 'o'}, 7, 1002}, /* unmasked client frame */
        {{0xC1, 0x80, 1, 2, 3, 4}, 6, 1002},              /* RSV1 without extension */
        {{0x83, 0x80, 1, 2, 3, 4}, 6, 1002},              /* reserved opcode 3 */
        {{0x89 & 0x7F, 0x80, 1, 2, 3, 4}, 6, 1002},       /* fragmented ping */
        {{0x89, 0xFE, 0, 126, 1, 2, 3, 4}, 8, 1002},      /* control frame > 125 */
        {{0x80, 0x80, 1, 2, 3, 4}, 6, 1002},              /* continuation, no message */
        {{0x01, 0x80, 1, 2, 3, 4, 0x81, 0x80}, 8, 1002},  /* new text inside fragments */
        {{0x81, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, 14, 1002}, /* 64-bit length MSB set */
        {{0x82, 0xFF, 0, 0, 0, 0, 0, 0x0F, 0x42, 0x41, 1, 2, 3, 4}, 14, 1009}, /* 1,000,001 bytes */
        {{0x81, 0x82, 0, 0, 0, 0, 0xC3, 0x28}, 8, 1007}, /* invalid UTF-8 text */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        ws_parser *p = new_parser(&r, 0);
        int rc = feed_all(p, cases[i].bytes, cases[i].len);
        assert_int_equal(rc, cases[i].code == 1009 ? BZ_ETOOLARGE : BZ_EBADREQUEST);
        assert_int_equal(ws_parser_close_code(p), cases[i].code);
        /* Errors persist. */
        assert_int_equal(feed_all(p, (const unsigned char *)"\x81", 1), rc);
        ws_parser_free(p);
    }
    /* A fragmented message crossing the cap: 1009 once the total is too large. */
    ws_parser *p = new_parser(&r, 300);
    unsigned char buf[1024];
    size_t n = client_frame(buf, 0, WS_OP_BINARY, big, 200, mask1);
    assert_int_equal(feed_all(p, buf, n), BZ_OK);
    n = client_frame(buf, 1, WS_OP_CONT, big, 101, mask1);
    assert_int_equal(feed_all(p, buf, n), BZ_ETOOLARGE);
    assert_int_equal(ws_parser_close_code(p), 1009);
    ws_parser_free(p);
    /* Exactly at the cap is fine. */
    p = new_parser(&r, 300);
    n = client_frame(buf, 0, WS_OP_BINARY, big, 200, mask1);
    n += client_frame(buf + n, 1, WS_OP_CONT, big, 100, mask1);
    assert_int_equal(feed_all(p, buf, n), BZ_OK);
    assert_string_equal(r.log, "B300:xxxxxxxx|");
    assert_true(ws_parser_buffered(p) <= 4096);
    ws_parser_free(p);
}

static void callback_stop_and_resume(void **state)
{
    rec r;
    ws_parser *p = new_parser(&r, 0);
    r.stop_after_message = 7;
    unsigned char buf[64];
    size_t n = client_frame(buf, 1, WS_OP_TEXT, "a", 1, mask1);
    size_t first = n;
    n += client_frame(buf + n, 1, WS_OP_TEXT, "b", 1, mask1);
    size_t used;
    assert_int_equal(ws_parser_feed(p, buf, n, &used), 7);
    assert_int_equal(used, first);
    assert_int_equal(ws_parser_feed(p, buf + used, n - used, &used), 7);
    assert_string_equal(r.log, "T:a|T:b|");
    ws_parser_free(p);
}

/* ---- property: random splits ---------------------------------------------------------- */

static size_t build_stream(unsigned char *buf, unsigned seed)
{
    srand(seed);
    size_t n = 0;
    static unsigned char payload[70000];
    for (size_t i = 0; i < sizeof(payload); i++) {
        payload[i] = (unsigned char)('a' + i % 26);
    }
    unsigned char mask[4] = {(unsigned char)rand(), (unsigned char)rand(), 7, 9};
    n += client_frame(buf + n, 1, WS_OP_TEXT, "4hello", 6, mask);
    n += client_frame(buf + n, 1, WS_OP_BINARY, payload, 300, mask);
    n += client_frame(buf + n, 0, WS_OP_TEXT, payload, 126, mask);
    n += client_frame(buf + n, 1, WS_OP_PING, "p", 1, mask);
    n += client_frame(buf + n, 0, WS_OP_CONT, payload, 0, mask);
    n += client_frame(buf + n, 1, WS_OP_CONT, payload, 65536 + 5, mask);
    n += client_frame(buf + n, 1, WS_OP_TEXT, "", 0, mask);
    n += client_frame(buf + n, 1, WS_OP_CLOSE, "\x03\xe9", 2, mask);
    return n;
}

static void random_splits(void **state)
{
    static unsigned char stream[140000], copy[140000];
    size_t n = build_stream(stream, 1);
    rec whole;
    ws_parser *p = new_parser(&whole, 0);
    assert_int_equal(feed_all(p, stream, n), BZ_OK);
    ws_parser_free(p);
    assert_non_null(strstr(whole.log, "C1001:|"));
    for (unsigned iter = 0; iter < 200; iter++) {
        rec r;
        p = new_parser(&r, 0);
        memcpy(copy, stream, n);
        size_t off = 0;
        srand(iter + 100);
        while (off < n) {
            size_t step = iter % 3 == 0 ? 1 + (size_t)rand() % 7 : 1 + (size_t)rand() % 9000;
            if (step > n - off) {
                step = n - off;
            }
            size_t used;
            assert_int_equal(ws_parser_feed(p, copy + off, step, &used), BZ_OK);
            assert_int_equal(used, step);
            off += step;
        }
        assert_string_equal(r.log, whole.log);
        ws_parser_free(p);
    }
}

/* ---- encoder and shared messages ------------------------------------------------------ */

static void encoder_rfc_examples(void **state)
{
    size_t len;
    ws_msg *m = ws_msg_new(WS_OP_TEXT, "Hello", 5);
    const uint8_t *f = ws_msg_frame(m, &len);
    assert_int_equal(len, 7);
    assert_memory_equal(f, "\x81\x05Hello", 7);
    const uint8_t *pl = ws_msg_payload(m, &len);
    assert_int_equal(len, 5);
    assert_memory_equal(pl, "Hello", 5);
    /* Shared by three "connections", freed by the last. */
    ws_msg *a = ws_msg_ref(m), *b = ws_msg_ref(m);
    ws_msg_unref(m);
    ws_msg_unref(a);
    f = ws_msg_frame(b, &len);
    assert_memory_equal(f, "\x81\x05Hello", 7);
    ws_msg_unref(b);
    ws_msg_unref(NULL);

    static unsigned char big[65536];
    m = ws_msg_new(WS_OP_BINARY, big, 256);
    f = ws_msg_frame(m, &len);
    assert_int_equal(len, 260);
    assert_memory_equal(f, "\x82\x7e\x01\x00", 4);
    ws_msg_unref(m);
    m = ws_msg_new(WS_OP_BINARY, big, 65536);
    f = ws_msg_frame(m, &len);
    assert_int_equal(len, 65546);
    assert_memory_equal(f, "\x82\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10);
    ws_msg_unref(m);

    m = ws_msg_close(1009, NULL);
    f = ws_msg_frame(m, &len);
    assert_int_equal(len, 4);
    assert_memory_equal(f, "\x88\x02\x03\xf1", 4);
    assert_int_equal(ws_msg_opcode(m), WS_OP_CLOSE);
    ws_msg_unref(m);
    char reason[300];
    memset(reason, 'r', sizeof(reason) - 1);
    reason[sizeof(reason) - 1] = '\0';
    m = ws_msg_close(1000, reason);
    f = ws_msg_frame(m, &len);
    assert_int_equal(len, 2 + 125);
    ws_msg_unref(m);
}

UNIT_MAIN(cmocka_unit_test(accept_key_rfc_example), cmocka_unit_test(handshake_checks),
          cmocka_unit_test(base64_and_utf8), cmocka_unit_test(rfc_masked_hello),
          cmocka_unit_test(close_frames), cmocka_unit_test(protocol_errors),
          cmocka_unit_test(callback_stop_and_resume), cmocka_unit_test(random_splits),
          cmocka_unit_test(encoder_rfc_examples))
