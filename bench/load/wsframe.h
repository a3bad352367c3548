/* bench/load/wsframe.h - WebSocket frame codec for the client side (RFC 6455 §5).
 *
 * Pure functions, no I/O. The client masks what it sends and refuses masked
 * frames from the server, reserved bits (no extension is negotiated) and
 * malformed control frames, so a broken server shows up as an error instead
 * of as odd latency figures. */
#ifndef BENCH_LOAD_WSFRAME_H
#define BENCH_LOAD_WSFRAME_H

#include "realtime/ws/ws.h" /* enum ws_opcode (WS_OP_*): RFC 6455's, defined once */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WS_HEADER_MAX 14 /* 2 + 8 (length) + 4 (mask) */

typedef struct ws_frame {
    bool fin;
    uint8_t opcode;
    bool masked;
    uint8_t mask[4];
    size_t header_len;
    uint64_t payload_len;
} ws_frame;

enum { WS_PARSE_ERROR = -1, WS_PARSE_MORE = 0, WS_PARSE_OK = 1 };

/* Reads a frame header from a server. WS_PARSE_OK fills out (the payload follows at
 * buf + out->header_len and may not be complete yet); WS_PARSE_MORE needs more bytes;
 * WS_PARSE_ERROR for a protocol violation. */
int ws_frame_parse_header(const uint8_t *buf, size_t len, ws_frame *out);

/* Writes a masked client frame header; returns its length (6, 8 or 14). */
size_t ws_frame_encode_header(uint8_t *out, bool fin, uint8_t opcode, uint64_t payload_len,
                              const uint8_t mask[4]);

/* XORs data with the mask; offset is the position of data[0] within the payload. */
void ws_mask_bytes(uint8_t *data, size_t len, const uint8_t mask[4], size_t offset);

/* True for opcodes defined by RFC 6455. */
bool ws_opcode_known(uint8_t opcode);

#endif
