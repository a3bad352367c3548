/*
 * base/str.h - small string helpers: bounded copies, hex, case-insensitive
 * compares, URL decoding and number parsing with explicit failure.
 */
#ifndef BASE_STR_H
#define BASE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copy at most size-1 bytes and NUL-terminate; returns strlen(src). */
size_t bz_strlcpy(char *dst, const char *src, size_t size);

/* ASCII case-insensitive equality of `a` (length alen) with the C string `b`. */
bool bz_strn_ieq(const char *a, size_t alen, const char *b);

/* Lower-case hex of `len` bytes into `out` (2*len+1 bytes, NUL-terminated). */
void bz_hex_encode(const unsigned char *in, size_t len, char *out);

/* Decode 2*outlen hex chars; BZ_OK or BZ_EBADREQUEST on a bad digit. */
int bz_hex_decode(const char *in, size_t inlen, unsigned char *out, size_t outlen);

/* Decode %XX escapes (and '+' as space when `plus` is set) in place; returns new length or
 * BZ_EBADREQUEST for a broken escape. */
int bz_url_decode(char *s, size_t len, bool plus);

/* Copy the `len` bytes at `v` into `out` (`size` bytes) %-decoded as bz_url_decode does, and
 * NUL-terminate it. False if it does not fit, an escape is broken or it decodes to a NUL (a
 * %00 would cut the value short wherever it is read as a C string). */
bool bz_url_decode_to(const char *v, size_t len, bool plus, char *out, size_t size);

/* Parse a whole decimal int64 (optional leading '-'); BZ_EVALIDATION if anything else. */
int bz_parse_i64(const char *s, size_t len, int64_t *out);

/* How JSON writes byte `c` inside a string: NULL when it stands as it is, else its escape
 * ("\\n", "\\u001f", ...) as a C string, which may live in `tmp`. The one escape table of
 * bz_buf_json_strn and of the log's lines (which cannot use bz_buf: base/log.c says why). */
const char *bz_json_escape_char(unsigned char c, char tmp[7]);

/* True if `s` is valid UTF-8 without NUL bytes. */
bool bz_utf8_valid(const char *s, size_t len);

/* Number of Unicode code points in valid UTF-8 `s`. */
size_t bz_utf8_len(const char *s, size_t len);

#endif
