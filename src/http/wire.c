/*
 * The http-parser callbacks copy the request line and header fragments into msg->raw as
 * "url\0name\0value\0name\0value\0..." and remember offsets, because fragments of one header
 * can arrive in different reads and raw may move when it grows. Pointers are fixed up once
 * the headers are complete; raw is not appended to after that.
 *
 * Every callback is checked against the phase of the message it belongs to:
 *
 *   IDLE --begin--> HEAD --headers_complete--> BODY --complete--> IDLE
 *                    url, field, value           body, field/value (trailers, -> TRAILERS)
 *
 * http-parser reports the trailer fields of a chunked body through the same header callbacks,
 * after headers_complete. Those never touch the frozen head: trailers are counted against the
 * head cap and dropped (RFC 9110 section 6.5.1 lets a recipient discard them). A callback in a
 * phase where it cannot happen is a broken assumption about the parser: a BZ_NEVER check
 * (base/check.h) aborts in debug builds and, in release builds, logs the site once, counts it
 * on /metrics and fails the request (400); it never writes into a message it does not own.
 */
#include "http/wire.h"

#include "base/check.h"
#include "base/err.h"
#include "base/str.h"

#include <http_parser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum last_cb { LAST_NONE, LAST_URL, LAST_FIELD, LAST_VALUE };

enum phase {
    PH_IDLE,     /* between messages: only a new message may begin */
    PH_HEAD,     /* request line and headers: appended to cur->raw */
    PH_BODY,     /* head frozen (pointers fixed up); body bytes */
    PH_TRAILERS, /* trailer fields after the last chunk: counted, discarded */
};

struct http_wire {
    http_parser parser;
    const http_wire_cbs *cbs;
    void *udata;
    http_msg *cur; /* the message being parsed; NULL in PH_IDLE */
    size_t head_max;
    enum phase phase;
    enum last_cb last;
    int ntrailers;
    uint32_t offs[HTTP_WIRE_MAX_HEADERS][2];
    int err;
    bool paused;
};

void http_msg_init(http_msg *m)
{
    memset(m, 0, sizeof(*m));
    bz_buf_init(&m->raw, 0);
    bz_buf_init(&m->body, 0);
    m->content_length = UINT64_MAX;
}

void http_msg_reset(http_msg *m)
{
    /* Clear every slot a previous message filled, not only the count, so no stale pointer
     * into a reused raw buffer can ever be read as a header of this message. */
    memset(m->headers, 0, sizeof(m->headers[0]) * (size_t)m->nheaders);
    m->nheaders = 0;
    bz_buf_reset(&m->raw);
    bz_buf_reset(&m->body);
    m->raw.limit = 0;
    m->body.limit = 0;
    m->url = NULL;
    m->method = HTTP_WM_OTHER;
    m->content_length = UINT64_MAX;
    m->keep_alive = m->chunked = m->upgrade = false;
    m->http_major = m->http_minor = 0;
    m->head_bytes = 0;
}

void http_msg_free(http_msg *m)
{
    bz_buf_free(&m->raw);
    bz_buf_free(&m->body);
}

const char *http_msg_header(const http_msg *m, const char *name)
{
    for (int i = 0; i < m->nheaders; i++) {
        if (strcasecmp(m->headers[i].name, name) == 0) {
            return m->headers[i].value;
        }
    }
    return NULL;
}

static int fail(http_wire *w, int err)
{
    if (w->err == 0) {
        w->err = err;
    }
    return 1;
}

/* A callback arrived in a phase where http-parser never sends it: a bug (each caller's
 * condition is a BZ_NEVER, which aborts in debug builds), answered 400 in release builds. */
static int out_of_phase(http_wire *w)
{
    return fail(w, BZ_EBADREQUEST);
}

static int map_method(unsigned m)
{
    switch (m) {
    case HTTP_GET:
        return HTTP_WM_GET;
    case HTTP_HEAD:
        return HTTP_WM_HEAD;
    case HTTP_POST:
        return HTTP_WM_POST;
    case HTTP_PUT:
        return HTTP_WM_PUT;
    case HTTP_PATCH:
        return HTTP_WM_PATCH;
    case HTTP_DELETE:
        return HTTP_WM_DELETE;
    case HTTP_OPTIONS:
        return HTTP_WM_OPTIONS;
    default:
        return HTTP_WM_OTHER;
    }
}

static int on_begin(http_parser *p)
{
    http_wire *w = p->data;
    if (BZ_NEVER(w->phase != PH_IDLE)) {
        return out_of_phase(w);
    }
    http_msg *m = w->cbs->begin(w->udata);
    if (!m) {
        return fail(w, BZ_ENOMEM);
    }
    http_msg_reset(m);
    m->head_bytes = 16; /* method, spaces, version and CRLFs of the request line */
    w->cur = m;
    w->last = LAST_NONE;
    w->ntrailers = 0;
    w->phase = PH_HEAD;
    return 0;
}

/* Count `len` bytes (plus `overhead` for separators) against the head cap, which also bounds
 * the trailers: a chunked message's head and trailers together stay within head_max. */
static int count_head_bytes(http_wire *w, size_t len, size_t overhead)
{
    http_msg *m = w->cur;
    m->head_bytes += len + overhead;
    return m->head_bytes > w->head_max ? fail(w, BZ_EHEADERS) : 0;
}

/* Append a fragment of the head. Only ever while the head is open: once the pointers are
 * fixed up, raw must not move. */
static int add_head_bytes(http_wire *w, const char *at, size_t len, size_t overhead)
{
    if (BZ_NEVER(w->phase != PH_HEAD)) {
        return out_of_phase(w);
    }
    if (count_head_bytes(w, len, overhead)) {
        return 1;
    }
    if (bz_buf_append(&w->cur->raw, at, len) != 0) {
        return fail(w, BZ_ENOMEM);
    }
    return 0;
}

static int end_string(http_wire *w)
{
    if (BZ_NEVER(w->phase != PH_HEAD)) {
        return out_of_phase(w);
    }
    return bz_buf_putc(&w->cur->raw, '\0') == 0 ? 0 : fail(w, BZ_ENOMEM);
}

static int on_url(http_parser *p, const char *at, size_t len)
{
    http_wire *w = p->data;
    if (BZ_NEVER(w->phase != PH_HEAD || (w->last != LAST_NONE && w->last != LAST_URL))) {
        return out_of_phase(w);
    }
    w->last = LAST_URL;
    return add_head_bytes(w, at, len, 0);
}

/* A trailer field or value fragment: bounded, then dropped. */
static int on_trailer(http_wire *w, enum last_cb kind, size_t len)
{
    size_t overhead = 0;
    if (kind == LAST_FIELD && w->last != LAST_FIELD) {
        if (++w->ntrailers > HTTP_WIRE_MAX_HEADERS) {
            return fail(w, BZ_EHEADERS);
        }
        overhead = 4; /* ": " and CRLF */
    }
    w->phase = PH_TRAILERS;
    w->last = kind;
    return count_head_bytes(w, len, overhead);
}

static int on_field(http_parser *p, const char *at, size_t len)
{
    http_wire *w = p->data;
    if (w->phase == PH_BODY || w->phase == PH_TRAILERS) {
        return on_trailer(w, LAST_FIELD, len);
    }
    if (BZ_NEVER(w->phase != PH_HEAD || w->last == LAST_NONE)) {
        return out_of_phase(w);
    }
    http_msg *m = w->cur;
    size_t overhead = 0;
    if (w->last != LAST_FIELD) {
        if (end_string(w)) {
            return 1;
        }
        if (m->nheaders == HTTP_WIRE_MAX_HEADERS) {
            return fail(w, BZ_EHEADERS);
        }
        w->offs[m->nheaders][0] = (uint32_t)m->raw.len;
        w->offs[m->nheaders][1] = UINT32_MAX;
        m->nheaders++;
        overhead = 4; /* ": " and CRLF */
    }
    w->last = LAST_FIELD;
    return add_head_bytes(w, at, len, overhead);
}

static int on_value(http_parser *p, const char *at, size_t len)
{
    http_wire *w = p->data;
    if (w->phase == PH_TRAILERS && w->last != LAST_NONE) {
        return on_trailer(w, LAST_VALUE, len);
    }
    if (BZ_NEVER(w->phase != PH_HEAD || (w->last != LAST_FIELD && w->last != LAST_VALUE))) {
        return out_of_phase(w);
    }
    http_msg *m = w->cur;
    if (w->last != LAST_VALUE) {
        if (end_string(w)) {
            return 1;
        }
        w->offs[m->nheaders - 1][1] = (uint32_t)m->raw.len;
    }
    w->last = LAST_VALUE;
    return add_head_bytes(w, at, len, 0);
}

static void fix_pointers(http_wire *w)
{
    http_msg *m = w->cur;
    m->url = m->raw.data;
    for (int i = 0; i < m->nheaders; i++) {
        m->headers[i].name = m->raw.data + w->offs[i][0];
        /* A field with an empty value never triggers on_value: point at the field's NUL. */
        uint32_t v = w->offs[i][1];
        m->headers[i].value = v == UINT32_MAX
                                  ? m->raw.data + w->offs[i][0] + strlen(m->headers[i].name)
                                  : m->raw.data + v;
    }
}

static int on_headers_complete(http_parser *p)
{
    http_wire *w = p->data;
    /* 1 and 2 mean "no body" / "upgrade" to http-parser here: report errors as -1. */
    if (BZ_NEVER(w->phase != PH_HEAD || w->last == LAST_NONE)) {
        return -out_of_phase(w);
    }
    http_msg *m = w->cur;
    if (end_string(w)) {
        return -1;
    }
    if (!m->raw.data && bz_buf_putc(&m->raw, '\0') != 0) {
        return -fail(w, BZ_ENOMEM);
    }
    fix_pointers(w);
    m->method = map_method(p->method);
    m->http_major = p->http_major;
    m->http_minor = p->http_minor;
    m->keep_alive = http_should_keep_alive(p) != 0;
    m->chunked = (p->flags & F_CHUNKED) != 0;
    m->upgrade = p->upgrade != 0 || p->method == HTTP_CONNECT;
    /* http-parser leaves content_length at ULLONG_MAX when there is no Content-Length. */
    m->content_length =
        (m->chunked || p->content_length == ULLONG_MAX) ? UINT64_MAX : p->content_length;
    w->phase = PH_BODY; /* from here on raw is frozen: the pointers above stay valid */
    w->last = LAST_NONE;
    int rc = w->cbs->head(w->udata, m);
    if (rc != 0) {
        return -fail(w, rc);
    }
    if (m->content_length != UINT64_MAX && m->body.limit && m->content_length > m->body.limit) {
        return -fail(w, BZ_ETOOLARGE);
    }
    return 0;
}

static int on_body(http_parser *p, const char *at, size_t len)
{
    http_wire *w = p->data;
    if (BZ_NEVER(w->phase != PH_BODY)) {
        return out_of_phase(w);
    }
    int rc = bz_buf_append(&w->cur->body, at, len);
    return rc == 0 ? 0 : fail(w, rc == BZ_ETOOLARGE ? BZ_ETOOLARGE : BZ_ENOMEM);
}

static int on_complete(http_parser *p)
{
    http_wire *w = p->data;
    if (BZ_NEVER(w->phase != PH_BODY && w->phase != PH_TRAILERS)) {
        return out_of_phase(w);
    }
    w->phase = PH_IDLE;
    http_msg *m = w->cur;
    w->cur = NULL;
    if (w->cbs->complete(w->udata, m)) {
        http_parser_pause(p, 1);
        w->paused = true;
    }
    return 0;
}

static const http_parser_settings settings = {
    .on_message_begin = on_begin,
    .on_url = on_url,
    .on_header_field = on_field,
    .on_header_value = on_value,
    .on_headers_complete = on_headers_complete,
    .on_body = on_body,
    .on_message_complete = on_complete,
};

http_wire *http_wire_new(const http_wire_cbs *cbs, void *udata, size_t head_max)
{
    http_wire *w = calloc(1, sizeof(*w));
    if (!w) {
        return NULL;
    }
    http_parser_init(&w->parser, HTTP_REQUEST);
    w->parser.data = w;
    w->cbs = cbs;
    w->udata = udata;
    w->head_max = head_max;
    return w;
}

void http_wire_free(http_wire *w)
{
    free(w);
}

static int map_parser_error(enum http_errno e)
{
    switch (e) {
    case HPE_HEADER_OVERFLOW:
        return BZ_EHEADERS;
    default:
        return BZ_EBADREQUEST;
    }
}

size_t http_wire_feed(http_wire *w, const char *data, size_t len)
{
    if (w->err || len == 0 || w->parser.upgrade) {
        return 0;
    }
    if (w->paused) {
        http_parser_pause(&w->parser, 0);
        w->paused = false;
    }
    size_t n = http_parser_execute(&w->parser, &settings, data, len);
    enum http_errno e = HTTP_PARSER_ERRNO(&w->parser);
    if (e == HPE_PAUSED) {
        return n;
    }
    if (e != HPE_OK && w->err == 0) {
        w->err = map_parser_error(e);
    }
    return n;
}

int http_wire_error(const http_wire *w)
{
    return w->err;
}

bool http_wire_in_message(const http_wire *w)
{
    return w->phase != PH_IDLE;
}

bool http_wire_in_body(const http_wire *w)
{
    return w->phase == PH_BODY || w->phase == PH_TRAILERS;
}

bool http_wire_upgraded(const http_wire *w)
{
    return w->parser.upgrade != 0;
}
