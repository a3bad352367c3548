/* The parsing state machine without sockets: caps, chunked bodies, pipelining, split feeds. */
#include "base/err.h"
#include "http/wire.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "unit_main.h"

typedef struct sink {
    http_msg msgs[8];
    int begun, completed;
    size_t body_cap;
    int pause_after; /* pause after this many completions (0 = never) */
    char urls[8][64];
    char bodies[8][64];
    char heads[8][512]; /* "name=value;" for every header, read at completion */
    bool reuse;         /* hand out msgs[0] every time, as a connection recycles requests */
} sink;

static http_msg *on_begin(void *u)
{
    sink *s = u;
    if (s->reuse) {
        s->begun++;
        return &s->msgs[0];
    }
    return s->begun < 8 ? &s->msgs[s->begun++] : NULL;
}

/* Read every header the way the server does after the message is complete. */
static void snapshot_headers(char *out, size_t size, const http_msg *m)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < m->nheaders && n < size; i++) {
        int k = snprintf(out + n, size - n, "%s=%s;", m->headers[i].name, m->headers[i].value);
        n += k > 0 ? (size_t)k : 0;
    }
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
    snapshot_headers(s->heads[s->completed], sizeof(s->heads[0]), m);
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

/* Trailer fields come through http-parser's header callbacks after the head is complete. They
 * must not add header slots or move the head's buffer (the pointers into it would dangle). */
static void test_trailers_leave_head_alone(void **state)
{
    char trailer[3000];
    memset(trailer, 'v', sizeof(trailer) - 1); /* big enough to move a buffer that grows */
    trailer[sizeof(trailer) - 1] = '\0';
    char in[4096];
    snprintf(in, sizeof(in),
             "POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-T: 1\r\nX-Big: %s\r\n\r\n",
             trailer);
    for (int bytewise = 0; bytewise < 2; bytewise++) {
        sink *s = sink_new(1024);
        http_wire *w = http_wire_new(&cbs, s, 16384);
        if (bytewise) {
            feed_bytewise(w, in);
        } else {
            assert_int_equal(http_wire_feed(w, in, strlen(in)), strlen(in));
        }
        assert_int_equal(http_wire_error(w), 0);
        assert_int_equal(s->completed, 1);
        http_msg *m = &s->msgs[0];
        assert_int_equal(m->nheaders, 3);
        assert_string_equal(s->heads[0], "Host=x;Content-Type=application/json;"
                                         "Transfer-Encoding=chunked;");
        assert_string_equal(s->urls[0], "/api/v1/auth/logout");
        assert_string_equal(s->bodies[0], "{}");
        assert_null(http_msg_header(m, "X-T")); /* trailers are discarded */
        assert_string_equal(http_msg_header(m, "host"), "x");
        assert_false(http_wire_in_message(w));
        http_wire_free(w);
        sink_free(s);
    }
}

/* A recycled message must not show a header of the request it carried before, whatever the
 * next request sends (the keep-alive identity leak). */
static void test_recycled_msg_forgets_headers(void **state)
{
    sink *s = sink_new(1024);
    s->reuse = true;
    http_wire *w = http_wire_new(&cbs, s, 16384);
    const char first[] = "PATCH /api/v1/users/me HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/json\r\nContent-Length: 2\r\n"
                         "X-Pad-1: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
                         "X-Pad-2: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
                         "Authorization: Bearer token-of-user-a\r\n\r\n{}";
    assert_int_equal(http_wire_feed(w, first, sizeof(first) - 1), sizeof(first) - 1);
    assert_string_equal(http_msg_header(&s->msgs[0], "Authorization"), "Bearer token-of-user-a");
    const char second[] = "PATCH /api/v1/users/me HTTP/1.1\r\nHost: x\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n"
                          "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n";
    assert_int_equal(http_wire_feed(w, second, sizeof(second) - 1), sizeof(second) - 1);
    assert_int_equal(http_wire_error(w), 0);
    assert_int_equal(s->completed, 2);
    assert_int_equal(s->msgs[0].nheaders, 2);
    assert_null(http_msg_header(&s->msgs[0], "Authorization"));
    assert_string_equal(s->heads[1], "Host=x;Transfer-Encoding=chunked;");
    /* and the owner's own reset clears every slot the previous message used */
    http_msg_reset(&s->msgs[0]);
    assert_int_equal(s->msgs[0].nheaders, 0);
    assert_null(s->msgs[0].headers[0].name);
    assert_null(s->msgs[0].url);
    http_wire_free(w);
    sink_free(s);
}

/* Trailers are bounded like headers: by bytes (with the head) and by count. */
static void test_trailer_caps(void **state)
{
    sink *s = sink_new(1024);
    http_wire *w = http_wire_new(&cbs, s, 512);
    const char head[] = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n";
    http_wire_feed(w, head, sizeof(head) - 1);
    char big[600];
    memset(big, 'b', sizeof(big));
    http_wire_feed(w, "X: ", 3);
    http_wire_feed(w, big, sizeof(big));
    assert_int_equal(http_wire_error(w), BZ_EHEADERS);
    assert_true(http_wire_in_body(w)); /* the head is still readable for the error answer */
    assert_int_equal(s->completed, 0);
    http_wire_free(w);

    w = http_wire_new(&cbs, s, 1 << 20);
    http_wire_feed(w, head, sizeof(head) - 1);
    for (int i = 0; i <= HTTP_WIRE_MAX_HEADERS; i++) {
        char line[32];
        int n = snprintf(line, sizeof(line), "T-%d: v\r\n", i);
        http_wire_feed(w, line, (size_t)n);
    }
    assert_int_equal(http_wire_error(w), BZ_EHEADERS);
    http_wire_free(w);
    sink_free(s);
}

/* Pipelined chunked messages with trailers, then a plain one, split at every byte and with a
 * pause after each message: each message sees exactly its own head. */
static void test_trailers_pipelined_and_paused(void **state)
{
    const char in[] = "POST /1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3\r\none\r\n0\r\nX-Trailer: t1\r\n\r\n"
                      "POST /2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3\r\ntwo\r\n0\r\nX-Trailer: t2\r\nY: y\r\n\r\n"
                      "GET /3 HTTP/1.1\r\nHost: c\r\n\r\n";
    size_t len = sizeof(in) - 1;
    for (size_t split = 1; split < len; split++) {
        sink *s = sink_new(1024);
        s->pause_after = 1;
        http_wire *w = http_wire_new(&cbs, s, 16384);
        size_t off = 0;
        for (int part = 0; part < 2; part++) {
            size_t end = part == 0 ? split : len;
            while (off < end) {
                size_t n = http_wire_feed(w, in + off, end - off);
                assert_int_equal(http_wire_error(w), 0);
                if (n == 0) {
                    break;
                }
                off += n;
            }
        }
        assert_int_equal(s->completed, 3);
        assert_string_equal(s->heads[0], "Host=a;Transfer-Encoding=chunked;");
        assert_string_equal(s->heads[1], "Transfer-Encoding=chunked;");
        assert_string_equal(s->heads[2], "Host=c;");
        assert_string_equal(s->bodies[0], "one");
        assert_string_equal(s->bodies[1], "two");
        assert_string_equal(s->urls[2], "/3");
        http_wire_free(w);
        sink_free(s);
    }
}

/* An upgrade that carries a body: the body is read, the head stays intact, the bytes after
 * it belong to the new protocol and are not parsed. */
static void test_upgrade_with_body(void **state)
{
    sink *s = sink_new(1024);
    http_wire *w = http_wire_new(&cbs, s, 16384);
    const char in[] = "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Content-Length: 5\r\n\r\nhello\x81\x05"
                      "frame";
    size_t n = http_wire_feed(w, in, sizeof(in) - 1);
    assert_int_equal(http_wire_error(w), 0);
    assert_true(http_wire_upgraded(w));
    assert_int_equal(s->completed, 1);
    assert_true(s->msgs[0].upgrade);
    assert_string_equal(s->bodies[0], "hello");
    assert_string_equal(s->heads[0], "Host=h;Upgrade=websocket;Connection=Upgrade;"
                                     "Content-Length=5;");
    assert_memory_equal(in + n,
                        "\x81\x05"
                        "frame",
                        7);
    assert_int_equal(http_wire_feed(w, in + n, sizeof(in) - 1 - n), 0); /* not HTTP any more */
    http_wire_free(w);
    sink_free(s);
}

/* A malformed body after a good head: the wire stops, and the head it reports as complete
 * is still valid for the error answer. */
static void test_error_mid_body_keeps_head(void **state)
{
    sink *s = sink_new(1024);
    http_wire *w = http_wire_new(&cbs, s, 16384);
    const char in[] = "POST /x HTTP/1.1\r\nHost: h\r\nOrigin: https://o.example\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n";
    http_wire_feed(w, in, sizeof(in) - 1);
    assert_int_equal(http_wire_error(w), BZ_EBADREQUEST);
    assert_true(http_wire_in_body(w));
    assert_string_equal(http_msg_header(&s->msgs[0], "origin"), "https://o.example");
    assert_string_equal(s->msgs[0].url, "/x");
    assert_int_equal(http_wire_feed(w, "GET / HTTP/1.1\r\n\r\n", 18), 0); /* dead */
    http_wire_free(w);
    sink_free(s);
}

UNIT_MAIN(cmocka_unit_test(test_get_with_headers_bytewise), cmocka_unit_test(test_chunked_body),
          cmocka_unit_test(test_pipelined_and_pause), cmocka_unit_test(test_header_cap),
          cmocka_unit_test(test_too_many_headers), cmocka_unit_test(test_body_caps),
          cmocka_unit_test(test_garbage), cmocka_unit_test(test_http10_and_close),
          cmocka_unit_test(test_trailers_leave_head_alone),
          cmocka_unit_test(test_recycled_msg_forgets_headers), cmocka_unit_test(test_trailer_caps),
          cmocka_unit_test(test_trailers_pipelined_and_paused),
          cmocka_unit_test(test_upgrade_with_body),
          cmocka_unit_test(test_error_mid_body_keeps_head))
