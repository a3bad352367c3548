/*
 * The OpenAPI document and the server's routes must describe the same API:
 * every registered route is in api/openapi.json, and every operation there is
 * a registered route. Run `node api/gen.mjs > api/openapi.json` after editing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cmd/openapi.h"
#include "http/server.h"
#include "api/api.h"

static const char *method_name(enum http_method m)
{
    static const char *names[] = {"get", "head", "post", "put", "patch", "delete", "options"};
    return m < HTTP_M_OTHER ? names[m] : "other";
}

/* Call fn for every route the server registers. */
static void each_route(void (*fn)(const http_route *r, void *ud), void *ud)
{
    const http_route *fixed[] = {cmd_routes_openapi, http_ops_routes()};
    for (size_t t = 0; t < 2; t++) {
        for (const http_route *r = fixed[t]; r->pattern; r++) {
            fn(r, ud);
        }
    }
    for (size_t t = 0; api_route_tables[t]; t++) {
        for (const api_route *r = api_route_tables[t]; r->route.pattern; r++) {
            fn(&r->route, ud);
        }
    }
}

static json_t *load_doc(void)
{
    json_error_t err;
    json_t *doc = json_loadb(openapi_json, openapi_json_len, 0, &err);
    if (!doc) {
        fail_msg("api/openapi.json: %s at line %d", err.text, err.line);
    }
    return doc;
}

static void route_in_doc(const http_route *r, void *ud)
{
    json_t *paths = json_object_get(ud, "paths");
    json_t *op = json_object_get(json_object_get(paths, r->pattern), method_name(r->method));
    if (!op) {
        fail_msg("route %s %s is missing from api/openapi.json", method_name(r->method),
                 r->pattern);
    }
    assert_non_null(json_object_get(op, "responses"));
}

static void every_route_is_documented(void **state)
{
    json_t *doc = load_doc();
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    each_route(route_in_doc, doc);
    json_decref(doc);
}

struct lookup {
    const char *path, *method;
    int found;
};

static void match_route(const http_route *r, void *ud)
{
    struct lookup *l = ud;
    l->found |= !strcmp(r->pattern, l->path) && !strcmp(method_name(r->method), l->method);
}

static void every_documented_operation_exists(void **state)
{
    json_t *doc = load_doc();
    const char *path;
    json_t *item;
    json_object_foreach(json_object_get(doc, "paths"), path, item)
    {
        const char *method;
        json_t *op;
        json_object_foreach(item, method, op)
        {
            struct lookup l = {path, method, 0};
            each_route(match_route, &l);
            if (!l.found) {
                fail_msg("api/openapi.json documents %s %s, which no route serves", method, path);
            }
        }
    }
    json_decref(doc);
}

UNIT_MAIN(cmocka_unit_test(every_route_is_documented),
          cmocka_unit_test(every_documented_operation_exists))
