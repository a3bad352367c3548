/*
 * /api/v1/streams: scheduling a show (sellers), listing scheduled or live
 * shows, a show page with its lineup as product summaries, and the grants
 * that let a browser watch or publish a live show's video (app/video.h).
 */
#include "app/streams.h"
#include "app/video.h"
#include "base/err.h"
#include "base/time.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdint.h>
#include <string.h>

/* ---- POST /streams ----------------------------------------------------------- */

static int read_product_ids(http_req *req, json_t *body, app_stream_input *in)
{
    json_t *arr = json_object_get(body, "product_ids");
    if (!arr || json_is_null(arr)) {
        return api_fail(req, BZ_EVALIDATION, "product_ids", "this field is required");
    }
    if (!json_is_array(arr)) {
        return api_fail(req, BZ_EVALIDATION, "product_ids", "must be an array of product ids");
    }
    size_t n = json_array_size(arr);
    int64_t *ids = bz_arena_calloc(http_req_arena(req), n ? n : 1, sizeof(*ids));
    if (!ids) {
        return api_fail(req, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        if (!api_json_id(json_array_get(arr, i), &ids[i])) {
            return api_fail(req, BZ_EVALIDATION, "product_ids", "not a product id");
        }
    }
    in->product_ids = ids;
    in->n_products = n;
    return BZ_OK;
}

static int read_starts_at(http_req *req, json_t *body, app_stream_input *in)
{
    const char *s = NULL;
    int rc = api_get_str(req, body, NULL, "starts_at", true, &s, NULL);
    if (rc != BZ_OK) {
        return rc;
    }
    if (bz_time_parse(s, strlen(s), &in->starts_at) != BZ_OK) {
        return api_fail(req, BZ_EVALIDATION, "starts_at",
                        "must be an RFC 3339 time, e.g. 2026-12-01T20:00:00+08:00");
    }
    return BZ_OK;
}

static int read_stream_input(http_req *req, app_stream_input *in)
{
    json_t *body;
    memset(in, 0, sizeof(*in));
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "title", true, &in->title, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "description", false, &in->description, NULL);
    }
    if (rc == BZ_OK) {
        rc = read_starts_at(req, body, in);
    }
    if (rc == BZ_OK) {
        rc = read_product_ids(req, body, in);
    }
    bool record = true, present = false; /* recorded unless the seller says not */
    if (rc == BZ_OK) {
        rc = api_get_bool(req, body, "record", &record, &present);
    }
    in->no_record = !record;
    return rc;
}

static int do_create(http_req *req, api_reply *out)
{
    app_stream_input in;
    app_stream_view v;
    int rc = read_stream_input(req, &in);
    if (rc == BZ_OK) {
        rc = app_stream_create(http_req_app(req), api_user(req), &in, &v);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 201, wire_wrap("stream", wire_stream_view(&v)));
}

/* ---- GET /streams, GET /streams/{id} ------------------------------------------ */

static int do_get(http_req *req, int64_t id, api_reply *out)
{
    app_stream_view v;
    int rc = app_stream_get(http_req_app(req), id, &v);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_wrap("stream", wire_stream_view(&v)));
}

static int do_list(http_req *req, api_reply *out)
{
    int64_t limit = 20, seller = 0;
    app_stream_query q = {.status = http_req_query(req, "status"),
                          .cursor = http_req_query(req, "cursor")};
    int rc = api_query_int(req, "seller", 1, INT64_MAX, &seller);
    if (rc == BZ_OK) {
        rc = api_query_int(req, "limit", 1, 100, &limit);
    }
    q.seller_id = seller;
    q.limit = (int)limit;
    app_stream_page list;
    if (rc == BZ_OK) {
        rc = app_stream_list(http_req_app(req), &q, &list);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_stream_page(&list));
}

/* ---- POST /streams/{id}/video/token -------------------------------------------- */

static int read_role(http_req *req, video_role *out)
{
    json_t *body;
    const char *name;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, "", "role", true, &name, NULL);
    }
    for (video_role r = VIDEO_VIEWER; rc == BZ_OK && video_role_name(r); r++) {
        if (strcmp(name, video_role_name(r)) == 0) {
            *out = r;
            return BZ_OK;
        }
    }
    return rc != BZ_OK ? rc
                       : api_fail(req, BZ_EVALIDATION, "role",
                                  "role must be \"viewer\", \"publisher\" or \"cohost\"");
}

static int do_video_token(http_req *req, int64_t id, api_reply *out)
{
    video_role role = VIDEO_VIEWER; /* read_role sets it; gcc -O2 cannot see that */
    video_grant g;
    int rc = read_role(req, &role);
    if (rc == BZ_OK) {
        rc = app_video_grant(http_req_app(req), api_user(req), id, role, &g);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_video_grant(&g));
}

const api_route api_routes_streams[] = {
    API_ROUTE(HTTP_M_POST, "/api/v1/streams", do_create, HTTP_AUTH | API_IDEMPOTENT),
    API_ROUTE(HTTP_M_GET, "/api/v1/streams", do_list, 0),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/streams/{id}", do_get, 0),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/streams/{id}/video/token", do_video_token, HTTP_RATE_VIDEO),
    API_END,
};
