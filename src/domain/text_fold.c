/* domain/text_fold.c - see text_fold.h. */
#include "domain/text_fold.h"

#include "base/err.h"
#include "base/str.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* One checker for the process: uspoof_getSkeleton takes it const and ICU documents such calls
 * as safe from many threads at once, so there is nothing to keep per thread. */
static USpoofChecker *checker;
static pthread_once_t checker_once = PTHREAD_ONCE_INIT;

static void checker_open(void)
{
    UErrorCode st = U_ZERO_ERROR;
    USpoofChecker *sc = uspoof_open(&st);
    if (U_SUCCESS(st)) {
        uspoof_setChecks(sc, USPOOF_CONFUSABLE, &st);
    }
    if (U_FAILURE(st)) {
        uspoof_close(sc);
        return;
    }
    checker = sc;
}

/* Run an ICU transform `fn` from `src` into a buffer of the arena, growing it once when ICU
 * says how much it needs. */
typedef int32_t (*transform_fn)(const void *ctx, const UChar *src, int32_t len, UChar *dst,
                                int32_t cap, UErrorCode *st);

static int transform(bz_arena *a, transform_fn fn, const void *ctx, const UChar *src, int32_t len,
                     int32_t guess, UChar **out, int32_t *out_len)
{
    int32_t cap = guess;
    for (int attempt = 0; attempt < 2; attempt++) {
        UChar *dst = bz_arena_alloc(a, (size_t)cap * sizeof(UChar) + sizeof(UChar));
        if (!dst) {
            return BZ_ENOMEM;
        }
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = fn(ctx, src, len, dst, cap, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            cap = n;
            continue;
        }
        if (U_FAILURE(st)) {
            return BZ_EINTERNAL;
        }
        *out = dst;
        *out_len = n;
        return BZ_OK;
    }
    return BZ_EINTERNAL;
}

static int32_t nfkc_casefold(const void *ctx, const UChar *src, int32_t len, UChar *dst,
                             int32_t cap, UErrorCode *st)
{
    return unorm2_normalize(ctx, src, len, dst, cap, st);
}

static int32_t skeleton(const void *ctx, const UChar *src, int32_t len, UChar *dst, int32_t cap,
                        UErrorCode *st)
{
    return uspoof_getSkeleton(ctx, 0, src, len, dst, cap, st);
}

static bool is_mark(UChar32 cp)
{
    return (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0;
}

/* Our rules after the skeleton, writing UTF-8: ASCII lower case, marks on an ASCII character
 * dropped, white space runs as one space, trimmed. `dst` holds 3 bytes per UTF-16 unit. */
static size_t finish(const UChar *src, int32_t len, char *dst)
{
    size_t n = 0;
    bool space = false, after_ascii = false;
    for (int32_t i = 0; i < len;) {
        UChar32 cp;
        U16_NEXT(src, i, len, cp);
        if (u_isUWhiteSpace(cp)) {
            space = n > 0;
            after_ascii = false;
            continue;
        }
        if (is_mark(cp) && after_ascii) {
            continue;
        }
        if (space) {
            dst[n++] = ' ';
            space = false;
        }
        if (cp >= 'A' && cp <= 'Z') {
            cp += 'a' - 'A';
        }
        if (!is_mark(cp)) {
            after_ascii = cp < 0x80;
        }
        U8_APPEND_UNSAFE(dst, n, cp);
    }
    dst[n] = '\0';
    return n;
}

int text_fold(bz_arena *a, const char *s, size_t len, char **out, size_t *out_len)
{
    if (len > INT32_MAX / 4 || !bz_utf8_valid(s, len)) {
        return BZ_EVALIDATION;
    }
    pthread_once(&checker_once, checker_open);
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
    if (!checker || U_FAILURE(st)) {
        return BZ_EINTERNAL;
    }
    /* UTF-8 -> UTF-16 never needs more units than bytes. */
    UChar *u16 = bz_arena_alloc(a, (len + 1) * sizeof(UChar));
    if (!u16) {
        return BZ_ENOMEM;
    }
    int32_t n16 = 0;
    u_strFromUTF8(u16, (int32_t)len + 1, &n16, s, (int32_t)len, &st);
    if (U_FAILURE(st)) {
        return BZ_EINTERNAL;
    }
    UChar *folded = NULL, *skel = NULL;
    int32_t nf = 0, ns = 0;
    int rc = transform(a, nfkc_casefold, nfkc_cf, u16, n16, n16 * 2 + 16, &folded, &nf);
    if (rc == BZ_OK) {
        rc = transform(a, skeleton, checker, folded, nf, nf * 2 + 16, &skel, &ns);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    char *utf8 = bz_arena_alloc(a, (size_t)ns * 3 + 1);
    if (!utf8) {
        return BZ_ENOMEM;
    }
    *out_len = finish(skel, ns, utf8);
    *out = utf8;
    return BZ_OK;
}

static bool is_ascii_alnum(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

bool text_fold_has(const char *text, size_t text_len, const char *entry, size_t entry_len)
{
    if (entry_len == 0 || entry_len > text_len) {
        return false;
    }
    bool need_left = is_ascii_alnum((unsigned char)entry[0]);
    bool need_right = is_ascii_alnum((unsigned char)entry[entry_len - 1]);
    for (size_t i = 0; i + entry_len <= text_len; i++) {
        const char *hit = memmem(text + i, text_len - i, entry, entry_len);
        if (!hit) {
            return false;
        }
        i = (size_t)(hit - text);
        size_t end = i + entry_len;
        bool left_ok = !need_left || i == 0 || !is_ascii_alnum((unsigned char)text[i - 1]);
        bool right_ok = !need_right || end == text_len || !is_ascii_alnum((unsigned char)text[end]);
        if (left_ok && right_ok) {
            return true;
        }
    }
    return false;
}
