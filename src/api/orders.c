/*
 * The caller's orders over REST, as buyer (the default) or as seller
 * (?role=seller), newest first, a page at a time.
 */
#include "app/orders.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/auctions.h"

#include <stdbool.h>
#include <string.h>

/* ---- GET /orders -------------------------------------------------------------------------- */

static int do_orders(http_req *req, api_reply *out)
{
    int64_t cursor = 0;
    int limit = 20;
    const char *role = http_req_query(req, "role");
    bool as_seller = role && strcmp(role, "seller") == 0;
    if (role && !as_seller && strcmp(role, "buyer") != 0) {
        return api_fail(req, BZ_EVALIDATION, "role", "role must be buyer or seller");
    }
    int rc = api_query_page(req, &limit, &cursor);
    app_order_page page;
    if (rc == BZ_OK) {
        rc = app_order_list(http_req_app(req), api_user(req), as_seller, cursor, limit, &page);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_order_page(&page));
}

static int do_order(http_req *req, int64_t id, api_reply *out)
{
    app_order_page one;
    order_event_rec *timeline = NULL;
    size_t n = 0;
    int rc = app_order_get(http_req_app(req), api_user(req), id, &one, &timeline, &n);
    return rc == BZ_OK ? api_reply_json(out, 200, wire_order_detail(&one, timeline, n)) : rc;
}

const api_route api_routes_orders[] = {
    API_ROUTE(HTTP_M_GET, "/api/v1/orders", do_orders, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/orders/{id}", do_order, HTTP_AUTH),
    API_END,
};
