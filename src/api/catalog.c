/*
 * /api/v1/categories and /api/v1/products: the category tree (flat, with
 * parent_id), product CRUD by its seller, and search.
 */
#include "app/catalog.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdint.h>
#include <string.h>

static int do_categories(http_req *req, api_reply *out)
{
    catalog_category *cats = NULL;
    size_t n = 0;
    int rc = app_catalog_categories(http_req_app(req), &cats, &n);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_categories(cats, n));
}

/* category_id: an id, or null for none. */
static int read_category(http_req *req, json_t *body, app_product_input *in)
{
    bool present = false;
    int64_t id = 0;
    int rc = api_get_id(req, body, "category_id", false, &id, &present);
    if (rc == BZ_OK && (present || json_is_null(json_object_get(body, "category_id")))) {
        in->v.category_id = id;
        in->set |= APP_P_CATEGORY;
    }
    return rc;
}

static int read_int_field(http_req *req, json_t *body, const char *name, int64_t max, unsigned bit,
                          int64_t *value, app_product_input *in)
{
    bool present = false;
    int rc = api_get_int(req, body, name, false, 0, max, value, &present);
    if (rc == BZ_OK && (present || json_is_null(json_object_get(body, name)))) {
        in->set |= bit;
    }
    return rc;
}

static int read_text_field(http_req *req, json_t *body, const char *name, unsigned bit,
                           const char **value, app_product_input *in)
{
    bool present = false;
    int rc = api_get_str(req, body, NULL, name, false, value, &present);
    if (rc == BZ_OK && present) {
        in->set |= bit;
    }
    return rc;
}

/* Decode a product body; only the members present are marked in in->set. */
static int read_product(http_req *req, app_product_input *in)
{
    json_t *body;
    memset(in, 0, sizeof(*in));
    const struct {
        const char *name;
        unsigned bit;
        const char **value;
    } texts[] = {
        {"title", APP_P_TITLE, &in->v.title},
        {"description", APP_P_DESCRIPTION, &in->v.description},
        {"condition", APP_P_CONDITION, &in->v.condition},
    };
    static const struct {
        const char *name;
        int64_t max;
        unsigned bit;
    } ints[] = {
        {"quantity", INT32_MAX, APP_P_QUANTITY},        {"buy_now_price", INT64_MAX, APP_P_PRICE},
        {"shipping_weight_g", INT32_MAX, APP_P_WEIGHT}, {"length_mm", INT32_MAX, APP_P_LENGTH},
        {"width_mm", INT32_MAX, APP_P_WIDTH},           {"height_mm", INT32_MAX, APP_P_HEIGHT},
    };
    int64_t v[sizeof(ints) / sizeof(ints[0])] = {0};
    int rc = api_body(req, &body);
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]) && rc == BZ_OK; i++) {
        rc = read_text_field(req, body, texts[i].name, texts[i].bit, texts[i].value, in);
    }
    if (rc == BZ_OK) {
        rc = read_category(req, body, in);
    }
    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]) && rc == BZ_OK; i++) {
        rc = read_int_field(req, body, ints[i].name, ints[i].max, ints[i].bit, &v[i], in);
    }
    in->v.quantity = (int32_t)v[0];
    in->v.buy_now_price = v[1];
    in->v.shipping_weight_g = (int32_t)v[2];
    in->v.length_mm = (int32_t)v[3];
    in->v.width_mm = (int32_t)v[4];
    in->v.height_mm = (int32_t)v[5];
    return rc;
}

static int product_reply(api_reply *out, int status, const app_product_view *p)
{
    return api_reply_json(out, status, wire_wrap("product", wire_product(p)));
}

static int do_create(http_req *req, api_reply *out)
{
    app_product_input in;
    app_product_view p;
    int rc = read_product(req, &in);
    if (rc == BZ_OK) {
        rc = app_catalog_product_create(http_req_app(req), api_user(req), &in, &p);
    }
    return rc == BZ_OK ? product_reply(out, 201, &p) : rc;
}

static int do_get(http_req *req, int64_t id, api_reply *out)
{
    app_product_view p;
    int rc = app_catalog_product_get(http_req_app(req), id, &p);
    return rc == BZ_OK ? product_reply(out, 200, &p) : rc;
}

static int do_update(http_req *req, int64_t id, api_reply *out)
{
    app_product_input in;
    app_product_view p;
    int rc = read_product(req, &in);
    if (rc == BZ_OK) {
        rc = app_catalog_product_update(http_req_app(req), api_user(req), id, &in, &p);
    }
    return rc == BZ_OK ? product_reply(out, 200, &p) : rc;
}

static int query_bool(http_req *req, const char *name, bool *out)
{
    const char *s = http_req_query(req, name);
    if (!s) {
        return BZ_OK;
    }
    if (!strcmp(s, "true") || !strcmp(s, "1")) {
        *out = true;
    } else if (!strcmp(s, "false") || !strcmp(s, "0")) {
        *out = false;
    } else {
        return api_fail(req, BZ_EVALIDATION, name, "must be true or false");
    }
    return BZ_OK;
}

/* The filters of GET /products; each bad parameter is a 422 naming it. */
static int read_query(http_req *req, catalog_product_query *q)
{
    memset(q, 0, sizeof(*q));
    q->min_price = q->max_price = -1;
    q->limit = 20;
    q->q = http_req_query(req, "q");
    if (q->q && !*q->q) {
        q->q = NULL;
    }
    int rc = app_catalog_category_resolve(http_req_app(req), http_req_query(req, "category"),
                                          &q->category_id);
    if (rc == BZ_OK) {
        rc = api_query_int(req, "seller", 1, INT64_MAX, &q->seller_id);
    }
    if (rc == BZ_OK) {
        rc = api_query_int(req, "min_price", 0, INT64_MAX, &q->min_price);
    }
    if (rc == BZ_OK) {
        rc = api_query_int(req, "max_price", 0, INT64_MAX, &q->max_price);
    }
    if (rc == BZ_OK) {
        rc = query_bool(req, "in_stock", &q->in_stock);
    }
    if (rc == BZ_OK) {
        rc = api_query_page(req, &q->limit, &q->cursor);
    }
    return rc;
}

static int do_search(http_req *req, api_reply *out)
{
    catalog_product_query q;
    app_product_list list;
    int rc = read_query(req, &q);
    if (rc == BZ_OK) {
        rc = app_catalog_search(http_req_app(req), &q, &list);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200,
                          wire_page("products", wire_product_list(&list), list.next_cursor));
}

const api_route api_routes_catalog[] = {
    API_ROUTE(HTTP_M_GET, "/api/v1/categories", do_categories, 0),
    API_ROUTE(HTTP_M_POST, "/api/v1/products", do_create, HTTP_AUTH | API_IDEMPOTENT),
    API_ROUTE(HTTP_M_GET, "/api/v1/products", do_search, 0),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/products/{id}", do_get, 0),
    API_ROUTE_ID(HTTP_M_PATCH, "/api/v1/products/{id}", do_update, HTTP_AUTH),
    API_ACT(HTTP_M_DELETE, "/api/v1/products/{id}", app_catalog_product_delete, HTTP_AUTH),
    API_END,
};
