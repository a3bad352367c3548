/* Cross-check with an independent implementation: libwslay's low-level frame API masks
 * client frames that our decoder must read, and decodes the frames our encoder writes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <wslay/wslay.h>

#include "base/err.h"
#include "realtime/ws/ws.h"

typedef struct pipe_buf {
    unsigned char data[300000];
    size_t len, off;
} pipe_buf;

static ssize_t send_cb(const uint8_t *data, size_t len, int flags, void *u)
{
    pipe_buf *p = u;
    if (len > sizeof(p->data) - p->len) {
        return -1;
    }
    memcpy(p->data + p->len, data, len);
    p->len += len;
    return (ssize_t)len;
}

static ssize_t recv_cb(uint8_t *buf, size_t len, int flags, void *u)
{
    pipe_buf *p = u;
    size_t n = p->len - p->off < len ? p->len - p->off : len;
    if (n == 0) {
        return -1;
    }
    memcpy(buf, p->data + p->off, n);
    p->off += n;
    return (ssize_t)n;
}

static int genmask_cb(uint8_t *buf, size_t len, void *u)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = (uint8_t)(0x5A + i * 37);
    }
    return 0;
}

static void wslay_send(wslay_frame_context_ptr ctx, int fin, int op, const void *d, size_t n)
{
    struct wslay_frame_iocb io = {.fin = (uint8_t)fin,
                                  .opcode = (uint8_t)op,
                                  .mask = 1,
                                  .payload_length = n,
                                  .data = d,
                                  .data_length = n};
    assert_int_equal(wslay_frame_send(ctx, &io), (ssize_t)n);
}

typedef struct got {
    int messages;
    size_t last_len;
    int last_op;
    unsigned char last[70000];
} got;

static int on_message(void *u, int op, unsigned char *d, size_t len)
{
    got *g = u;
    g->messages++;
    g->last_op = op;
    g->last_len = len;
    memcpy(g->last, d, len);
    return 0;
}

static void wslay_client_frames(void **state)
{
    static pipe_buf wire;
    memset(&wire, 0, sizeof(wire));
    struct wslay_frame_callbacks cb = {send_cb, recv_cb, genmask_cb};
    wslay_frame_context_ptr ctx;
    assert_int_equal(wslay_frame_context_init(&ctx, &cb, &wire), 0);
    static unsigned char big[66000];
    for (size_t i = 0; i < sizeof(big); i++) {
        big[i] = (unsigned char)(i * 7);
    }
    wslay_send(ctx, 1, WSLAY_TEXT_FRAME, "4hello", 6);
    wslay_send(ctx, 0, WSLAY_BINARY_FRAME, big, 1000);
    wslay_send(ctx, 1, WSLAY_CONTINUATION_FRAME, big + 1000, sizeof(big) - 1000);
    wslay_frame_context_free(ctx);

    static got g;
    memset(&g, 0, sizeof(g));
    ws_parser *p = ws_parser_new(0);
    const ws_parser_cbs cbs = {.on_message = on_message};
    ws_parser_set_cbs(p, &cbs, &g);
    /* First message alone, then the rest in odd-sized pieces. */
    size_t used;
    assert_int_equal(ws_parser_feed(p, wire.data, 12, &used), BZ_OK);
    assert_int_equal(g.messages, 1);
    assert_memory_equal(g.last, "4hello", 6);
    for (size_t off = 12; off < wire.len; off += 997) {
        size_t n = wire.len - off < 997 ? wire.len - off : 997;
        assert_int_equal(ws_parser_feed(p, wire.data + off, n, &used), BZ_OK);
    }
    assert_int_equal(g.messages, 2);
    assert_int_equal(g.last_op, WS_OP_BINARY);
    assert_int_equal(g.last_len, sizeof(big));
    assert_memory_equal(g.last, big, sizeof(big));
    ws_parser_free(p);
}

static void wslay_reads_our_frames(void **state)
{
    static pipe_buf wire;
    memset(&wire, 0, sizeof(wire));
    static unsigned char big[70000];
    memset(big, 'q', sizeof(big));
    size_t sizes[] = {0, 5, 125, 126, 65535, 65536, 70000};
    for (size_t i = 0; i < 7; i++) {
        ws_msg *m = ws_msg_new(WS_OP_BINARY, big, sizes[i]);
        size_t n;
        const uint8_t *f = ws_msg_frame(m, &n);
        assert_int_equal(send_cb(f, n, 0, &wire), (ssize_t)n);
        ws_msg_unref(m);
    }
    struct wslay_frame_callbacks cb = {send_cb, recv_cb, genmask_cb};
    wslay_frame_context_ptr ctx;
    assert_int_equal(wslay_frame_context_init(&ctx, &cb, &wire), 0);
    for (size_t i = 0; i < 7; i++) {
        size_t total = 0;
        for (;;) {
            struct wslay_frame_iocb io;
            memset(&io, 0, sizeof(io));
            ssize_t r = wslay_frame_recv(ctx, &io);
            if (r < 0) {
                fail_msg("frame %zu: wslay error %zd after %zu bytes", i, r, total);
            }
            assert_int_equal(io.mask, 0);
            assert_int_equal(io.fin, 1);
            assert_int_equal(io.opcode, WSLAY_BINARY_FRAME);
            assert_int_equal(io.payload_length, sizes[i]);
            total += io.data_length;
            if (total == sizes[i]) {
                break;
            }
        }
    }
    wslay_frame_context_free(ctx);
}

UNIT_MAIN(cmocka_unit_test(wslay_client_frames), cmocka_unit_test(wslay_reads_our_frames))
