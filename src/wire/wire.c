/*
 * Primitives, envelopes, errors and acks (wire/wire.h).
 */
#include "wire/wire.h"

#include "base/err.h"
#include "base/str.h"
#include "base/time.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- primitives ---------------------------------------------------------------------- */

json_t *wire_id(int64_t id)
{
    char buf[24];
    snprintf(buf, sizeof(buf), "%" PRId64, id);
    return json_string(buf);
}

json_t *wire_id_or_null(int64_t id)
{
    return id ? wire_id(id) : json_null();
}

int64_t wire_id_read(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_integer(v)) {
        return (int64_t)json_integer_value(v);
    }
    const char *s = json_string_value(v);
    char *end = NULL;
    long long n = s ? strtoll(s, &end, 10) : 0;
    return s && *s && end && !*end && n > 0 ? (int64_t)n : 0;
}

int wire_member(const json_t *obj, const char *name, json_type type, const char *field,
                app_err *err, json_t **out)
{
    static const char *const what[] = {
        [JSON_OBJECT] = "an object",   [JSON_ARRAY] = "an array",     [JSON_STRING] = "a string",
        [JSON_INTEGER] = "an integer", [JSON_TRUE] = "true or false",
    };
    json_t *v = json_object_get(obj, name);
    *out = NULL;
    if (!v || json_is_null(v)) {
        return BZ_OK;
    }
    json_type got = json_is_boolean(v) ? JSON_TRUE : json_typeof(v);
    if (got != type) {
        const char *must = (size_t)type < sizeof(what) / sizeof(what[0]) ? what[type] : NULL;
        return app_err_set(err, BZ_EVALIDATION, field ? field : name, "must be %s",
                           must ? must : "of another type");
    }
    *out = v;
    return BZ_OK;
}

json_t *wire_time(int64_t ms)
{
    if (ms == 0) {
        return json_null();
    }
    char buf[BZ_RFC3339_LEN];
    bz_time_format(ms, buf);
    return json_string(buf);
}

json_t *wire_str(const char *s)
{
    json_t *v = json_string(s ? s : "");
    return v ? v : json_string("");
}

json_t *wire_str_or_null(const char *s)
{
    json_t *v = s ? json_string(s) : NULL;
    return v ? v : json_null();
}

json_t *wire_money_or_null(bool present, int64_t sen)
{
    return present ? json_integer((json_int_t)sen) : json_null();
}

json_t *wire_hex(const unsigned char *bytes, size_t len)
{
    char *hex = malloc(2 * len + 1);
    if (!hex) {
        return NULL;
    }
    bz_hex_encode(bytes, len, hex);
    hex[2 * len] = '\0';
    json_t *v = json_string(hex);
    free(hex);
    return v;
}

json_t *wire_cursor(int64_t next_cursor)
{
    return next_cursor ? wire_id(next_cursor) : json_null();
}

/* ---- envelopes ----------------------------------------------------------------------- */

json_t *wire_wrap(const char *key, json_t *value)
{
    return wire_set(json_object(), key, value);
}

json_t *wire_page(const char *key, json_t *items, int64_t next_cursor)
{
    return wire_set(wire_wrap(key, items), "next_cursor", wire_cursor(next_cursor));
}

json_t *wire_set(json_t *o, const char *key, json_t *value)
{
    if (!o || !value) {
        json_decref(o);
        json_decref(value);
        return NULL;
    }
    if (json_object_set_new(o, key, value) != 0) { /* which dropped `value` */
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *wire_merge(json_t *o, json_t *more)
{
    if (o && more && json_object_update(o, more) == 0) {
        json_decref(more);
        return o;
    }
    json_decref(o);
    json_decref(more);
    return NULL;
}

/* ---- errors and acks ----------------------------------------------------------------- */

json_t *wire_error_object(int code, const char *message, json_t *details)
{
    return json_pack("{s:s, s:s, s:o}", "code", bz_err_code(code), "message",
                     message && *message ? message : bz_err_message(code), "details",
                     details ? details : json_object());
}

json_t *wire_error(int code, const char *message, json_t *details)
{
    return wire_wrap("error", wire_error_object(code, message, details));
}

json_t *wire_error_details(const app_err *e)
{
    json_t *d = json_object();
    if (d && e && e->field[0]) {
        d = wire_set(d, "field", json_string(e->field));
    }
    return d;
}

json_t *wire_ack_error(int code, const char *message, json_t *details)
{
    return json_pack("{s:b, s:o}", "ok", 0, "error", wire_error_object(code, message, details));
}

json_t *wire_ack_ok(json_t *fields)
{
    return wire_merge(json_pack("{s:b}", "ok", 1), fields);
}

/* ---- text ---------------------------------------------------------------------------- */

char *wire_dump(json_t *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    return s;
}

static int append(const char *text, size_t len, void *out)
{
    return bz_buf_append(out, text, len) == BZ_OK ? 0 : -1;
}

/* Serialised straight into `out`: no intermediate copy of the text. */
int wire_dump_buf(json_t *o, bz_buf *out)
{
    size_t len = out->len;
    int rc = o ? json_dump_callback(o, append, out, JSON_COMPACT) : -1;
    json_decref(o);
    if (rc != 0) {
        out->len = len; /* what was there before, and nothing half-written */
        if (out->data) {
            out->data[len] = '\0';
        }
        return BZ_ENOMEM;
    }
    return BZ_OK;
}
