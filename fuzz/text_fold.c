/*
 * Fuzz target: blocked-word folding (domain/text_fold.h), which runs ICU over every chat
 * message. The first byte splits the input into an entry and a message; both are folded
 * (invalid UTF-8 must be refused, not crash) and matched, and folding the folded form must
 * succeed too (its output is valid UTF-8).
 */
#include "base/arena.h"
#include "base/err.h"
#include "base/str.h"
#include "domain/text_fold.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bz_arena *a, const char *s, size_t len, char **out, size_t *out_len)
{
    int rc = text_fold(a, s, len, out, out_len);
    if (rc != BZ_OK && rc != BZ_EVALIDATION) {
        abort();
    }
    if (rc == BZ_OK && !bz_utf8_valid(*out, *out_len)) {
        abort();
    }
    if (rc != BZ_OK) {
        *out = NULL;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 4096) {
        return 0;
    }
    size_t split = data[0] % size;
    const char *text = (const char *)data + 1;
    bz_arena *a = bz_arena_new(8192);
    if (!a) {
        return 0;
    }
    char *entry = NULL, *msg = NULL, *again = NULL;
    size_t elen = 0, mlen = 0, alen = 0;
    check(a, text, split, &entry, &elen);
    check(a, text + split, size - 1 - split, &msg, &mlen);
    if (entry && msg) {
        (void)text_fold_has(msg, mlen, entry, elen);
        check(a, msg, mlen, &again, &alen);
        if (!again) {
            abort();
        }
    }
    bz_arena_free(a);
    return 0;
}
