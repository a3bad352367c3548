/*
 * domain/text.h - user-entered text checks shared by the account, address and
 * catalog rules and chat: UTF-8 validity, control characters, length in code points, white
 * space (ASCII only for names and titles; Unicode White_Space when trimming a chat message).
 */
#ifndef DOMAIN_TEXT_H
#define DOMAIN_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True if `s` is valid UTF-8 without NUL and without C0/C1 control characters (or DEL),
 * except ASCII ones listed in `allowed` (e.g. "\n\t"; NULL = none). The length in code points
 * goes to *code_points when not NULL. */
bool text_ok(const char *s, size_t len, const char *allowed, size_t *code_points);

/* True if `s` neither starts nor ends with ASCII whitespace (empty counts as trimmed). */
bool text_trimmed(const char *s, size_t len);

/* True if `s` is empty or only ASCII whitespace. */
bool text_blank(const char *s, size_t len);

/* The byte length of the Unicode White_Space character (ASCII \t\n\v\f\r and space, the Zs
 * spaces U+00A0, U+1680, U+2000..U+200A, U+202F, U+205F, U+3000, and U+2028/U+2029; not the
 * C1 control U+0085) that starts `s`, or 0 when `s` does not start with one. */
size_t text_space_len(const char *s, size_t len);

/* Narrow [*s, *s + *len) to leave out Unicode White_Space (as text_space_len) at both ends.
 * `*s` must be valid UTF-8; the result points into it (nothing is copied). */
void text_trim_unicode(const char **s, size_t *len);

#endif
