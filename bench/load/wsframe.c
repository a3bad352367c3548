/* bench/load/wsframe.c - see wsframe.h. */
#include "wsframe.h"

bool ws_opcode_known(uint8_t opcode)
{
    switch (opcode) {
    case WS_OP_CONT:
    case WS_OP_TEXT:
    case WS_OP_BINARY:
    case WS_OP_CLOSE:
    case WS_OP_PING:
    case WS_OP_PONG:
        return true;
    default:
        return false;
    }
}

static uint64_t read_be(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) {
        v = (v << 8) | p[i];
    }
    return v;
}

int ws_frame_parse_header(const uint8_t *buf, size_t len, ws_frame *out)
{
    if (len < 2) {
        return WS_PARSE_MORE;
    }
    out->fin = (buf[0] & 0x80) != 0;
    out->opcode = buf[0] & 0x0F;
    out->masked = (buf[1] & 0x80) != 0;
    if ((buf[0] & 0x70) != 0 || !ws_opcode_known(out->opcode)) {
        return WS_PARSE_ERROR;
    }
    if (out->masked) { /* a server never masks (RFC 6455 §5.1) */
        return WS_PARSE_ERROR;
    }
    uint8_t len7 = buf[1] & 0x7F;
    size_t need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
    if (len < need) {
        return WS_PARSE_MORE;
    }
    if (len7 == 126) {
        out->payload_len = read_be(buf + 2, 2);
        if (out->payload_len < 126) {
            return WS_PARSE_ERROR; /* not the minimal encoding */
        }
    } else if (len7 == 127) {
        out->payload_len = read_be(buf + 2, 8);
        if (out->payload_len >> 63 || out->payload_len <= 0xFFFF) {
            return WS_PARSE_ERROR;
        }
    } else {
        out->payload_len = len7;
    }
    if (out->opcode >= WS_OP_CLOSE && (!out->fin || out->payload_len > 125)) {
        return WS_PARSE_ERROR; /* control frames are short and never fragmented */
    }
    out->header_len = need;
    return WS_PARSE_OK;
}

size_t ws_frame_encode_header(uint8_t *out, bool fin, uint8_t opcode, uint64_t payload_len,
                              const uint8_t mask[4])
{
    size_t n = 0;
    out[n++] = (uint8_t)((fin ? 0x80 : 0) | (opcode & 0x0F));
    if (payload_len < 126) {
        out[n++] = (uint8_t)(0x80 | payload_len);
    } else if (payload_len <= 0xFFFF) {
        out[n++] = 0x80 | 126;
        out[n++] = (uint8_t)(payload_len >> 8);
        out[n++] = (uint8_t)payload_len;
    } else {
        out[n++] = 0x80 | 127;
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[n++] = (uint8_t)(payload_len >> shift);
        }
    }
    for (int i = 0; i < 4; i++) {
        out[n++] = mask[i];
    }
    return n;
}

void ws_mask_bytes(uint8_t *data, size_t len, const uint8_t mask[4], size_t offset)
{
    for (size_t i = 0; i < len; i++) {
        data[i] ^= mask[(offset + i) & 3];
    }
}
