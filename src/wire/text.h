/*
 * wire/text.h - JSON written straight into a buffer, member by member, for the
 * shapes on the bid path.
 *
 * A bid is answered (REST, the socket ack) and broadcast (`auction:bid`) thousands
 * of times a second. Building a jansson tree for each and serialising it cost
 * about a sixth of the server's CPU under 64 bidders (perf); this writer costs a
 * few appends. The values are the primitives of wire/wire.h, written the same way
 * (ids as decimal strings, money in sen, RFC 3339 times, null for 0, "" for text
 * that is not UTF-8), so a shape written here reads exactly like one built as a
 * tree. A shape is still written once: where a tree needs it, it parses this text
 * (wire_bid).
 *
 * Use: wire_text_begin, members (objects nest up to WIRE_TEXT_DEPTH), matching
 * wire_text_end calls, then wire_text_finish. Errors are sticky: after the first
 * failed append every call does nothing and wire_text_finish reports it. A member
 * key is a string literal of the caller's (never escaped). The buffer is the
 * caller's; the writer only appends to it.
 *
 * Invariants (checked): depth never goes below zero nor past WIRE_TEXT_DEPTH, and
 * wire_text_finish sees every object closed.
 */
#ifndef WIRE_TEXT_H
#define WIRE_TEXT_H

#include "base/buf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WIRE_TEXT_DEPTH 8

typedef struct wire_text {
    bz_buf *out;   /* borrowed */
    unsigned more; /* bit d: the object open at depth d has a member already */
    int depth;     /* objects open */
    int rc;        /* the first failure, BZ_OK until one */
} wire_text;

/* Start an object in `out` (appended to what it holds). */
void wire_text_begin(wire_text *t, bz_buf *out);
/* Open member `key` as a nested object. */
void wire_text_object(wire_text *t, const char *key);
/* Close the innermost object. */
void wire_text_end(wire_text *t);
/* BZ_OK when every object is closed and every append succeeded; else BZ_ENOMEM, BZ_ETOOLARGE
 * (the buffer's cap) or BZ_EINTERNAL (objects left open). */
int wire_text_finish(wire_text *t);

/* The object that `write` fills with its members, written as text and parsed back: a tree for
 * a shape whose one writer is this one (wire_bid). New reference, NULL on failure. */
typedef void (*wire_text_writer)(wire_text *t, const void *v);
json_t *wire_text_tree(wire_text_writer write, const void *v);

/* Members, as their namesakes in wire/wire.h write them. */
void wire_text_id(wire_text *t, const char *key, int64_t id);
void wire_text_id_or_null(wire_text *t, const char *key, int64_t id);
void wire_text_int(wire_text *t, const char *key, int64_t v);
void wire_text_money_or_null(wire_text *t, const char *key, bool present, int64_t sen);
void wire_text_bool(wire_text *t, const char *key, bool v);
void wire_text_null(wire_text *t, const char *key);
void wire_text_str(wire_text *t, const char *key, const char *s);
void wire_text_str_or_null(wire_text *t, const char *key, const char *s);
void wire_text_time(wire_text *t, const char *key, int64_t ms);
void wire_text_hex(wire_text *t, const char *key, const unsigned char *bytes, size_t len);

#endif
