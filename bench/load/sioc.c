/* bench/load/sioc.c - see sioc.h. */
#include "sioc.h"

#include "sio.h"
#include "wsframe.h"
#include "wshandshake.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

enum sioc_state {
    SIOC_CONNECTING,
    SIOC_UPGRADING, /* GET sent, waiting for the 101 */
    SIOC_OPENING,   /* WebSocket open, waiting for the Engine.IO open packet */
    SIOC_JOINING,   /* CONNECT sent, waiting for the reply */
    SIOC_READY,
    SIOC_CLOSING,
};

struct sioc {
    uv_tcp_t tcp;
    uv_connect_t connect_req;
    uv_loop_t *loop;
    const target *dst;
    const char *auth_json;
    const sioc_handlers *h;
    void *ud;
    struct sockaddr_in src;
    enum sioc_state state;
    bool handle_live;
    const char *close_reason;
    bytes in;   /* bytes of an incomplete frame or handshake answer */
    bytes frag; /* a fragmented message being assembled */
    uint8_t frag_opcode;
    char *accept; /* expected Sec-WebSocket-Accept, only during the handshake */
    uint64_t next_ack;
};

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

void sioc_seed_random(void)
{
    uint64_t seed;
    if (getrandom(&seed, sizeof seed, 0) == sizeof seed && seed) {
        rng_state = seed;
    }
}

/* xorshift64*: masks only need to be unpredictable to intermediaries, and
 * getrandom per frame would cost a system call per message. */
static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

sioc *sioc_new(uv_loop_t *loop, const target *t, unsigned src_index, unsigned src_count,
               const char *auth_json, const sioc_handlers *h, void *ud)
{
    sioc *c = calloc(1, sizeof *c);
    if (!c) {
        return NULL;
    }
    c->loop = loop;
    c->dst = t;
    c->auth_json = auth_json;
    c->h = h;
    c->ud = ud;
    source_addr(src_index, src_count, &c->src);
    return c;
}

bool sioc_ready(const sioc *c)
{
    return c->state == SIOC_READY;
}

static void on_handle_closed(uv_handle_t *handle)
{
    sioc *c = handle->data;
    c->h->on_closed(c, c->close_reason ? c->close_reason : "closed", c->ud);
    bytes_free(&c->in);
    bytes_free(&c->frag);
    free(c->accept);
    free(c);
}

static void fail(sioc *c, const char *why)
{
    if (c->state == SIOC_CLOSING) {
        return;
    }
    c->state = SIOC_CLOSING;
    c->close_reason = why;
    uv_close((uv_handle_t *)&c->tcp, on_handle_closed);
}

static bool send_frame(sioc *c, uint8_t opcode, const void *payload, size_t len)
{
    uint8_t stack[2048];
    uint8_t *frame = len + WS_HEADER_MAX <= sizeof stack ? stack : malloc(len + WS_HEADER_MAX);
    if (!frame) {
        return false;
    }
    uint64_t r = rng_next();
    uint8_t mask[4] = {(uint8_t)r, (uint8_t)(r >> 8), (uint8_t)(r >> 16), (uint8_t)(r >> 24)};
    size_t n = ws_frame_encode_header(frame, true, opcode, len, mask);
    memcpy(frame + n, payload, len);
    ws_mask_bytes(frame + n, len, mask, 0);
    int rc = stream_write_copy((uv_stream_t *)&c->tcp, frame, n + len);
    if (frame != stack) {
        free(frame);
    }
    return rc == 0;
}

static bool send_text(sioc *c, const char *text, size_t len)
{
    return send_frame(c, WS_OP_TEXT, text, len);
}

static void on_sio_packet(sioc *c, const char *s, size_t len, uint64_t at)
{
    sio_packet p;
    if (!sio_packet_parse(s, len, &p) || p.nsp_len != 1) {
        fail(c, "bad socket.io packet");
        return;
    }
    switch (p.type) {
    case SIO_CONNECT:
        if (c->state == SIOC_JOINING) {
            c->state = SIOC_READY;
            c->h->on_ready(c, c->ud);
        }
        break;
    case SIO_EVENT:
        if (c->h->on_event) {
            c->h->on_event(c, p.data, p.data_len, at, c->ud);
        }
        break;
    case SIO_ACK:
        if (c->h->on_ack) {
            c->h->on_ack(c, p.ack_id, p.data, p.data_len, at, c->ud);
        }
        break;
    case SIO_CONNECT_ERROR:
        fail(c, "connect_error");
        break;
    case SIO_DISCONNECT:
        fail(c, "disconnected by server");
        break;
    default:
        fail(c, "binary packets are not expected");
    }
}

static void on_eio_message(sioc *c, const char *msg, size_t len, uint64_t at)
{
    switch (eio_packet_type(msg, len)) {
    case EIO_OPEN:
        if (c->state == SIOC_OPENING) {
            char connect[1024];
            size_t n = sio_encode_connect(connect, sizeof connect, c->auth_json);
            c->state = SIOC_JOINING;
            if (!n || !send_text(c, connect, n)) {
                fail(c, "write failed");
            }
        }
        break;
    case EIO_PING:
        if (!send_text(c, "3", 1)) {
            fail(c, "write failed");
        }
        break;
    case EIO_MESSAGE:
        on_sio_packet(c, msg + 1, len - 1, at);
        break;
    case EIO_CLOSE:
        fail(c, "engine.io close");
        break;
    case EIO_NOOP:
        break;
    default:
        fail(c, "bad engine.io packet");
    }
}

static void on_message(sioc *c, uint8_t opcode, const uint8_t *data, size_t len, uint64_t at)
{
    if (opcode == WS_OP_TEXT) {
        on_eio_message(c, (const char *)data, len, at);
    } else {
        fail(c, "binary message"); /* the contract's events are all JSON */
    }
}

static void on_frame(sioc *c, const ws_frame *f, const uint8_t *payload, uint64_t at)
{
    size_t len = (size_t)f->payload_len;
    switch (f->opcode) {
    case WS_OP_PING:
        if (!send_frame(c, WS_OP_PONG, payload, len)) {
            fail(c, "write failed");
        }
        return;
    case WS_OP_PONG:
        return;
    case WS_OP_CLOSE:
        send_frame(c, WS_OP_CLOSE, payload, len < 2 ? len : 2);
        fail(c, "closed by server");
        return;
    case WS_OP_CONT:
        if (!c->frag_opcode || !bytes_append(&c->frag, payload, len)) {
            fail(c, "bad continuation");
            return;
        }
        if (f->fin) {
            uint8_t op = c->frag_opcode;
            bytes whole = c->frag;
            c->frag = (bytes){0};
            c->frag_opcode = 0;
            on_message(c, op, whole.data, whole.len, at);
            bytes_free(&whole);
        }
        return;
    default:
        if (c->frag_opcode) {
            fail(c, "interleaved message");
        } else if (f->fin) {
            on_message(c, f->opcode, payload, len, at);
        } else {
            c->frag_opcode = f->opcode;
            if (!bytes_append(&c->frag, payload, len)) {
                fail(c, "out of memory");
            }
        }
    }
}

/* Handles every whole frame in data; returns the bytes used, or -1 after fail(). */
static ssize_t on_frames(sioc *c, const uint8_t *data, size_t len, uint64_t at)
{
    size_t used = 0;
    while (used < len && c->state != SIOC_CLOSING) {
        ws_frame f;
        int rc = ws_frame_parse_header(data + used, len - used, &f);
        if (rc == WS_PARSE_ERROR) {
            fail(c, "bad websocket frame");
            return -1;
        }
        if (rc == WS_PARSE_MORE || f.payload_len > len - used - f.header_len) {
            break;
        }
        on_frame(c, &f, data + used + f.header_len, at);
        used += f.header_len + (size_t)f.payload_len;
    }
    return c->state == SIOC_CLOSING ? -1 : (ssize_t)used;
}

static void on_upgrade_bytes(sioc *c, uint64_t at)
{
    size_t consumed = 0;
    int rc = ws_check_upgrade_response((const char *)c->in.data, c->in.len, c->accept, &consumed);
    if (rc == WS_HS_FAIL) {
        fail(c, "websocket handshake refused");
        return;
    }
    if (rc == WS_HS_MORE) {
        return;
    }
    free(c->accept);
    c->accept = NULL;
    c->state = SIOC_OPENING;
    bytes_consume(&c->in, consumed);
    ssize_t used = on_frames(c, c->in.data, c->in.len, at);
    if (used > 0) {
        bytes_consume(&c->in, (size_t)used);
    }
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    sioc *c = s->data;
    if (n < 0) {
        fail(c, n == UV_EOF ? "closed by server" : "read error");
        return;
    }
    if (n == 0 || c->state == SIOC_CLOSING) {
        return;
    }
    uint64_t at = now_us();
    if (c->state == SIOC_UPGRADING) {
        if (!bytes_append(&c->in, buf->base, (size_t)n)) {
            fail(c, "out of memory");
        } else {
            on_upgrade_bytes(c, at);
        }
        return;
    }
    const uint8_t *data = (const uint8_t *)buf->base;
    size_t len = (size_t)n;
    if (c->in.len) { /* a frame was split across reads: join it first */
        if (!bytes_append(&c->in, data, len)) {
            fail(c, "out of memory");
            return;
        }
        data = c->in.data;
        len = c->in.len;
    }
    ssize_t used = on_frames(c, data, len, at);
    if (used < 0) {
        return;
    }
    if (c->in.len) {
        bytes_consume(&c->in, (size_t)used);
    } else if ((size_t)used < len && !bytes_append(&c->in, data + used, len - (size_t)used)) {
        fail(c, "out of memory");
    }
}

static void on_connect(uv_connect_t *req, int status)
{
    sioc *c = req->data;
    if (c->state == SIOC_CLOSING) {
        return;
    }
    if (status < 0) {
        fail(c, "connect failed");
        return;
    }
    uint8_t raw[16];
    uint64_t a = rng_next(), b = rng_next();
    memcpy(raw, &a, 8);
    memcpy(raw + 8, &b, 8);
    char key[WS_KEY_LEN + 1], request[512];
    ws_key_from_bytes(raw, key);
    c->accept = malloc(WS_ACCEPT_LEN + 1);
    size_t n = ws_upgrade_request(request, sizeof request, c->dst->host,
                                  "/socket.io/?EIO=4&transport=websocket", key);
    if (!c->accept || !n) {
        fail(c, "out of memory");
        return;
    }
    ws_accept_for_key(key, c->accept);
    c->state = SIOC_UPGRADING;
    if (uv_read_start((uv_stream_t *)&c->tcp, shared_alloc_cb, on_read) != 0 ||
        stream_write_copy((uv_stream_t *)&c->tcp, request, n) != 0) {
        fail(c, "write failed");
    }
}

bool sioc_start(sioc *c)
{
    bool needs_close;
    c->tcp.data = c;
    c->connect_req.data = c;
    c->state = SIOC_CONNECTING;
    int rc = tcp_connect_from(c->loop, &c->tcp, &c->connect_req, &c->src, &c->dst->addr, on_connect,
                              &needs_close);
    if (rc == 0) {
        return true;
    }
    if (needs_close) {
        fail(c, uv_err_name(rc));
    } else {
        c->h->on_closed(c, uv_err_name(rc), c->ud);
        free(c);
    }
    return false;
}

int64_t sioc_emit(sioc *c, const char *args_json, bool want_ack)
{
    if (c->state != SIOC_READY) {
        return -1;
    }
    char stack[2048];
    size_t cap = strlen(args_json) + 32;
    char *msg = cap <= sizeof stack ? stack : malloc(cap);
    if (!msg) {
        return -1;
    }
    int64_t id = want_ack ? (int64_t)c->next_ack++ : -1;
    size_t n = sio_encode_event(msg, cap, id, args_json);
    bool ok = n && send_text(c, msg, n);
    if (msg != stack) {
        free(msg);
    }
    if (!ok) {
        fail(c, "write failed");
        return -1;
    }
    return want_ack ? id : 0;
}

void sioc_close(sioc *c)
{
    if (c->state == SIOC_CLOSING) {
        return;
    }
    if (c->state >= SIOC_OPENING) {
        static const uint8_t normal_closure[2] = {0x03, 0xE8}; /* 1000 */
        send_frame(c, WS_OP_CLOSE, normal_closure, sizeof normal_closure);
    }
    fail(c, "closed by client");
}
