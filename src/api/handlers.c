/*
 * The handler runner, Idempotency-Key handling and strict JSON readers
 * shared by every file of src/api.
 */
#include "api/handlers.h"

#include "app/idempotency.h"
#include "base/check.h"
#include "base/err.h"
#include "base/str.h"
#include "wire/wire.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *method_name(enum http_method m)
{
    static const char *const names[] = {"GET",   "HEAD",   "POST",    "PUT",
                                        "PATCH", "DELETE", "OPTIONS", "OTHER"};
    return (unsigned)m < sizeof(names) / sizeof(names[0]) ? names[m] : "OTHER";
}

static void send_error(http_req *req, http_res *res, int rc)
{
    app_ctx *c = http_req_app(req);
    if (c->err.code == rc) {
        http_res_app_error(res, &c->err);
    } else {
        http_res_error(res, rc, NULL, NULL);
    }
}

/* A body that returned BZ_OK filled its reply in (api_reply_json/api_reply_empty); else 500. */
static bool reply_filled(http_res *res, api_reply *r)
{
    if (BZ_NEVER(r->status < 200 || r->status > 599)) {
        json_decref(r->body);
        r->body = NULL;
        http_res_error(res, BZ_EINTERNAL, "handler produced no reply", NULL);
        return false;
    }
    return true;
}

static void send_reply(http_res *res, api_reply *r)
{
    if (!reply_filled(res, r)) {
        return;
    }
    if (r->no_store) {
        http_res_header(res, "Cache-Control", "no-store");
    }
    if (r->body) {
        http_res_json(res, r->status, r->body);
        r->body = NULL;
    } else {
        http_res_empty(res, r->status);
    }
}

void api_run(http_req *req, http_res *res, api_impl impl)
{
    api_reply r = {0};
    int rc = impl(req, &r);
    if (rc != BZ_OK) {
        json_decref(r.body);
        send_error(req, res, rc);
        return;
    }
    send_reply(res, &r);
}

static void send_replay(http_res *res, const app_idem_replay *rp)
{
    http_res_header(res, "Idempotent-Replayed", "true");
    if (rp->body[0]) {
        http_res_bytes(res, rp->status, "application/json", rp->body, strlen(rp->body));
    } else {
        http_res_empty(res, rp->status);
    }
}

void api_run_idempotent(http_req *req, http_res *res, api_impl impl)
{
    app_ctx *c = http_req_app(req);
    app_idem st;
    app_idem_replay replay;
    size_t body_len = 0;
    const char *body = http_req_body(req, &body_len);
    int rc = app_idem_begin(c, http_req_user(req), http_req_header(req, "Idempotency-Key"),
                            method_name(http_req_method(req)), http_req_path(req), body, body_len,
                            &st, &replay);
    if (rc != BZ_OK) {
        send_error(req, res, rc);
        return;
    }
    if (replay.status != 0) {
        send_replay(res, &replay);
        return;
    }
    if (!st.active) {
        api_run(req, res, impl);
        return;
    }
    api_reply r = {0};
    rc = impl(req, &r);
    if (rc != BZ_OK) {
        json_decref(r.body);
        send_error(req, res, rc);
        return;
    }
    if (!reply_filled(res, &r)) {
        return; /* nothing recorded: the key stays open, as after an error */
    }
    /* Serialise once: the same bytes are recorded and sent. */
    char *text = r.body ? json_dumps(r.body, JSON_COMPACT) : NULL;
    if (r.body && !text) {
        json_decref(r.body);
        http_res_error(res, BZ_ENOMEM, NULL, NULL);
        return;
    }
    json_decref(r.body);
    rc = app_idem_finish(c, &st, r.status, text ? text : "");
    if (rc != BZ_OK) {
        free(text);
        send_error(req, res, rc);
        return;
    }
    if (text) {
        http_res_bytes(res, r.status, "application/json", text, strlen(text));
    } else {
        http_res_empty(res, r.status);
    }
    free(text);
}

/* The {parameter} names of a pattern, in order, into names[API_ACT_IDS]: their count, or -1
 * when there are more or one is too long. */
enum { API_ACT_IDS = 2, API_PARAM_NAME = 32 };
static int pattern_params(const char *pattern, char names[API_ACT_IDS][API_PARAM_NAME])
{
    int n = 0;
    for (const char *p = pattern; (p = strchr(p, '{')) != NULL; p++) {
        const char *end = strchr(p, '}');
        size_t len = end ? (size_t)(end - p - 1) : API_PARAM_NAME;
        if (n == API_ACT_IDS || len >= API_PARAM_NAME) {
            return -1;
        }
        memcpy(names[n], p + 1, len);
        names[n++][len] = '\0';
    }
    return n;
}

bool api_route_sane(const api_route *r)
{
    char names[API_ACT_IDS][API_PARAM_NAME];
    int bodies = (r->run != NULL) + (r->act != NULL) + (r->act2 != NULL) + (r->run_id != NULL);
    if (r->route.handler != api_route_run) {
        return bodies == 0;
    }
    if (r->run_id) {
        return bodies == 1 && strstr(r->route.pattern, "{id}") != NULL;
    }
    int want = r->act ? 1 : r->act2 ? 2 : -1;
    return bodies == 1 && (want < 0 || pattern_params(r->route.pattern, names) == want);
}

/* The body of an API_ACT and API_ACT2 route. */
static int run_act(http_req *req, api_reply *out)
{
    const api_route *route = (const api_route *)http_req_route(req);
    char names[API_ACT_IDS][API_PARAM_NAME];
    int64_t ids[API_ACT_IDS] = {0};
    int n = pattern_params(route->route.pattern, names); /* as api_route_sane checked */
    int rc = BZ_OK;
    for (int i = 0; i < n && rc == BZ_OK; i++) {
        rc = api_param_id(req, names[i], &ids[i]);
    }
    if (rc == BZ_OK) {
        app_ctx *c = http_req_app(req);
        rc = route->act ? route->act(c, api_user(req), ids[0])
                        : route->act2(c, api_user(req), ids[0], ids[1]);
    }
    return rc == BZ_OK ? api_reply_empty(out, 204) : rc;
}

/* The body of an API_ROUTE_ID route. */
static int run_on_id(http_req *req, api_reply *out)
{
    const api_route *route = (const api_route *)http_req_route(req);
    int64_t id = 0; /* set on BZ_OK; -O2 cannot see that */
    int rc = api_param_id(req, "id", &id);
    return rc == BZ_OK ? route->run_id(req, id, out) : rc;
}

void api_route_run(http_req *req, http_res *res)
{
    /* Only API_ROUTE entries have this handler, and each is the first member of an api_route
     * with a body (api_add_routes checked them). */
    const api_route *route = (const api_route *)http_req_route(req);
    api_impl run = route->run ? route->run : route->run_id ? run_on_id : run_act;
    if (route->route.flags & API_IDEMPOTENT) {
        api_run_idempotent(req, res, run);
    } else {
        api_run(req, res, run);
    }
}

int api_reply_json(api_reply *out, int status, json_t *body)
{
    out->status = status;
    out->body = body;
    return body ? BZ_OK : BZ_ENOMEM;
}

int api_reply_empty(api_reply *out, int status)
{
    out->status = status;
    out->body = NULL;
    return BZ_OK;
}

int api_reply_polled(api_reply *out, int status, const char *key, json_t *value)
{
    out->no_store = true;
    return api_reply_json(out, status, key ? wire_wrap(key, value) : value);
}

int api_fail(http_req *req, int code, const char *field, const char *message)
{
    return app_fail(http_req_app(req), code, field, message ? "%s" : NULL, message);
}

int api_body(http_req *req, json_t **obj_out)
{
    int rc = http_req_json(req, obj_out);
    if (rc == BZ_EMEDIATYPE) {
        return api_fail(req, rc, NULL, "send the body as application/json");
    }
    return rc == BZ_OK ? BZ_OK : api_fail(req, rc, NULL, NULL);
}

/* Member `name` of `obj` as wire_member reads it, absent being BZ_EVALIDATION when `required`;
 * failures are recorded on the request, naming `prefix` + name. */
static int get_member(http_req *req, json_t *obj, const char *prefix, const char *name,
                      bool required, json_type type, json_t **v)
{
    char field[sizeof(((app_err *)0)->field)];
    snprintf(field, sizeof(field), "%s%s", prefix ? prefix : "", name);
    int rc = wire_member(obj, name, type, field, &http_req_app(req)->err, v);
    if (rc == BZ_OK && !*v && required) {
        rc = api_fail(req, BZ_EVALIDATION, field, "this field is required");
    }
    return rc;
}

int api_get_str(http_req *req, json_t *obj, const char *prefix, const char *name, bool required,
                const char **out, bool *present)
{
    json_t *v;
    int rc = get_member(req, obj, prefix, name, required, JSON_STRING, &v);
    if (v) {
        *out = json_string_value(v);
    }
    if (present) {
        *present = v != NULL;
    }
    return rc;
}

int api_get_int(http_req *req, json_t *obj, const char *name, bool required, int64_t min,
                int64_t max, int64_t *out, bool *present)
{
    json_t *v;
    int rc = get_member(req, obj, NULL, name, required, JSON_INTEGER, &v);
    if (present) {
        *present = false;
    }
    if (!v) {
        return rc;
    }
    json_int_t n = json_integer_value(v);
    if (n < min || n > max) {
        char msg[96];
        snprintf(msg, sizeof(msg), "must be between %" PRId64 " and %" PRId64, min, max);
        return api_fail(req, BZ_EVALIDATION, name, msg);
    }
    *out = n;
    if (present) {
        *present = true;
    }
    return BZ_OK;
}

int api_get_bool(http_req *req, json_t *obj, const char *name, bool *out, bool *present)
{
    json_t *v;
    int rc = get_member(req, obj, NULL, name, false, JSON_TRUE, &v);
    if (v) {
        *out = json_is_true(v);
    }
    *present = v != NULL;
    return rc;
}

int api_body_strs(http_req *req, const api_field *fields)
{
    json_t *body;
    int rc = api_body(req, &body);
    for (const api_field *f = fields; rc == BZ_OK && f->name; f++) {
        rc = api_get_str(req, body, NULL, f->name, true, f->out, NULL);
    }
    return rc;
}

int api_get_obj(http_req *req, json_t *obj, const char *name, bool required, json_t **out)
{
    return get_member(req, obj, NULL, name, required, JSON_OBJECT, out);
}

static bool parse_id(const char *s, int64_t *out)
{
    int64_t v;
    if (!s || !*s || *s == '-' || *s == '+' || bz_parse_i64(s, strlen(s), &v) != BZ_OK || v <= 0) {
        return false;
    }
    *out = v;
    return true;
}

bool api_json_id(const json_t *v, int64_t *out)
{
    if (json_is_integer(v) && json_integer_value(v) > 0) {
        *out = json_integer_value(v);
        return true;
    }
    return json_is_string(v) && parse_id(json_string_value(v), out);
}

int api_get_id(http_req *req, json_t *obj, const char *name, bool required, int64_t *out,
               bool *present)
{
    json_t *v = json_object_get(obj, name);
    if (present) {
        *present = false;
    }
    if (!v || json_is_null(v)) {
        return required ? api_fail(req, BZ_EVALIDATION, name, "this field is required") : BZ_OK;
    }
    if (!api_json_id(v, out)) {
        return api_fail(req, BZ_EVALIDATION, name, "not an id");
    }
    if (present) {
        *present = true;
    }
    return BZ_OK;
}

int api_param_id(http_req *req, const char *name, int64_t *out)
{
    if (!parse_id(http_req_param(req, name), out)) {
        return api_fail(req, BZ_ENOTFOUND, NULL, NULL);
    }
    return BZ_OK;
}

int api_param_body(http_req *req, int64_t *id, json_t **body)
{
    int rc = api_param_id(req, "id", id);
    return rc == BZ_OK ? api_body(req, body) : rc;
}

int api_query_int(http_req *req, const char *name, int64_t min, int64_t max, int64_t *out)
{
    const char *s = http_req_query(req, name);
    int64_t v;
    if (!s) {
        return BZ_OK;
    }
    if (bz_parse_i64(s, strlen(s), &v) != BZ_OK || v < min || v > max) {
        char msg[96];
        snprintf(msg, sizeof(msg), "must be an integer between %" PRId64 " and %" PRId64, min, max);
        return api_fail(req, BZ_EVALIDATION, name, msg);
    }
    *out = v;
    return BZ_OK;
}

int api_query_cursor(http_req *req, int64_t *out)
{
    const char *s = http_req_query(req, "cursor");
    *out = 0;
    if (!s || !*s) {
        return BZ_OK;
    }
    if (!parse_id(s, out)) {
        return api_fail(req, BZ_EVALIDATION, "cursor", "not a cursor this server issued");
    }
    return BZ_OK;
}

int api_query_page(http_req *req, int *limit, int64_t *cursor)
{
    int64_t n = *limit;
    int rc = api_query_int(req, "limit", 1, 100, &n);
    if (rc == BZ_OK) {
        *limit = (int)n;
        rc = api_query_cursor(req, cursor);
    }
    return rc;
}

int64_t api_user(http_req *req)
{
    return http_req_user(req);
}
