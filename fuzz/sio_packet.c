/*
 * Fuzz target for the Socket.IO decoder (realtime/socketio/sio.h). The input is a sequence
 * of Engine.IO messages separated by 0x1E; a message starting with 0x00 is binary (the rest
 * of its bytes), any other is a text packet. They go through one sio_decoder, so binary
 * attachment sequences are reassembled. Every complete packet is re-encoded, and must decode
 * to the same text; events have their name and arguments read and echoed.
 */
#include "realtime/socketio/sio.h"

#include "base/err.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void use_packet(const sio_packet *p)
{
    bz_buf b;
    bz_buf_init(&b, 0);
    if (sio_encode(&b, p) == BZ_OK) {
        sio_packet again;
        if (sio_decode(b.data, b.len, &again) != BZ_OK || again.type != p->type ||
            again.ack_id != p->ack_id || again.attachments != p->attachments) {
            abort();
        }
    }
    char *name = sio_event_name(p);
    const char *args;
    size_t len;
    if (sio_event_args(p, &args, &len) == BZ_OK && name) {
        sio_event ev = {.name = name, .args = args, .args_len = len, .ack_id = -1, .offset = "off"};
        ws_msg_unref(sio_event_msg(&ev, 0));
    }
    for (int i = 0; p->bins && i < p->attachments; i++) {
        b.len = p->bins[i].len; /* touch */
    }
    free(name);
    bz_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sio_decoder *d = sio_decoder_new(4096);
    if (!d) {
        return 0;
    }
    size_t start = 0;
    while (start <= size) {
        const uint8_t *sep = memchr(data + start, 0x1E, size - start);
        size_t end = sep ? (size_t)(sep - data) : size;
        const uint8_t *m = data + start;
        size_t n = end - start;
        sio_packet p;
        int rc = n && m[0] == 0 ? sio_decoder_binary(d, m + 1, n - 1, &p)
                                : sio_decoder_text(d, (const char *)m, n, &p);
        if (rc == 1) {
            use_packet(&p);
        }
        if (!sep) {
            break;
        }
        start = end + 1;
    }
    sio_decoder_free(d);
    return 0;
}
