/*
 * realtime/socketio/sio_encode.c - Socket.IO v5 encoders. Output matches JSON.stringify of
 * the reference server byte for byte: compact, keys in the order written here, arguments
 * copied verbatim from the caller's JSON text.
 */
#include "realtime/socketio/sio.h"

#include "base/err.h"

#include <inttypes.h>
#include <string.h>

/* "<type>[<n>-][<nsp>,][<id>]" */
static int put_head(bz_buf *out, int type, int attachments, const char *nsp, size_t nsp_len,
                    int64_t ack_id)
{
    int rc = bz_buf_putc(out, (char)('0' + type));
    if (rc == BZ_OK && attachments > 0) {
        rc = bz_buf_printf(out, "%d-", attachments);
    }
    if (rc == BZ_OK && nsp && !(nsp_len == 1 && nsp[0] == '/')) {
        rc = bz_buf_append(out, nsp, nsp_len);
        if (rc == BZ_OK) {
            rc = bz_buf_putc(out, ',');
        }
    }
    if (rc == BZ_OK && ack_id >= 0) {
        rc = bz_buf_printf(out, "%" PRId64, ack_id);
    }
    return rc;
}

static size_t nsp_length(const char *nsp)
{
    return nsp ? strlen(nsp) : 0;
}

int sio_encode(bz_buf *out, const sio_packet *p)
{
    int rc = put_head(out, p->type, p->attachments, p->nsp, p->nsp_len, p->ack_id);
    if (rc == BZ_OK && p->data && p->data_len) {
        rc = bz_buf_append(out, p->data, p->data_len);
    }
    return rc;
}

int sio_encode_event(bz_buf *out, const sio_event *ev)
{
    int type = ev->attachments > 0 ? SIO_BINARY_EVENT : SIO_EVENT;
    int rc = put_head(out, type, ev->attachments, ev->nsp, nsp_length(ev->nsp), ev->ack_id);
    if (rc == BZ_OK) {
        rc = bz_buf_putc(out, '[');
    }
    if (rc == BZ_OK) {
        rc = bz_buf_json_str(out, ev->name);
    }
    if (rc == BZ_OK && ev->args && ev->args_len) {
        rc = bz_buf_putc(out, ',');
        if (rc == BZ_OK) {
            rc = bz_buf_append(out, ev->args, ev->args_len);
        }
    }
    if (rc == BZ_OK && ev->offset && ev->ack_id < 0) {
        rc = bz_buf_putc(out, ',');
        if (rc == BZ_OK) {
            rc = bz_buf_json_str(out, ev->offset);
        }
    }
    return rc == BZ_OK ? bz_buf_putc(out, ']') : rc;
}

ws_msg *sio_event_msg(const sio_event *ev, size_t limit)
{
    bz_buf b;
    bz_buf_init(&b, limit);
    ws_msg *m = NULL;
    if (bz_buf_putc(&b, '4') == BZ_OK && sio_encode_event(&b, ev) == BZ_OK) {
        m = ws_msg_new(WS_OP_TEXT, b.data, b.len);
    }
    bz_buf_free(&b);
    return m;
}

int sio_encode_ack(bz_buf *out, const char *nsp, int64_t ack_id, const char *args, size_t args_len,
                   int attachments)
{
    int type = attachments > 0 ? SIO_BINARY_ACK : SIO_ACK;
    int rc = put_head(out, type, attachments, nsp, nsp_length(nsp), ack_id);
    if (rc == BZ_OK) {
        rc = bz_buf_putc(out, '[');
    }
    if (rc == BZ_OK && args && args_len) {
        rc = bz_buf_append(out, args, args_len);
    }
    return rc == BZ_OK ? bz_buf_putc(out, ']') : rc;
}

/* A CONNECT or CONNECT_ERROR packet: `open` (`{"key":`) and the string `text`, then, when
 * `extra` is not NULL, `more` (`,"key":`) and `extra`: quoted as a string, or as it is when
 * `extra_is_json`. */
static int put_handshake(bz_buf *out, int type, const char *nsp, const char *open, const char *text,
                         const char *more, const char *extra, bool extra_is_json)
{
    int rc = put_head(out, type, 0, nsp, nsp_length(nsp), -1);
    if (rc == BZ_OK) {
        rc = bz_buf_puts(out, open);
    }
    if (rc == BZ_OK) {
        rc = bz_buf_json_str(out, text);
    }
    if (rc == BZ_OK && extra) {
        rc = bz_buf_puts(out, more);
        if (rc == BZ_OK) {
            rc = extra_is_json ? bz_buf_puts(out, extra) : bz_buf_json_str(out, extra);
        }
    }
    return rc == BZ_OK ? bz_buf_putc(out, '}') : rc;
}

int sio_encode_connect(bz_buf *out, const char *nsp, const char *sid, const char *pid)
{
    return put_handshake(out, SIO_CONNECT, nsp, "{\"sid\":", sid, ",\"pid\":", pid, false);
}

int sio_encode_connect_error(bz_buf *out, const char *nsp, const char *message,
                             const char *data_json)
{
    return put_handshake(out, SIO_CONNECT_ERROR, nsp, "{\"message\":", message,
                         ",\"data\":", data_json, true);
}

int sio_encode_disconnect(bz_buf *out, const char *nsp)
{
    return put_head(out, SIO_DISCONNECT, 0, nsp, nsp_length(nsp), -1);
}

ws_msg *sio_msg_from(const bz_buf *text)
{
    unsigned char *p;
    ws_msg *m = ws_msg_alloc(WS_OP_TEXT, 1 + text->len, &p);
    if (m) {
        p[0] = '4';
        if (text->len) {
            memcpy(p + 1, text->data, text->len);
        }
    }
    return m;
}
