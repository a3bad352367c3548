/*
 * /api/v1/users/me/limits: a buyer's own spending cap and cool-off
 * (app/wellbeing.h). PUT changes only what the body names: `spending_cap`
 * null removes the cap, absent leaves it; `cool_off_days` starts or extends
 * a cool-off and can never shorten one.
 */
#include "app/wellbeing.h"
#include "base/err.h"
#include "http/handlers.h"
#include "http/routes.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdint.h>
#include <string.h>

static int limits_reply(hx_reply *out, const app_buyer_limits *l)
{
    return hx_reply_json(out, 200, wire_wrap("limits", wire_limits(l)));
}

static int do_get(http_req *req, hx_reply *out)
{
    app_buyer_limits l;
    int rc = app_wellbeing_get(http_req_app(req), hx_user(req), &l);
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
        return hx_fail(req, BZ_EVALIDATION, "spending_cap", "must be an object or null");
    }
    int rc =
        hx_get_int(req, cap, "amount", true, 100, INT64_C(100000000000), &in->cap_amount, NULL);
    if (rc == BZ_OK) {
        rc = hx_get_str(req, cap, "spending_cap.", "period", true, &in->cap_period, NULL);
    }
    if (rc != BZ_OK && strcmp(http_req_app(req)->err.field, "amount") == 0) {
        /* hx_get_int names the member alone; say where it is */
        return hx_fail(req, BZ_EVALIDATION, "spending_cap.amount",
                       "amount is sen, at least 100 (RM1)");
    }
    return rc;
}

static int do_put(http_req *req, hx_reply *out)
{
    json_t *body;
    app_limits_input in;
    app_buyer_limits l;
    memset(&in, 0, sizeof(in));
    int rc = hx_body(req, &body);
    if (rc == BZ_OK) {
        rc = read_cap(req, body, &in);
    }
    if (rc == BZ_OK) {
        rc = hx_get_int(req, body, "cool_off_days", false, 0, APP_COOL_OFF_MAX_DAYS,
                        &in.cool_off_days, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_wellbeing_set(http_req_app(req), hx_user(req), &in, &l);
    }
    return rc == BZ_OK ? limits_reply(out, &l) : rc;
}

HX_HANDLER(h_get, do_get)
HX_HANDLER(h_put, do_put)

const http_route http_routes_wellbeing[] = {
    {HTTP_M_GET, "/api/v1/users/me/limits", h_get, HTTP_AUTH},
    {HTTP_M_PUT, "/api/v1/users/me/limits", h_put, HTTP_AUTH},
    {0},
};
