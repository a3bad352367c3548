/*
 * /api/v1/streams/{id}/prebids: a buyer's pre-bids on a show's lots
 * (app/prebids.h). Placing again on the same lot replaces the maximum, so
 * POST is the only write besides withdrawing; the auction's start applies
 * them, nothing here touches a running auction.
 */
#include "app/prebids.h"
#include "base/err.h"
#include "domain/money.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdint.h>

static int do_place(http_req *req, int64_t stream_id, api_reply *out)
{
    int64_t product_id = 0, max_amount = 0;
    json_t *body;
    prebid p;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_id(req, body, "product_id", true, &product_id, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_int(req, body, "max_amount", true, 1, MONEY_PRICE_CAP_SEN, &max_amount, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_prebid_place(http_req_app(req), api_user(req), stream_id, product_id, max_amount,
                              &p);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 201, wire_wrap("prebid", wire_prebid(&p)));
}

static int do_mine(http_req *req, int64_t stream_id, api_reply *out)
{
    prebid *rows = NULL;
    size_t n = 0;
    int rc = app_prebids_mine(http_req_app(req), api_user(req), stream_id, &rows, &n);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_prebids(rows, n));
}

const api_route api_routes_prebids[] = {
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/streams/{id}/prebids", do_place, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/streams/{id}/prebids/me", do_mine, HTTP_AUTH),
    API_ACT2(HTTP_M_DELETE, "/api/v1/streams/{id}/prebids/{product_id}", app_prebid_delete,
             HTTP_AUTH),
    API_END,
};
