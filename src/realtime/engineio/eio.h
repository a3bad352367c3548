/*
 * realtime/engineio/eio.h - Engine.IO v4 codec, without sockets.
 *
 * Packets are one ASCII digit (the type) and data. Over WebSocket a text message is one
 * packet and a binary message is a binary `message` packet. Over polling a body holds
 * packets joined by 0x1E, a binary message being written `b` + base64. Also here: the open
 * packet, the error bodies and codes of a refused request, the query string, and session
 * ids. The session state machine is in eio_session.h.
 *
 * Thread rules: every function is reentrant; none keeps state.
 */
#ifndef REALTIME_ENGINEIO_EIO_H
#define REALTIME_ENGINEIO_EIO_H

#include "base/buf.h"
#include "realtime/ws/ws.h"

#include <stdbool.h>
#include <stddef.h>

enum eio_type {
    EIO_OPEN = 0,
    EIO_CLOSE = 1,
    EIO_PING = 2,
    EIO_PONG = 3,
    EIO_MESSAGE = 4,
    EIO_UPGRADE = 5,
    EIO_NOOP = 6
};

#define EIO_SEPARATOR 0x1E
#define EIO_SID_LEN   20 /* base64url of 15 random bytes */
#define EIO_SID_MAX   64 /* longer sid parameters are never valid */

/* One decoded packet. `data` points into the caller's input (or into a WebSocket message)
 * and is valid as long as that input. */
typedef struct eio_packet {
    int type;    /* enum eio_type */
    bool binary; /* a binary message (type EIO_MESSAGE): raw bytes, not text */
    unsigned char *data;
    size_t len;
} eio_packet;

/* Decode one text packet (a WebSocket text message, or one part of a polling body, where
 * `b` + base64 is a binary message decoded in place). BZ_OK, or BZ_EBADREQUEST for an empty
 * packet, a first byte other than 0-6 (or `b` when `polling`), or bad base64. */
int eio_decode_packet(unsigned char *s, size_t len, bool polling, eio_packet *out);

/* Called for each packet of a payload; return 0 to go on, non-zero to stop (returned). */
typedef int (*eio_packet_cb)(void *user, const eio_packet *p);

/* Decode a polling POST body in place: split on 0x1E and decode each part in order. The
 * body must be UTF-8. Decoding stops at the first invalid part: packets before it have been
 * delivered, and BZ_EBADREQUEST is returned (the session must then close). */
int eio_payload_decode(unsigned char *body, size_t len, eio_packet_cb cb, void *user);

/* Append a packet of `type` with `data` to a polling payload in `out`, preceded by 0x1E
 * when `out` is not empty. BZ_OK, BZ_ETOOLARGE past out's limit, BZ_ENOMEM. */
int eio_payload_append(bz_buf *out, int type, const void *data, size_t len);

/* Append a shared message (built by eio_msg*) to a polling payload: text verbatim, binary as
 * `b` + base64. Same results as eio_payload_append. */
int eio_payload_append_msg(bz_buf *out, const ws_msg *m);

/* A shared server message holding the packet `type` + data (text), or raw bytes (binary
 * message). Reference count 1; NULL on OOM. The same object is written to WebSocket
 * connections (ws_msg_frame) and polling payloads (eio_payload_append_msg). */
ws_msg *eio_msg(int type, const void *data, size_t len);
ws_msg *eio_msg_binary(const void *data, size_t len);

/* Write the open packet: `0{"sid":…,"upgrades":[…],"pingInterval":…,"pingTimeout":…,
 * "maxPayload":…}` with exactly these five keys; upgrades is ["websocket"] when
 * `can_upgrade`, else []. Appends to `out`. */
int eio_open_packet(bz_buf *out, const char *sid, bool can_upgrade, unsigned ping_interval_ms,
                    unsigned ping_timeout_ms, size_t max_payload);

/* A new session id: EIO_SID_LEN URL-safe characters from 120 random bits, NUL-terminated. */
void eio_sid_new(char out[EIO_SID_LEN + 1]);

/* ---- refused requests --------------------------------------------------------------- */

enum eio_error {
    EIO_ERR_NONE = -1,
    EIO_ERR_TRANSPORT_UNKNOWN = 0,
    EIO_ERR_SID_UNKNOWN = 1,
    EIO_ERR_BAD_HANDSHAKE_METHOD = 2,
    EIO_ERR_BAD_REQUEST = 3,
    EIO_ERR_FORBIDDEN = 4,
    EIO_ERR_UNSUPPORTED_PROTOCOL = 5
};

/* "Transport unknown", "Session ID unknown", … (static; "Forbidden" for 4). */
const char *eio_error_message(int code);

/* The JSON body `{"code":N,"message":"…"}` for a polling refusal (static string). */
const char *eio_error_json(int code);

/* HTTP status of a refusal: 403 for EIO_ERR_FORBIDDEN, else 400. */
int eio_error_status(int code);

/* ---- query string --------------------------------------------------------------------- */

enum eio_transport { EIO_TRANSPORT_NONE = 0, EIO_TRANSPORT_POLLING, EIO_TRANSPORT_WEBSOCKET };

typedef struct eio_query {
    bool eio4;     /* EIO=4 exactly (anything else is revision 3: refused) */
    int transport; /* EIO_TRANSPORT_NONE when missing or unknown */
    bool has_sid;  /* a sid parameter was given (possibly invalid: then sid is "") */
    bool b64;      /* b64=1 (binary as base64 text frames over WebSocket too) */
    char sid[EIO_SID_MAX + 1];
} eio_query;

/* Parse the query string `qs` (the part after '?', without '#'). Unknown parameters (t, j,
 * the application's) are ignored; values are URL-decoded. Never fails. */
void eio_query_parse(const char *qs, size_t len, eio_query *q);

enum eio_method { EIO_GET, EIO_POST, EIO_OTHER_METHOD };

/* The request checks of the reference server, in its order: transport, origin, then with a
 * sid: known session (`session_transport` is the live session's current transport, or
 * EIO_TRANSPORT_NONE when the sid is unknown), same transport unless `ws_upgrade`, same EIO;
 * without a sid: GET, an Upgrade for websocket, EIO=4. Returns EIO_ERR_NONE or the code to
 * answer. The application's own refusal (code 4) is not decided here. */
int eio_verify(const eio_query *q, int method, bool ws_upgrade, bool origin_ok,
               int session_transport);

#endif
