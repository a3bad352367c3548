/*
 * base/buf.h - growable byte buffer with a hard cap.
 *
 * Every buffer fed from the network is a bz_buf with a `limit`: appends that
 * would grow it past the limit fail with BZ_ETOOLARGE and leave it unchanged.
 * The data is always NUL-terminated (the terminator is not counted in len),
 * so text can be handed to C string functions.
 */
#ifndef BASE_BUF_H
#define BASE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct bz_buf {
    char *data;   /* owned; NULL until the first append */
    size_t len;   /* bytes in use */
    size_t cap;   /* bytes allocated (excluding the terminator) */
    size_t limit; /* largest len allowed; 0 = unlimited */
} bz_buf;

/* Initialise an empty buffer that never grows past `limit` bytes (0 = no cap). */
void bz_buf_init(bz_buf *b, size_t limit);

/* Release the memory; the buffer is empty and reusable afterwards. */
void bz_buf_free(bz_buf *b);

/* Drop the contents, keep the allocation. */
void bz_buf_reset(bz_buf *b);

/* Make room for `extra` more bytes. BZ_ETOOLARGE past the limit, BZ_ENOMEM. */
int bz_buf_reserve(bz_buf *b, size_t extra);

int bz_buf_append(bz_buf *b, const void *data, size_t len);
int bz_buf_puts(bz_buf *b, const char *s);
int bz_buf_putc(bz_buf *b, char c);
int bz_buf_printf(bz_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int bz_buf_vprintf(bz_buf *b, const char *fmt, va_list ap);

/* Append `s` as a JSON string literal, quotes included, escaping as RFC 8259 requires. */
int bz_buf_json_str(bz_buf *b, const char *s);
int bz_buf_json_strn(bz_buf *b, const char *s, size_t len);

/* Remove the first `n` bytes (n <= len). */
void bz_buf_consume(bz_buf *b, size_t n);

/* Take ownership of the data (caller frees with free()); the buffer becomes empty. */
char *bz_buf_steal(bz_buf *b, size_t *len_out);

/* Where a callback-driven reader writes a response body (libcurl's CURLOPT_WRITEFUNCTION
 * has this shape): `overflow` tells a cap hit from a failed transfer. */
typedef struct bz_buf_sink {
    bz_buf *buf; /* borrowed */
    bool overflow;
} bz_buf_sink;

/* Append size*nmemb bytes to sink->buf; past its limit (or out of memory) set overflow and
 * return 0, which makes the reader stop; else return the count. `sink` is a bz_buf_sink. */
size_t bz_buf_sink_write(char *ptr, size_t size, size_t nmemb, void *sink);

#endif
