/*
 * realtime/engineio/eio_codec.c - Engine.IO v4 packets and polling payloads.
 */
#include "realtime/engineio/eio.h"

#include "base/check.h"
#include "base/err.h"
#include "base/rand.h"

#include <stdio.h>
#include <string.h>

int eio_decode_packet(unsigned char *s, size_t len, bool polling, eio_packet *out)
{
    if (len == 0) {
        return BZ_EBADREQUEST;
    }
    if (polling && s[0] == 'b') {
        long n = ws_base64_decode((const char *)s + 1, len - 1, s + 1);
        if (n < 0) {
            return BZ_EBADREQUEST;
        }
        *out = (eio_packet){EIO_MESSAGE, true, s + 1, (size_t)n};
        return BZ_OK;
    }
    if (s[0] < '0' || s[0] > '6') {
        return BZ_EBADREQUEST;
    }
    *out = (eio_packet){s[0] - '0', false, s + 1, len - 1};
    return BZ_OK;
}

int eio_payload_decode(unsigned char *body, size_t len, eio_packet_cb cb, void *user)
{
    if (len == 0 || !ws_utf8_valid(body, len)) {
        return BZ_EBADREQUEST;
    }
    size_t start = 0;
    for (;;) {
        unsigned char *sep = memchr(body + start, EIO_SEPARATOR, len - start);
        size_t end = sep ? (size_t)(sep - body) : len;
        eio_packet p;
        int rc = eio_decode_packet(body + start, end - start, true, &p);
        if (rc == BZ_OK && cb) {
            rc = cb(user, &p);
        }
        if (rc != BZ_OK || !sep) {
            return rc;
        }
        start = end + 1;
    }
}

int eio_payload_append(bz_buf *out, int type, const void *data, size_t len)
{
    size_t need = (out->len ? 1 : 0) + 1 + len;
    int rc = bz_buf_reserve(out, need);
    if (rc != BZ_OK) {
        return rc;
    }
    if (out->len) {
        bz_buf_putc(out, EIO_SEPARATOR);
    }
    bz_buf_putc(out, (char)('0' + type));
    return len ? bz_buf_append(out, data, len) : BZ_OK;
}

int eio_payload_append_msg(bz_buf *out, const ws_msg *m)
{
    size_t len;
    const uint8_t *p = ws_msg_payload(m, &len);
    if (ws_msg_opcode(m) != WS_OP_BINARY) {
        size_t need = (out->len ? 1 : 0) + len;
        int rc = bz_buf_reserve(out, need);
        if (rc != BZ_OK) {
            return rc;
        }
        if (out->len) {
            bz_buf_putc(out, EIO_SEPARATOR);
        }
        return bz_buf_append(out, p, len);
    }
    size_t b64 = ws_base64_len(len);
    int rc = bz_buf_reserve(out, (out->len ? 1 : 0) + 1 + b64);
    if (rc != BZ_OK) {
        return rc;
    }
    if (out->len) {
        bz_buf_putc(out, EIO_SEPARATOR);
    }
    bz_buf_putc(out, 'b');
    out->len += ws_base64_encode(p, len, out->data + out->len);
    out->data[out->len] = '\0';
    return BZ_OK;
}

ws_msg *eio_msg(int type, const void *data, size_t len)
{
    BZ_CHECK(type >= EIO_OPEN && type <= EIO_NOOP); /* one digit */
    unsigned char *p;
    ws_msg *m = ws_msg_alloc(WS_OP_TEXT, 1 + len, &p);
    if (m) {
        p[0] = (unsigned char)('0' + type);
        if (len) {
            memcpy(p + 1, data, len);
        }
    }
    return m;
}

ws_msg *eio_msg_binary(const void *data, size_t len)
{
    return ws_msg_new(WS_OP_BINARY, data, len);
}

int eio_open_packet(bz_buf *out, const char *sid, bool can_upgrade, unsigned ping_interval_ms,
                    unsigned ping_timeout_ms, size_t max_payload)
{
    int rc = bz_buf_puts(out, "0{\"sid\":");
    if (rc == BZ_OK) {
        rc = bz_buf_json_str(out, sid);
    }
    if (rc == BZ_OK) {
        rc = bz_buf_printf(out,
                           ",\"upgrades\":%s,\"pingInterval\":%u,\"pingTimeout\":%u,"
                           "\"maxPayload\":%zu}",
                           can_upgrade ? "[\"websocket\"]" : "[]", ping_interval_ms,
                           ping_timeout_ms, max_payload);
    }
    return rc;
}

void eio_sid_new(char out[EIO_SID_LEN + 1])
{
    unsigned char raw[15];
    bz_random_bytes(raw, sizeof(raw));
    size_t n = ws_base64_encode(raw, sizeof(raw), out);
    BZ_CHECK(n == EIO_SID_LEN); /* 15 bytes are 20 base64 characters, no padding */
    for (size_t i = 0; i < n; i++) {
        out[i] = out[i] == '+' ? '-' : out[i] == '/' ? '_' : out[i];
    }
    out[n] = '\0';
}

static const char *const eio_messages[] = {
    "Transport unknown", "Session ID unknown", "Bad handshake method",
    "Bad request",       "Forbidden",          "Unsupported protocol version",
};

static const char *const eio_bodies[] = {
    "{\"code\":0,\"message\":\"Transport unknown\"}",
    "{\"code\":1,\"message\":\"Session ID unknown\"}",
    "{\"code\":2,\"message\":\"Bad handshake method\"}",
    "{\"code\":3,\"message\":\"Bad request\"}",
    "{\"code\":4,\"message\":\"Forbidden\"}",
    "{\"code\":5,\"message\":\"Unsupported protocol version\"}",
};

const char *eio_error_message(int code)
{
    return code >= 0 && code <= 5 ? eio_messages[code] : "Bad request";
}

const char *eio_error_json(int code)
{
    return code >= 0 && code <= 5 ? eio_bodies[code] : eio_bodies[EIO_ERR_BAD_REQUEST];
}

int eio_error_status(int code)
{
    return code == EIO_ERR_FORBIDDEN ? 403 : 400;
}
