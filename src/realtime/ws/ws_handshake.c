/*
 * realtime/ws/ws_handshake.c - the server half of the RFC 6455 opening handshake.
 */
#include "realtime/ws/ws.h"

#include "base/err.h"
#include "base/str.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char ws_guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

void ws_accept_key(const char *key, size_t key_len, char out[WS_ACCEPT_LEN + 1])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    if (!c || !EVP_DigestInit_ex(c, EVP_sha1(), NULL) || !EVP_DigestUpdate(c, key, key_len) ||
        !EVP_DigestUpdate(c, ws_guid, sizeof(ws_guid) - 1) ||
        !EVP_DigestFinal_ex(c, digest, &dlen) || dlen != 20) {
        /* Only allocation can fail here; an empty accept fails the client's check. */
        EVP_MD_CTX_free(c);
        out[0] = '\0';
        return;
    }
    EVP_MD_CTX_free(c);
    size_t n = ws_base64_encode(digest, dlen, out);
    out[n] = '\0';
}

static const char *find_header(const ws_header *h, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (h[i].name && h[i].value && strcasecmp(h[i].name, name) == 0) {
            return h[i].value;
        }
    }
    return NULL;
}

/* True if the comma-separated list `v` holds `token` (case-insensitive, spaces trimmed). */
static bool has_token(const char *v, const char *token)
{
    while (v && *v) {
        while (*v == ' ' || *v == '\t' || *v == ',') {
            v++;
        }
        const char *end = v;
        while (*end && *end != ',') {
            end++;
        }
        const char *last = end;
        while (last > v && (last[-1] == ' ' || last[-1] == '\t')) {
            last--;
        }
        if (last > v && bz_strn_ieq(v, (size_t)(last - v), token)) {
            return true;
        }
        v = end;
    }
    return false;
}

static const char *trimmed(const char *v, size_t *len)
{
    while (*v == ' ' || *v == '\t') {
        v++;
    }
    size_t n = strlen(v);
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t')) {
        n--;
    }
    *len = n;
    return v;
}

int ws_handshake_check(const ws_header *headers, size_t n, char accept[WS_ACCEPT_LEN + 1],
                       int *status)
{
    int st = 400;
    int rc = BZ_EBADREQUEST;
    const char *upgrade = find_header(headers, n, "Upgrade");
    const char *connection = find_header(headers, n, "Connection");
    const char *version = find_header(headers, n, "Sec-WebSocket-Version");
    const char *key = find_header(headers, n, "Sec-WebSocket-Key");
    size_t vlen = 0, klen = 0;
    if (!has_token(upgrade, "websocket") || !has_token(connection, "upgrade") || !key) {
        goto out;
    }
    if (!version || (version = trimmed(version, &vlen), vlen != 2 || memcmp(version, "13", 2))) {
        st = 426;
        goto out;
    }
    key = trimmed(key, &klen);
    unsigned char raw[24];
    if (klen != 24 || ws_base64_decode(key, klen, raw) != 16) {
        goto out;
    }
    ws_accept_key(key, klen, accept);
    st = 101;
    rc = BZ_OK;
out:
    if (status) {
        *status = st;
    }
    return rc;
}

size_t ws_handshake_response(const char *accept, char *out, size_t cap)
{
    int n = snprintf(out, cap,
                     "HTTP/1.1 101 Switching Protocols\r\n"
                     "Upgrade: websocket\r\n"
                     "Connection: Upgrade\r\n"
                     "Sec-WebSocket-Accept: %s\r\n\r\n",
                     accept);
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}
