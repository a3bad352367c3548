/* bench/load/wshandshake.c - see wshandshake.h. */
#include "wshandshake.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char ws_guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

void ws_key_from_bytes(const uint8_t raw[16], char *out)
{
    EVP_EncodeBlock((unsigned char *)out, raw, 16);
}

void ws_accept_for_key(const char *key, char *out)
{
    char joined[128];
    int n = snprintf(joined, sizeof joined, "%s%s", key, ws_guid);
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1((const unsigned char *)joined, (size_t)n, digest);
    EVP_EncodeBlock((unsigned char *)out, digest, SHA_DIGEST_LENGTH);
}

size_t ws_upgrade_request(char *out, size_t cap, const char *host, const char *target,
                          const char *key)
{
    int n = snprintf(out, cap,
                     "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n",
                     target, host, key);
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

/* Finds header `name` in the block [from, to); sets the trimmed value. */
static bool header_value(const char *from, const char *to, const char *name, const char **value,
                         size_t *value_len)
{
    size_t name_len = strlen(name);
    for (const char *line = from; line < to;) {
        const char *eol = memchr(line, '\n', (size_t)(to - line));
        if (!eol) {
            eol = to;
        }
        if ((size_t)(eol - line) > name_len && line[name_len] == ':' &&
            strncasecmp(line, name, name_len) == 0) {
            const char *v = line + name_len + 1;
            const char *e = eol;
            while (v < e && (*v == ' ' || *v == '\t')) {
                v++;
            }
            while (e > v && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t')) {
                e--;
            }
            *value = v;
            *value_len = (size_t)(e - v);
            return true;
        }
        line = eol + 1;
    }
    return false;
}

static bool contains_token_ci(const char *v, size_t len, const char *token)
{
    size_t n = strlen(token);
    for (size_t i = 0; i + n <= len; i++) {
        if (strncasecmp(v + i, token, n) == 0) {
            return true;
        }
    }
    return false;
}

int ws_check_upgrade_response(const char *buf, size_t len, const char *expected_accept,
                              size_t *consumed)
{
    const char *end = memmem(buf, len, "\r\n\r\n", 4);
    if (!end) {
        return len > 8192 ? WS_HS_FAIL : WS_HS_MORE;
    }
    if (len < 12 || strncmp(buf, "HTTP/1.1 101", 12) != 0) {
        return WS_HS_FAIL;
    }
    const char *first_eol = memchr(buf, '\n', (size_t)(end - buf));
    const char *headers = first_eol ? first_eol + 1 : end;
    const char *v;
    size_t vlen;
    if (!header_value(headers, end + 2, "Upgrade", &v, &vlen) ||
        !contains_token_ci(v, vlen, "websocket")) {
        return WS_HS_FAIL;
    }
    if (!header_value(headers, end + 2, "Connection", &v, &vlen) ||
        !contains_token_ci(v, vlen, "upgrade")) {
        return WS_HS_FAIL;
    }
    if (!header_value(headers, end + 2, "Sec-WebSocket-Accept", &v, &vlen) ||
        vlen != strlen(expected_accept) || memcmp(v, expected_accept, vlen) != 0) {
        return WS_HS_FAIL;
    }
    *consumed = (size_t)(end + 4 - buf);
    return WS_HS_OK;
}
