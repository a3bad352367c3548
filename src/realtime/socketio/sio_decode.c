/*
 * realtime/socketio/sio_decode.c - the Socket.IO v5 text packet decoder and the helpers
 * that read an event's name and arguments from the client's JSON text.
 *
 * The rules are those of socket.io-parser 4.2.7's decodeString and isPayloadValid, stricter
 * only where JavaScript's loose number coercion would accept odd input (spaces as digits,
 * ack ids past 2^53): such packets are refused.
 */
#include "realtime/socketio/sio.h"

#include "base/err.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *const reserved_events[] = {
    "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener",
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads "<n>-" at s[*i]; n must be 1..SIO_MAX_ATTACHMENTS. */
static int parse_attachments(const char *s, size_t len, size_t *i, int *out)
{
    int n = 0;
    size_t start = *i;
    while (*i < len && is_digit(s[*i]) && *i - start < 3) {
        n = n * 10 + (s[*i] - '0');
        (*i)++;
    }
    if (*i == start || *i >= len || s[*i] != '-' || n < 1 || n > SIO_MAX_ATTACHMENTS) {
        return BZ_EBADREQUEST;
    }
    (*i)++;
    *out = n;
    return BZ_OK;
}

/* Reads "/nsp," or "/nsp" running to the end. */
static int parse_nsp(const char *s, size_t len, size_t *i, sio_packet *p)
{
    if (*i >= len || s[*i] != '/') {
        p->nsp = "/";
        p->nsp_len = 1;
        return BZ_OK;
    }
    const char *comma = memchr(s + *i, ',', len - *i);
    size_t end = comma ? (size_t)(comma - s) : len;
    if (end - *i > SIO_NSP_MAX) {
        return BZ_EBADREQUEST;
    }
    p->nsp = s + *i;
    p->nsp_len = end - *i;
    *i = comma ? end + 1 : len;
    return BZ_OK;
}

static int parse_ack_id(const char *s, size_t len, size_t *i, sio_packet *p)
{
    p->ack_id = -1;
    size_t start = *i;
    int64_t id = 0;
    while (*i < len && is_digit(s[*i])) {
        if (*i - start >= 15) {
            return BZ_EBADREQUEST; /* beyond 2^53: JavaScript could not represent it */
        }
        id = id * 10 + (s[*i] - '0');
        (*i)++;
    }
    if (*i > start) {
        p->ack_id = id;
    }
    return BZ_OK;
}

/* Placeholders {"_placeholder":true,...} must carry an integer num in [0, n). */
static bool placeholders_valid(json_t *v, int n, int depth)
{
    if (depth > 64) {
        return true; /* jansson already bounds nesting; stay iterative-safe anyway */
    }
    if (json_is_object(v)) {
        if (json_is_true(json_object_get(v, "_placeholder"))) {
            json_t *num = json_object_get(v, "num");
            return json_is_integer(num) && json_integer_value(num) >= 0 &&
                   json_integer_value(num) < n;
        }
        const char *k;
        json_t *child;
        json_object_foreach(v, k, child)
        {
            if (!placeholders_valid(child, n, depth + 1)) {
                return false;
            }
        }
    } else if (json_is_array(v)) {
        size_t idx;
        json_t *child;
        json_array_foreach(v, idx, child)
        {
            if (!placeholders_valid(child, n, depth + 1)) {
                return false;
            }
        }
    }
    return true;
}

static bool event_name_valid(json_t *arr)
{
    json_t *name = json_array_get(arr, 0);
    if (json_is_number(name)) {
        return true;
    }
    if (!json_is_string(name)) {
        return false;
    }
    for (size_t i = 0; i < sizeof(reserved_events) / sizeof(*reserved_events); i++) {
        if (strcmp(json_string_value(name), reserved_events[i]) == 0) {
            return false;
        }
    }
    return true;
}

static bool payload_valid(const sio_packet *p, json_t *v)
{
    switch (p->type) {
    case SIO_CONNECT:
        return json_is_object(v);
    case SIO_CONNECT_ERROR:
        return json_is_object(v) || json_is_string(v);
    case SIO_EVENT:
    case SIO_BINARY_EVENT:
        return json_is_array(v) && event_name_valid(v);
    case SIO_ACK:
    case SIO_BINARY_ACK:
        return json_is_array(v);
    default:
        return false; /* DISCONNECT carries no payload */
    }
}

static int check_payload(const sio_packet *p)
{
    json_error_t jerr;
    json_t *v = json_loadb(p->data, p->data_len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (!v) {
        return BZ_EBADREQUEST;
    }
    bool ok =
        payload_valid(p, v) && (p->attachments == 0 || placeholders_valid(v, p->attachments, 0));
    json_decref(v);
    return ok ? BZ_OK : BZ_EBADREQUEST;
}

int sio_decode(const char *s, size_t len, sio_packet *out)
{
    memset(out, 0, sizeof(*out));
    out->ack_id = -1;
    if (len == 0 || s[0] < '0' || s[0] > '6') {
        return BZ_EBADREQUEST;
    }
    out->type = s[0] - '0';
    size_t i = 1;
    if (out->type == SIO_BINARY_EVENT || out->type == SIO_BINARY_ACK) {
        if (parse_attachments(s, len, &i, &out->attachments) != BZ_OK) {
            return BZ_EBADREQUEST;
        }
    }
    if (parse_nsp(s, len, &i, out) != BZ_OK || parse_ack_id(s, len, &i, out) != BZ_OK) {
        return BZ_EBADREQUEST;
    }
    if (i < len) {
        out->data = s + i;
        out->data_len = len - i;
        return check_payload(out);
    }
    /* No payload: fine for CONNECT and DISCONNECT only (the others need an array). */
    return out->type == SIO_CONNECT || out->type == SIO_DISCONNECT ? BZ_OK : BZ_EBADREQUEST;
}
