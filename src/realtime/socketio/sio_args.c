/*
 * realtime/socketio/sio_args.c - read an event's name and the JSON text of its arguments
 * out of an already validated payload, so arguments can be echoed byte for byte.
 */
#include "realtime/socketio/sio.h"

#include "base/err.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Index just past the JSON string starting at s[i] == '"'. */
static size_t skip_string(const char *s, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (s[i] == '\\') {
            i++;
        } else if (s[i] == '"') {
            return i + 1;
        }
    }
    return len;
}

/* Index just past the JSON value starting at s[i] (valid JSON assumed). */
static size_t skip_value(const char *s, size_t len, size_t i)
{
    if (i >= len) {
        return len;
    }
    if (s[i] == '"') {
        return skip_string(s, len, i);
    }
    if (s[i] != '[' && s[i] != '{') {
        while (i < len && s[i] != ',' && s[i] != ']' && s[i] != '}' && !is_ws(s[i])) {
            i++;
        }
        return i;
    }
    size_t depth = 0;
    while (i < len) {
        char c = s[i];
        if (c == '"') {
            i = skip_string(s, len, i);
            continue;
        }
        if (c == '[' || c == '{') {
            depth++;
        } else if ((c == ']' || c == '}') && --depth == 0) {
            return i + 1;
        }
        i++;
    }
    return len;
}

static size_t skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && is_ws(s[i])) {
        i++;
    }
    return i;
}

/* Bounds of the array's contents: after '[' and before the final ']', trimmed. */
static int array_inner(const sio_packet *p, size_t *start, size_t *end)
{
    const char *s = p->data;
    size_t len = p->data_len;
    size_t i = s ? skip_ws(s, len, 0) : 0;
    if (!s || i >= len || s[i] != '[') {
        return BZ_EBADREQUEST;
    }
    size_t e = len;
    while (e > i && is_ws(s[e - 1])) {
        e--;
    }
    if (e <= i + 1 || s[e - 1] != ']') {
        return BZ_EBADREQUEST;
    }
    e--;
    while (e > i + 1 && is_ws(s[e - 1])) {
        e--;
    }
    *start = skip_ws(s, e, i + 1);
    *end = e;
    return BZ_OK;
}

int sio_event_args(const sio_packet *p, const char **args, size_t *len)
{
    size_t start, end;
    if (array_inner(p, &start, &end) != BZ_OK) {
        return BZ_EBADREQUEST;
    }
    if (p->type == SIO_EVENT || p->type == SIO_BINARY_EVENT) {
        start = skip_ws(p->data, end, skip_value(p->data, end, start));
        if (start < end && p->data[start] == ',') {
            start = skip_ws(p->data, end, start + 1);
        }
    }
    *args = p->data + start;
    *len = start < end ? end - start : 0;
    return BZ_OK;
}

char *sio_event_name(const sio_packet *p)
{
    size_t start, end;
    if ((p->type != SIO_EVENT && p->type != SIO_BINARY_EVENT) ||
        array_inner(p, &start, &end) != BZ_OK) {
        return NULL;
    }
    size_t stop = skip_value(p->data, end, start);
    if (start < end && p->data[start] != '"') {
        return strndup(p->data + start, stop - start); /* a numeric name */
    }
    json_t *v = json_loadb(p->data + start, stop - start, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    char *name = json_is_string(v) ? strndup(json_string_value(v), json_string_length(v)) : NULL;
    json_decref(v);
    return name;
}
