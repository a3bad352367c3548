/* bench/load/jscan.h - allocation-free JSON scanning for the delivery hot path.
 *
 * A viewer decodes every `auction:bid` it receives; at 100k+ deliveries/s a
 * full JSON parse per frame would make the load generator the bottleneck. These
 * functions only locate values (strings and nesting are tracked, so a key inside
 * a nested object or a string is never mistaken for a top-level one). Input is
 * trusted to be JSON text from the server; malformed input yields false, never a
 * read past `end`. */
#ifndef BENCH_LOAD_JSCAN_H
#define BENCH_LOAD_JSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct js_span {
    const char *p;
    size_t len;
} js_span;

/* Returns the end of the JSON value starting at s (leading whitespace allowed), or NULL. */
const char *js_skip_value(const char *s, const char *end);

/* The n-th element (from 0) of the array text [s, s+len). */
bool js_array_item(const char *s, size_t len, size_t n, js_span *out);

/* The value of top-level key `key` in the object text [s, s+len). Keys are compared
 * byte for byte (escaped keys never match). */
bool js_object_get(const char *s, size_t len, const char *key, js_span *out);

/* A JSON integer (no fraction or exponent) that fits int64_t. */
bool js_span_int(js_span v, int64_t *out);

/* The bytes between the quotes of a JSON string without escapes; false for any other
 * value and for strings that contain a backslash. */
bool js_span_plain_string(js_span v, js_span *out);

/* True when v is the JSON string equal to text (no escapes). */
bool js_span_string_eq(js_span v, const char *text);

#endif
