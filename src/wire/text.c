/*
 * JSON text, member by member (wire/text.h).
 */
#include "wire/text.h"

#include "base/check.h"
#include "base/err.h"
#include "base/str.h"
#include "base/time.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void keep(wire_text *t, int rc)
{
    if (t->rc == BZ_OK) {
        t->rc = rc;
    }
}

static void put(wire_text *t, const char *s, size_t len)
{
    if (t->rc == BZ_OK) {
        keep(t, bz_buf_append(t->out, s, len));
    }
}

/* `,"key":` (no comma before an object's first member). */
static void key(wire_text *t, const char *k)
{
    if (t->rc != BZ_OK || BZ_NEVER(t->depth < 1)) {
        keep(t, BZ_EINTERNAL);
        return;
    }
    unsigned bit = 1u << (t->depth - 1);
    if (t->more & bit) {
        put(t, ",", 1);
    }
    t->more |= bit;
    put(t, "\"", 1);
    put(t, k, strlen(k));
    put(t, "\":", 2);
}

static void open_object(wire_text *t)
{
    if (BZ_NEVER(t->depth >= WIRE_TEXT_DEPTH)) {
        keep(t, BZ_EINTERNAL);
        return;
    }
    t->more &= ~(1u << t->depth);
    t->depth++;
    put(t, "{", 1);
}

void wire_text_begin(wire_text *t, bz_buf *out)
{
    *t = (wire_text){.out = out};
    open_object(t);
}

void wire_text_object(wire_text *t, const char *k)
{
    key(t, k);
    open_object(t);
}

void wire_text_end(wire_text *t)
{
    if (BZ_NEVER(t->depth < 1)) {
        keep(t, BZ_EINTERNAL);
        return;
    }
    t->depth--;
    put(t, "}", 1);
}

int wire_text_finish(wire_text *t)
{
    if (t->rc == BZ_OK && BZ_NEVER(t->depth != 0)) {
        t->rc = BZ_EINTERNAL;
    }
    return t->rc;
}

json_t *wire_text_tree(wire_text_writer write, const void *v)
{
    bz_buf text;
    bz_buf_init(&text, 0);
    wire_text t;
    wire_text_begin(&t, &text);
    write(&t, v);
    wire_text_end(&t);
    json_t *o = wire_text_finish(&t) == BZ_OK ? json_loadb(text.data, text.len, 0, NULL) : NULL;
    bz_buf_free(&text);
    return o;
}

/* ---- members --------------------------------------------------------------------------- */

static void literal(wire_text *t, const char *k, const char *text)
{
    key(t, k);
    put(t, text, strlen(text));
}

void wire_text_null(wire_text *t, const char *k)
{
    literal(t, k, "null");
}

void wire_text_bool(wire_text *t, const char *k, bool v)
{
    literal(t, k, v ? "true" : "false");
}

void wire_text_int(wire_text *t, const char *k, int64_t v)
{
    char n[24];
    int len = snprintf(n, sizeof(n), "%" PRId64, v);
    key(t, k);
    put(t, n, (size_t)len);
}

void wire_text_id(wire_text *t, const char *k, int64_t id)
{
    char n[24];
    int len = snprintf(n, sizeof(n), "\"%" PRId64 "\"", id);
    key(t, k);
    put(t, n, (size_t)len);
}

void wire_text_id_or_null(wire_text *t, const char *k, int64_t id)
{
    if (id) {
        wire_text_id(t, k, id);
    } else {
        wire_text_null(t, k);
    }
}

void wire_text_money_or_null(wire_text *t, const char *k, bool present, int64_t sen)
{
    if (present) {
        wire_text_int(t, k, sen);
    } else {
        wire_text_null(t, k);
    }
}

void wire_text_str_or_null(wire_text *t, const char *k, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    if (!s || !bz_utf8_valid(s, len)) {
        wire_text_null(t, k);
        return;
    }
    key(t, k);
    if (t->rc == BZ_OK) {
        keep(t, bz_buf_json_strn(t->out, s, len));
    }
}

void wire_text_str(wire_text *t, const char *k, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    wire_text_str_or_null(t, k, s && bz_utf8_valid(s, len) ? s : "");
}

void wire_text_time(wire_text *t, const char *k, int64_t ms)
{
    if (!ms) {
        wire_text_null(t, k);
        return;
    }
    char q[BZ_RFC3339_LEN + 2];
    q[0] = '"';
    bz_time_format(ms, q + 1);
    q[BZ_RFC3339_LEN] = '"';
    key(t, k);
    put(t, q, BZ_RFC3339_LEN + 1);
}

void wire_text_hex(wire_text *t, const char *k, const unsigned char *bytes, size_t len)
{
    key(t, k);
    if (t->rc != BZ_OK || (t->rc = bz_buf_reserve(t->out, 2 * len + 2)) != BZ_OK) {
        return;
    }
    char *at = t->out->data + t->out->len;
    at[0] = '"';
    bz_hex_encode(bytes, len, at + 1);
    at[2 * len + 1] = '"';
    t->out->len += 2 * len + 2;
    t->out->data[t->out->len] = '\0';
}
