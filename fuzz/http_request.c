/*
 * Fuzz target for the HTTP request parser (http/wire.h), without sockets. The first byte
 * picks where the input is split in two feeds, whether the second part is fed byte by byte,
 * and whether the wire pauses after each message, so fragment boundaries and pause/resume are
 * exercised as well as the bytes.
 *
 * It uses the wire the way the server does: one message storage reused for every message of
 * the connection (a recycled request), and it reads what the server reads when the server
 * reads it: the head at head(), and again every header, the url and the body at complete()
 * (after any trailers), and the head after an error in the body (the error answer reads it).
 * Every header and the url must point into the message's own buffer; anything else aborts.
 */
#include "http/wire.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sink {
    http_msg msg;
    int pause;
    size_t seen;
} sink;

static void check_inside(const http_msg *m, const char *p)
{
    if (!p || p < m->raw.data || p >= m->raw.data + m->raw.len) {
        abort(); /* a pointer that is not into this message's head */
    }
}

/* Read the head the way handlers and middleware do. */
static void read_head(sink *s, const http_msg *m)
{
    if (m->nheaders < 0 || m->nheaders > HTTP_WIRE_MAX_HEADERS) {
        abort();
    }
    check_inside(m, m->url);
    s->seen += strlen(m->url);
    for (int i = 0; i < m->nheaders; i++) {
        check_inside(m, m->headers[i].name);
        check_inside(m, m->headers[i].value);
        s->seen += strlen(m->headers[i].name) + strlen(m->headers[i].value);
    }
    const char *auth = http_msg_header(m, "Authorization");
    s->seen += auth ? strlen(auth) : 0;
}

static http_msg *begin(void *u)
{
    return &((sink *)u)->msg;
}

static int head(void *u, http_msg *m)
{
    m->body.limit = 64 * 1024;
    read_head(u, m);
    return 0;
}

static int complete(void *u, http_msg *m)
{
    sink *s = u;
    read_head(s, m);
    if (m->body.len && (!m->body.data || m->body.len > m->body.limit)) {
        abort();
    }
    s->seen += m->body.len ? (size_t)(unsigned char)m->body.data[m->body.len - 1] : 0;
    return s->pause;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    static const http_wire_cbs cbs = {begin, head, complete};
    sink s = {.pause = data[0] & 1};
    http_msg_init(&s.msg);
    http_wire *w = http_wire_new(&cbs, &s, 16 * 1024);
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    size_t split = len ? ((size_t)data[0] >> 1) % (len + 1) : 0;
    size_t off = 0;
    /* Feed the two parts, re-feeding after each pause, until done or dead. */
    for (int part = 0; part < 2 && w; part++) {
        size_t end = part == 0 ? split : len;
        while (off < end && !http_wire_error(w) && !http_wire_upgraded(w)) {
            size_t step = part == 1 && (data[0] & 0x80) ? 1 : end - off;
            size_t n = http_wire_feed(w, in + off, step);
            if (n == 0) {
                break;
            }
            off += n;
        }
    }
    if (w && http_wire_error(w) && http_wire_in_body(w)) {
        read_head(&s, &s.msg); /* the error answer reads the head (Origin, request id) */
    }
    http_wire_free(w);
    http_msg_free(&s.msg);
    return 0;
}
