/*
 * Sellers' plans over REST (app/plans.h):
 *   GET    /api/v1/plans               the plans: price a month, commission
 *   GET    /api/v1/sellers/me/plan     the caller's plan, its state and dates
 *   POST   /api/v1/sellers/me/plan     {"plan": name}: subscribe, 202; poll GET until
 *                                      client_secret (incomplete) for Stripe.js to pay
 *   DELETE /api/v1/sellers/me/plan     cancel, 202 (an active one at its period's end)
 * Answers that carry a client secret are marked no-store.
 */
#include "app/plans.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/payments.h"

#include <stdbool.h>
#include <stdint.h>

static int do_plans(http_req *req, api_reply *out)
{
    const app_pay_config *pc = &http_req_app(req)->env->cfg.pay;
    return api_reply_json(out, 200, wire_plans(&pc->plans, pc->plan_grace_ms));
}

static int do_plan_get(http_req *req, api_reply *out)
{
    app_plan_view v;
    int rc = app_plan_get(http_req_app(req), api_user(req), &v);
    return rc == BZ_OK ? api_reply_polled(out, 200, "plan", wire_seller_plan(&v)) : rc;
}

static int do_plan_subscribe(http_req *req, api_reply *out)
{
    const char *name = NULL;
    const api_field fields[] = {{"plan", &name}, {NULL, NULL}};
    int rc = api_body_strs(req, fields);
    app_plan_view v;
    if (rc == BZ_OK) {
        rc = app_plan_subscribe(http_req_app(req), api_user(req), name, &v);
    }
    return rc == BZ_OK ? api_reply_polled(out, 202, "plan", wire_seller_plan(&v)) : rc;
}

static int do_plan_cancel(http_req *req, api_reply *out)
{
    app_plan_view v;
    int rc = app_plan_cancel(http_req_app(req), api_user(req), &v);
    return rc == BZ_OK ? api_reply_polled(out, 202, "plan", wire_seller_plan(&v)) : rc;
}

const api_route api_routes_plans[] = {
    API_ROUTE(HTTP_M_GET, "/api/v1/plans", do_plans, 0),
    API_ROUTE(HTTP_M_GET, "/api/v1/sellers/me/plan", do_plan_get, HTTP_AUTH),
    API_ROUTE(HTTP_M_POST, "/api/v1/sellers/me/plan", do_plan_subscribe, HTTP_AUTH),
    API_ROUTE(HTTP_M_DELETE, "/api/v1/sellers/me/plan", do_plan_cancel, HTTP_AUTH),
    API_END,
};
