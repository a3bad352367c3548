/* net/tcp.h: address parsing and listening on an ephemeral port. */
#include "base/err.h"
#include "net/tcp.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include "unit_main.h"

static void test_addr_parse(void **state)
{
    struct sockaddr_storage ss;
    assert_int_equal(net_addr_parse("127.0.0.1:8080", &ss), BZ_OK);
    assert_int_equal(ss.ss_family, AF_INET);
    assert_int_equal(ntohs(((struct sockaddr_in *)&ss)->sin_port), 8080);
    assert_int_equal(net_addr_parse("[::1]:0", &ss), BZ_OK);
    assert_int_equal(ss.ss_family, AF_INET6);
    assert_int_equal(net_addr_parse("localhost:1", &ss), BZ_OK);
    assert_int_equal(net_addr_parse(":9000", &ss), BZ_OK);
    assert_int_equal(net_addr_parse("127.0.0.1", &ss), BZ_EVALIDATION);
    assert_int_equal(net_addr_parse("127.0.0.1:99999", &ss), BZ_EVALIDATION);
    assert_int_equal(net_addr_parse("nohost:80", &ss), BZ_EVALIDATION);
    assert_int_equal(net_addr_parse(NULL, &ss), BZ_EVALIDATION);
}

static void on_conn(uv_stream_t *s, int status) {}

static void test_listen_ephemeral(void **state)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    uv_tcp_t tcp;
    int port = 0;
    assert_int_equal(net_tcp_listen(&loop, &tcp, "127.0.0.1:0", 16, on_conn, &port), BZ_OK);
    assert_true(port > 0);
    uv_tcp_t second;
    char addr[32];
    snprintf(addr, sizeof(addr), "127.0.0.1:%d", port);
    assert_int_not_equal(net_tcp_listen(&loop, &second, addr, 16, on_conn, NULL), BZ_OK);
    uv_close((uv_handle_t *)&tcp, NULL);
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(&loop), 0);
}

UNIT_MAIN(cmocka_unit_test(test_addr_parse), cmocka_unit_test(test_listen_ephemeral))
