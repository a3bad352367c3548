/*
 * domain/text_fold.h - the form in which chat text is compared with a shop's blocked words,
 * so that invisible and look-alike characters cannot hide a word (docs/chat.md "Matching").
 *
 * Folding is what Unicode specifies for this job, done by ICU (the only place in Blytz that
 * includes it; scripts/check-layers.sh): NFKC with case folding, which also removes every
 * default-ignorable code point (zero-width space, soft hyphen, word joiner, BOM, ...) and
 * turns full-width and mathematical letters into plain ones; then the UTS #39 confusable
 * skeleton, so Cyrillic "ѕсаm" and Latin "scam" come out the same. Then three small rules of
 * ours: ASCII lower case (the skeleton's prototypes include capitals: "0" -> "O"), combining
 * marks after an ASCII character dropped ("scám", strike-through "s̶c̶a̶m̶" -> "scam"), and
 * white space runs as one space, without leading or trailing space.
 *
 * The folded form is for comparison only: it is never stored or shown (a skeleton is not
 * readable text: "m" becomes "rn"). The message and every entry of a list go through the same
 * text_fold, so both sides always agree; the skeleton's merges ("rn" ~ "m", "1" ~ "l") can
 * make an entry match a look-alike of itself, which is what a blocklist wants, and the
 * whole-word rule of text_fold_has keeps that from reaching into longer words.
 *
 * Pure: no I/O and no clock. ICU's data is linked in; the one ICU object kept (the spoof
 * checker, read-only after it is opened once) is safe to share between threads.
 */
#ifndef DOMAIN_TEXT_FOLD_H
#define DOMAIN_TEXT_FOLD_H

#include "base/arena.h"

#include <stdbool.h>
#include <stddef.h>

/* Fold `len` bytes of UTF-8 `s` into *out (NUL-terminated, in `a`), its length in *out_len.
 * BZ_OK, BZ_EVALIDATION (not valid UTF-8), BZ_ENOMEM, BZ_EINTERNAL (ICU failed). */
int text_fold(bz_arena *a, const char *s, size_t len, char **out, size_t *out_len);

/* Whether folded `entry` occurs in folded `text`. At an end of the entry that is an ASCII
 * letter or digit the entry must stand as a whole word: the neighbouring character of the
 * text is not an ASCII letter or digit ("scam" is in "scam!" and "scam骗子", not in
 * "scammer"). At an end that is not (Chinese, Tamil ... are written without spaces; emoji)
 * the entry matches inside the text. An entry of several words matches as a phrase. */
bool text_fold_has(const char *text, size_t text_len, const char *entry, size_t entry_len);

#endif
