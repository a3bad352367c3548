/* bench/load/sio.h - Engine.IO v4 and Socket.IO v5 text packets (pure, no I/O).
 *
 * Over WebSocket each Engine.IO packet is one text message: a type digit and
 * data. A Socket.IO packet is the data of an Engine.IO message (type 4):
 *   <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]
 * (socketio-protocol.md §2.1, §3.2). */
#ifndef BENCH_LOAD_SIO_H
#define BENCH_LOAD_SIO_H

#include "realtime/engineio/eio.h" /* enum eio_type: the protocol's, defined once */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sio_type {
    SIO_CONNECT = 0,
    SIO_DISCONNECT = 1,
    SIO_EVENT = 2,
    SIO_ACK = 3,
    SIO_CONNECT_ERROR = 4,
    SIO_BINARY_EVENT = 5,
    SIO_BINARY_ACK = 6,
};

/* The Engine.IO type of a text message, or -1 when it is not a digit 0-6. The data
 * is the rest of the message. */
int eio_packet_type(const char *msg, size_t len);

typedef struct sio_packet {
    int type;        /* enum sio_type */
    int attachments; /* binary packets only, else 0 */
    const char *nsp; /* "/" when absent */
    size_t nsp_len;
    bool has_ack;
    uint64_t ack_id;
    const char *data; /* JSON payload, may be empty */
    size_t data_len;
} sio_packet;

/* Parses a Socket.IO packet (the Engine.IO message data, without the leading '4').
 * Returns false for an unknown type, a bad attachment count, an ack id that
 * overflows, or a payload that does not start like JSON. */
bool sio_packet_parse(const char *s, size_t len, sio_packet *out);

/* Writes the Engine.IO message of an EVENT in namespace "/": "42" [ack id] args,
 * where args_json is the whole JSON array (["name",{...}]). ack_id < 0: no ack.
 * Returns the length written, or 0 when cap is too small. */
size_t sio_encode_event(char *out, size_t cap, int64_t ack_id, const char *args_json);

/* Writes "40" plus an optional auth object (NULL: none). 0 when cap is too small. */
size_t sio_encode_connect(char *out, size_t cap, const char *auth_json);

#endif
