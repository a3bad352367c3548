/*
 * /api/v1/streams/{id}/prebids: a buyer's pre-bids on a show's lots
 * (app/prebids.h). Placing again on the same lot replaces the maximum, so
 * POST is the only write besides withdrawing; the auction's start applies
 * them, nothing here touches a running auction.
 */
#include "app/prebids.h"
#include "base/err.h"
#include "domain/money.h"
#include "http/handlers.h"
#include "http/routes.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdint.h>
#include <stdlib.h>

/* product_id as a JSON integer or a decimal string (ids travel as strings elsewhere). */
static int read_product_id(http_req *req, json_t *body, int64_t *out)
{
    json_t *v = json_object_get(body, "product_id");
    if (json_is_integer(v) && json_integer_value(v) > 0) {
        *out = json_integer_value(v);
        return BZ_OK;
    }
    const char *s = NULL;
    int rc = hx_get_str(req, body, NULL, "product_id", true, &s, NULL);
    if (rc != BZ_OK) {
        return rc;
    }
    char *end = NULL;
    long long n = strtoll(s, &end, 10);
    if (!*s || *end || *s == '+' || *s == '-' || n <= 0) {
        return hx_fail(req, BZ_EVALIDATION, "product_id", "not an id");
    }
    *out = n;
    return BZ_OK;
}

static int do_place(http_req *req, hx_reply *out)
{
    int64_t stream_id, product_id = 0, max_amount = 0;
    json_t *body;
    store_prebid p;
    int rc = hx_param_id(req, "id", &stream_id);
    if (rc == BZ_OK) {
        rc = hx_body(req, &body);
    }
    if (rc == BZ_OK) {
        rc = read_product_id(req, body, &product_id);
    }
    if (rc == BZ_OK) {
        rc = hx_get_int(req, body, "max_amount", true, 1, MONEY_PRICE_CAP_SEN, &max_amount, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_prebid_place(http_req_app(req), hx_user(req), stream_id, product_id, max_amount,
                              &p);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return hx_reply_json(out, 201, wire_wrap("prebid", wire_prebid(&p)));
}

static int do_mine(http_req *req, hx_reply *out)
{
    int64_t stream_id;
    store_prebid *rows = NULL;
    size_t n = 0;
    int rc = hx_param_id(req, "id", &stream_id);
    if (rc == BZ_OK) {
        rc = app_prebids_mine(http_req_app(req), hx_user(req), stream_id, &rows, &n);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return hx_reply_json(out, 200, wire_prebids(rows, n));
}

static int do_delete(http_req *req, hx_reply *out)
{
    int64_t stream_id, product_id;
    int rc = hx_param_id(req, "id", &stream_id);
    if (rc == BZ_OK) {
        rc = hx_param_id(req, "product_id", &product_id);
    }
    if (rc == BZ_OK) {
        rc = app_prebid_delete(http_req_app(req), hx_user(req), stream_id, product_id);
    }
    return rc == BZ_OK ? hx_reply_empty(out, 204) : rc;
}

HX_HANDLER(h_place, do_place)
HX_HANDLER(h_mine, do_mine)
HX_HANDLER(h_delete, do_delete)

const http_route http_routes_prebids[] = {
    {HTTP_M_POST, "/api/v1/streams/{id}/prebids", h_place, HTTP_AUTH},
    {HTTP_M_GET, "/api/v1/streams/{id}/prebids/me", h_mine, HTTP_AUTH},
    {HTTP_M_DELETE, "/api/v1/streams/{id}/prebids/{product_id}", h_delete, HTTP_AUTH},
    {0},
};
