/*
 * The caller's orders over REST, as buyer (the default) or as seller
 * (?role=seller), newest first, a page at a time.
 */
#include "app/orders.h"
#include "base/err.h"
#include "http/handlers.h"
#include "http/routes.h"
#include "wire/auctions.h"

#include <stdbool.h>
#include <string.h>

/* ---- GET /orders -------------------------------------------------------------------------- */

static int do_orders(http_req *req, hx_reply *out)
{
    int64_t limit = 20, cursor = 0;
    const char *role = http_req_query(req, "role");
    bool as_seller = role && strcmp(role, "seller") == 0;
    if (role && !as_seller && strcmp(role, "buyer") != 0) {
        return hx_fail(req, BZ_EVALIDATION, "role", "role must be buyer or seller");
    }
    int rc = hx_query_int(req, "limit", 1, 100, &limit);
    if (rc == BZ_OK) {
        rc = hx_query_cursor(req, &cursor);
    }
    app_order_page page;
    if (rc == BZ_OK) {
        rc = app_order_list(http_req_app(req), hx_user(req), as_seller, cursor, (int)limit, &page);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return hx_reply_json(out, 200, wire_order_page(&page));
}

HX_HANDLER(h_orders, do_orders)

const http_route http_routes_orders[] = {
    {HTTP_M_GET, "/api/v1/orders", h_orders, HTTP_AUTH},
    {0},
};
