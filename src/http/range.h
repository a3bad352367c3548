/*
 * http/range.h - the Range header of a GET (RFC 9110 §14.2): one byte range of a file of known
 * size. Media players ask for ranges to seek (a <video> cannot seek a file served whole), so
 * the static files (http/static.h) answer them.
 *
 * Only what players send is served: one range of `bytes` (first-last, first-, or -suffix).
 * Anything else (several ranges, another unit, a malformed value) is ignored, as the RFC lets
 * a server do, and the file is sent whole. Pure.
 */
#ifndef HTTP_RANGE_H
#define HTTP_RANGE_H

#include <stdint.h>

typedef enum http_range_kind {
    HTTP_RANGE_NONE,          /* no range to serve: send the whole file (200) */
    HTTP_RANGE_OK,            /* *first..*last (inclusive, within the file): 206 */
    HTTP_RANGE_UNSATISFIABLE, /* a byte range that starts past the end (or an empty file): 416 */
} http_range_kind;

/* Read the header's `value` (NULL = absent) for a file of `size` bytes. *first and *last are
 * set only for HTTP_RANGE_OK; a last byte past the end is the file's last. */
http_range_kind http_range_parse(const char *value, uint64_t size, uint64_t *first, uint64_t *last);

#endif
