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
    if (!bz_utf8_valid(s, len))
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 || c == 0x7f) && !(allowed && c && strchr(allowed, c)))
            return false;
        /* C1 controls U+0080..U+009F are encoded as C2 80..C2 9F. */
        if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] < 0xa0)
            return false;
    }
    if (code_points)
        *code_points = bz_utf8_len(s, len);
    return true;
}

bool text_trimmed(const char *s, size_t len)
{
    return len == 0 || (!is_space(s[0]) && !is_space(s[len - 1]));
}

bool text_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_space(s[i]))
            return false;
    return true;
}
