/*
 * realtime/ws/ws_msg.c - server frame headers and the shared, refcounted frame buffer.
 *
 * Layout of one allocation: the struct, then WS_MAX_HEADER bytes of headroom, then the
 * payload. The header is written right-aligned into the headroom so that header and payload
 * are contiguous: one write() per frame, one malloc per broadcast.
 */
#include "realtime/ws/ws.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct ws_msg {
    atomic_uint refs;
    uint8_t opcode;
    uint8_t hdr_len;
    size_t len;      /* payload bytes */
    uint8_t bytes[]; /* WS_MAX_HEADER headroom, then the payload */
};

size_t ws_frame_header(uint8_t out[WS_MAX_HEADER], int opcode, uint64_t payload_len)
{
    out[0] = (uint8_t)(0x80 | (opcode & 0x0F));
    if (payload_len < 126) {
        out[1] = (uint8_t)payload_len;
        return 2;
    }
    if (payload_len <= 0xFFFF) {
        out[1] = 126;
        out[2] = (uint8_t)(payload_len >> 8);
        out[3] = (uint8_t)payload_len;
        return 4;
    }
    out[1] = 127;
    for (int i = 0; i < 8; i++) {
        out[2 + i] = (uint8_t)(payload_len >> (56 - 8 * i));
    }
    return 10;
}

ws_msg *ws_msg_alloc(int opcode, size_t len, unsigned char **payload)
{
    if (len > SIZE_MAX - sizeof(ws_msg) - WS_MAX_HEADER) {
        return NULL;
    }
    ws_msg *m = malloc(sizeof(*m) + WS_MAX_HEADER + len);
    if (!m) {
        return NULL;
    }
    atomic_init(&m->refs, 1);
    m->opcode = (uint8_t)opcode;
    m->len = len;
    uint8_t hdr[WS_MAX_HEADER];
    m->hdr_len = (uint8_t)ws_frame_header(hdr, opcode, len);
    memcpy(m->bytes + WS_MAX_HEADER - m->hdr_len, hdr, m->hdr_len);
    if (payload) {
        *payload = m->bytes + WS_MAX_HEADER;
    }
    return m;
}

ws_msg *ws_msg_new(int opcode, const void *data, size_t len)
{
    unsigned char *p;
    ws_msg *m = ws_msg_alloc(opcode, len, &p);
    if (m && len) {
        memcpy(p, data, len);
    }
    return m;
}

ws_msg *ws_msg_close(int code, const char *reason)
{
    size_t rlen = reason ? strlen(reason) : 0;
    if (rlen > WS_CONTROL_MAX - 2) {
        rlen = WS_CONTROL_MAX - 2;
        /* Do not cut a UTF-8 sequence in half. */
        while (rlen > 0 && ((unsigned char)reason[rlen] & 0xC0) == 0x80) {
            rlen--;
        }
    }
    unsigned char *p;
    ws_msg *m = ws_msg_alloc(WS_OP_CLOSE, 2 + rlen, &p);
    if (m) {
        p[0] = (unsigned char)(code >> 8);
        p[1] = (unsigned char)code;
        if (rlen) {
            memcpy(p + 2, reason, rlen);
        }
    }
    return m;
}

ws_msg *ws_msg_ref(ws_msg *m)
{
    if (m) {
        atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
    }
    return m;
}

void ws_msg_unref(ws_msg *m)
{
    if (m && atomic_fetch_sub_explicit(&m->refs, 1, memory_order_acq_rel) == 1) {
        free(m);
    }
}

const uint8_t *ws_msg_frame(const ws_msg *m, size_t *len)
{
    *len = m->hdr_len + m->len;
    return m->bytes + WS_MAX_HEADER - m->hdr_len;
}

const uint8_t *ws_msg_payload(const ws_msg *m, size_t *len)
{
    *len = m->len;
    return m->bytes + WS_MAX_HEADER;
}

int ws_msg_opcode(const ws_msg *m)
{
    return m->opcode;
}
