/*
 * A seller's payouts and a buyer's "I have received it" over REST (app/payouts.h):
 *   GET  /api/v1/sellers/me/payouts                   the account, the sums, transfers, payouts
 *   POST /api/v1/sellers/me/payouts/onboarding        start onboarding: 202, a request "creating"
 *   GET  /api/v1/sellers/me/payouts/onboarding/{id}   the request ({status, url} once ready)
 *   POST /api/v1/orders/{id}/received                 the buyer has it: delivered
 * Onboarding links are single-use and the answers that carry one are marked no-store.
 */
#include "app/orders.h"
#include "app/payouts.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "api/share.h"
#include "wire/auctions.h"
#include "wire/payments.h"

#include <stdint.h>

static int do_payouts(http_req *req, api_reply *out)
{
    app_payouts_view v;
    int rc = app_payouts_get(http_req_app(req), api_user(req), &v);
    return rc == BZ_OK ? api_reply_json(out, 200, wire_payouts(&v)) : rc;
}

static int do_onboard(http_req *req, api_reply *out)
{
    char base[256];
    payout_onboarding o;
    api_share_origin(req, base, sizeof(base));
    int rc = app_payout_onboard(http_req_app(req), api_user(req), base, &o);
    return rc == BZ_OK ? api_reply_polled(out, 202, "onboarding", wire_payout_onboarding(&o)) : rc;
}

static int do_onboarding(http_req *req, int64_t id, api_reply *out)
{
    payout_onboarding o;
    int rc = app_payout_onboarding_get(http_req_app(req), api_user(req), id, &o);
    return rc == BZ_OK ? api_reply_polled(out, 200, "onboarding", wire_payout_onboarding(&o)) : rc;
}

static int do_received(http_req *req, int64_t id, api_reply *out)
{
    app_ctx *c = http_req_app(req);
    order_record o;
    app_order_page one;
    order_event_rec *timeline = NULL;
    size_t n = 0;
    int rc = app_order_received(c, api_user(req), id, &o);
    if (rc == BZ_OK) {
        rc = app_order_get(c, api_user(req), id, &one, &timeline, &n);
    }
    return rc == BZ_OK ? api_reply_json(out, 200, wire_order_detail(&one, timeline, n)) : rc;
}

const api_route api_routes_payouts[] = {
    API_ROUTE(HTTP_M_GET, "/api/v1/sellers/me/payouts", do_payouts, HTTP_AUTH),
    API_ROUTE(HTTP_M_POST, "/api/v1/sellers/me/payouts/onboarding", do_onboard, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/sellers/me/payouts/onboarding/{id}", do_onboarding,
                 HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/orders/{id}/received", do_received, HTTP_AUTH),
    API_END,
};
