/*
 * realtime/engineio/eio_query.c - the query parameters of an Engine.IO request and the
 * reference server's order of request checks (facts sheet §1 and §2.3).
 */
#include "realtime/engineio/eio.h"

#include "base/str.h"

#include <string.h>

static void set_param(eio_query *q, const char *k, size_t kn, const char *v, size_t vn)
{
    char val[EIO_SID_MAX + 1];
    bool ok = bz_url_decode_to(v, vn, true, val, sizeof(val));
    if (kn == 3 && memcmp(k, "EIO", 3) == 0) {
        q->eio4 = ok && strcmp(val, "4") == 0;
    } else if (kn == 9 && memcmp(k, "transport", 9) == 0) {
        q->transport = !ok                             ? EIO_TRANSPORT_NONE
                       : strcmp(val, "polling") == 0   ? EIO_TRANSPORT_POLLING
                       : strcmp(val, "websocket") == 0 ? EIO_TRANSPORT_WEBSOCKET
                                                       : EIO_TRANSPORT_NONE;
    } else if (kn == 3 && memcmp(k, "sid", 3) == 0) {
        q->has_sid = true;
        bz_strlcpy(q->sid, ok ? val : "", sizeof(q->sid));
    } else if (kn == 3 && memcmp(k, "b64", 3) == 0) {
        q->b64 = ok && val[0] != '\0' && strcmp(val, "0") != 0;
    }
}

void eio_query_parse(const char *qs, size_t len, eio_query *q)
{
    memset(q, 0, sizeof(*q));
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && qs[end] != '&') {
            end++;
        }
        const char *eq = memchr(qs + i, '=', end - i);
        size_t kn = eq ? (size_t)(eq - (qs + i)) : end - i;
        const char *v = eq ? eq + 1 : qs + end;
        size_t vn = eq ? (size_t)(qs + end - v) : 0;
        set_param(q, qs + i, kn, v, vn);
        i = end + 1;
    }
}

int eio_verify(const eio_query *q, int method, bool ws_upgrade, bool origin_ok,
               int session_transport)
{
    if (q->transport == EIO_TRANSPORT_NONE) {
        return EIO_ERR_TRANSPORT_UNKNOWN;
    }
    if (!origin_ok) {
        return EIO_ERR_BAD_REQUEST;
    }
    if (q->has_sid) {
        if (session_transport == EIO_TRANSPORT_NONE) {
            return EIO_ERR_SID_UNKNOWN;
        }
        bool same = q->transport == session_transport && !ws_upgrade &&
                    q->transport == EIO_TRANSPORT_POLLING;
        bool upgrade = ws_upgrade && q->transport == EIO_TRANSPORT_WEBSOCKET &&
                       session_transport == EIO_TRANSPORT_POLLING;
        if (!same && !upgrade) {
            return EIO_ERR_BAD_REQUEST;
        }
        return q->eio4 ? EIO_ERR_NONE : EIO_ERR_BAD_REQUEST;
    }
    if (method != EIO_GET) {
        return EIO_ERR_BAD_HANDSHAKE_METHOD;
    }
    if (q->transport == EIO_TRANSPORT_WEBSOCKET && !ws_upgrade) {
        return EIO_ERR_BAD_REQUEST;
    }
    return q->eio4 ? EIO_ERR_NONE : EIO_ERR_UNSUPPORTED_PROTOCOL;
}
