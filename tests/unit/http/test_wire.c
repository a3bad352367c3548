/* The parsing state machine without sockets: caps, chunked bodies, pipelining, split feeds. */
#include "base/err.h"
#include "http/wire.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

typedef struct sink {
    http_msg msgs[8];
    int begun, completed;
    size_t body_cap;
    int pause_after; /* pause after this many completions (0 = never) */
    char urls[8][64];
    char bodies[8][64];
} sink;

static http_msg *on_begin(void *u)
{
    sink *s = u;
    return s->begun < 8 ? &s->msgs[s->begun++] : NULL;
}

static int on_head(void *u, http_msg *m)
{
    sink *s = u;
    m->body.limit = s->body_cap;
    return 0;
}

static int on_complete(void *u, http_msg *m)
{
    sink *s = u;
    snprintf(s->urls[s->completed], 64, "%s", m->url);
    snprintf(s->bodies[s->completed], 64, "%.*s", (int)m->body.len,
             m->body.data ? m->body.data : "");
    s->completed++;
    return s->pause_after && s->completed % s->pause_after == 0;
}

static const http_wire_cbs cbs = {on_begin, on_head, on_complete};

static sink *sink_new(size_t body_cap)
{
    sink *s = calloc(1, sizeof(*s));
    for (int i = 0; i < 8; i++) {
        http_msg_init(&s->msgs[i]);
    }
    s->body_cap = body_cap;
    return s;
}

static void sink_free(sink *s)
{
    for (int i = 0; i < 8; i++) {
        http_msg_free(&s->msgs[i]);
    }
    free(s);
}

/* Feed `in` one byte at a time: every fragment boundary must be handled. */
static void feed_bytewise(http_wire *w, const char *in)
{
    for (size_t i = 0; in[i]; i++) {
        assert_int_equal(http_wire_feed(w, in + i, 1), 1);
    }
}

static void test_get_with_headers_bytewise(void **state)
{
    sink *s = sink_new(1024);
    http_wire *w = http_wire_new(&cbs, s, 16384);
    feed_bytewise(w, "GET /a/b?x=1 HTTP/1.1\r\nHost: h\r\nX-Empty:\r\nX-Long: abc def\r\n\r\n");
    assert_int_equal(http_wire_error(w), 0);
    assert_int_equal(s->completed, 1);
    http_msg *m = &s->msgs[0];
    assert_int_equal(m->method, HTTP_WM_GET);
    assert_string_equal(m->url, "/a/b?x=1");
    assert_int_equal(m->nheaders, 3);
    assert_string_equal(http_msg_header(m, "host"), "h");
    assert_string_equal(http_msg_header(m, "x-empty"), "");
    assert_string_equal(http_msg_header(m, "X-LONG"), "abc def");
    assert_null(http_msg_header(m, "nope"));
    assert_true(m->keep_alive);
    assert_int_equal(m->content_length, UINT64_MAX);
    http_wire_free(w);
    sink_free(s);
}

static void test_chunked_body(void **state)
{
    sink *s = sink_new(1024);
    http_wire *w = http_wire_new(&cbs, s, 16384);
    feed_bytewise(w, "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n");
    assert_int_equal(http_wire_error(w), 0);
    assert_int_equal(s->completed, 1);
    assert_string_equal(s->bodies[0], "hello, world");
    assert_true(s->msgs[0].chunked);
    http_wire_free(w);
    sink_free(s);
}

static void test_pipelined_and_pause(void **state)
{
    sink *s = sink_new(1024);
    s->pause_after = 2;
    http_wire *w = http_wire_new(&cbs, s, 16384);
    const char in[] = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
                      "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                      "GET /3 HTTP/1.1\r\nHost: h\r\n\r\n";
    size_t len = sizeof(in) - 1;
    size_t n = http_wire_feed(w, in, len);
    assert_true(n < len); /* paused after two messages */
    assert_int_equal(http_wire_error(w), 0);
    assert_int_equal(s->completed, 2);
    size_t n2 = http_wire_feed(w, in + n, len - n);
    assert_int_equal(n + n2, len);
    assert_int_equal(s->completed, 3);
    assert_string_equal(s->urls[0], "/1");
    assert_string_equal(s->urls[1], "/2");
    assert_string_equal(s->bodies[1], "abc");
    assert_string_equal(s->urls[2], "/3");
    http_wire_free(w);
    sink_free(s);
}

static void test_header_cap(void **state)
{
    sink *s = sink_new(1024);
    http_wire *w = http_wire_new(&cbs, s, 1024);
    char big[2048];
    memset(big, 'a', sizeof(big));
    const char start[] = "GET / HTTP/1.1\r\nX-Big: ";
    http_wire_feed(w, start, sizeof(start) - 1);
    http_wire_feed(w, big, sizeof(big));
    assert_int_equal(http_wire_error(w), BZ_EHEADERS);
    assert_int_equal(s->completed, 0);
    http_wire_free(w);
    sink_free(s);
}

static void test_too_many_headers(void **state)
{
    sink *s = sink_new(1024);
    http_wire *w = http_wire_new(&cbs, s, 1 << 20);
    http_wire_feed(w, "GET / HTTP/1.1\r\n", 16);
    for (int i = 0; i <= HTTP_WIRE_MAX_HEADERS; i++) {
        char line[32];
        int n = snprintf(line, sizeof(line), "X-%d: v\r\n", i);
        http_wire_feed(w, line, (size_t)n);
    }
    assert_int_equal(http_wire_error(w), BZ_EHEADERS);
    http_wire_free(w);
    sink_free(s);
}

static void test_body_caps(void **state)
{
    sink *s = sink_new(10);
    http_wire *w = http_wire_new(&cbs, s, 16384);
    const char cl[] = "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n";
    http_wire_feed(w, cl, sizeof(cl) - 1);
    assert_int_equal(http_wire_error(w), BZ_ETOOLARGE); /* before any body byte */
    http_wire_free(w);

    w = http_wire_new(&cbs, s, 16384);
    const char ch[] = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "6\r\nabcdef\r\n6\r\nghijkl\r\n0\r\n\r\n";
    http_wire_feed(w, ch, sizeof(ch) - 1);
    assert_int_equal(http_wire_error(w), BZ_ETOOLARGE); /* while streaming */
    http_wire_free(w);
    sink_free(s);
}

static void test_garbage(void **state)
{
    const char *bad[] = {
        "GARBAGE\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "GET /\x01 HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\x7f\r\n\r\n",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        sink *s = sink_new(1024);
        http_wire *w = http_wire_new(&cbs, s, 16384);
        http_wire_feed(w, bad[i], strlen(bad[i]));
        assert_int_equal(http_wire_error(w), BZ_EBADREQUEST);
        http_wire_free(w);
        sink_free(s);
    }
}

static void test_http10_and_close(void **state)
{
    sink *s = sink_new(1024);
    http_wire *w = http_wire_new(&cbs, s, 16384);
    const char in[] = "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.1\r\nConnection: close\r\n\r\n";
    http_wire_feed(w, in, sizeof(in) - 1);
    assert_int_equal(s->completed, 2);
    assert_false(s->msgs[0].keep_alive);
    assert_false(s->msgs[1].keep_alive);
    http_wire_free(w);
    sink_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get_with_headers_bytewise),
        cmocka_unit_test(test_chunked_body),
        cmocka_unit_test(test_pipelined_and_pause),
        cmocka_unit_test(test_header_cap),
        cmocka_unit_test(test_too_many_headers),
        cmocka_unit_test(test_body_caps),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_http10_and_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
