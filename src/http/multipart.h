/*
 * http/multipart.h - multipart/form-data (RFC 7578 over RFC 2046) parsing of
 * a complete request body that is already in memory and already size-capped
 * by the server.
 *
 * No copies: every string in a multipart_part is a slice (pointer + length,
 * not NUL-terminated) into the body or the Content-Type value, valid as long
 * as they are. Quoted parameter values are returned as written between the
 * quotes (browsers percent-encode '"' in file names instead of escaping it).
 *
 * Strict where leniency would be ambiguous: lines end in CRLF, a boundary
 * delimiter line may only be followed by "--" (the end) or optional spaces
 * and CRLF, every part needs `Content-Disposition: form-data; name=...`, the
 * close delimiter must be present, header lines may not be folded. Preamble
 * and epilogue are ignored. Headers other than Content-Disposition and
 * Content-Type are checked for syntax and otherwise ignored. Any failure is
 * BZ_EBADREQUEST. Pure C on base/, so it is fuzzed alone (fuzz/multipart.c).
 */
#ifndef HTTP_MULTIPART_H
#define HTTP_MULTIPART_H

#include <stddef.h>

#define MULTIPART_BOUNDARY_MAX 70 /* RFC 2046 */

typedef struct multipart_limits {
    size_t max_parts;        /* 0 = 16 */
    size_t max_header_bytes; /* header block of one part; 0 = 2048 */
} multipart_limits;

typedef struct multipart_part {
    const char *name; /* form field name, never NULL */
    size_t name_len;
    const char *filename; /* NULL when the part is not a file */
    size_t filename_len;
    const char *content_type; /* NULL when the part has no Content-Type header */
    size_t content_type_len;
    const char *data; /* the part's content */
    size_t len;
} multipart_part;

/* Find the boundary in a Content-Type value, which must be multipart/form-data.
 * *boundary points into `content_type`. BZ_EMEDIATYPE for another media type,
 * BZ_EBADREQUEST for a missing, duplicated or invalid boundary. */
int multipart_boundary(const char *content_type, size_t ct_len, const char **boundary,
                       size_t *boundary_len);

/* Split `body` into at most min(cap, limits->max_parts) parts written to `parts`; *nparts
 * gets the count. `limits` NULL = defaults. Errors as multipart_boundary, else
 * BZ_EBADREQUEST (too many parts and oversized headers included). */
int multipart_parse(const char *content_type, size_t ct_len, const char *body, size_t body_len,
                    const multipart_limits *limits, multipart_part *parts, size_t cap,
                    size_t *nparts);

/* The first part named `name` (a C string), or NULL. */
const multipart_part *multipart_find(const multipart_part *parts, size_t n, const char *name);

#endif
