/*
 * domain/text.h - user-entered text checks shared by the account, address and
 * catalog rules: UTF-8 validity, control characters, length in code points.
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

#endif
