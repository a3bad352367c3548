/*
 * http/multipart.c - multipart/form-data parser over a complete body (see
 * multipart.h). Every scan is bounded by the body or by the header cap, and
 * each byte of the body is searched for a delimiter once, so the cost is
 * linear in the body size whatever the input.
 */
#include "http/multipart.h"

#include "base/err.h"
#include "base/str.h"

#include <stdbool.h>
#include <string.h>

#define DEFAULT_MAX_PARTS        16
#define DEFAULT_MAX_HEADER_BYTES 2048

/* A slice being consumed from the left. */
typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

static bool is_tchar(unsigned char c)
{
    /* RFC 9110 token characters */
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* RFC 2046 bchars; a space is allowed but not as the last character. */
static bool is_bchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("'()+_,-./:=? ", c));
}

static void skip_ows(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t')) {
        c->p++;
    }
}

static bool take_token(cursor *c, const char **tok, size_t *len)
{
    const char *start = c->p;
    while (c->p < c->end && is_tchar((unsigned char)*c->p)) {
        c->p++;
    }
    *tok = start;
    *len = (size_t)(c->p - start);
    return *len > 0;
}

/* A quoted-string, returned without its quotes and with any quoted-pairs left as written. */
static bool take_quoted(cursor *c, const char **val, size_t *len)
{
    if (c->p >= c->end || *c->p != '"') {
        return false;
    }
    const char *start = ++c->p;
    while (c->p < c->end && *c->p != '"') {
        unsigned char ch = (unsigned char)*c->p;
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
            return false;
        }
        if (ch == '\\') {
            if (++c->p >= c->end) {
                return false;
            }
        }
        c->p++;
    }
    if (c->p >= c->end) {
        return false;
    }
    *val = start;
    *len = (size_t)(c->p - start);
    c->p++; /* closing quote */
    return true;
}

/* One parameter value: token or quoted-string. `quoted` says which. */
static bool take_value(cursor *c, const char **val, size_t *len, bool *quoted)
{
    *quoted = c->p < c->end && *c->p == '"';
    return *quoted ? take_quoted(c, val, len) : take_token(c, val, len);
}

/* Walks `; name=value` parameters after a media type or disposition type. Calls `want` for
 * each one; stops at the end or on a syntax error (returns false). */
typedef bool (*param_fn)(void *ctx, const char *name, size_t name_len, const char *val,
                         size_t val_len, bool quoted);

static bool each_param(cursor *c, param_fn want, void *ctx)
{
    for (;;) {
        skip_ows(c);
        if (c->p == c->end) {
            return true;
        }
        if (*c->p++ != ';') {
            return false;
        }
        skip_ows(c);
        if (c->p == c->end) {
            return true; /* a trailing ';' is harmless */
        }
        const char *name, *val;
        size_t name_len, val_len;
        bool quoted;
        if (!take_token(c, &name, &name_len)) {
            return false;
        }
        skip_ows(c);
        if (c->p == c->end || *c->p++ != '=') {
            return false;
        }
        skip_ows(c);
        if (!take_value(c, &val, &val_len, &quoted) ||
            !want(ctx, name, name_len, val, val_len, quoted)) {
            return false;
        }
    }
}

typedef struct boundary_ctx {
    const char *value;
    size_t len;
    bool seen;
} boundary_ctx;

static bool boundary_param(void *ctx, const char *name, size_t name_len, const char *val,
                           size_t val_len, bool quoted)
{
    boundary_ctx *b = ctx;
    if (!bz_strn_ieq(name, name_len, "boundary")) {
        return true;
    }
    if (b->seen || val_len == 0 || val_len > MULTIPART_BOUNDARY_MAX || val[val_len - 1] == ' ') {
        return false;
    }
    for (size_t i = 0; i < val_len; i++) {
        if (!is_bchar((unsigned char)val[i])) {
            return false; /* also refuses quoted-pairs: '\\' is no bchar */
        }
    }
    b->seen = true;
    b->value = val;
    b->len = val_len;
    return true;
}

int multipart_boundary(const char *content_type, size_t ct_len, const char **boundary,
                       size_t *boundary_len)
{
    if (!content_type) {
        return BZ_EMEDIATYPE;
    }
    cursor c = {content_type, content_type + ct_len};
    skip_ows(&c);
    const char *type = c.p;
    while (c.p < c.end && *c.p != ';' && *c.p != ' ' && *c.p != '\t') {
        c.p++;
    }
    if (!bz_strn_ieq(type, (size_t)(c.p - type), "multipart/form-data")) {
        return BZ_EMEDIATYPE;
    }
    boundary_ctx b = {0};
    if (!each_param(&c, boundary_param, &b) || !b.seen) {
        return BZ_EBADREQUEST;
    }
    *boundary = b.value;
    *boundary_len = b.len;
    return BZ_OK;
}

typedef struct disposition_ctx {
    multipart_part *part;
    bool has_name;
    bool has_filename;
} disposition_ctx;

static bool disposition_param(void *ctx, const char *name, size_t name_len, const char *val,
                              size_t val_len, bool quoted)
{
    disposition_ctx *d = ctx;
    if (bz_strn_ieq(name, name_len, "name")) {
        if (d->has_name) {
            return false;
        }
        d->has_name = true;
        d->part->name = val;
        d->part->name_len = val_len;
    } else if (bz_strn_ieq(name, name_len, "filename")) {
        if (d->has_filename) {
            return false;
        }
        d->has_filename = true;
        d->part->filename = val;
        d->part->filename_len = val_len;
    }
    return true; /* filename* and others: RFC 7578 says not to rely on them */
}

static bool parse_disposition(const char *v, size_t len, multipart_part *part)
{
    cursor c = {v, v + len};
    const char *type;
    size_t type_len;
    if (!take_token(&c, &type, &type_len) || !bz_strn_ieq(type, type_len, "form-data")) {
        return false;
    }
    disposition_ctx d = {part, false, false};
    return each_param(&c, disposition_param, &d) && d.has_name;
}

/* Parse the header block [p, end) (lines separated by CRLF, no final CRLF). */
static bool parse_headers(const char *p, const char *end, multipart_part *part)
{
    bool has_disposition = false;
    while (p < end) {
        const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
        const char *line_end = eol ? eol : end;
        cursor c = {p, line_end};
        const char *name;
        size_t name_len;
        /* A line starting with a space would be obs-fold, which RFC 7578 parts never need. */
        if (!take_token(&c, &name, &name_len) || c.p == c.end || *c.p++ != ':') {
            return false;
        }
        skip_ows(&c);
        const char *value = c.p, *value_end = line_end;
        for (const char *q = value; q < value_end; q++) {
            unsigned char ch = (unsigned char)*q;
            if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
                return false;
            }
        }
        while (value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t')) {
            value_end--;
        }
        size_t value_len = (size_t)(value_end - value);
        if (bz_strn_ieq(name, name_len, "content-disposition")) {
            if (has_disposition || !parse_disposition(value, value_len, part)) {
                return false;
            }
            has_disposition = true;
        } else if (bz_strn_ieq(name, name_len, "content-type")) {
            if (part->content_type) {
                return false;
            }
            part->content_type = value;
            part->content_type_len = value_len;
        }
        p = eol ? eol + 2 : end;
    }
    return has_disposition;
}

/* After a delimiter: "--" ends the body (returns 1), else optional padding then CRLF
 * (returns 0 with *p past it); -1 on anything else. */
static int after_delimiter(const char **p, const char *end)
{
    const char *q = *p;
    if (end - q >= 2 && q[0] == '-' && q[1] == '-') {
        return 1;
    }
    while (q < end && (*q == ' ' || *q == '\t')) {
        q++;
    }
    if (end - q < 2 || q[0] != '\r' || q[1] != '\n') {
        return -1;
    }
    *p = q + 2;
    return 0;
}

int multipart_parse(const char *content_type, size_t ct_len, const char *body, size_t body_len,
                    const multipart_limits *limits, multipart_part *parts, size_t cap,
                    size_t *nparts)
{
    *nparts = 0;
    const char *boundary;
    size_t boundary_len;
    int rc = multipart_boundary(content_type, ct_len, &boundary, &boundary_len);
    if (rc) {
        return rc;
    }
    size_t max_parts = limits && limits->max_parts ? limits->max_parts : DEFAULT_MAX_PARTS;
    size_t max_header =
        limits && limits->max_header_bytes ? limits->max_header_bytes : DEFAULT_MAX_HEADER_BYTES;
    if (cap < max_parts) {
        max_parts = cap;
    }
    /* "\r\n--" + boundary: every delimiter but a first one at offset 0 starts on a new line. */
    char delim[4 + MULTIPART_BOUNDARY_MAX];
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary, boundary_len);
    size_t delim_len = 4 + boundary_len;

    if (!body) {
        return BZ_EBADREQUEST;
    }
    const char *end = body + body_len, *p;
    if (body_len >= delim_len - 2 && memcmp(body, delim + 2, delim_len - 2) == 0) {
        p = body + delim_len - 2;
    } else {
        const char *first = memmem(body, body_len, delim, delim_len); /* after a preamble */
        if (!first) {
            return BZ_EBADREQUEST;
        }
        p = first + delim_len;
    }
    for (;;) {
        int state = after_delimiter(&p, end);
        if (state < 0) {
            return BZ_EBADREQUEST;
        }
        if (state == 1) {
            return BZ_OK; /* close delimiter; the epilogue is ignored */
        }
        if (*nparts == max_parts) {
            return BZ_EBADREQUEST;
        }
        multipart_part *part = &parts[*nparts];
        memset(part, 0, sizeof(*part));
        /* The header block ends at the first empty line, looked for within the cap only. */
        const char *headers_end;
        if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
            headers_end = p; /* no headers at all: caught below as missing disposition */
        } else {
            size_t window = (size_t)(end - p) < max_header + 4 ? (size_t)(end - p) : max_header + 4;
            const char *blank = memmem(p, window, "\r\n\r\n", 4);
            if (!blank || (size_t)(blank - p) > max_header) {
                return BZ_EBADREQUEST;
            }
            headers_end = blank + 2;
        }
        if (!parse_headers(p, headers_end - (headers_end > p ? 2 : 0), part)) {
            return BZ_EBADREQUEST;
        }
        const char *data = headers_end + 2;
        const char *next = memmem(data, (size_t)(end - data), delim, delim_len);
        if (!next) {
            return BZ_EBADREQUEST; /* no closing delimiter: truncated body */
        }
        part->data = data;
        part->len = (size_t)(next - data);
        (*nparts)++;
        p = next + delim_len;
    }
}

const multipart_part *multipart_find(const multipart_part *parts, size_t n, const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < n; i++) {
        if (parts[i].name_len == len && memcmp(parts[i].name, name, len) == 0) {
            return &parts[i];
        }
    }
    return NULL;
}
