/* Router: literals, {params}, precedence with backtracking, 404 vs 405, HEAD -> GET. */
#include "base/err.h"
#include "http/router.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include "unit_main.h"

static void h(http_req *req, http_res *res) {}

static const http_route routes[] = {
    {HTTP_M_GET, "/", h, 0},
    {HTTP_M_GET, "/api/v1/products", h, 0},
    {HTTP_M_POST, "/api/v1/products", h, 0},
    {HTTP_M_GET, "/api/v1/products/search", h, 0},
    {HTTP_M_GET, "/api/v1/products/{id}", h, 0},
    {HTTP_M_PATCH, "/api/v1/products/{id}", h, 0},
    {HTTP_M_POST, "/api/v1/products/{id}/images", h, HTTP_BODY_IMAGE},
    {HTTP_M_GET, "/api/v1/auctions/{id}/log", h, 0},
    {HTTP_M_POST, "/api/v1/sellers/{sid}/follow", h, 0},
    {HTTP_M_DELETE, "/api/v1/sellers/{sid}/follow", h, 0},
    {HTTP_M_GET, "/api/v1/search/x", h, 0},
    {HTTP_M_GET, "/api/v1/{kind}/y", h, 0},
};

static http_router *build(void)
{
    http_router *r = http_router_new();
    for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
        assert_int_equal(http_router_add(r, &routes[i], (int)i), BZ_OK);
    }
    return r;
}

static int match(http_router *r, int method, const char *path, http_match *m)
{
    return http_router_match(r, method, path, strlen(path), m);
}

static void test_literals_and_params(void **state)
{
    http_router *r = build();
    http_match m;
    assert_int_equal(match(r, HTTP_M_GET, "/", &m), BZ_OK);
    assert_int_equal(m.id, 0);
    assert_int_equal(match(r, HTTP_M_POST, "/api/v1/products", &m), BZ_OK);
    assert_int_equal(m.id, 2);
    assert_int_equal(match(r, HTTP_M_GET, "/api/v1/products/search", &m), BZ_OK);
    assert_int_equal(m.id, 3);
    assert_int_equal(match(r, HTTP_M_GET, "/api/v1/products/42", &m), BZ_OK);
    assert_int_equal(m.id, 4);
    assert_int_equal(m.nparams, 1);
    assert_string_equal(m.params[0].name, "id");
    assert_int_equal(m.params[0].len, 2);
    assert_memory_equal(m.params[0].value, "42", 2);
    assert_int_equal(match(r, HTTP_M_POST, "/api/v1/products/7/images", &m), BZ_OK);
    assert_int_equal(m.id, 6);
    assert_true(m.route->flags & HTTP_BODY_IMAGE);
    assert_int_equal(match(r, HTTP_M_DELETE, "/api/v1/sellers/9/follow", &m), BZ_OK);
    assert_string_equal(m.params[0].name, "sid");
    http_router_free(r);
}

static void test_backtracking(void **state)
{
    http_router *r = build();
    http_match m;
    /* "search" is a literal child, but only "{kind}/y" continues with "y". */
    assert_int_equal(match(r, HTTP_M_GET, "/api/v1/search/y", &m), BZ_OK);
    assert_int_equal(m.id, 11);
    assert_int_equal(m.nparams, 1);
    assert_memory_equal(m.params[0].value, "search", 6);
    assert_int_equal(match(r, HTTP_M_GET, "/api/v1/search/x", &m), BZ_OK);
    assert_int_equal(m.id, 10);
    assert_int_equal(m.nparams, 0);
    http_router_free(r);
}

static void test_not_found_and_method(void **state)
{
    http_router *r = build();
    http_match m;
    assert_int_equal(match(r, HTTP_M_GET, "/api/v1/nothing", &m), BZ_ENOTFOUND);
    assert_int_equal(match(r, HTTP_M_GET, "/api/v1/products/", &m), BZ_ENOTFOUND);
    assert_int_equal(match(r, HTTP_M_GET, "/api/v1/products//images", &m), BZ_ENOTFOUND);
    assert_int_equal(match(r, HTTP_M_GET, "/api/v1", &m), BZ_ENOTFOUND);
    assert_int_equal(match(r, HTTP_M_DELETE, "/api/v1/products/5", &m), BZ_EMETHOD);
    assert_true(m.allowed & (1u << HTTP_M_GET));
    assert_true(m.allowed & (1u << HTTP_M_PATCH));
    assert_true(m.allowed & (1u << HTTP_M_HEAD));
    char allow[64];
    http_router_allow_header(m.allowed, allow, sizeof(allow));
    assert_string_equal(allow, "GET, HEAD, PATCH, OPTIONS");
    assert_int_equal(match(r, HTTP_M_HEAD, "/api/v1/products/5", &m), BZ_OK);
    assert_int_equal(m.id, 4);
    assert_int_equal(match(r, HTTP_M_OPTIONS, "/api/v1/products/5", &m), BZ_EMETHOD);
    http_router_free(r);
}

static void test_bad_patterns(void **state)
{
    http_router *r = http_router_new();
    http_route bad[] = {
        {HTTP_M_GET, "nope", h, 0},  {HTTP_M_GET, "/a//b", h, 0},        {HTTP_M_GET, "/a/", h, 0},
        {HTTP_M_GET, "/a/{}", h, 0}, {HTTP_M_GET, "/a/{unclosed", h, 0},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(http_router_add(r, &bad[i], 0), BZ_EVALIDATION);
    }
    http_route ok = {HTTP_M_GET, "/a/{x}", h, 0};
    assert_int_equal(http_router_add(r, &ok, 1), BZ_OK);
    assert_int_equal(http_router_add(r, &ok, 2), BZ_EVALIDATION); /* duplicate */
    http_router_free(r);
}

UNIT_MAIN(cmocka_unit_test(test_literals_and_params), cmocka_unit_test(test_backtracking),
          cmocka_unit_test(test_not_found_and_method), cmocka_unit_test(test_bad_patterns))
