/* bench/load/jscan.c - see jscan.h. */
#include "jscan.h"

#include <string.h>

static const char *skip_ws(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
    }
    return s;
}

static const char *skip_string(const char *s, const char *end)
{
    for (s++; s < end; s++) {
        if (*s == '\\') {
            s++;
            continue;
        }
        if (*s == '"') {
            return s + 1;
        }
    }
    return NULL;
}

/* Skips an object or array by counting brackets outside strings. */
static const char *skip_nested(const char *s, const char *end)
{
    size_t depth = 0;
    while (s < end) {
        char c = *s;
        if (c == '"') {
            s = skip_string(s, end);
            if (!s) {
                return NULL;
            }
            continue;
        }
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0) {
                return NULL;
            }
            if (--depth == 0) {
                return s + 1;
            }
        }
        s++;
    }
    return NULL;
}

static const char *skip_scalar(const char *s, const char *end)
{
    const char *start = s;
    while (s < end && *s != ',' && *s != '}' && *s != ']' && *s != ' ' && *s != '\n' &&
           *s != '\r' && *s != '\t') {
        s++;
    }
    return s > start ? s : NULL;
}

const char *js_skip_value(const char *s, const char *end)
{
    s = skip_ws(s, end);
    if (s >= end) {
        return NULL;
    }
    if (*s == '"') {
        return skip_string(s, end);
    }
    if (*s == '{' || *s == '[') {
        return skip_nested(s, end);
    }
    return skip_scalar(s, end);
}

static js_span span_trimmed(const char *from, const char *to)
{
    from = skip_ws(from, to);
    return (js_span){from, (size_t)(to - from)};
}

bool js_array_item(const char *s, size_t len, size_t n, js_span *out)
{
    const char *end = s + len;
    s = skip_ws(s, end);
    if (s >= end || *s != '[') {
        return false;
    }
    s++;
    for (size_t i = 0;; i++) {
        s = skip_ws(s, end);
        if (s >= end || *s == ']') {
            return false;
        }
        const char *value_end = js_skip_value(s, end);
        if (!value_end) {
            return false;
        }
        if (i == n) {
            *out = span_trimmed(s, value_end);
            return true;
        }
        s = skip_ws(value_end, end);
        if (s >= end || *s != ',') {
            return false;
        }
        s++;
    }
}

bool js_object_get(const char *s, size_t len, const char *key, js_span *out)
{
    const char *end = s + len;
    size_t key_len = strlen(key);
    s = skip_ws(s, end);
    if (s >= end || *s != '{') {
        return false;
    }
    s++;
    for (;;) {
        s = skip_ws(s, end);
        if (s >= end || *s != '"') {
            return false;
        }
        const char *key_end = skip_string(s, end);
        if (!key_end) {
            return false;
        }
        bool match = (size_t)(key_end - s) == key_len + 2 && memcmp(s + 1, key, key_len) == 0;
        s = skip_ws(key_end, end);
        if (s >= end || *s != ':') {
            return false;
        }
        const char *value_end = js_skip_value(s + 1, end);
        if (!value_end) {
            return false;
        }
        if (match) {
            *out = span_trimmed(s + 1, value_end);
            return true;
        }
        s = skip_ws(value_end, end);
        if (s >= end || *s != ',') {
            return false;
        }
        s++;
    }
}

bool js_span_int(js_span v, int64_t *out)
{
    size_t i = 0;
    bool negative = false;
    if (v.len > 0 && v.p[0] == '-') {
        negative = true;
        i = 1;
    }
    if (i >= v.len || v.len - i > 18) { /* 18 digits always fit int64_t */
        return false;
    }
    int64_t value = 0;
    for (; i < v.len; i++) {
        if (v.p[i] < '0' || v.p[i] > '9') {
            return false;
        }
        value = value * 10 + (v.p[i] - '0');
    }
    *out = negative ? -value : value;
    return true;
}

bool js_span_plain_string(js_span v, js_span *out)
{
    if (v.len < 2 || v.p[0] != '"' || v.p[v.len - 1] != '"') {
        return false;
    }
    if (memchr(v.p + 1, '\\', v.len - 2)) {
        return false;
    }
    *out = (js_span){v.p + 1, v.len - 2};
    return true;
}

bool js_span_string_eq(js_span v, const char *text)
{
    js_span inner;
    size_t n = strlen(text);
    return js_span_plain_string(v, &inner) && inner.len == n && memcmp(inner.p, text, n) == 0;
}
