/*
 * /api/v1/sellers: become a seller, shop pages and edits, follows.
 */
#include "app/sellers.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <string.h>

static int read_address(http_req *req, json_t *obj, address_postal *a)
{
    static const char prefix[] = "pickup_address.";
    memset(a, 0, sizeof(*a));
    int rc = api_get_str(req, obj, prefix, "line1", true, &a->line1, NULL);
    if (rc == BZ_OK) {
        rc = api_get_str(req, obj, prefix, "line2", false, &a->line2, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, obj, prefix, "city", true, &a->city, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, obj, prefix, "state", true, &a->state, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, obj, prefix, "postcode", true, &a->postcode, NULL);
    }
    return rc;
}

/* Decode {shop_name, description, pickup_address}; `addr` receives the address if given. */
static int read_shop(http_req *req, bool create, app_seller_input *in, address_postal *addr)
{
    json_t *body, *pickup = NULL;
    memset(in, 0, sizeof(*in));
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "shop_name", create, &in->shop_name, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "description", false, &in->description, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_obj(req, body, "pickup_address", create, &pickup);
    }
    if (rc == BZ_OK && pickup) {
        rc = read_address(req, pickup, addr);
        in->pickup = addr;
    }
    bool require_card = false, given = false;
    if (rc == BZ_OK) {
        rc = api_get_bool(req, body, "require_card", &require_card, &given);
    }
    in->require_card = given ? require_card : -1;
    return rc;
}

static int seller_reply(api_reply *out, int status, const catalog_seller *s, bool is_owner)
{
    return api_reply_json(out, status, wire_wrap("seller", wire_seller(s, is_owner)));
}

/* POST /sellers creates the caller's shop (201), PATCH /sellers/me changes it (200). */
static int save_shop(http_req *req, api_reply *out, bool create)
{
    app_seller_input in;
    address_postal addr;
    catalog_seller s;
    int rc = read_shop(req, create, &in, &addr);
    if (rc == BZ_OK) {
        rc = (create ? app_seller_create : app_seller_update)(http_req_app(req), api_user(req), &in,
                                                              &s);
    }
    return rc == BZ_OK ? seller_reply(out, create ? 201 : 200, &s, true) : rc;
}

static int do_create(http_req *req, api_reply *out)
{
    return save_shop(req, out, true);
}

static int do_update(http_req *req, api_reply *out)
{
    return save_shop(req, out, false);
}

static int do_get(http_req *req, api_reply *out)
{
    app_seller_view v;
    int64_t viewer = api_user(req);
    const char *id = http_req_param(req, "id");
    char self[24];
    if (id && strcmp(id, "me") == 0 && viewer) {
        snprintf(self, sizeof(self), "%lld", (long long)viewer);
        id = self;
    }
    int rc = app_seller_get(http_req_app(req), viewer, id, &v);
    if (rc != BZ_OK) {
        return rc;
    }
    bool owner = viewer == v.seller.id;
    return api_reply_json(out, 200, wire_seller_page(&v, owner));
}

const api_route api_routes_sellers[] = {
    API_ROUTE(HTTP_M_POST, "/api/v1/sellers", do_create, HTTP_AUTH | API_IDEMPOTENT),
    API_ROUTE(HTTP_M_PATCH, "/api/v1/sellers/me", do_update, HTTP_AUTH),
    API_ROUTE(HTTP_M_GET, "/api/v1/sellers/{id}", do_get, 0),
    API_ACT(HTTP_M_POST, "/api/v1/sellers/{id}/follow", app_seller_follow,
            HTTP_AUTH | API_IDEMPOTENT),
    API_ACT(HTTP_M_DELETE, "/api/v1/sellers/{id}/follow", app_seller_unfollow, HTTP_AUTH),
    API_END,
};
