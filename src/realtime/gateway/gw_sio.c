/*
 * Socket.IO v5 on an Engine.IO session (facts sheet §3): namespace sockets, CONNECT with
 * the auth payload, events and acks (binary ones too), DISCONNECT, and the socket API the
 * application uses (gateway.h). Any packet the reference refuses closes the session.
 */
#include "base/buf.h"
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "realtime/gateway/gw_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- socket accessors ----------------------------------------------------------------- */

const char *gw_sock_id(const gw_sock *s)
{
    return s->id;
}

gateway *gw_sock_gateway(const gw_sock *s)
{
    return s->gw;
}

const char *gw_sock_room_at(const gw_sock *s, size_t i)
{
    return i < s->nrooms ? gw_room_name(s->rooms[i].room) : NULL;
}

bool gw_sock_connected(const gw_sock *s)
{
    return s->conn != NULL;
}

void *gw_sock_data(const gw_sock *s)
{
    return s->data;
}

void gw_sock_set_data(gw_sock *s, void *data)
{
    s->data = data;
}

int64_t gw_sock_user(const gw_sock *s)
{
    return s->user_id;
}

void gw_sock_set_user(gw_sock *s, int64_t user_id)
{
    s->user_id = user_id;
}

void gw_sock_hold(gw_sock *s)
{
    s->refs++;
}

void gw_sock_release(gw_sock *s)
{
    if (BZ_NEVER(s->refs == 0)) {
        return; /* released more often than held: leak it rather than free it twice */
    }
    if (--s->refs == 0) {
        free(s->rooms);
        free(s);
    }
}

/* ---- output --------------------------------------------------------------------------- */

static void queue_text(gw_conn *c, const bz_buf *text)
{
    if (text->len) {
        gw_session_queue(c, sio_msg_from(text));
    }
}

static void queue_bins(gw_conn *c, const sio_bytes *bins, int nbins)
{
    for (int i = 0; i < nbins; i++) {
        gw_session_queue(c, eio_msg_binary(bins[i].data, bins[i].len));
    }
}

int gw_emit(gw_sock *s, const char *name, const char *args, size_t len, const sio_bytes *bins,
            int nbins)
{
    if (!s->conn) {
        return BZ_EUNAVAILABLE;
    }
    sio_event ev = {s->nsp->name, name, args, len, -1, nbins, NULL};
    ws_msg *m = sio_event_msg(&ev, 0);
    if (!m) {
        return BZ_ENOMEM;
    }
    gw_session_queue(s->conn, m);
    queue_bins(s->conn, bins, nbins);
    return BZ_OK;
}

int gw_ack(gw_sock *s, int64_t ack_id, const char *args, size_t len, const sio_bytes *bins,
           int nbins)
{
    if (!s->conn || ack_id < 0) {
        return BZ_EUNAVAILABLE;
    }
    bz_buf b;
    bz_buf_init(&b, 0);
    int rc = sio_encode_ack(&b, s->nsp->name, ack_id, args, len, nbins);
    if (rc == BZ_OK) {
        queue_text(s->conn, &b);
        queue_bins(s->conn, bins, nbins);
    }
    bz_buf_free(&b);
    return rc;
}

/* ---- namespaces ----------------------------------------------------------------------- */

static bool nsp_equal(const char *name, const char *nsp, size_t len)
{
    return strlen(name) == len && memcmp(name, nsp, len) == 0;
}

static const gw_nsp *find_nsp(const gateway *gw, const char *nsp, size_t len)
{
    for (const gw_nsp *const *n = gw->nsps; n && *n; n++) {
        if (nsp_equal((*n)->name, nsp, len)) {
            return *n;
        }
    }
    return NULL;
}

static gw_sock *find_sock(const gw_conn *c, const char *nsp, size_t len)
{
    for (gw_sock *s = c->socks; s; s = s->next) {
        if (nsp_equal(s->nsp->name, nsp, len)) {
            return s;
        }
    }
    return NULL;
}

static void connect_error(gw_conn *c, const char *nsp, size_t nsp_len, const char *message)
{
    char name[SIO_NSP_MAX + 1];
    memcpy(name, nsp, nsp_len);
    name[nsp_len] = '\0';
    bz_buf b;
    bz_buf_init(&b, 0);
    if (sio_encode_connect_error(&b, name, message, NULL) == BZ_OK) {
        queue_text(c, &b);
    }
    bz_buf_free(&b);
}

static void unlink_sock(gw_conn *c, gw_sock *s)
{
    for (gw_sock **p = &c->socks; *p; p = &(*p)->next) {
        if (*p == s) {
            *p = s->next;
            s->next = NULL;
            return;
        }
    }
}

/* The socket leaves: recovery keeps it if the loss was not the client's choice, the
 * application hears it, then its rooms are left and the session's reference dropped. */
static void disconnect_sock(gw_sock *s, bool recoverable)
{
    gw_conn *c = s->conn;
    unlink_sock(c, s);
    if (recoverable && s->pid[0]) {
        gw_recovery_save(s); /* before the application leaves its rooms */
    }
    if (s->nsp->on_disconnect) {
        s->nsp->on_disconnect(s);
    }
    gw_rooms_leave_all(s);
    s->conn = NULL;
    gw_sock_release(s);
}

void gw_sock_disconnect(gw_sock *s, bool end_session)
{
    gw_conn *c = s->conn;
    if (!c) {
        return;
    }
    bz_buf b;
    bz_buf_init(&b, 0);
    if (sio_encode_disconnect(&b, s->nsp->name) == BZ_OK) {
        queue_text(c, &b);
    }
    bz_buf_free(&b);
    disconnect_sock(s, false);
    if (end_session) {
        gw_session_end(c); /* after the DISCONNECT has gone out */
    }
}

void gw_sio_session_closed(gw_conn *c, bool recoverable)
{
    while (c->socks) {
        disconnect_sock(c->socks, recoverable);
    }
}

static int do_connect(gw_conn *c, const sio_packet *p)
{
    gateway *gw = c->gw;
    const gw_nsp *nsp = find_nsp(gw, p->nsp, p->nsp_len);
    if (!nsp) {
        connect_error(c, p->nsp, p->nsp_len, "Invalid namespace");
        return BZ_OK;
    }
    const char *auth = p->data ? p->data : "{}";
    size_t auth_len = p->data ? p->data_len : 2;
    gw_sock *s = calloc(1, sizeof(*s));
    if (!s) {
        return BZ_ENOMEM;
    }
    s->gw = gw;
    s->conn = c;
    s->nsp = nsp;
    s->refs = 1;
    eio_sid_new(s->id);
    const char *refusal = nsp->authorize ? nsp->authorize(s, auth, auth_len) : NULL;
    if (refusal) {
        connect_error(c, p->nsp, p->nsp_len, refusal);
        free(s);
        return BZ_OK;
    }
    s->next = c->socks;
    c->socks = s;
    if (!c->joined) {
        c->joined = true;
        c->clock.connect_by = 0;
        gw_session_arm(c);
    }
    bool recovered = gw->cfg.recovery && gw_recovery_restore(s, auth, auth_len);
    if (gw->cfg.recovery && !s->pid[0]) {
        eio_sid_new(s->pid);
    }
    bz_buf b;
    bz_buf_init(&b, 0);
    if (sio_encode_connect(&b, nsp->name, s->id, gw->cfg.recovery ? s->pid : NULL) == BZ_OK) {
        queue_text(c, &b);
    }
    bz_buf_free(&b);
    if (nsp->on_connect) {
        nsp->on_connect(s, auth, auth_len, recovered);
    }
    return BZ_OK;
}

static int do_event(gw_sock *s, const sio_packet *p)
{
    const char *args;
    size_t len;
    if (sio_event_args(p, &args, &len) != BZ_OK) {
        return BZ_EBADREQUEST;
    }
    char *name = sio_event_name(p);
    if (!name) {
        return BZ_ENOMEM;
    }
    if (s->nsp->on_event) {
        s->nsp->on_event(s, name, args, len, p->bins, p->attachments, p->ack_id);
    }
    free(name);
    return BZ_OK;
}

static int dispatch(gw_conn *c, const sio_packet *p)
{
    gw_sock *s = find_sock(c, p->nsp, p->nsp_len);
    switch (p->type) {
    case SIO_CONNECT:
        return s ? BZ_EBADREQUEST : do_connect(c, p);
    case SIO_DISCONNECT:
        if (!s) {
            return BZ_EBADREQUEST;
        }
        disconnect_sock(s, false);
        return BZ_OK;
    case SIO_EVENT:
    case SIO_BINARY_EVENT:
        return s ? do_event(s, p) : BZ_EBADREQUEST;
    case SIO_ACK:
    case SIO_BINARY_ACK:
        return s ? BZ_OK : BZ_EBADREQUEST; /* the server asks no acks: nothing to match */
    default:
        return BZ_EBADREQUEST; /* CONNECT_ERROR from a client */
    }
}

/* An Engine.IO message of a Socket.IO session: a text packet, or an attachment. */
int gw_sio_message(gw_conn *c, const eio_packet *p)
{
    sio_packet pkt;
    int rc;
    if (p->binary) {
        if (!c->dec) {
            return BZ_EBADREQUEST;
        }
        rc = sio_decoder_binary(c->dec, p->data, p->len, &pkt);
    } else if (c->dec || (p->len && (p->data[0] == '5' || p->data[0] == '6'))) {
        if (!c->dec && !(c->dec = sio_decoder_new(c->gw->cfg.max_payload))) {
            return BZ_ENOMEM;
        }
        rc = sio_decoder_text(c->dec, (const char *)p->data, p->len, &pkt);
    } else {
        rc = sio_decode((const char *)p->data, p->len, &pkt) == BZ_OK ? 1 : BZ_EBADREQUEST;
    }
    if (rc <= 0) {
        return rc; /* 0: attachments still awaited */
    }
    rc = dispatch(c, &pkt);
    if (c->dec && !sio_decoder_pending(c->dec)) {
        sio_decoder_free(c->dec); /* idle sessions hold no decoder */
        c->dec = NULL;
    }
    return rc;
}
