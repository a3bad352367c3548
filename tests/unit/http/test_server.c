/*
 * The server on a loopback ephemeral port, driven over real sockets: keep-alive, pipelining
 * order, caps (400/413/431), timeouts, auth, rate limits, static files, ops routes, graceful
 * stop. The loop runs on a background thread; workers get the server's dummy ctx.
 */
#include "base/err.h"
#include "base/log.h"
#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include "unit_main.h"

/* ---- routes ------------------------------------------------------------ */

static void fast(http_req *req, http_res *res)
{
    http_res_bytes(res, 200, "text/plain", "fast", 4);
}

static void slow(http_req *req, http_res *res)
{
    usleep(150 * 1000);
    http_res_bytes(res, 200, "text/plain", "slow", 4);
}

static void echo(http_req *req, http_res *res)
{
    const char *q = http_req_query(req, "q");
    json_t *o = json_pack("{s:s, s:s, s:s}", "id", http_req_param(req, "id"), "q", q ? q : "",
                          "path", http_req_path(req));
    http_res_header(res, "X-Test", "1");
    http_res_json(res, 200, o);
}

static void body_len(http_req *req, http_res *res)
{
    size_t len;
    http_req_body(req, &len);
    char text[32];
    int n = snprintf(text, sizeof(text), "%zu", len);
    http_res_bytes(res, 200, "text/plain", text, (size_t)n);
}

static void client_ip(http_req *req, http_res *res)
{
    const char *ip = http_req_ip(req);
    http_res_bytes(res, 200, "text/plain", ip, strlen(ip));
}

static void big(http_req *req, http_res *res)
{
    static char data[1 << 20];
    memset(data, 'b', sizeof(data));
    http_res_bytes(res, 200, "text/plain", data, sizeof(data));
}

static void login(http_req *req, http_res *res)
{
    json_t *body;
    int rc = http_req_json(req, &body);
    if (rc != BZ_OK) {
        http_res_error(res, rc, NULL, NULL);
        return;
    }
    http_res_empty(res, 204);
}

static const http_route test_routes[] = {
    {HTTP_M_GET, "/fast", fast, HTTP_ON_LOOP},
    {HTTP_M_GET, "/slow", slow, 0},
    {HTTP_M_GET, "/echo/{id}", echo, 0},
    {HTTP_M_POST, "/body", body_len, 0},
    {HTTP_M_POST, "/image", body_len, HTTP_BODY_IMAGE},
    {HTTP_M_GET, "/private", fast, HTTP_AUTH},
    {HTTP_M_POST, "/login", login, HTTP_RATE_AUTH},
    {HTTP_M_GET, "/ip", client_ip, 0},
    {HTTP_M_GET, "/big", big, HTTP_ON_LOOP},
    {0, NULL, NULL, 0},
};

static harness *H;

/* Sends one request on fd and reads its whole response into *r, which the caller inspects
 * further; a status of 0 leaves the status to the caller. */
static void exchange(int fd, const char *req, response *r, int status)
{
    send_str(fd, req);
    assert_true(read_response(fd, r));
    if (status != 0) {
        assert_int_equal(r->status, status);
    }
}

/* ---- tests ------------------------------------------------------------- */

static void test_keep_alive_and_ops(void **state)
{
    int fd = dial(H);
    response r;
    exchange(fd, "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Request-Id: client-id_1.2\r\n\r\n", &r,
             200);
    assert_string_equal(r.body, "{\"status\":\"ok\"}");
    assert_non_null(strstr(r.head, "X-Request-Id: client-id_1.2\r\n"));
    assert_non_null(strstr(r.head, "X-Content-Type-Options: nosniff\r\n"));
    assert_non_null(strstr(r.head, "X-Frame-Options: DENY\r\n"));
    assert_non_null(strstr(r.head, "Cross-Origin-Opener-Policy: same-origin\r\n"));
    assert_null(strstr(r.head, "Connection: close"));

    exchange(fd, "GET /readyz HTTP/1.1\r\nHost: t\r\nX-Request-Id: bad id!\r\n\r\n", &r,
             503); /* no store in this test */
    assert_non_null(strstr(r.body, "\"code\":\"unavailable\""));
    assert_null(strstr(r.head, "bad id!"));
    assert_non_null(strstr(r.head, "X-Request-Id: "));

    send_str(fd, "HEAD /fast HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_true(read_head_only(fd, &r));
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "Content-Length: 4\r\n"));

    exchange(fd, "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n", &r, 200);
    assert_non_null(strstr(r.body, "blytz_http_requests_total{method=\"GET\",route=\"/healthz\","
                                   "status=\"200\"} 1"));
    assert_non_null(strstr(r.body, "blytz_http_open_connections 1"));
    done_with(fd);
}

static void test_pipelining_in_order(void **state)
{
    int fd = dial(H);
    send_str(fd, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"
                 "GET /fast HTTP/1.1\r\nHost: t\r\n\r\n"
                 "GET /echo/a%20b?q=x%2By+z HTTP/1.1\r\nHost: t\r\n\r\n"
                 "POST /body HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"
                 "GET /fast HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    response r;
    assert_true(read_response(fd, &r));
    assert_string_equal(r.body, "slow");
    assert_true(read_response(fd, &r));
    assert_string_equal(r.body, "fast");
    assert_true(read_response(fd, &r));
    assert_string_equal(r.body, "{\"id\":\"a b\",\"q\":\"x+y z\",\"path\":\"/echo/a b\"}");
    assert_non_null(strstr(r.head, "X-Test: 1\r\n"));
    assert_true(read_response(fd, &r));
    assert_string_equal(r.body, "7");
    assert_true(read_response(fd, &r));
    assert_string_equal(r.body, "fast");
    assert_non_null(strstr(r.head, "Connection: close\r\n"));
    assert_true(closed_by_peer(fd));
    done_with(fd);
}

static void test_many_pipelined(void **state)
{
    /* More than max_pipeline (16) at once: reading pauses and resumes. */
    int fd = dial(H);
    char req[64 * 40];
    size_t n = 0;
    for (int i = 0; i < 40; i++) {
        n += (size_t)snprintf(req + n, sizeof(req) - n, "GET /echo/%d HTTP/1.1\r\nHost: t\r\n\r\n",
                              i);
    }
    send_all(fd, req, n);
    for (int i = 0; i < 40; i++) {
        response r;
        assert_true(read_response(fd, &r));
        char want[32];
        snprintf(want, sizeof(want), "\"id\":\"%d\"", i);
        assert_non_null(strstr(r.body, want));
    }
    done_with(fd);
}

static void expect_error_and_close(const char *req, size_t len, int status, const char *code)
{
    int fd = dial(H);
    send_all(fd, req, len);
    response r;
    assert_true(read_response(fd, &r));
    assert_int_equal(r.status, status);
    char want[64];
    snprintf(want, sizeof(want), "{\"error\":{\"code\":\"%s\"", code);
    assert_non_null(strstr(r.body, want));
    assert_non_null(strstr(r.head, "Content-Type: application/json\r\n"));
    assert_non_null(strstr(r.head, "Connection: close\r\n"));
    assert_true(closed_by_peer(fd));
    done_with(fd);
}

static void test_malformed_400(void **state)
{
    const char bad[] = "BLAH / HTTP/1.1\r\n\r\n";
    expect_error_and_close(bad, sizeof(bad) - 1, 400, "bad_request");
    const char bad2[] = "GET / HTTP/1.1\r\nNo colon here\r\n\r\n";
    expect_error_and_close(bad2, sizeof(bad2) - 1, 400, "bad_request");
}

static void test_header_cap_431(void **state)
{
    size_t len = 20 * 1024;
    char *req = malloc(len + 64);
    int n = snprintf(req, 64, "GET /fast HTTP/1.1\r\nX-Big: ");
    memset(req + n, 'a', len);
    memcpy(req + n + len, "\r\n\r\n", 4);
    expect_error_and_close(req, (size_t)n + len + 4, 431, "headers_too_large");
    free(req);
}

static void test_body_caps_413(void **state)
{
    const char big_cl[] = "POST /body HTTP/1.1\r\nHost: t\r\nContent-Length: 1048577\r\n\r\n";
    expect_error_and_close(big_cl, sizeof(big_cl) - 1, 413, "payload_too_large");
    const char img_cl[] = "POST /image HTTP/1.1\r\nHost: t\r\nContent-Length: 10485761\r\n\r\n";
    expect_error_and_close(img_cl, sizeof(img_cl) - 1, 413, "payload_too_large");

    /* Streaming chunked past 1 MiB. */
    size_t chunk = 64 * 1024, total = 0;
    size_t cap = 1200 * 1024 + 4096;
    char *req = malloc(cap);
    size_t n = (size_t)sprintf(req, "POST /body HTTP/1.1\r\nHost: t\r\n"
                                    "Transfer-Encoding: chunked\r\n\r\n");
    while (total < 1100 * 1024) {
        n += (size_t)sprintf(req + n, "%zx\r\n", chunk);
        memset(req + n, 'x', chunk);
        n += chunk;
        memcpy(req + n, "\r\n", 2);
        n += 2;
        total += chunk;
    }
    expect_error_and_close(req, n, 413, "payload_too_large");
    free(req);

    /* An image route takes 2 MiB. */
    int fd = dial(H);
    size_t blen = 2 * 1024 * 1024;
    char *body = calloc(1, blen);
    send_str(fd, "POST /image HTTP/1.1\r\nHost: t\r\nContent-Length: 2097152\r\n\r\n");
    send_all(fd, body, blen);
    response r;
    assert_true(read_response(fd, &r));
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "2097152");
    free(body);
    done_with(fd);
}

static void test_expect_continue(void **state)
{
    int fd = dial(H);
    send_str(fd, "POST /body HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n"
                 "Expect: 100-continue\r\n\r\n");
    response r;
    assert_true(read_head_only(fd, &r));
    assert_int_equal(r.status, 100);
    exchange(fd, "abc", &r, 200);
    assert_string_equal(r.body, "3");
    done_with(fd);
}

static void test_404_405_options(void **state)
{
    int fd = dial(H);
    response r;
    exchange(fd, "GET /api/v1/nothing HTTP/1.1\r\nHost: t\r\nAccept: text/html\r\n\r\n", &r, 404);
    assert_non_null(strstr(r.body, "\"code\":\"not_found\""));
    exchange(fd, "DELETE /fast HTTP/1.1\r\nHost: t\r\n\r\n", &r, 405);
    assert_non_null(strstr(r.body, "\"code\":\"method_not_allowed\""));
    assert_non_null(strstr(r.head, "Allow: GET, HEAD, OPTIONS\r\n"));
    exchange(fd,
             "OPTIONS /echo/1 HTTP/1.1\r\nHost: t\r\nOrigin: https://ok.example\r\n"
             "Access-Control-Request-Method: GET\r\n\r\n",
             &r, 204);
    assert_non_null(strstr(r.head, "Access-Control-Allow-Origin: https://ok.example\r\n"));
    assert_non_null(strstr(r.head, "Access-Control-Allow-Methods: GET, HEAD, OPTIONS\r\n"));
    assert_non_null(strstr(r.head, "Vary: Origin\r\n"));
    exchange(fd, "GET /fast HTTP/1.1\r\nHost: t\r\nOrigin: https://evil.example\r\n\r\n", &r, 0);
    assert_null(strstr(r.head, "Access-Control-Allow-Origin"));
    assert_non_null(strstr(r.head, "Vary: Origin\r\n"));
    done_with(fd);
}

static void test_auth_and_rate_limit(void **state)
{
    int fd = dial(H);
    response r;
    exchange(fd, "GET /private HTTP/1.1\r\nHost: t\r\n\r\n", &r, 401);
    assert_non_null(strstr(r.body, "\"code\":\"unauthorized\""));
    exchange(fd, "GET /private HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer abc\r\n\r\n", &r, 401);

    const char *login_req = "POST /login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                            "Content-Length: 23\r\n\r\n{\"email\":\"A@example.m\"}";
    for (int i = 0; i < 2; i++) {
        exchange(fd, login_req, &r, 204);
    }
    exchange(fd, login_req, &r, 429);
    assert_non_null(strstr(r.body, "\"code\":\"rate_limited\""));
    assert_non_null(strstr(r.head, "Retry-After: "));
    done_with(fd);
}

static void test_static_files(void **state)
{
    int fd = dial(H);
    response r;
    exchange(fd, "GET / HTTP/1.1\r\nHost: t\r\n\r\n", &r, 200);
    assert_non_null(strstr(r.body, "<p>index</p>"));
    assert_non_null(strstr(r.head, "Content-Type: text/html; charset=utf-8\r\n"));
    assert_non_null(strstr(r.head, "Cache-Control: no-cache\r\n"));
    assert_non_null(strstr(r.head, "Content-Security-Policy: default-src 'self'"));
    char etag[64] = {0};
    char *e = strstr(r.head, "ETag: ");
    assert_non_null(e);
    sscanf(e + 6, "%63[^\r]", etag);

    char req[256];
    snprintf(req, sizeof(req), "GET /index.html HTTP/1.1\r\nHost: t\r\nIf-None-Match: %s\r\n\r\n",
             etag);
    exchange(fd, req, &r, 304);
    assert_int_equal(r.body_len, 0);

    exchange(fd, "GET /assets/app.js HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip, br\r\n\r\n", &r,
             200);
    assert_non_null(strstr(r.head, "Content-Encoding: gzip\r\n"));
    assert_non_null(strstr(r.head, "immutable"));
    assert_true(r.body_len < 1000);
    assert_int_equal((unsigned char)r.body[0], 0x1f);

    exchange(fd, "GET /assets/app.js HTTP/1.1\r\nHost: t\r\n\r\n", &r, 0);
    assert_null(strstr(r.head, "Content-Encoding"));
    assert_non_null(strstr(r.head, "Content-Type: text/javascript"));
    assert_non_null(strstr(r.head, "Accept-Ranges: bytes\r\n"));
    size_t whole = r.body_len;

    /* ranges, as a <video> seeking asks for them: never gzipped */
    exchange(fd,
             "GET /assets/app.js HTTP/1.1\r\nHost: t\r\nRange: bytes=8-17\r\n"
             "Accept-Encoding: gzip\r\n\r\n",
             &r, 206);
    assert_int_equal(r.body_len, 10);
    assert_memory_equal(r.body, "log('compr", 10);
    char want[64];
    snprintf(want, sizeof(want), "Content-Range: bytes 8-17/%zu\r\n", whole);
    assert_non_null(strstr(r.head, want));
    assert_null(strstr(r.head, "Content-Encoding"));
    exchange(fd, "GET /assets/app.js HTTP/1.1\r\nHost: t\r\nRange: bytes=-3\r\n\r\n", &r, 206);
    assert_memory_equal(r.body, ");\n", 3);
    snprintf(req, sizeof(req),
             "GET /assets/app.js HTTP/1.1\r\nHost: t\r\nRange: bytes=%zu-\r\n\r\n", whole);
    exchange(fd, req, &r, 416);
    snprintf(want, sizeof(want), "Content-Range: bytes */%zu\r\n", whole);
    assert_non_null(strstr(r.head, want));
    /* several ranges, or an If-Range of another version: the whole file */
    exchange(fd, "GET /assets/app.js HTTP/1.1\r\nHost: t\r\nRange: bytes=0-1,4-5\r\n\r\n", &r, 200);
    assert_int_equal(r.body_len, whole);
    exchange(fd,
             "GET /assets/app.js HTTP/1.1\r\nHost: t\r\nRange: bytes=0-1\r\n"
             "If-Range: \"old\"\r\n\r\n",
             &r, 200);
    assert_int_equal(r.body_len, whole);

    /* the service worker: the page's CSP (it fetches under it) and revalidated every time */
    exchange(fd, "GET /sw.js HTTP/1.1\r\nHost: t\r\n\r\n", &r, 200);
    assert_non_null(strstr(r.head, "Content-Type: text/javascript"));
    assert_non_null(strstr(r.head, "Cache-Control: no-cache\r\n"));
    assert_non_null(strstr(r.head, "Content-Security-Policy: default-src 'self'"));

    exchange(fd, "GET /shows/42 HTTP/1.1\r\nHost: t\r\nAccept: text/html,*/*\r\n\r\n", &r, 200);
    assert_non_null(strstr(r.body, "<p>index</p>")); /* SPA fallback */

    exchange(fd, "GET /shows/42 HTTP/1.1\r\nHost: t\r\nAccept: application/json\r\n\r\n", &r, 404);

    exchange(fd, "GET /assets/../../etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n", &r, 404);
    exchange(fd, "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n", &r, 404);
    done_with(fd);
}

static void test_timeouts(void **state)
{
    int fd = dial(H);
    send_str(fd, "GET /fast HTTP/1.1\r\nHost: t\r\n"); /* headers never finish */
    response r;
    assert_true(read_response(fd, &r));
    assert_int_equal(r.status, 408);
    assert_true(closed_by_peer(fd));
    done_with(fd);

    fd = dial(H);
    exchange(fd, "GET /fast HTTP/1.1\r\nHost: t\r\n\r\n", &r, 0);
    assert_true(closed_by_peer(fd)); /* idle keep-alive timeout (500 ms) */
    done_with(fd);
}

static void trust_proxy(http_server_config *cfg)
{
    cfg->trust_proxy = true;
}

/* Behind a proxy one keep-alive connection carries many clients: each request's address is
 * its own, never the one of the request before it on the connection. */
static void test_client_ip_per_request(void **state)
{
    harness *h = start_cfg(test_routes, trust_proxy);
    int fd = dial(h);
    response r;
    exchange(fd, "GET /ip HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 10.1.1.1, 203.0.113.9\r\n\r\n",
             &r, 0);
    assert_string_equal(r.body, "203.0.113.9");
    exchange(fd, "GET /ip HTTP/1.1\r\nHost: t\r\n\r\n", &r, 0);
    assert_string_equal(r.body, "127.0.0.1");
    exchange(fd, "GET /ip HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: <script>\r\n\r\n", &r, 0);
    assert_string_equal(r.body, "127.0.0.1"); /* a hop that is not an address is ignored */
    exchange(fd, "GET /ip HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 2001:db8::7\r\n\r\n", &r, 0);
    assert_string_equal(r.body, "2001:db8::7");
    done_with(fd);
    stop(h);
}

static void slow_limits(http_server_config *cfg)
{
    cfg->header_timeout_ms = 300;
    cfg->body_timeout_ms = 300;
    cfg->min_rate = 1000;
    cfg->transfer_max_ms = 2000;
    cfg->idle_timeout_ms = 60000; /* a close below cannot be the idle timeout */
}

/* True once the server has sent something (or closed) on fd, without consuming it. */
static bool readable(int fd)
{
    char b;
    ssize_t n = recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
    return n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
}

/* Whole-message deadlines: a silent connection, a trickled body. */
static void test_slow_clients(void **state)
{
    harness *h = start_cfg(test_routes, slow_limits);
    int fd = dial(h);
    assert_true(closed_by_peer(fd)); /* silent: closed at the header timeout, not idle's 60 s */
    done_with(fd);

    /* One byte every 100 ms (10 B/s against a minimum of 1000 B/s): 408, although every
     * single gap is shorter than any timeout. */
    fd = dial(h);
    send_str(fd, "POST /body HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n");
    for (int i = 0; i < 100 && !readable(fd); i++) {
        send_all(fd, "x", 1);
        usleep(100 * 1000);
    }
    response r;
    assert_true(read_response(fd, &r));
    assert_int_equal(r.status, 408);
    done_with(fd);

    /* An honest slow upload: 3000 bytes in three parts over more than the grace period. */
    fd = dial(h);
    send_str(fd, "POST /body HTTP/1.1\r\nHost: t\r\nContent-Length: 3000\r\n\r\n");
    char part[1000];
    memset(part, 'y', sizeof(part));
    for (int i = 0; i < 3; i++) {
        usleep(200 * 1000);
        send_all(fd, part, sizeof(part));
    }
    assert_true(read_response(fd, &r));
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "3000");
    done_with(fd);
    stop(h);
}

static long open_connections(harness *h)
{
    int fd = dial(h);
    send_str(fd, "GET /metrics HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    response r;
    assert_true(read_response(fd, &r));
    const char *g = strstr(r.body, "\nblytz_http_open_connections ");
    assert_non_null(g);
    done_with(fd);
    return strtol(g + 29, NULL, 10) - 1; /* not counting this one */
}

/* A peer that requests a lot and reads nothing is cut once the transfer rule runs out. */
static void test_slow_reader(void **state)
{
    harness *h = start_cfg(test_routes, slow_limits);
    int fd = dial(h);
    int small = 4096;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
    for (int i = 0; i < 64; i++) {
        send_str(fd, "GET /big HTTP/1.1\r\nHost: t\r\n\r\n");
    }
    long open = 1;
    for (int i = 0; i < 400 && open > 0; i++) { /* generous: up to 40 s */
        usleep(100 * 1000);
        open = open_connections(h);
    }
    assert_int_equal(open, 0);
    close(fd);
    stop(h);
}

static void two_per_addr(http_server_config *cfg)
{
    cfg->max_conns_per_addr = 2;
    cfg->idle_timeout_ms = 60000;
    cfg->header_timeout_ms = 60000; /* nothing closes for time in this test */
}

static void two_per_addr_behind_proxy(http_server_config *cfg)
{
    two_per_addr(cfg);
    cfg->trust_proxy = true;
}

/* Serves a request on fd: the connection was admitted. */
static bool served(int fd)
{
    response r;
    send_str(fd, "GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
    bool ok = read_response(fd, &r) && r.status == 200;
    inlen_reset();
    return ok;
}

static void test_conns_per_addr(void **state)
{
    harness *h = start_cfg(test_routes, two_per_addr);
    int a = dial(h), b = dial(h);
    assert_true(served(a));
    assert_true(served(b));
    int c = dial(h);
    assert_false(served(c)); /* the third from 127.0.0.1: closed at once */
    assert_true(closed_by_peer(c));
    close(c);
    close(a);
    bool again = false;
    for (int i = 0; i < 100 && !again; i++) { /* a's slot is freed once the server sees it */
        c = dial(h);
        again = served(c);
        if (!again) {
            close(c);
            usleep(20 * 1000);
        }
    }
    assert_true(again);
    close(b);
    close(c);
    stop(h);

    /* Behind a trusted proxy every connection comes from the proxy: no cap here. */
    h = start_cfg(test_routes, two_per_addr_behind_proxy);
    int fds[4];
    for (int i = 0; i < 4; i++) {
        fds[i] = dial(h);
        assert_true(served(fds[i]));
    }
    for (int i = 0; i < 4; i++) {
        close(fds[i]);
    }
    stop(h);
}

static void with_pay_origins(http_server_config *cfg)
{
    cfg->csp_connect_origin = "http://127.0.0.1:8088";
    cfg->csp_pay_origins = "https://js.stripe.com bad;origin https://hooks.stripe.com";
}

/* The page's CSP: Stripe.js's origins may load scripts, frame and be called (a wrong one is
 * left out); without them no script or frame but the app's own. */
static void test_csp_origins(void **state)
{
    int fd = dial(H);
    response r;
    exchange(fd, "GET / HTTP/1.1\r\nHost: t\r\n\r\n", &r, 200);
    assert_non_null(strstr(r.head, "script-src 'self'; style-src"));
    assert_null(strstr(r.head, "frame-src"));
    done_with(fd);

    harness *h = start_cfg(test_routes, with_pay_origins);
    fd = dial(h);
    exchange(fd, "GET / HTTP/1.1\r\nHost: t\r\n\r\n", &r, 200);
    assert_non_null(strstr(r.head,
                           "script-src 'self' https://js.stripe.com https://hooks.stripe.com; "
                           "frame-src 'self' https://js.stripe.com https://hooks.stripe.com; "));
    assert_non_null(strstr(r.head, "connect-src 'self' ws: wss: https: http://127.0.0.1:8088 "
                                   "https://js.stripe.com https://hooks.stripe.com; "));
    assert_null(strstr(r.head, "bad"));
    done_with(fd);
    stop(h);
}

static void test_graceful_stop(void **state)
{
    harness *h = start(test_routes);
    harness *saved = H;
    H = h;
    int fd = dial(h);
    int idle = dial(h);
    send_str(fd, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    usleep(30 * 1000); /* the request is on a worker */
    http_server_stop(h->srv);
    response r;
    assert_true(read_response(fd, &r));
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "slow");
    assert_non_null(strstr(r.head, "Connection: close\r\n"));
    assert_true(closed_by_peer(fd));
    assert_true(closed_by_peer(idle));
    close(idle);
    done_with(fd);
    stop(h);
    H = saved;
}

static int group_setup(void **state)
{
    bz_log_set_fd(open("/dev/null", O_WRONLY | O_CLOEXEC));
    H = start(test_routes);
    return 0;
}

static int group_teardown(void **state)
{
    stop(H);
    return 0;
}

UNIT_MAIN_GROUP(group_setup, group_teardown, cmocka_unit_test(test_keep_alive_and_ops),
                cmocka_unit_test(test_pipelining_in_order), cmocka_unit_test(test_many_pipelined),
                cmocka_unit_test(test_malformed_400), cmocka_unit_test(test_header_cap_431),
                cmocka_unit_test(test_body_caps_413), cmocka_unit_test(test_expect_continue),
                cmocka_unit_test(test_404_405_options), cmocka_unit_test(test_auth_and_rate_limit),
                cmocka_unit_test(test_static_files), cmocka_unit_test(test_timeouts),
                cmocka_unit_test(test_client_ip_per_request), cmocka_unit_test(test_slow_clients),
                cmocka_unit_test(test_slow_reader), cmocka_unit_test(test_conns_per_addr),
                cmocka_unit_test(test_csp_origins), cmocka_unit_test(test_graceful_stop))
