/*
 * Fuzz target for the HTTP request parser (http/wire.h), without sockets. The first byte
 * picks where the input is split in two feeds and whether the wire pauses after each
 * message, so fragment boundaries and pause/resume are exercised as well as the bytes.
 */
#include "http/wire.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct sink {
    http_msg msg;
    int pause;
    size_t seen;
} sink;

static http_msg *begin(void *u)
{
    return &((sink *)u)->msg;
}

static int head(void *u, http_msg *m)
{
    m->body.limit = 64 * 1024;
    /* Touch what the server reads after the head. */
    for (int i = 0; i < m->nheaders; i++) {
        ((sink *)u)->seen += strlen(m->headers[i].name) + strlen(m->headers[i].value);
    }
    ((sink *)u)->seen += strlen(m->url);
    return 0;
}

static int complete(void *u, http_msg *m)
{
    ((sink *)u)->seen += m->body.len;
    return ((sink *)u)->pause;
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
    size_t split = len ? (data[0] >> 1) % (len + 1) : 0;
    size_t off = 0;
    /* Feed the two parts, re-feeding after each pause, until done or dead. */
    for (int part = 0; part < 2 && w; part++) {
        size_t end = part == 0 ? split : len;
        while (off < end && !http_wire_error(w) && !http_wire_upgraded(w)) {
            size_t n = http_wire_feed(w, in + off, end - off);
            if (n == 0) {
                break;
            }
            off += n;
        }
    }
    http_wire_free(w);
    http_msg_free(&s.msg);
    return 0;
}
