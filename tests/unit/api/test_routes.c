/*
 * The API's route tables (api/api.h): every entry is well formed (api_route_sane, which
 * api_add_routes also checks at start-up), and malformed entries are told apart.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>

#include "api/api.h"
#include "api/handlers.h"
#include "base/err.h"

static int body(http_req *req, api_reply *out)
{
    (void)req;
    return api_reply_empty(out, 204);
}

static int body_id(http_req *req, int64_t id, api_reply *out)
{
    (void)req, (void)id;
    return api_reply_empty(out, 204);
}

static int act1(app_ctx *c, int64_t actor, int64_t id)
{
    (void)c, (void)actor, (void)id;
    return BZ_OK;
}

static int act2(app_ctx *c, int64_t actor, int64_t parent_id, int64_t id)
{
    (void)c, (void)actor, (void)parent_id, (void)id;
    return BZ_OK;
}

static void own(http_req *req, http_res *res)
{
    (void)req, (void)res;
}

static void every_entry_is_sane(void **state)
{
    (void)state;
    int n = 0;
    for (size_t t = 0; api_route_tables[t]; t++) {
        for (const api_route *r = api_route_tables[t]; r->route.pattern; r++, n++) {
            assert_true(api_route_sane(r));
        }
    }
    assert_true(n > 50);
}

static void malformed_entries_are_not(void **state)
{
    (void)state;
    const api_route good[] = {
        API_ROUTE(HTTP_M_GET, "/a/{id}", body, 0),
        API_ROUTE_ID(HTTP_M_GET, "/a/{id}/x", body_id, 0),
        API_ACT(HTTP_M_POST, "/a/{id}/x", act1, HTTP_AUTH),
        API_ACT2(HTTP_M_DELETE, "/a/{id}/b/{b_id}", act2, HTTP_AUTH | API_IDEMPOTENT),
        API_OWN(HTTP_M_GET, "/s/{id}", own, 0),
    };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        assert_true(api_route_sane(&good[i]));
    }
    const api_route bad[] = {
        API_ACT(HTTP_M_POST, "/a", act1, 0),                            /* no id to act on */
        API_ACT(HTTP_M_POST, "/a/{id}/b/{b_id}", act1, 0),              /* one id too many */
        API_ACT2(HTTP_M_POST, "/a/{id}", act2, 0),                      /* one id short */
        API_ACT2(HTTP_M_POST, "/a/{x}/b/{y}/c/{z}", act2, 0),           /* more than two */
        API_ROUTE_ID(HTTP_M_GET, "/a/{b_id}", body_id, 0),              /* no {id} */
        {{HTTP_M_GET, "/a", api_route_run, 0}, NULL, NULL, NULL, NULL}, /* no body */
        {{HTTP_M_GET, "/a", api_route_run, 0}, body, act1, NULL, NULL}, /* two bodies */
        {{HTTP_M_GET, "/a/{id}", api_route_run, 0}, body, NULL, NULL, body_id}, /* two bodies */
        {{HTTP_M_GET, "/a", own, 0}, body, NULL, NULL, NULL}, /* own handler and a body */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_false(api_route_sane(&bad[i]));
    }
}

UNIT_MAIN(cmocka_unit_test(every_entry_is_sane), cmocka_unit_test(malformed_entries_are_not))
