/* domain/text.c - see text.h. */
#include "domain/text.h"

#include "base/str.h"

#include <string.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool text_ok(const char *s, size_t len, const char *allowed, size_t *code_points)
{
    if (!bz_utf8_valid(s, len)) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 || c == 0x7f) && !(allowed && c && strchr(allowed, c))) {
            return false;
        }
        /* C1 controls U+0080..U+009F are encoded as C2 80..C2 9F. */
        if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] < 0xa0) {
            return false;
        }
    }
    if (code_points) {
        *code_points = bz_utf8_len(s, len);
    }
    return true;
}

bool text_trimmed(const char *s, size_t len)
{
    return len == 0 || (!is_space(s[0]) && !is_space(s[len - 1]));
}

bool text_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!is_space(s[i])) {
            return false;
        }
    }
    return true;
}

/* Multi-byte white space, by its UTF-8 lead bytes: U+00A0 is C2 A0; the three-byte ones share
 * E1 9A, E2 80, E2 81 or E3 80 and differ in the last byte. U+0085 (C2 85) is White_Space too
 * but a C1 control, which text checks refuse wherever it stands: it is not trimmed away. */
static size_t multibyte_space_len(const unsigned char *p, size_t len)
{
    if (len >= 2 && p[0] == 0xc2 && p[1] == 0xa0) {
        return 2;
    }
    if (len < 3) {
        return 0;
    }
    unsigned lead = (unsigned)p[0] << 8 | p[1], last = p[2];
    bool space = (lead == 0xe19a && last == 0x80) ||                   /* U+1680 */
                 (lead == 0xe280 && last >= 0x80 && last <= 0x8a) ||   /* U+2000..U+200A */
                 (lead == 0xe280 && (last == 0xa8 || last == 0xa9)) || /* U+2028, U+2029 */
                 (lead == 0xe280 && last == 0xaf) ||                   /* U+202F */
                 (lead == 0xe281 && last == 0x9f) ||                   /* U+205F */
                 (lead == 0xe380 && last == 0x80);                     /* U+3000 */
    return space ? 3 : 0;
}

size_t text_space_len(const char *s, size_t len)
{
    if (len == 0) {
        return 0;
    }
    if (is_space(s[0])) {
        return 1;
    }
    return multibyte_space_len((const unsigned char *)s, len);
}

/* The byte length of the White_Space character that ends `s` (0 if none): the last code point
 * starts at the last byte that is not a continuation byte (10xxxxxx). */
static size_t trailing_space_len(const char *s, size_t len)
{
    size_t start = len;
    while (start > 0 && len - start < 3 && ((unsigned char)s[start - 1] & 0xc0) == 0x80) {
        start--;
    }
    if (start == 0) {
        return 0;
    }
    start--;
    size_t n = text_space_len(s + start, len - start);
    return n == len - start ? n : 0;
}

void text_trim_unicode(const char **s, size_t *len)
{
    size_t n;
    while ((n = text_space_len(*s, *len)) > 0) {
        *s += n;
        *len -= n;
    }
    while ((n = trailing_space_len(*s, *len)) > 0) {
        *len -= n;
    }
}
