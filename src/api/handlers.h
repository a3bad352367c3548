/*
 * http/handlers.h - what the REST handlers (handlers_*.c) share: a runner
 * that turns a handler's result or error into a response (and applies
 * Idempotency-Key to POST mutations), and strict JSON field readers.
 *
 * A handler body is an hx_impl: it returns BZ_OK with out->status and
 * out->body (a JSON object whose reference passes to the runner; NULL sends
 * an empty body), or a BZ_E* code whose details are in the request's app_ctx
 * err (app_fail). The readers below record their failures the same way, so
 * every error leaves through one path and carries the offending field.
 */
#ifndef HTTP_HANDLERS_H
#define HTTP_HANDLERS_H

#include "http/http.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct hx_reply {
    int status;
    json_t *body; /* owned reference, NULL = empty body */
} hx_reply;

typedef int (*hx_impl)(http_req *req, hx_reply *out);

/* Run `impl` and send its reply or its error. */
void hx_run(http_req *req, http_res *res, hx_impl impl);
/* Same, but a signed-in caller's Idempotency-Key replays the first 2xx answer of an identical
 * request and refuses (409 idempotency_conflict) a different request under the same key. */
void hx_run_idempotent(http_req *req, http_res *res, hx_impl impl);

/* Route-table entry points for an hx_impl. */
#define HX_HANDLER(name, impl)                                                                     \
    static void name(http_req *req, http_res *res)                                                 \
    {                                                                                              \
        hx_run(req, res, impl);                                                                    \
    }
#define HX_IDEMPOTENT(name, impl)                                                                  \
    static void name(http_req *req, http_res *res)                                                 \
    {                                                                                              \
        hx_run_idempotent(req, res, impl);                                                         \
    }

/* Fill a reply; `body` reference is stolen. Returns BZ_OK. */
int hx_reply_json(hx_reply *out, int status, json_t *body);
int hx_reply_empty(hx_reply *out, int status);

/* Fail the request with `code` (field may be NULL): app_fail on the request's context. */
int hx_fail(http_req *req, int code, const char *field, const char *message);

/* The body as a JSON object (415 unless application/json, 400 if malformed). */
int hx_body(http_req *req, json_t **obj_out);

/* Strict readers of an object's member `name`. A missing member or JSON null counts as absent:
 * *present (may be NULL) is false and BZ_EVALIDATION is returned only if `required`. A
 * present member of the wrong type is BZ_EVALIDATION with the field named `prefix` + name.
 * Strings are valid UTF-8 without NUL (jansson guarantees it). */
int hx_get_str(http_req *req, json_t *obj, const char *prefix, const char *name, bool required,
               const char **out, bool *present);
int hx_get_int(http_req *req, json_t *obj, const char *name, bool required, int64_t min,
               int64_t max, int64_t *out, bool *present);
/* An object member (NULL when absent and not required). */
int hx_get_obj(http_req *req, json_t *obj, const char *name, bool required, json_t **out);

/* Path parameter `name` as an id; anything else is 404 (no such resource). */
int hx_param_id(http_req *req, const char *name, int64_t *out);
/* Query parameter as an integer in [min, max]; absent leaves *out unchanged. 422 with the
 * parameter as field. */
int hx_query_int(http_req *req, const char *name, int64_t min, int64_t max, int64_t *out);
/* Query parameter `cursor`: absent = 0, else the opaque value of a previous next_cursor. */
int hx_query_cursor(http_req *req, int64_t *out);

/* The signed-in user (routes flagged HTTP_AUTH always have one). */
int64_t hx_user(http_req *req);

#endif
