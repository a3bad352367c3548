/*
 * Checkout and payments over REST (app/checkout.h, app/payment_events.h):
 *   GET  /api/v1/orders/{id}/checkout?address_id=  what paying it would take (a quote)
 *   POST /api/v1/orders/{id}/checkout              start paying it: 202, the payment "creating"
 *   GET  /api/v1/payments/{id}                     the payment (its client_secret while open)
 *   POST /api/v1/payments/{id}/sync                back from a redirect: read it again, 202
 *   GET  /api/v1/orders/{id}/refunds               an order's refunds (its buyer or seller)
 *   POST /api/v1/orders/{id}/refunds               the seller refunds: 202, the refund "creating"
 *   POST /webhooks/stripe                          the provider's signed events
 * Answers that carry a client secret are marked no-store.
 */
#include "app/checkout.h"
#include "app/refunds.h"
#include "app/payment_events.h"
#include "app/ports/payments.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/payments.h"
#include "wire/wire.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static int do_quote(http_req *req, int64_t id, api_reply *out)
{
    int64_t address_id = 0;
    app_checkout co;
    int rc = api_query_int(req, "address_id", 1, INT64_MAX, &address_id);
    if (rc == BZ_OK) {
        rc = app_checkout_quote(http_req_app(req), api_user(req), id, address_id, &co);
    }
    return rc == BZ_OK ? api_reply_json(out, 200, wire_wrap("checkout", wire_checkout(&co))) : rc;
}

/* "methods": ["card", "fpx", "grabpay"] (absent: all) into bits. */
static int read_methods(http_req *req, json_t *body, unsigned *bits)
{
    json_t *arr = json_object_get(body, "methods");
    *bits = 0;
    if (!arr || json_is_null(arr)) {
        return BZ_OK;
    }
    size_t i;
    json_t *v;
    if (!json_is_array(arr) || json_array_size(arr) == 0) {
        return api_fail(req, BZ_EVALIDATION, "methods", "a list of card, fpx and grabpay");
    }
    json_array_foreach(arr, i, v)
    {
        payments_method_kind k =
            payments_method_parse(json_is_string(v) ? json_string_value(v) : "");
        if (!k) {
            return api_fail(req, BZ_EVALIDATION, "methods", "each method is card, fpx or grabpay");
        }
        *bits |= k;
    }
    return BZ_OK;
}

static int reply_payment(http_req *req, api_reply *out, int status, const payment_record *p)
{
    payment_part *parts = NULL;
    size_t n = 0;
    payment_record again;
    int rc = app_payment_get(http_req_app(req), api_user(req), p->id, &again, &parts, &n);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_polled(out, status, "payment", wire_payment(p, parts, n));
}

static int do_pay(http_req *req, int64_t id, api_reply *out)
{
    json_t *body;
    int64_t address_id = 0;
    unsigned methods = 0;
    payment_record p;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_id(req, body, "address_id", false, &address_id, NULL);
    }
    if (rc == BZ_OK) {
        rc = read_methods(req, body, &methods);
    }
    if (rc == BZ_OK) {
        rc = app_checkout_pay(http_req_app(req), api_user(req), id, address_id, methods, &p);
    }
    return rc == BZ_OK ? reply_payment(req, out, 202, &p) : rc;
}

static int do_payment(http_req *req, int64_t id, api_reply *out)
{
    payment_record p;
    int rc = app_payment_get(http_req_app(req), api_user(req), id, &p, NULL, NULL);
    return rc == BZ_OK ? reply_payment(req, out, 200, &p) : rc;
}

static int do_sync(http_req *req, int64_t id, api_reply *out)
{
    payment_record p;
    int rc = app_payment_sync(http_req_app(req), api_user(req), id, &p);
    return rc == BZ_OK ? reply_payment(req, out, 202, &p) : rc;
}

/* ---- refunds ------------------------------------------------------------------------------- */

static int do_refunds(http_req *req, int64_t id, api_reply *out)
{
    order_record o;
    refund_record *rows = NULL;
    size_t n = 0;
    bool may_refund = false;
    int rc = app_refunds_of(http_req_app(req), api_user(req), id, &o, &rows, &n, &may_refund);
    return rc == BZ_OK
               ? api_reply_json(out, 200, wire_refunds(rows, n, o.paid, o.refunded, may_refund))
               : rc;
}

/* {amount (sen; absent: all that is left), reason, note}: 202, the refund "creating". */
static int do_refund(http_req *req, int64_t id, api_reply *out)
{
    json_t *body;
    int64_t amount = 0;
    const char *reason = NULL, *note = NULL;
    refund_record r;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_int(req, body, "amount", false, 1, CHECKOUT_MAX_CHARGE_SEN, &amount, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "reason", true, &reason, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "note", false, &note, NULL);
    }
    if (rc == BZ_OK) {
        rc = app_refund_ask(http_req_app(req), api_user(req), id, amount, reason, note, &r);
    }
    return rc == BZ_OK ? api_reply_json(out, 202, wire_wrap("refund", wire_refund(&r))) : rc;
}

/* Stripe retries anything but a 2xx; a 2xx goes only once the event is durable. */
static int do_webhook(http_req *req, api_reply *out)
{
    size_t len = 0;
    const char *body = http_req_body(req, &len);
    int rc =
        app_payment_webhook(http_req_app(req), http_req_header(req, "Stripe-Signature"), body, len);
    return rc == BZ_OK ? api_reply_json(out, 200, json_pack("{s:b}", "received", 1)) : rc;
}

const api_route api_routes_payments[] = {
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/orders/{id}/checkout", do_quote, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/orders/{id}/checkout", do_pay, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/payments/{id}", do_payment, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/payments/{id}/sync", do_sync, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/orders/{id}/refunds", do_refunds, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/orders/{id}/refunds", do_refund, HTTP_AUTH),
    API_ROUTE(HTTP_M_POST, "/webhooks/stripe", do_webhook, 0),
    API_END,
};
