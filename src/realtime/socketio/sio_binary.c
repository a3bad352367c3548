/*
 * realtime/socketio/sio_binary.c - reassembly of BINARY_EVENT / BINARY_ACK packets: the
 * text packet announces N attachments, the next N binary Engine.IO messages are they.
 *
 * Invariants: when pending, `text` holds a copy of the packet text and `pkt` points into
 * it; `bins` holds the attachments received so far back to back, their ends in `ends`.
 * text.len + bins.len never exceeds max_bytes.
 */
#include "realtime/socketio/sio.h"

#include "base/check.h"
#include "base/err.h"

#include <stdlib.h>
#include <string.h>

#define SIO_DEFAULT_MAX_BYTES (10u * 1000u * 1000u)

struct sio_decoder {
    size_t max_bytes;
    bool pending;
    int received;
    sio_packet pkt;
    bz_buf text;
    bz_buf bins;
    size_t ends[SIO_MAX_ATTACHMENTS];
    sio_bytes views[SIO_MAX_ATTACHMENTS];
};

sio_decoder *sio_decoder_new(size_t max_bytes)
{
    sio_decoder *d = calloc(1, sizeof(*d));
    if (d) {
        d->max_bytes = max_bytes ? max_bytes : SIO_DEFAULT_MAX_BYTES;
        bz_buf_init(&d->text, d->max_bytes);
        bz_buf_init(&d->bins, d->max_bytes);
    }
    return d;
}

void sio_decoder_free(sio_decoder *d)
{
    if (d) {
        bz_buf_free(&d->text);
        bz_buf_free(&d->bins);
        free(d);
    }
}

bool sio_decoder_pending(const sio_decoder *d)
{
    return d->pending;
}

/* Forget the pending (or last completed) packet and release its memory. */
static void clear(sio_decoder *d)
{
    d->pending = false;
    d->received = 0;
    bz_buf_free(&d->text);
    bz_buf_free(&d->bins);
}

/* Pointer `q` inside [s, s+len) moved to the same offset in `base`; others unchanged. */
static const char *rebase(const char *q, const char *s, size_t len, const char *base)
{
    return q && q >= s && q < s + len ? base + (q - s) : q;
}

int sio_decoder_text(sio_decoder *d, const char *s, size_t len, sio_packet *out)
{
    bool was_pending = d->pending;
    clear(d); /* also drops the previous packet's attachments */
    if (was_pending) {
        return BZ_EBADREQUEST; /* a text packet while attachments are awaited */
    }
    if (sio_decode(s, len, out) != BZ_OK) {
        return BZ_EBADREQUEST;
    }
    if (out->attachments == 0) {
        return 1;
    }
    /* Keep a copy: the caller's text is gone by the time the attachments arrive. */
    if (bz_buf_append(&d->text, s, len) != BZ_OK) {
        clear(d);
        return BZ_ETOOLARGE;
    }
    d->pkt = *out;
    d->pkt.nsp = rebase(out->nsp, s, len, d->text.data);
    d->pkt.data = rebase(out->data, s, len, d->text.data);
    d->pending = true;
    return 0;
}

int sio_decoder_binary(sio_decoder *d, const void *data, size_t len, sio_packet *out)
{
    if (!d->pending) {
        clear(d);
        return BZ_EBADREQUEST; /* binary message with no binary packet pending */
    }
    if (len > d->max_bytes - d->text.len - d->bins.len ||
        bz_buf_append(&d->bins, data, len) != BZ_OK) {
        clear(d);
        return BZ_ETOOLARGE;
    }
    /* received < attachments <= SIO_MAX_ATTACHMENTS: the packet was delivered at the last one */
    if (BZ_NEVER(d->received >= d->pkt.attachments || d->received >= SIO_MAX_ATTACHMENTS)) {
        clear(d);
        return BZ_EINTERNAL;
    }
    d->ends[d->received++] = d->bins.len;
    if (d->received < d->pkt.attachments) {
        return 0;
    }
    size_t start = 0;
    for (int i = 0; i < d->received; i++) {
        d->views[i].data = (const unsigned char *)d->bins.data + start;
        d->views[i].len = d->ends[i] - start;
        start = d->ends[i];
    }
    *out = d->pkt;
    out->bins = d->views;
    /* The views stay valid until the next call, which frees or reuses the buffers. */
    d->pending = false;
    d->received = 0;
    return 1;
}
