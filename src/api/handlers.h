/*
 * api/handlers.h - what the REST handlers (src/api) share: a runner
 * that turns a handler's result or error into a response (and applies
 * Idempotency-Key to POST mutations), and strict JSON field readers.
 *
 * A handler body is an api_impl: it returns BZ_OK with out->status and
 * out->body (a JSON object whose reference passes to the runner; NULL sends
 * an empty body), or a BZ_E* code whose details are in the request's app_ctx
 * err (app_fail). The readers below record their failures the same way, so
 * every error leaves through one path and carries the offending field.
 */
#ifndef API_HANDLERS_H
#define API_HANDLERS_H

#include "api/api.h"
#include "http/http.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct api_reply {
    int status;
    json_t *body;  /* owned reference, NULL = empty body */
    bool no_store; /* it holds a secret: Cache-Control: no-store */
};

/* Run `impl` and send its reply or its error. */
void api_run(http_req *req, http_res *res, api_impl impl);
/* Same, but a signed-in caller's Idempotency-Key replays the first 2xx answer of an identical
 * request and refuses (409 idempotency_conflict) a different request under the same key. */
void api_run_idempotent(http_req *req, http_res *res, api_impl impl);

/* Route flag: run the route's body with api_run_idempotent. */
#define API_IDEMPOTENT HTTP_ROUTE_OWN

/* The handler of every route built by API_ROUTE, API_ROUTE_ID or API_ACT: runs the route's body
 * with api_run, or api_run_idempotent when flagged API_IDEMPOTENT. */
void api_route_run(http_req *req, http_res *res);

/* A route-table entry whose body is `fn`; flags are http_route_flags, plus API_IDEMPOTENT. */
#define API_ROUTE(method, pattern, fn, flags)                                                      \
    {                                                                                              \
        {(method), (pattern), api_route_run, (flags)}, (fn), NULL, NULL, NULL                      \
    }
/* An entry whose body `fn` acts on the pattern's {id}, read as an id (one that is none: 404). */
#define API_ROUTE_ID(method, pattern, fn, flags)                                                   \
    {                                                                                              \
        {(method), (pattern), api_route_run, (flags)}, NULL, NULL, NULL, (fn)                      \
    }
/* An entry whose body is the use case `act` on the id of the pattern's one {parameter}
 * (API_ACT2: on the ids of its two, in order), answered 204. A parameter that is no id is 404. */
#define API_ACT(method, pattern, act, flags)                                                       \
    {                                                                                              \
        {(method), (pattern), api_route_run, (flags)}, NULL, (act), NULL, NULL                     \
    }
#define API_ACT2(method, pattern, act, flags)                                                      \
    {                                                                                              \
        {(method), (pattern), api_route_run, (flags)}, NULL, NULL, (act), NULL                     \
    }
/* An entry whose handler writes its own response (async bids, HTML pages). */
#define API_OWN(method, pattern, handler, flags)                                                   \
    {                                                                                              \
        {(method), (pattern), (handler), (flags)}, NULL, NULL, NULL, NULL                          \
    }
/* The zeroed entry that ends a table. */
#define API_END                                                                                    \
    {                                                                                              \
        {0}, NULL, NULL, NULL, NULL                                                                \
    }

/* A table entry is well formed: the shared handler with exactly one body (and as many
 * {parameters} as its use case takes ids, an {id} for API_ROUTE_ID), or a handler of its own
 * without one. */
bool api_route_sane(const api_route *r);

/* Fill a reply; `body` reference is stolen. Returns BZ_OK. */
int api_reply_json(api_reply *out, int status, json_t *body);
int api_reply_empty(api_reply *out, int status);
/* The answer about a resource the outbox worker carries on: 202 when it is asked for (made,
 * synced, cancelled), then 200 to the GET the client polls until it settles. Either is `status`
 * with {key: value} (`value` itself when `key` is NULL; its reference is stolen), marked
 * no-store: such a resource carries what only its owner may see (a client secret, a one-time
 * link, a stream key). Returns BZ_OK (BZ_ENOMEM when `value` is NULL). */
int api_reply_polled(api_reply *out, int status, const char *key, json_t *value);

/* Fail the request with `code` (field may be NULL): app_fail on the request's context. */
int api_fail(http_req *req, int code, const char *field, const char *message);

/* The body as a JSON object (415 unless application/json, 400 if malformed). */
int api_body(http_req *req, json_t **obj_out);

/* Strict readers of an object's member `name`. A missing member or JSON null counts as absent:
 * *present (may be NULL) is false and BZ_EVALIDATION is returned only if `required`. A
 * present member of the wrong type is BZ_EVALIDATION with the field named `prefix` + name.
 * Strings are valid UTF-8 without NUL (jansson guarantees it). */
int api_get_str(http_req *req, json_t *obj, const char *prefix, const char *name, bool required,
                const char **out, bool *present);
int api_get_int(http_req *req, json_t *obj, const char *name, bool required, int64_t min,
                int64_t max, int64_t *out, bool *present);
int api_get_bool(http_req *req, json_t *obj, const char *name, bool *out, bool *present);
/* The body's required string members, read in order until one fails: each names[i] into
 * *out[i]; the list ends with a NULL name. */
typedef struct api_field {
    const char *name;
    const char **out;
} api_field;
int api_body_strs(http_req *req, const api_field *fields);
/* An object member (NULL when absent and not required). */
int api_get_obj(http_req *req, json_t *obj, const char *name, bool required, json_t **out);
/* An id: a positive JSON integer, or a decimal string as ids travel (the rule of path ids).
 * api_json_id tests a value (an array's entry, say); api_get_id reads member `name` as the
 * readers above do, a value that is no id being BZ_EVALIDATION "not an id". */
bool api_json_id(const json_t *v, int64_t *out);
int api_get_id(http_req *req, json_t *obj, const char *name, bool required, int64_t *out,
               bool *present);

/* Path parameter `name` as an id; anything else is 404 (no such resource). */
int api_param_id(http_req *req, const char *name, int64_t *out);
/* What a write to one resource reads first: the path's {id} (api_param_id), then the body
 * (api_body). */
int api_param_body(http_req *req, int64_t *id, json_t **body);
/* Query parameter as an integer in [min, max]; absent leaves *out unchanged. 422 with the
 * parameter as field. */
int api_query_int(http_req *req, const char *name, int64_t min, int64_t max, int64_t *out);
/* Query parameter `cursor`: absent = 0, else the opaque value of a previous next_cursor. */
int api_query_cursor(http_req *req, int64_t *out);
/* The query of a page of a list: `limit` (1..100; absent leaves *limit, the list's default)
 * and `cursor` (api_query_cursor). */
int api_query_page(http_req *req, int *limit, int64_t *cursor);

/* The signed-in user (routes flagged HTTP_AUTH always have one). */
int64_t api_user(http_req *req);

#endif
