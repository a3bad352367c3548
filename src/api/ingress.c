/*
 * /api/v1/streams/{id}/ingress: a show's encoder endpoint (OBS, or any WHIP encoder), its
 * seller's alone (app/video_ingress.h). Asking answers 202 while the outbox worker creates it
 * at the provider, then 200 with the URL and stream key; every answer that carries the key is
 * marked no-store.
 */
#include "app/video_ingress.h"
#include "api/api.h"
#include "api/handlers.h"
#include "base/err.h"
#include "wire/ingress.h"

#include <stdint.h>
#include <string.h>

static int do_request(http_req *req, int64_t id, api_reply *out)
{
    show_ingress in;
    int rc = app_ingress_request(http_req_app(req), api_user(req), id, &in);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_polled(out, strcmp(in.state, INGRESS_PENDING) == 0 ? 202 : 200, NULL,
                            wire_ingress(&in));
}

static int do_get(http_req *req, int64_t id, api_reply *out)
{
    show_ingress in;
    int rc = app_ingress_get(http_req_app(req), api_user(req), id, &in);
    return rc == BZ_OK ? api_reply_polled(out, 200, NULL, wire_ingress(&in)) : rc;
}

const api_route api_routes_ingress[] = {
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/streams/{id}/ingress", do_request, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/streams/{id}/ingress", do_get, HTTP_AUTH),
    API_ACT(HTTP_M_DELETE, "/api/v1/streams/{id}/ingress", app_ingress_drop, HTTP_AUTH),
    API_END,
};
