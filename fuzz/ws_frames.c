/*
 * Fuzz target for the WebSocket frame decoder (realtime/ws/ws.h). The first byte picks the
 * message cap (small caps reach the 1009 path) and the size of the feeds, so header and
 * payload splits are exercised as well as the bytes; the second picks how a callback stops
 * the parser. Each delivered message is touched and re-encoded as a server frame.
 */
#include "realtime/ws/ws.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sink {
    size_t seen;
    int stop_every;
    int calls;
} sink;

static int touch(sink *s, const unsigned char *d, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        s->seen += d[i];
    }
    return s->stop_every && ++s->calls % s->stop_every == 0;
}

static int on_message(void *u, int op, unsigned char *d, size_t len)
{
    ws_msg *m = ws_msg_new(op, d, len);
    if (m) {
        size_t n;
        const uint8_t *f = ws_msg_frame(m, &n);
        ((sink *)u)->seen += f[0] + n;
        ws_msg_unref(m);
    }
    return touch(u, d, len);
}

static int on_control(void *u, const unsigned char *d, size_t len)
{
    return touch(u, d, len);
}

static int on_close(void *u, int code, const char *reason, size_t len)
{
    ws_msg_unref(ws_msg_close(code == WS_CLOSE_NO_STATUS ? WS_CLOSE_NORMAL : code, NULL));
    return touch(u, (const unsigned char *)reason, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) {
        return 0;
    }
    static const ws_parser_cbs cbs = {on_message, on_control, on_control, on_close};
    size_t caps[4] = {0, 16, 200, 70000};
    ws_parser *p = ws_parser_new(caps[data[0] & 3]);
    if (!p) {
        return 0;
    }
    sink s = {.stop_every = data[1] & 3};
    ws_parser_set_cbs(p, &cbs, &s);
    size_t step = 1 + (data[0] >> 2) * 7;
    size_t len = size - 2;
    unsigned char *buf = malloc(len ? len : 1);
    memcpy(buf, data + 2, len);
    size_t off = 0;
    while (off < len) {
        size_t n = len - off < step ? len - off : step;
        size_t used = 0;
        int rc = ws_parser_feed(p, buf + off, n, &used);
        if (rc < 0) {
            break;
        }
        off += used == 0 && rc == 0 ? n : used;
        if (used == 0 && rc != 0) {
            off += n; /* a stop with nothing consumed cannot happen; stay finite anyway */
        }
    }
    (void)ws_parser_close_code(p);
    (void)ws_parser_buffered(p);
    free(buf);
    ws_parser_free(p);
    return 0;
}
