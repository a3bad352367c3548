/*
 * A buyer's saved cards over REST (app/cards.h):
 *   GET    /api/v1/users/me/cards                      the cards, the default first
 *   POST   /api/v1/users/me/cards                      start saving one: 202, a setup "creating"
 *   GET    /api/v1/users/me/cards/setups/{id}          the setup (its client_secret while open)
 *   POST   /api/v1/users/me/cards/setups/{id}/sync     Stripe.js confirmed it: read it again, 202
 *   PATCH  /api/v1/users/me/cards/{id}                 {"is_default": true}
 *   DELETE /api/v1/users/me/cards/{id}
 *   GET    /api/v1/payments/config                     Stripe.js's key and where to load it from
 * Answers that carry a client secret are marked no-store.
 */
#include "app/cards.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/payments.h"
#include "wire/wire.h"

#include <stdbool.h>
#include <stdint.h>

static int do_cards(http_req *req, api_reply *out)
{
    payment_card *cards = NULL;
    size_t n = 0;
    int rc = app_cards(http_req_app(req), api_user(req), &cards, &n);
    return rc == BZ_OK ? api_reply_json(out, 200, wire_cards(cards, n)) : rc;
}

static int do_setup_start(http_req *req, api_reply *out)
{
    card_setup u;
    int rc = app_card_setup_start(http_req_app(req), api_user(req), &u);
    return rc == BZ_OK ? api_reply_polled(out, 202, "setup", wire_card_setup(&u)) : rc;
}

static int do_setup_get(http_req *req, int64_t id, api_reply *out)
{
    card_setup u;
    int rc = app_card_setup_get(http_req_app(req), api_user(req), id, &u);
    return rc == BZ_OK ? api_reply_polled(out, 200, "setup", wire_card_setup(&u)) : rc;
}

static int do_setup_sync(http_req *req, int64_t id, api_reply *out)
{
    card_setup u;
    int rc = app_card_setup_sync(http_req_app(req), api_user(req), id, &u);
    return rc == BZ_OK ? api_reply_polled(out, 202, "setup", wire_card_setup(&u)) : rc;
}

/* Only {"is_default": true}: a card is the provider's; nothing else of it changes here. */
static int do_card_patch(http_req *req, int64_t id, api_reply *out)
{
    json_t *body;
    bool is_default = false, given = false;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_bool(req, body, "is_default", &is_default, &given);
    }
    if (rc == BZ_OK && (!given || !is_default)) {
        return api_fail(req, BZ_EVALIDATION, "is_default",
                        "make another card the default instead of un-defaulting this one");
    }
    payment_card card;
    if (rc == BZ_OK) {
        rc = app_card_set_default(http_req_app(req), api_user(req), id, &card);
    }
    return rc == BZ_OK ? api_reply_json(out, 200, wire_wrap("card", wire_card(&card))) : rc;
}

static int do_config(http_req *req, api_reply *out)
{
    const app_pay_config *pc = &http_req_app(req)->env->cfg.pay;
    if (!http_req_app(req)->env->payments) {
        return api_fail(req, BZ_EUNAVAILABLE, NULL, "payments are not configured on this server");
    }
    return api_reply_json(
        out, 200, wire_wrap("payments", wire_payments_config(pc->publishable_key, pc->js_url)));
}

const api_route api_routes_cards[] = {
    API_ROUTE(HTTP_M_GET, "/api/v1/users/me/cards", do_cards, HTTP_AUTH),
    API_ROUTE(HTTP_M_POST, "/api/v1/users/me/cards", do_setup_start, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/users/me/cards/setups/{id}", do_setup_get, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/users/me/cards/setups/{id}/sync", do_setup_sync, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_PATCH, "/api/v1/users/me/cards/{id}", do_card_patch, HTTP_AUTH),
    API_ACT(HTTP_M_DELETE, "/api/v1/users/me/cards/{id}", app_card_delete, HTTP_AUTH),
    API_ROUTE(HTTP_M_GET, "/api/v1/payments/config", do_config, 0),
    API_END,
};
