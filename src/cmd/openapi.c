#include "cmd/openapi.h"

static void serve_openapi(http_req *req, http_res *res)
{
    (void)req;
    http_res_header(res, "Cache-Control", "no-cache");
    http_res_bytes(res, 200, "application/json", openapi_json, openapi_json_len);
}

const http_route cmd_routes_openapi[] = {
    {HTTP_M_GET, "/api/openapi.json", serve_openapi, HTTP_ON_LOOP},
    {0, NULL, NULL, 0},
};
