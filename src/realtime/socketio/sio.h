/*
 * realtime/socketio/sio.h - Socket.IO v5 packet codec, without sockets.
 *
 * Text form: <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]. The decoder
 * applies every rule of the reference parser (socket.io-parser 4.2.x; facts sheet §3.2 and
 * §3.7): type 0-6, attachment count 1..10 on binary types only, namespace with or without
 * the trailing comma, ack id digits, JSON that parses and has the right shape, reserved
 * event names. JSON is parsed (jansson) only to validate it; a decoded packet keeps the
 * client's JSON text so the application can echo arguments verbatim.
 *
 * Binary packets: placeholders {"_placeholder":true,"num":N} (anywhere in the JSON) name the
 * attachments, which arrive as the following binary Engine.IO messages; sio_decoder
 * reassembles them. Encoders write the text form; sio_*_msg variants build the "4"-prefixed
 * Engine.IO message as one shared ws_msg, so a broadcast is serialised once for every
 * WebSocket and polling connection.
 *
 * Thread rules: functions are reentrant; a sio_decoder belongs to one thread at a time.
 */
#ifndef REALTIME_SOCKETIO_SIO_H
#define REALTIME_SOCKETIO_SIO_H

#include "base/buf.h"
#include "realtime/ws/ws.h"

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
    SIO_BINARY_ACK = 6
};

#define SIO_MAX_ATTACHMENTS 10
#define SIO_NSP_MAX         256 /* longer namespaces are refused */

/* A binary attachment: bytes owned by whoever produced the packet. */
typedef struct sio_bytes {
    const unsigned char *data;
    size_t len;
} sio_bytes;

/* One packet. Decoded packets point into the decoded text (or the decoder's copy of it). */
typedef struct sio_packet {
    int type;        /* enum sio_type */
    int attachments; /* binary types: 1..10; else 0 */
    const char *nsp; /* namespace, "/" by default; not NUL-terminated */
    size_t nsp_len;
    int64_t ack_id;   /* -1 when none */
    const char *data; /* JSON payload text, NULL when none */
    size_t data_len;
    const sio_bytes *bins; /* attachments (count `attachments`), NULL when none */
} sio_packet;

/* Decode the text of one packet (the data of an Engine.IO message, without the `4`).
 * BZ_OK, or BZ_EBADREQUEST for anything the reference parser refuses (the Engine.IO
 * session must then close). Placeholders are checked against the attachment count. */
int sio_decode(const char *s, size_t len, sio_packet *out);

/* The event name of an EVENT / BINARY_EVENT packet: a string (decoded from JSON, malloc'd,
 * NUL-terminated; caller frees) or, for a numeric name, its JSON text. NULL on OOM or if
 * `p` is not an event. */
char *sio_event_name(const sio_packet *p);

/* The arguments after the event name, as JSON text without brackets (`1,"2",{"3":[true]}`),
 * pointing into p->data; length 0 when there are none. For ACK packets: everything inside
 * the brackets. BZ_OK or BZ_EBADREQUEST if `p` has no array payload. */
int sio_event_args(const sio_packet *p, const char **args, size_t *len);

/* ---- encoders ------------------------------------------------------------------------- */

/* Append the text form of `p` (data verbatim; `bins` ignored) to `out`. */
int sio_encode(bz_buf *out, const sio_packet *p);

/* An EVENT: `name` (a string, JSON-escaped here) and `args` (JSON text of the arguments,
 * comma-separated without brackets, may be NULL/empty), an ack id (-1 = none), an attachment
 * count (0 = EVENT, else BINARY_EVENT whose args carry the placeholders) and, for
 * connection-state recovery, an `offset` appended as the last argument (NULL = none; ignored
 * when there is an ack id, as the reference does). */
typedef struct sio_event {
    const char *nsp; /* NULL = "/" */
    const char *name;
    const char *args;
    size_t args_len;
    int64_t ack_id;
    int attachments;
    const char *offset;
} sio_event;

int sio_encode_event(bz_buf *out, const sio_event *ev);

/* The Engine.IO message `4` + the event, built once and shareable (reference count 1; NULL
 * on OOM or over `limit` bytes, 0 = no limit). Attachments are separate messages:
 * eio_msg_binary. */
ws_msg *sio_event_msg(const sio_event *ev, size_t limit);

/* An ACK (or BINARY_ACK when attachments > 0) for `ack_id` with `args` as above. */
int sio_encode_ack(bz_buf *out, const char *nsp, int64_t ack_id, const char *args, size_t args_len,
                   int attachments);

/* The CONNECT reply: {"sid":…} plus "pid" when `pid` is not NULL (recovery on). */
int sio_encode_connect(bz_buf *out, const char *nsp, const char *sid, const char *pid);

/* CONNECT_ERROR {"message":…} plus "data" (JSON text, NULL = none). */
int sio_encode_connect_error(bz_buf *out, const char *nsp, const char *message,
                             const char *data_json);

/* DISCONNECT for a namespace (the server kicking a socket out). */
int sio_encode_disconnect(bz_buf *out, const char *nsp);

/* A shared Engine.IO message (`4` + the text in `text`). NULL on OOM. */
ws_msg *sio_msg_from(const bz_buf *text);

/* ---- binary reassembly ---------------------------------------------------------------- */

typedef struct sio_decoder sio_decoder;

/* A decoder holding at most `max_bytes` of a pending binary packet (its text plus the
 * attachments received so far; 0 = 10 MB). NULL on OOM. */
sio_decoder *sio_decoder_new(size_t max_bytes);
void sio_decoder_free(sio_decoder *d);

/* Feed a text Engine.IO message. Returns 1 with *out complete (valid until the next call),
 * 0 when a binary packet now awaits its attachments, BZ_EBADREQUEST when the packet is
 * invalid or attachments were still awaited. */
int sio_decoder_text(sio_decoder *d, const char *s, size_t len, sio_packet *out);

/* Feed a binary Engine.IO message (copied). Returns 1 with *out complete (bins filled), 0 if
 * more attachments are awaited, BZ_EBADREQUEST if no binary packet is pending, BZ_ETOOLARGE
 * past max_bytes. */
int sio_decoder_binary(sio_decoder *d, const void *data, size_t len, sio_packet *out);

/* True while attachments are awaited. */
bool sio_decoder_pending(const sio_decoder *d);

#endif
