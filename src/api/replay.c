/*
 * A show's recording over REST (app/recordings.h): whether it is recorded (its seller, before
 * it goes live) and its replay (anyone).
 */
#include "app/recordings.h"
#include "base/err.h"
#include "api/handlers.h"
#include "api/api.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- PUT /streams/{id}/record ---------------------------------------------------------- */

static int do_set_record(http_req *req, int64_t id, api_reply *out)
{
    json_t *body;
    bool record = false, present = false;
    app_stream_view v;
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_bool(req, body, "record", &record, &present);
    }
    if (rc == BZ_OK && !present) {
        rc = api_fail(req, BZ_EVALIDATION, "record", "this field is required");
    }
    if (rc == BZ_OK) {
        rc = app_stream_set_record(http_req_app(req), api_user(req), id, record, &v);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_wrap("stream", wire_stream_view(&v)));
}

/* ---- GET /streams/{id}/replay ---------------------------------------------------------- */

static int do_replay(http_req *req, int64_t id, api_reply *out)
{
    app_replay r;
    int rc = app_replay_get(http_req_app(req), id, &r);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_replay(&r));
}

const api_route api_routes_replay[] = {
    API_ROUTE_ID(HTTP_M_PUT, "/api/v1/streams/{id}/record", do_set_record, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/streams/{id}/replay", do_replay, 0),
    API_END,
};
