/*
 * wire/wire.h - the JSON every client receives, built in one place: the
 * primitives of DESIGN §3 (ids as decimal strings, money as integer sen
 * beside "currency":"MYR", times as RFC 3339 UTC with milliseconds, null when
 * 0), the envelopes (a named member, a page with its cursor), and the error
 * body that REST answers and Socket.IO acks share.
 *
 * The wire library (src/wire) is the only place that knows a JSON shape.
 * Neither transport owns it: the REST handlers (src/http) and the Socket.IO
 * application (src/realtime) call it, and the composition root plugs its event
 * encoder into the app (wire/events.h). It reads the app's types and never
 * calls a use case or a store.
 *
 * Ownership: every json_t * function returns a new reference (NULL only when
 * out of memory) and steals the json_t * arguments it is given; a NULL one
 * (a failed allocation below) makes the result NULL, so a failure anywhere
 * surfaces at the top, unless the function gives NULL a meaning. Other
 * arguments are borrowed. Any thread.
 */
#ifndef WIRE_WIRE_H
#define WIRE_WIRE_H

#include "app/app.h"
#include "base/buf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- primitives ---------------------------------------------------------------------- */

json_t *wire_id(int64_t id);
/* An id, or null when 0 ("none"). */
json_t *wire_id_or_null(int64_t id);
/* Read member `key` of `o` as an id, the way ids travel: a positive decimal string (wire_id), or
 * an integer. 0 when it is neither (missing, another type, not all digits, not positive). */
int64_t wire_id_read(json_t *o, const char *key);
/* The strict reader of an object's member, for every body and payload a client sends: *out is
 * member `name` of `obj` when its JSON type is `type` (JSON_OBJECT, JSON_ARRAY, JSON_STRING,
 * JSON_INTEGER, or JSON_TRUE for either boolean), NULL when it is absent or JSON null. A member
 * of another type is BZ_EVALIDATION in *err, naming `field` (NULL: `name`): "must be a string",
 * "must be an integer", "must be true or false", ... */
int wire_member(const json_t *obj, const char *name, json_type type, const char *field,
                app_err *err, json_t **out);
/* RFC 3339 UTC with milliseconds, or null when 0 (not yet, never). */
json_t *wire_time(int64_t ms);
/* A string: "" for NULL, and for bytes that are not UTF-8 (the store validated them on the
 * way in, so only a tampered row gets here). */
json_t *wire_str(const char *s);
/* A string, or null for NULL or bytes that are not UTF-8. */
json_t *wire_str_or_null(const char *s);
/* Sen, or null when not `present` (no bid yet, no price). */
json_t *wire_money_or_null(bool present, int64_t sen);
/* Lowercase hex of `len` bytes. */
json_t *wire_hex(const unsigned char *bytes, size_t len);
/* A page's next_cursor: null at the end, else an opaque string. */
json_t *wire_cursor(int64_t next_cursor);

/* ---- envelopes ----------------------------------------------------------------------- */

/* {key: value}. */
json_t *wire_wrap(const char *key, json_t *value);
/* {key: items, "next_cursor": cursor}. */
json_t *wire_page(const char *key, json_t *items, int64_t next_cursor);
/* Set o[key] = value (stolen); NULL `o` or `value` drops both and returns NULL, so a chain of
 * sets fails as one. Returns `o`. */
json_t *wire_set(json_t *o, const char *key, json_t *value);

/* `o` with the members of `more` added (replacing any of the same name); steals both. */
json_t *wire_merge(json_t *o, json_t *more);

/* ---- errors and acks ----------------------------------------------------------------- */

/* {"code", "message", "details"}: the code's stable name (base/err.h), `message` or the code's
 * default when NULL or "", `details` or {} when NULL. */
json_t *wire_error_object(int code, const char *message, json_t *details);
/* The REST error body {"error": wire_error_object(...)}. */
json_t *wire_error(int code, const char *message, json_t *details);
/* The details of a use case's failure: {"field"} when it named one, else {}. */
json_t *wire_error_details(const app_err *e);
/* A Socket.IO ack that refuses: {"ok": false, "error": wire_error_object(...)}. */
json_t *wire_ack_error(int code, const char *message, json_t *details);
/* A Socket.IO ack that succeeds: {"ok": true} followed by the members of `fields` (an
 * object; {} for none). */
json_t *wire_ack_ok(json_t *fields);

/* ---- text ---------------------------------------------------------------------------- */

/* Compact text of `o` (stolen), malloc'd; NULL when `o` is NULL or out of memory. */
char *wire_dump(json_t *o);
/* Append the compact text of `o` (stolen) to `out`. BZ_OK, or BZ_ENOMEM (also for a NULL `o`
 * and for the buffer's cap) with `out` as it was. */
int wire_dump_buf(json_t *o, bz_buf *out);

#endif
