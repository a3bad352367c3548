/*
 * realtime/ws/ws_parser.c - incremental decoder of client WebSocket frames.
 *
 * States: HEADER (collecting 6..14 header bytes into hdr[]), PAYLOAD (`remaining` bytes of
 * the current frame to go), CLOSED (a close frame arrived), ERROR (close_code says why).
 * Invariants: msg holds the unmasked bytes of the data message being reassembled and never
 * exceeds max_payload; ctl holds a control frame split across feeds (<= 125 bytes);
 * msg_opcode is the opcode of a fragmented message in progress, 0 when none.
 */
#include "realtime/ws/ws.h"

#include "base/buf.h"
#include "base/check.h"
#include "base/err.h"

#include <stdlib.h>
#include <string.h>

enum { ST_HEADER, ST_PAYLOAD, ST_CLOSED, ST_ERROR };

/* Reassembly buffers larger than this are released after each message, so an idle
 * connection keeps at most this much. */
#define WS_KEEP_BUFFER 4096u

struct ws_parser {
    const ws_parser_cbs *cbs;
    void *user;
    size_t max_payload;
    uint64_t remaining;
    uint8_t hdr[14];
    uint8_t hdr_len;
    uint8_t state;
    uint8_t opcode;
    uint8_t fin;
    uint8_t mask[4];
    uint8_t mask_pos;
    uint8_t msg_opcode;
    uint16_t close_code;
    int err;
    bz_buf msg;
    bz_buf ctl;
};

static const ws_parser_cbs no_cbs;

ws_parser *ws_parser_new(size_t max_payload)
{
    ws_parser *p = calloc(1, sizeof(*p));
    if (!p) {
        return NULL;
    }
    p->cbs = &no_cbs;
    p->max_payload = max_payload ? max_payload : WS_DEFAULT_MAX_PAYLOAD;
    bz_buf_init(&p->msg, p->max_payload);
    bz_buf_init(&p->ctl, WS_CONTROL_MAX);
    return p;
}

void ws_parser_free(ws_parser *p)
{
    if (p) {
        bz_buf_free(&p->msg);
        bz_buf_free(&p->ctl);
        free(p);
    }
}

void ws_parser_set_cbs(ws_parser *p, const ws_parser_cbs *cbs, void *user)
{
    p->cbs = cbs ? cbs : &no_cbs;
    p->user = user;
}

int ws_parser_close_code(const ws_parser *p)
{
    return p->state == ST_ERROR ? p->close_code : 0;
}

bool ws_parser_closed(const ws_parser *p)
{
    return p->state == ST_CLOSED;
}

size_t ws_parser_buffered(const ws_parser *p)
{
    return (p->msg.data ? p->msg.cap + 1 : 0) + (p->ctl.data ? p->ctl.cap + 1 : 0);
}

static int fail(ws_parser *p, int close_code)
{
    p->state = ST_ERROR;
    p->close_code = (uint16_t)close_code;
    p->err = close_code == WS_CLOSE_TOO_BIG ? BZ_ETOOLARGE : BZ_EBADREQUEST;
    bz_buf_free(&p->msg);
    bz_buf_free(&p->ctl);
    return p->err;
}

static void unmask(uint8_t *d, size_t n, const uint8_t mask[4], unsigned pos)
{
    for (size_t i = 0; i < n; i++) {
        d[i] ^= mask[(pos + i) & 3];
    }
}

/* Bytes of header needed once the first two are known. */
static size_t header_need(const uint8_t *hdr)
{
    unsigned lc = hdr[1] & 0x7F;
    return 2 + (lc == 126 ? 2 : lc == 127 ? 8 : 0) + 4;
}

/* Checks possible after the first two header bytes. */
static int check_first_bytes(ws_parser *p)
{
    uint8_t b0 = p->hdr[0], b1 = p->hdr[1];
    unsigned op = b0 & 0x0F;
    bool fin = b0 & 0x80;
    if ((b0 & 0x70) || !(b1 & 0x80)) {
        return fail(p, WS_CLOSE_PROTOCOL); /* no extension negotiated; clients must mask */
    }
    if (op & 0x08) {
        if ((op != WS_OP_CLOSE && op != WS_OP_PING && op != WS_OP_PONG) || !fin ||
            (b1 & 0x7F) > WS_CONTROL_MAX) {
            return fail(p, WS_CLOSE_PROTOCOL);
        }
        return 0;
    }
    if (op > WS_OP_BINARY || (op == WS_OP_CONT) != (p->msg_opcode != 0)) {
        return fail(p, WS_CLOSE_PROTOCOL);
    }
    return 0;
}

/* The header is complete: decode length and mask, apply the size cap. */
static int start_payload(ws_parser *p)
{
    unsigned lc = p->hdr[1] & 0x7F;
    uint64_t len = lc;
    size_t at = 2;
    if (lc >= 126) {
        size_t nb = lc == 126 ? 2 : 8;
        len = 0;
        for (size_t i = 0; i < nb; i++) {
            len = (len << 8) | p->hdr[at++];
        }
        if (len >> 63) {
            return fail(p, WS_CLOSE_PROTOCOL);
        }
    }
    memcpy(p->mask, p->hdr + at, 4);
    p->opcode = p->hdr[0] & 0x0F;
    p->fin = (p->hdr[0] & 0x80) != 0;
    BZ_CHECK(p->msg.len <= p->max_payload); /* a message past the cap failed before */
    if (!(p->opcode & 0x08) && len > p->max_payload - p->msg.len) {
        return fail(p, WS_CLOSE_TOO_BIG);
    }
    p->remaining = len;
    p->mask_pos = 0;
    p->hdr_len = 0;
    p->state = ST_PAYLOAD;
    return 0;
}

static int take_header(ws_parser *p, const uint8_t *data, size_t len, size_t *off)
{
    size_t need = p->hdr_len < 2 ? 2 : header_need(p->hdr);
    while (*off < len && p->hdr_len < need) {
        p->hdr[p->hdr_len++] = data[(*off)++];
        if (p->hdr_len == 2) {
            int rc = check_first_bytes(p);
            if (rc) {
                return rc;
            }
            need = header_need(p->hdr);
            BZ_CHECK(need <= sizeof(p->hdr));
        }
    }
    return p->hdr_len == need && need > 2 ? start_payload(p) : 0;
}

static bool close_code_valid(unsigned c)
{
    return (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);
}

static int control_frame(ws_parser *p, const uint8_t *d, size_t n)
{
    const ws_parser_cbs *cb = p->cbs;
    if (p->opcode == WS_OP_PING) {
        return cb->on_ping ? cb->on_ping(p->user, d, n) : 0;
    }
    if (p->opcode == WS_OP_PONG) {
        return cb->on_pong ? cb->on_pong(p->user, d, n) : 0;
    }
    unsigned code = WS_CLOSE_NO_STATUS;
    if (n == 1) {
        return fail(p, WS_CLOSE_PROTOCOL);
    }
    if (n >= 2) {
        code = (unsigned)d[0] << 8 | d[1];
        if (!close_code_valid(code)) {
            return fail(p, WS_CLOSE_PROTOCOL);
        }
        if (!ws_utf8_valid(d + 2, n - 2)) {
            return fail(p, WS_CLOSE_BAD_DATA);
        }
    }
    p->state = ST_CLOSED;
    return cb->on_close ? cb->on_close(p->user, (int)code, n > 2 ? (const char *)d + 2 : "",
                                       n > 2 ? n - 2 : 0)
                        : 0;
}

/* A data frame is complete; deliver the message if it was the final fragment. */
static int data_frame(ws_parser *p, uint8_t *d, size_t n)
{
    if (!p->fin) {
        if (p->opcode != WS_OP_CONT) {
            p->msg_opcode = p->opcode;
        }
        return 0;
    }
    int op = p->opcode == WS_OP_CONT ? p->msg_opcode : p->opcode;
    p->msg_opcode = 0;
    if (op == WS_OP_TEXT && !ws_utf8_valid(d, n)) {
        return fail(p, WS_CLOSE_BAD_DATA);
    }
    int rc = p->cbs->on_message ? p->cbs->on_message(p->user, op, d, n) : 0;
    if (p->state != ST_ERROR) {
        if (p->msg.cap > WS_KEEP_BUFFER) {
            bz_buf_free(&p->msg);
        } else {
            bz_buf_reset(&p->msg);
        }
    }
    return rc;
}

static int finish_frame(ws_parser *p, uint8_t *d, size_t n)
{
    p->state = ST_HEADER;
    if (p->opcode & 0x08) {
        int rc = control_frame(p, d, n);
        if (p->state != ST_ERROR) {
            bz_buf_free(&p->ctl);
        }
        return rc;
    }
    return data_frame(p, d, n);
}

/* Room to reserve when a frame starts buffering: its size, but not more than 16 KiB until
 * the bytes really arrive (a header alone must not make us allocate max_payload). */
static size_t first_reserve(uint64_t remaining)
{
    return remaining < 16384 ? (size_t)remaining : 16384;
}

static int take_payload(ws_parser *p, uint8_t *data, size_t len, size_t *off)
{
    size_t avail = len - *off;
    size_t take = p->remaining < avail ? (size_t)p->remaining : avail;
    bool ctl = p->opcode & 0x08;
    bz_buf *b = ctl ? &p->ctl : &p->msg;
    uint8_t *src = data + *off;
    *off += take;
    if (take == p->remaining && b->len == 0 && (ctl || p->fin)) {
        /* The whole frame is here and nothing is buffered: unmask in place, no copy. */
        unmask(src, take, p->mask, p->mask_pos);
        p->remaining = 0;
        return finish_frame(p, src, take);
    }
    if (take) {
        if (b->len == 0 && bz_buf_reserve(b, first_reserve(p->remaining)) != BZ_OK) {
            return fail(p, WS_CLOSE_INTERNAL);
        }
        size_t at = b->len;
        if (bz_buf_append(b, src, take) != BZ_OK) {
            return fail(p, ctl ? WS_CLOSE_PROTOCOL : WS_CLOSE_TOO_BIG);
        }
        unmask((uint8_t *)b->data + at, take, p->mask, p->mask_pos);
        p->mask_pos = (uint8_t)((p->mask_pos + take) & 3);
        p->remaining -= take;
    }
    if (p->remaining > 0) {
        return 0;
    }
    /* Control frames are delivered from ctl; a final data frame from msg (which then holds
     * the whole message). A non-final fragment stays in msg. */
    return finish_frame(p, (uint8_t *)b->data, b->len);
}

int ws_parser_feed(ws_parser *p, unsigned char *data, size_t len, size_t *consumed)
{
    size_t off = 0;
    int rc = 0;
    if (p->state == ST_ERROR) {
        rc = p->err;
    }
    while (rc == 0) {
        if (p->state == ST_HEADER && off < len) {
            rc = take_header(p, data, len, &off);
        } else if (p->state == ST_PAYLOAD && (off < len || p->remaining == 0)) {
            rc = take_payload(p, data, len, &off);
        } else {
            break;
        }
    }
    if (p->state == ST_CLOSED && rc == 0) {
        off = len; /* nothing may follow a close frame */
    }
    if (consumed) {
        *consumed = off;
    }
    return rc;
}
