/*
 * /api/v1/users/me/limits: a buyer's own spending cap and cool-off
 * (app/wellbeing.h). PUT changes only what the body names: `spending_cap`
 * null removes the cap, absent leaves it; `cool_off_days` starts or extends
 * a cool-off and can never shorten one.
 */
#include "app/wellbeing.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdint.h>
#include <string.h>

static int limits_reply(api_reply *out, const app_buyer_limits *l)
{
    return api_reply_json(out, 200, wire_wrap("limits", wire_limits(l)));
}

static int do_get(http_req *req, api_reply *out)
{
    app_buyer_limits l;
    int rc = app_wellbeing_get(http_req_app(req), api_user(req), &l);
    return rc == BZ_OK ? limits_reply(out, &l) : rc;
}

static int read_cap(http_req *req, json_t *body, app_limits_input *in)
{
    json_t *cap = json_object_get(body, "spending_cap");
    if (!cap) {
        return BZ_OK;
    }
    in->set_cap = true;
    if (json_is_null(cap)) {
        return BZ_OK; /* remove */
    }
    if (!json_is_object(cap)) {
        return api_fail(req, BZ_EVALIDATION, "spending_cap", "must be an object or null");
    }
    int rc =
        api_get_int(req, cap, "amount", true, 100, INT64_C(100000000000), &in->cap_amount, NULL);
    if (rc == BZ_OK) {
        rc = api_get_str(req, cap, "spending_cap.", "period", true, &in->cap_period, NULL);
    }
    if (rc != BZ_OK && strcmp(http_req_app(req)->err.field, "amount") == 0) {
        /* api_get_int names the member alone; say where it is */
        return api_fail(req, BZ_EVALIDATION, "spending_cap.amount",
                        "amount is sen, at least 100 (RM1)");
    }
    return rc;
}

static int do_put(http_req *req, api_reply *out)
{
    json_t *body;
    app_limits_input in;
    app_buyer_limits l;
    memset(&in, 0, sizeof(in));
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = read_cap(req, body, &in);
    }
    if (rc == BZ_OK) {
        rc = api_get_int(req, body, "cool_off_days", false, 0, APP_COOL_OFF_MAX_DAYS,
                         &in.cool_off_days, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_wellbeing_set(http_req_app(req), api_user(req), &in, &l);
    }
    return rc == BZ_OK ? limits_reply(out, &l) : rc;
}

const api_route api_routes_wellbeing[] = {
    API_ROUTE(HTTP_M_GET, "/api/v1/users/me/limits", do_get, HTTP_AUTH),
    API_ROUTE(HTTP_M_PUT, "/api/v1/users/me/limits", do_put, HTTP_AUTH),
    API_END,
};
