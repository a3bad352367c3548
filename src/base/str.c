#include "base/str.h"

#include "base/err.h"

#include <string.h>

size_t bz_strlcpy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (size) {
        size_t c = n < size - 1 ? n : size - 1;
        memcpy(dst, src, c);
        dst[c] = '\0';
    }
    return n;
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

bool bz_strn_ieq(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    if (alen != blen) {
        return false;
    }
    for (size_t i = 0; i < alen; i++) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

void bz_hex_encode(const unsigned char *in, size_t len, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = hex[in[i] >> 4];
        out[2 * i + 1] = hex[in[i] & 15];
    }
    out[2 * len] = '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = lower(c);
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

int bz_hex_decode(const char *in, size_t inlen, unsigned char *out, size_t outlen)
{
    if (inlen != 2 * outlen) {
        return BZ_EBADREQUEST;
    }
    for (size_t i = 0; i < outlen; i++) {
        int hi = hexval(in[2 * i]), lo = hexval(in[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return BZ_EBADREQUEST;
        }
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return BZ_OK;
}

int bz_url_decode(char *s, size_t len, bool plus)
{
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        char c = s[r];
        if (c == '%') {
            if (len - r < 3) {
                return BZ_EBADREQUEST;
            }
            int hi = hexval(s[r + 1]), lo = hexval(s[r + 2]);
            if (hi < 0 || lo < 0) {
                return BZ_EBADREQUEST;
            }
            s[w++] = (char)(hi << 4 | lo);
            r += 2;
        } else if (c == '+' && plus) {
            s[w++] = ' ';
        } else {
            s[w++] = c;
        }
    }
    if (w < len) {
        s[w] = '\0';
    }
    return (int)w;
}

bool bz_url_decode_to(const char *v, size_t len, bool plus, char *out, size_t size)
{
    if (len >= size) {
        return false;
    }
    memcpy(out, v, len);
    out[len] = '\0';
    int n = bz_url_decode(out, len, plus);
    if (n < 0) {
        return false;
    }
    out[n] = '\0';
    return strlen(out) == (size_t)n;
}

int bz_parse_i64(const char *s, size_t len, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (len && s[0] == '-') {
        neg = true;
        i = 1;
    }
    if (i == len || len - i > 19) {
        return BZ_EVALIDATION;
    }
    uint64_t v = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return BZ_EVALIDATION;
        }
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (v > (uint64_t)INT64_MAX + (neg ? 1 : 0)) {
        return BZ_EVALIDATION;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return BZ_OK;
}

bool bz_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        uint32_t cp;
        if (c == 0) {
            return false;
        } else if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, cp = c & 0x07;
        } else {
            return false;
        }
        if (len - i <= n) {
            return false;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return false;
            }
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        /* Reject overlong forms, surrogates and values past U+10FFFF. */
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            return false;
        }
        i += n + 1;
    }
    return true;
}

size_t bz_utf8_len(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            n++;
        }
    }
    return n;
}

const char *bz_json_escape_char(unsigned char c, char tmp[7])
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    default:
        break;
    }
    if (c >= 0x20) {
        return NULL;
    }
    tmp[0] = '\\', tmp[1] = 'u', tmp[2] = '0', tmp[3] = '0';
    tmp[4] = hex[c >> 4], tmp[5] = hex[c & 15], tmp[6] = '\0';
    return tmp;
}
