/*
 * Text rules of chat: cleaning a message and matching blocked words.
 *
 * Blocked words (docs/chat.md): an entry matches where it occurs in the
 * message with ASCII letters compared case-insensitively, as a whole word:
 * at an edge of the entry that is an ASCII letter or digit, the message's
 * neighbouring character must not be a letter or digit (non-ASCII counts as
 * a letter there), so "ass" does not block "class" and "caf" not "café".
 * At an edge that is not ASCII (Chinese, Tamil ...), scripts written
 * without spaces, the entry matches as a substring.
 */
#include "app/chat_internal.h"
#include "app/moderation.h"

#include "base/err.h"
#include "base/str.h"

#include <string.h>

static bool is_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* Control characters (C0, DEL, C1) and the bidirectional overrides and isolates that can make
 * a message display as something else (U+202A..U+202E, U+2066..U+2069). Valid UTF-8 assumed. */
static bool has_forbidden_char(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] < 0x20 || p[i] == 0x7f) {
            return true;
        }
        if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
            return true;
        }
        if (p[i] == 0xe2 && i + 2 < len && p[i + 1] == 0x80 && p[i + 2] >= 0xaa &&
            p[i + 2] <= 0xae) {
            return true;
        }
        if (p[i] == 0xe2 && i + 2 < len && p[i + 1] == 0x81 && p[i + 2] >= 0xa6 &&
            p[i + 2] <= 0xa9) {
            return true;
        }
    }
    return false;
}

int chat_clean_text(app_ctx *c, const char *text, size_t max_chars, const char **out)
{
    if (!text) {
        return app_fail(c, BZ_EVALIDATION, "text", "text is required");
    }
    size_t len = strlen(text);
    if (!bz_utf8_valid(text, len)) {
        return app_fail(c, BZ_EVALIDATION, "text", "text is not valid UTF-8");
    }
    const char *start = text;
    while (len > 0 && is_space((unsigned char)*start)) {
        start++;
        len--;
    }
    while (len > 0 && is_space((unsigned char)start[len - 1])) {
        len--;
    }
    if (len == 0) {
        return app_fail(c, BZ_EVALIDATION, "text", "text is empty");
    }
    if (bz_utf8_len(start, len) > max_chars) {
        return app_fail(c, BZ_EVALIDATION, "text", "text is longer than %zu characters", max_chars);
    }
    if (has_forbidden_char((const unsigned char *)start, len)) {
        return app_fail(c, BZ_EVALIDATION, "text",
                        "text may not contain control or direction-override characters");
    }
    char *copy = bz_arena_strndup(c->arena, start, len);
    if (!copy) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    *out = copy;
    return BZ_OK;
}

static bool is_ascii_alnum(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* A letter or digit for the boundary test: non-ASCII bytes count as letters. */
static bool is_word_byte(unsigned char ch)
{
    return is_ascii_alnum(ch) || ch >= 0x80;
}

static char lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Whether lower-cased `word` occurs at text[i] (text compared case-insensitively). */
static bool occurs_at(const char *text, size_t i, const char *word, size_t wlen)
{
    for (size_t k = 0; k < wlen; k++) {
        if (lower(text[i + k]) != word[k]) {
            return false;
        }
    }
    return true;
}

static bool word_matches(const char *text, size_t tlen, const char *word)
{
    size_t wlen = strlen(word);
    if (wlen == 0 || wlen > tlen) {
        return false;
    }
    bool need_left = is_ascii_alnum((unsigned char)word[0]);
    bool need_right = is_ascii_alnum((unsigned char)word[wlen - 1]);
    for (size_t i = 0; i + wlen <= tlen; i++) {
        if (!occurs_at(text, i, word, wlen)) {
            continue;
        }
        bool left_ok = !need_left || i == 0 || !is_word_byte((unsigned char)text[i - 1]);
        bool right_ok =
            !need_right || i + wlen == tlen || !is_word_byte((unsigned char)text[i + wlen]);
        if (left_ok && right_ok) {
            return true;
        }
    }
    return false;
}

bool app_mod_text_blocked(const char *text, const char *const *words, size_t n)
{
    size_t tlen = strlen(text);
    for (size_t i = 0; i < n; i++) {
        if (word_matches(text, tlen, words[i])) {
            return true;
        }
    }
    return false;
}
