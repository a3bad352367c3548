/*
 * realtime/ws/ws.h - WebSocket (RFC 6455) for the server side, without sockets.
 *
 * Three parts:
 *  - the opening handshake: check an upgrade request's headers and compute
 *    Sec-WebSocket-Accept (SHA-1 from libcrypto, our own base64);
 *  - ws_parser: an incremental decoder of client frames. Bytes may be split
 *    anywhere. Client frames must be masked; control frames must be final and at
 *    most 125 bytes; fragments are reassembled up to `max_payload` bytes (close
 *    1009 beyond); text messages must be UTF-8 (close 1007); anything else
 *    malformed is close 1002. A whole unfragmented frame found inside one feed is
 *    unmasked in place and handed over without a copy;
 *  - ws_msg: an immutable, reference-counted, pre-encoded server frame. A
 *    broadcast is encoded once and the same ws_msg is queued on every
 *    connection; its payload (without the frame header) is also what the polling
 *    transport writes, so one allocation serves both transports.
 *
 * Why not wslay: its frame context embeds a 4 KiB input buffer per connection
 * (the budget is 2 KiB per idle connection), pulls bytes through a recv
 * callback and copies every payload, and its event API queues a private copy of
 * each outgoing message per connection, so a broadcast cannot be shared. The
 * framing rules are small; the tests use libwslay as an independent encoder of
 * client frames and decoder of ours.
 *
 * Thread rules: a ws_parser belongs to one thread at a time. A ws_msg is
 * immutable once built; ws_msg_ref/ws_msg_unref are atomic, so a message may be
 * built on one thread and shared with connections on others.
 */
#ifndef REALTIME_WS_WS_H
#define REALTIME_WS_WS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ws_opcode {
    WS_OP_CONT = 0x0,
    WS_OP_TEXT = 0x1,
    WS_OP_BINARY = 0x2,
    WS_OP_CLOSE = 0x8,
    WS_OP_PING = 0x9,
    WS_OP_PONG = 0xA
};

enum ws_close_code {
    WS_CLOSE_NORMAL = 1000,
    WS_CLOSE_GOING_AWAY = 1001,
    WS_CLOSE_PROTOCOL = 1002,
    WS_CLOSE_UNSUPPORTED = 1003,
    WS_CLOSE_NO_STATUS = 1005, /* never sent: "the close frame had no code" */
    WS_CLOSE_BAD_DATA = 1007,
    WS_CLOSE_POLICY = 1008,
    WS_CLOSE_TOO_BIG = 1009,
    WS_CLOSE_INTERNAL = 1011
};

#define WS_DEFAULT_MAX_PAYLOAD 1000000u
#define WS_CONTROL_MAX         125u
#define WS_MAX_HEADER          10u /* largest server (unmasked) frame header */
#define WS_ACCEPT_LEN          28u /* base64 of a SHA-1 digest */

/* ---- handshake ---------------------------------------------------------------------- */

/* Same layout as http_header (http/wire.h): NUL-terminated name and value. */
typedef struct ws_header {
    const char *name; /* compared case-insensitively */
    const char *value;
} ws_header;

/* Check a GET upgrade request's headers: Upgrade has the token "websocket", Connection the
 * token "upgrade" (both case-insensitive, comma lists), Sec-WebSocket-Version is 13 and
 * Sec-WebSocket-Key is base64 of 16 bytes. On success writes the NUL-terminated
 * Sec-WebSocket-Accept value into `accept` and returns BZ_OK. Otherwise BZ_EBADREQUEST, and
 * *status is the HTTP status to answer: 426 for a wrong version (the response must then carry
 * "Sec-WebSocket-Version: 13"), 400 for anything else. `status` may be NULL. The method (GET)
 * and the URL are the caller's to check. */
int ws_handshake_check(const ws_header *headers, size_t n, char accept[WS_ACCEPT_LEN + 1],
                       int *status);

/* Sec-WebSocket-Accept for a key: base64(SHA-1(key + RFC 6455 GUID)). `out` gets 28 chars + NUL. */
void ws_accept_key(const char *key, size_t key_len, char out[WS_ACCEPT_LEN + 1]);

/* Write the complete 101 response (status line and headers, ending with the blank line) into
 * `out` (at least 160 bytes). Returns its length, or 0 if `cap` is too small. */
size_t ws_handshake_response(const char *accept, char *out, size_t cap);

/* ---- base64 (RFC 4648, standard alphabet) -------------------------------------------- */

/* Encoded length of `n` bytes, with padding. */
size_t ws_base64_len(size_t n);

/* Encode `n` bytes into `out` (ws_base64_len(n) bytes, no terminator). Returns that length. */
size_t ws_base64_encode(const void *in, size_t n, char *out);

/* Decode base64 (padding optional, no whitespace) into `out`, which may alias `in` (decoding
 * in place is safe: output never overtakes input). Returns the decoded length, or -1 on a
 * character outside the alphabet, misplaced padding or an impossible length. */
long ws_base64_decode(const char *in, size_t n, unsigned char *out);

/* ---- UTF-8 ---------------------------------------------------------------------------- */

/* True if `s` is well-formed UTF-8 (NUL bytes allowed; no overlongs, surrogates or code
 * points past U+10FFFF). */
bool ws_utf8_valid(const void *s, size_t len);

/* ---- frame decoder -------------------------------------------------------------------- */

/* Events of the decoder. `data` points into the fed bytes or into the parser's reassembly
 * buffer and is valid only during the call; it may be modified. Return 0 to go on or any
 * non-zero value to stop: ws_parser_feed then returns that value. Any member may be NULL. */
typedef struct ws_parser_cbs {
    /* A complete message: WS_OP_TEXT (valid UTF-8) or WS_OP_BINARY. */
    int (*on_message)(void *user, int opcode, unsigned char *data, size_t len);
    /* A ping: the owner answers with a pong carrying the same data. */
    int (*on_ping)(void *user, const unsigned char *data, size_t len);
    int (*on_pong)(void *user, const unsigned char *data, size_t len);
    /* A close frame: code (WS_CLOSE_NO_STATUS if none) and UTF-8 reason. The owner answers
     * with a close frame (echoing the code, or 1000) and closes. Later bytes are ignored. */
    int (*on_close)(void *user, int code, const char *reason, size_t len);
} ws_parser_cbs;

typedef struct ws_parser ws_parser;

/* A decoder refusing messages larger than `max_payload` bytes (0 = WS_DEFAULT_MAX_PAYLOAD).
 * NULL on OOM. Free with ws_parser_free. */
ws_parser *ws_parser_new(size_t max_payload);
void ws_parser_free(ws_parser *p);

/* Decode `len` bytes. Masked payloads are unmasked in place, so `data` must be writable
 * (a read buffer). Calls back for each complete message and control frame. Returns BZ_OK
 * when every byte was consumed, a callback's non-zero value (*consumed then tells how many
 * bytes were used; feed the rest later), or on a protocol violation BZ_EBADREQUEST or
 * BZ_ETOOLARGE: the owner then sends a close frame with ws_parser_close_code and closes.
 * After an error or a close frame every later feed returns at once (errors persist). */
int ws_parser_feed(ws_parser *p, unsigned char *data, size_t len, size_t *consumed);
void ws_parser_set_cbs(ws_parser *p, const ws_parser_cbs *cbs, void *user);

/* The close code describing the decoder's error (1002, 1007 or 1009), 0 if none. */
int ws_parser_close_code(const ws_parser *p);

/* True once a close frame was decoded. */
bool ws_parser_closed(const ws_parser *p);

/* Heap bytes the decoder holds now (reassembly buffers), for memory accounting. */
size_t ws_parser_buffered(const ws_parser *p);

/* ---- frame encoder and shared messages ------------------------------------------------ */

/* Write an unmasked server frame header for a final frame into `out`; returns its length
 * (2, 4 or 10). */
size_t ws_frame_header(uint8_t out[WS_MAX_HEADER], int opcode, uint64_t payload_len);

typedef struct ws_msg ws_msg;

/* A message of `len` payload bytes whose payload the caller fills through *payload before
 * sharing it (the frame header is already written). Reference count 1. NULL on OOM. */
ws_msg *ws_msg_alloc(int opcode, size_t len, unsigned char **payload);

/* A message holding a copy of `data`. Reference count 1. NULL on OOM. */
ws_msg *ws_msg_new(int opcode, const void *data, size_t len);

/* A close frame with `code` and a reason (NULL = none; truncated to fit 125 bytes). */
ws_msg *ws_msg_close(int code, const char *reason);

/* Take / drop a reference (atomic; NULL allowed). The last unref frees the message. */
ws_msg *ws_msg_ref(ws_msg *m);
void ws_msg_unref(ws_msg *m);

/* The whole frame (header + payload): what a WebSocket connection writes. */
const uint8_t *ws_msg_frame(const ws_msg *m, size_t *len);

/* The payload alone: what the polling transport writes (text) or base64-encodes (binary). */
const uint8_t *ws_msg_payload(const ws_msg *m, size_t *len);

int ws_msg_opcode(const ws_msg *m);

#endif
