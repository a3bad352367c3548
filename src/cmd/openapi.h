/*
 * cmd/openapi.h - the API description (api/openapi.json, embedded at build
 * time) and the route that serves it at /api/openapi.json.
 */
#ifndef CMD_OPENAPI_H
#define CMD_OPENAPI_H

#include "http/http.h"

extern const char openapi_json[];
extern const unsigned long openapi_json_len;

/* GET /api/openapi.json */
extern const http_route cmd_routes_openapi[];

#endif
