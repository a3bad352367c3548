/*
 * /api/v1/users/me/addresses: a buyer's address book (app/addresses.h). POST keeps a new
 * address, PATCH changes the members it names (`is_default: true` makes it the default),
 * DELETE removes one; every answer is the address as kept, and GET lists them, the default
 * first.
 */
#include "app/addresses.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static int do_list(http_req *req, api_reply *out)
{
    delivery_address *rows = NULL;
    size_t n = 0;
    int rc = app_addresses(http_req_app(req), api_user(req), &rows, &n);
    return rc == BZ_OK ? api_reply_json(out, 200, wire_addresses(rows, n)) : rc;
}

/* The body's members into `in`; all `required` on a creation (line2 and country never). */
static int read_address(http_req *req, bool required, app_address_input *in)
{
    json_t *body;
    int rc = api_body(req, &body);
    delivery_input *f = &in->fields;
    const struct {
        const char *name;
        const char **out;
        bool required;
    } members[] = {{"name", &f->name, required},
                   {"phone", &f->phone, required},
                   {"line1", &f->address.line1, required},
                   {"line2", &f->address.line2, false},
                   {"city", &f->address.city, required},
                   {"state", &f->address.state, required},
                   {"postcode", &f->address.postcode, required},
                   {"country", &f->address.country, false}};
    for (size_t i = 0; rc == BZ_OK && i < sizeof(members) / sizeof(members[0]); i++) {
        rc = api_get_str(req, body, "", members[i].name, members[i].required, members[i].out, NULL);
    }
    bool make_default = false, given = false;
    if (rc == BZ_OK) {
        rc = api_get_bool(req, body, "is_default", &make_default, &given);
    }
    in->make_default = given && make_default ? 1 : -1;
    return rc;
}

/* POST {name, phone, line1, line2?, city, state, postcode, country?, is_default?} → 201. */
static int do_create(http_req *req, api_reply *out)
{
    app_address_input in;
    memset(&in, 0, sizeof(in));
    delivery_address d;
    int rc = read_address(req, true, &in);
    if (rc == BZ_OK) {
        rc = app_address_create(http_req_app(req), api_user(req), &in, &d);
    }
    return rc == BZ_OK ? api_reply_json(out, 201, wire_wrap("address", wire_address(&d))) : rc;
}

/* PATCH {any of the above} → 200 {address}. */
static int do_update(http_req *req, int64_t id, api_reply *out)
{
    app_address_input in;
    memset(&in, 0, sizeof(in));
    delivery_address d;
    int rc = read_address(req, false, &in);
    if (rc == BZ_OK) {
        rc = app_address_update(http_req_app(req), api_user(req), id, &in, &d);
    }
    return rc == BZ_OK ? api_reply_json(out, 200, wire_wrap("address", wire_address(&d))) : rc;
}

const api_route api_routes_addresses[] = {
    API_ROUTE(HTTP_M_GET, "/api/v1/users/me/addresses", do_list, HTTP_AUTH),
    API_ROUTE(HTTP_M_POST, "/api/v1/users/me/addresses", do_create, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_PATCH, "/api/v1/users/me/addresses/{id}", do_update, HTTP_AUTH),
    API_ACT(HTTP_M_DELETE, "/api/v1/users/me/addresses/{id}", app_address_delete, HTTP_AUTH),
    API_END,
};
