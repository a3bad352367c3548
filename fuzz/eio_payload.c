/*
 * Fuzz target for the Engine.IO codec (realtime/engineio/eio.h): the whole input as a
 * polling POST body, then as a single WebSocket text packet and as a query string. Decoded
 * packets are re-encoded into a polling payload, which must decode again.
 */
#include "realtime/engineio/eio.h"

#include "base/err.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int reencode(void *u, const eio_packet *p)
{
    bz_buf *out = u;
    if (p->binary) {
        ws_msg *m = eio_msg_binary(p->data, p->len);
        if (m) {
            eio_payload_append_msg(out, m);
            ws_msg_unref(m);
        }
        return 0;
    }
    eio_payload_append(out, p->type, p->data, p->len);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *buf = malloc(size ? size : 1);
    memcpy(buf, data, size);
    bz_buf out;
    bz_buf_init(&out, 4 * size + 16);
    int rc = eio_payload_decode(buf, size, reencode, &out);
    if (rc == BZ_OK && out.len) {
        /* What we encode must decode. */
        if (eio_payload_decode((unsigned char *)out.data, out.len, NULL, NULL) != BZ_OK) {
            abort();
        }
    }
    bz_buf_free(&out);
    memcpy(buf, data, size);
    eio_packet p;
    eio_decode_packet(buf, size, false, &p);
    eio_query q;
    eio_query_parse((const char *)data, size, &q);
    (void)eio_verify(&q, EIO_GET, size & 1, true, q.has_sid ? EIO_TRANSPORT_POLLING : 0);
    free(buf);
    return 0;
}
