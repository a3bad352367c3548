#include "base/buf.h"

#include "base/check.h"
#include "base/err.h"
#include "base/str.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bz_buf_init(bz_buf *b, size_t limit)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->limit = limit;
}

void bz_buf_free(bz_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void bz_buf_reset(bz_buf *b)
{
    b->len = 0;
    if (b->data) {
        b->data[0] = '\0';
    }
}

int bz_buf_reserve(bz_buf *b, size_t extra)
{
    BZ_CHECK(b->len <= b->cap); /* the terminator at data[len] fits the allocation */
    if (extra > SIZE_MAX / 2 - b->len) {
        return BZ_ETOOLARGE;
    }
    size_t need = b->len + extra;
    if (b->limit && need > b->limit) {
        return BZ_ETOOLARGE;
    }
    if (need <= b->cap && b->data) {
        return BZ_OK;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        cap *= 2;
    }
    if (b->limit && cap > b->limit) {
        cap = b->limit;
    }
    BZ_CHECK(cap >= need); /* clamping to the limit never undercuts need (checked above) */
    char *p = realloc(b->data, cap + 1);
    if (!p) {
        return BZ_ENOMEM;
    }
    b->data = p;
    b->cap = cap;
    b->data[b->len] = '\0';
    return BZ_OK;
}

int bz_buf_append(bz_buf *b, const void *data, size_t len)
{
    int rc = bz_buf_reserve(b, len);
    if (rc) {
        return rc;
    }
    if (len) {
        memcpy(b->data + b->len, data, len);
    }
    b->len += len;
    b->data[b->len] = '\0';
    return BZ_OK;
}

int bz_buf_puts(bz_buf *b, const char *s)
{
    return bz_buf_append(b, s, strlen(s));
}

int bz_buf_putc(bz_buf *b, char c)
{
    return bz_buf_append(b, &c, 1);
}

int bz_buf_vprintf(bz_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        return BZ_EINTERNAL;
    }
    int rc = bz_buf_reserve(b, (size_t)n);
    if (rc) {
        return rc;
    }
    int again = vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    BZ_CHECK(again == n); /* the same format and arguments measure the same */
    b->len += (size_t)n;
    return BZ_OK;
}

int bz_buf_printf(bz_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = bz_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

int bz_buf_json_strn(bz_buf *b, const char *s, size_t len)
{
    int rc = bz_buf_reserve(b, len + 2);
    if (rc) {
        return rc;
    }
    b->data[b->len++] = '"';
    size_t run = 0; /* start of the current run of bytes that need no escape */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[7];
        const char *esc = bz_json_escape_char(c, tmp);
        if (esc) {
            if ((rc = bz_buf_append(b, s + run, i - run)) || (rc = bz_buf_puts(b, esc))) {
                return rc;
            }
            run = i + 1;
        }
    }
    if ((rc = bz_buf_append(b, s + run, len - run))) {
        return rc;
    }
    return bz_buf_putc(b, '"');
}

int bz_buf_json_str(bz_buf *b, const char *s)
{
    return bz_buf_json_strn(b, s ? s : "", s ? strlen(s) : 0);
}

void bz_buf_consume(bz_buf *b, size_t n)
{
    if (n >= b->len) {
        bz_buf_reset(b);
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
    b->data[b->len] = '\0';
}

char *bz_buf_steal(bz_buf *b, size_t *len_out)
{
    char *p = b->data;
    if (len_out) {
        *len_out = b->len;
    }
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    return p;
}

size_t bz_buf_sink_write(char *ptr, size_t size, size_t nmemb, void *sink)
{
    bz_buf_sink *s = sink;
    size_t n = size * nmemb;
    if (bz_buf_append(s->buf, ptr, n) != BZ_OK) {
        s->overflow = true;
        return 0;
    }
    return n;
}
