/* bench/load/sio.c - see sio.h. */
#include "sio.h"

#include <stdio.h>
#include <string.h>

int eio_packet_type(const char *msg, size_t len)
{
    if (len == 0 || msg[0] < '0' || msg[0] > '6') {
        return -1;
    }
    return msg[0] - '0';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads decimal digits at s[*i]; false on overflow or when there is none. */
static bool read_decimal(const char *s, size_t len, size_t *i, uint64_t *out)
{
    size_t start = *i;
    uint64_t v = 0;
    while (*i < len && is_digit(s[*i])) {
        if (*i - start >= 18) {
            return false;
        }
        v = v * 10 + (uint64_t)(s[*i] - '0');
        (*i)++;
    }
    *out = v;
    return *i > start;
}

bool sio_packet_parse(const char *s, size_t len, sio_packet *out)
{
    memset(out, 0, sizeof *out);
    out->nsp = "/";
    out->nsp_len = 1;
    if (len == 0 || s[0] < '0' || s[0] > '6') {
        return false;
    }
    out->type = s[0] - '0';
    size_t i = 1;
    if (out->type == SIO_BINARY_EVENT || out->type == SIO_BINARY_ACK) {
        uint64_t n;
        if (!read_decimal(s, len, &i, &n) || i >= len || s[i] != '-' || n == 0 || n > 10) {
            return false;
        }
        out->attachments = (int)n;
        i++;
    }
    if (i < len && s[i] == '/') {
        size_t start = i;
        while (i < len && s[i] != ',') {
            i++;
        }
        out->nsp = s + start;
        out->nsp_len = i - start;
        if (i < len) {
            i++; /* the comma; a namespace may also run to the end */
        }
    }
    if (i < len && is_digit(s[i])) {
        if (!read_decimal(s, len, &i, &out->ack_id)) {
            return false;
        }
        out->has_ack = true;
    }
    out->data = s + i;
    out->data_len = len - i;
    if (out->data_len > 0 && s[i] != '[' && s[i] != '{' && s[i] != '"') {
        return false;
    }
    if ((out->type == SIO_ACK || out->type == SIO_BINARY_ACK) && !out->has_ack) {
        return false;
    }
    return true;
}

size_t sio_encode_event(char *out, size_t cap, int64_t ack_id, const char *args_json)
{
    int n = ack_id >= 0 ? snprintf(out, cap, "42%lld%s", (long long)ack_id, args_json)
                        : snprintf(out, cap, "42%s", args_json);
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

size_t sio_encode_connect(char *out, size_t cap, const char *auth_json)
{
    int n = snprintf(out, cap, "40%s", auth_json ? auth_json : "");
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}
