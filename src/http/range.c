/* The Range header (http/range.h). */
#include "http/range.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define DIGITS_MAX 18 /* below 2^63: no overflow */

/* Digits at *p into *out (at least one, at most DIGITS_MAX); *p moves past them. */
static bool number(const char **p, uint64_t *out)
{
    uint64_t n = 0;
    size_t len = 0;
    while ((*p)[len] >= '0' && (*p)[len] <= '9') {
        if (++len > DIGITS_MAX) {
            return false;
        }
        n = n * 10 + (uint64_t)((*p)[len - 1] - '0');
    }
    *p += len;
    *out = n;
    return len > 0;
}

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    return p;
}

http_range_kind http_range_parse(const char *value, uint64_t size, uint64_t *first, uint64_t *last)
{
    if (!value || strncmp(value, "bytes=", 6) != 0) {
        return HTTP_RANGE_NONE;
    }
    const char *p = skip_spaces(value + 6);
    uint64_t a = 0, b = UINT64_MAX;
    bool suffix = *p == '-';
    if (suffix) {
        p++;
        if (!number(&p, &b)) {
            return HTTP_RANGE_NONE;
        }
    } else {
        if (!number(&p, &a) || *p++ != '-') {
            return HTTP_RANGE_NONE;
        }
        if (*p >= '0' && *p <= '9' && (!number(&p, &b) || b < a)) {
            return HTTP_RANGE_NONE;
        }
    }
    if (*skip_spaces(p) != '\0') {
        return HTTP_RANGE_NONE; /* several ranges, or trailing bytes: not served */
    }
    if (suffix) {
        if (b == 0 || size == 0) {
            return HTTP_RANGE_UNSATISFIABLE;
        }
        *first = b >= size ? 0 : size - b;
        *last = size - 1;
        return HTTP_RANGE_OK;
    }
    if (a >= size) {
        return HTTP_RANGE_UNSATISFIABLE;
    }
    *first = a;
    *last = b >= size ? size - 1 : b;
    return HTTP_RANGE_OK;
}
