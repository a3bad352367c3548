/*
 * http/wire.h - the HTTP/1.1 request parsing state machine, without sockets.
 *
 * Wraps http-parser with Blytz's caps: request line plus headers at most `head_max` bytes
 * (431), at most HTTP_WIRE_MAX_HEADERS headers (431), and a body cap chosen per request by the
 * owner once the headers are known (413 early from Content-Length, and while a chunked body
 * streams in). Bytes are fed as they arrive; a message may span any number of feeds and one
 * feed may hold several pipelined messages.
 *
 * The owner supplies the storage of each message (begin), sees the headers (head) and the
 * complete message (complete). Once head has run, the message's url and headers never change
 * until the next begin: trailer fields of a chunked body are counted against `head_max` (with
 * the head) and at most HTTP_WIRE_MAX_HEADERS of them, then discarded. The connection code and the
 * fuzz target both drive it. This header deliberately does not include http_parser.h or http.h:
 * both declare an `enum http_method`.
 *
 * Thread rules: a wire and its messages belong to one thread at a time.
 */
#ifndef HTTP_WIRE_H
#define HTTP_WIRE_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_WIRE_MAX_HEADERS 64

/* Same order and values as enum http_method in http/http.h (checked in req.c). */
enum http_wire_method {
    HTTP_WM_GET,
    HTTP_WM_HEAD,
    HTTP_WM_POST,
    HTTP_WM_PUT,
    HTTP_WM_PATCH,
    HTTP_WM_DELETE,
    HTTP_WM_OPTIONS,
    HTTP_WM_OTHER
};

typedef struct http_header {
    const char *name; /* NUL-terminated, as sent (compare case-insensitively) */
    const char *value;
} http_header;

/* One parsed request. The owner initialises it once with http_msg_init, and the wire resets
 * it (keeping its allocations) at the start of each message. */
typedef struct http_msg {
    int method; /* enum http_wire_method */
    char *url;  /* raw request target, NUL-terminated (valid after head) */
    http_header headers[HTTP_WIRE_MAX_HEADERS];
    int nheaders;
    bz_buf raw;              /* backing store of url and headers */
    bz_buf body;             /* de-chunked body; its limit is the body cap */
    uint64_t content_length; /* UINT64_MAX if none was sent */
    bool keep_alive;
    bool chunked;
    bool upgrade; /* the peer asked to switch protocols (or CONNECT); bytes after are not parsed */
    unsigned short http_major, http_minor;
    size_t head_bytes; /* bytes of request line and headers counted against the cap */
} http_msg;

/* Prepare `m` for first use / release its memory. */
void http_msg_init(http_msg *m);
void http_msg_free(http_msg *m);

/* Forget the previous message (every header slot, the url, the flags), keeping the buffers'
 * allocations. The wire does this when a message begins; owners that recycle a message do it
 * too, so nothing of one request is visible in the next. */
void http_msg_reset(http_msg *m);

/* Header value by case-insensitive name, NULL if absent. */
const char *http_msg_header(const http_msg *m, const char *name);

typedef struct http_wire_cbs {
    /* A new message starts: return the storage to fill (NULL = out of memory). */
    http_msg *(*begin)(void *udata);
    /* Headers are complete. Set m->body.limit to the body cap for this request and return 0,
     * or return a BZ_E* code to reject the request (parsing stops). */
    int (*head)(void *udata, http_msg *m);
    /* The message is complete. Return 0 to keep parsing, 1 to pause the wire (the rest of
     * the bytes stay unconsumed; feed them again later). */
    int (*complete)(void *udata, http_msg *m);
} http_wire_cbs;

typedef struct http_wire http_wire;

/* A wire with request line + headers capped at `head_max` bytes. NULL on OOM. */
http_wire *http_wire_new(const http_wire_cbs *cbs, void *udata, size_t head_max);
void http_wire_free(http_wire *w);

/* Feed bytes; returns how many were consumed. Fewer than `len` means the wire paused (see
 * complete), stopped at an upgrade, or failed: check http_wire_error. */
size_t http_wire_feed(http_wire *w, const char *data, size_t len);

/* 0, or the BZ_E* code that stopped parsing: BZ_EBADREQUEST (malformed), BZ_EHEADERS (431),
 * BZ_ETOOLARGE (413), BZ_ENOMEM, or what head returned. Once set, the wire is dead. */
int http_wire_error(const http_wire *w);

/* True between the first byte of a message and its completion. */
bool http_wire_in_message(const http_wire *w);
/* True once the headers of the current message are complete (body may still stream). */
bool http_wire_in_body(const http_wire *w);
/* True if the parser stopped at an upgrade request. */
bool http_wire_upgraded(const http_wire *w);

#endif
