/*
 * Text rules of chat: cleaning a message and matching blocked words.
 *
 * Blocked words (docs/chat.md): the message and the entries are compared in
 * their folded form (domain/text_fold.h: Unicode NFKC case folding without
 * invisible characters, confusable skeleton), never as stored or shown; an
 * entry must stand as a whole word where its edge is an ASCII letter or digit,
 * so "ass" does not block "class" and "caf" not "café". At an edge that is not
 * ASCII (Chinese, Tamil ...), scripts written without spaces, the entry
 * matches inside the text.
 */
#include "app/chat_internal.h"
#include "app/moderation.h"

#include "base/err.h"
#include "base/str.h"
#include "domain/text.h"
#include "domain/text_fold.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

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
    /* Unicode white space too: a message of no-break or ideographic spaces (U+3000, what CJK
     * input methods type as a space) is as blank as one of ASCII spaces. */
    const char *start = text;
    text_trim_unicode(&start, &len);
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

/* ---- blocked words ------------------------------------------------------------------------ */

/* The folded lists of the sellers whose shows this thread served lately. Chat reads a
 * seller's list with every message (so a change made on any node applies at once) but folds
 * it only when it differs from what this thread folded last time: comparing the raw entries
 * byte for byte costs far less than folding them again. Per thread, so no lock. */
#define MEMO_SLOTS 16

typedef struct memo_slot {
    int64_t seller_id; /* 0 = empty */
    uint64_t used;     /* for least-recently-used replacement */
    size_t n;
    void *block; /* one malloc'd block holding the three arrays below */
    char **folded;
    size_t *lens;
    char *raw; /* the entries as read, each NUL-terminated, back to back */
    size_t raw_len;
} memo_slot;

typedef struct memo {
    uint64_t clock;
    memo_slot slots[MEMO_SLOTS];
} memo;

static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;
static bool memo_ok;

static void memo_free(void *p)
{
    memo *m = p;
    for (int i = 0; i < MEMO_SLOTS; i++) {
        free(m->slots[i].block);
    }
    free(m);
}

static void memo_key_create(void)
{
    memo_ok = pthread_key_create(&memo_key, memo_free) == 0;
}

/* This thread's memo (freed when the thread exits), or NULL: then nothing is remembered. */
static memo *thread_memo(void)
{
    pthread_once(&memo_once, memo_key_create);
    if (!memo_ok) {
        return NULL;
    }
    memo *m = pthread_getspecific(memo_key);
    if (!m && (m = calloc(1, sizeof(*m))) && pthread_setspecific(memo_key, m) != 0) {
        free(m);
        m = NULL;
    }
    return m;
}

static size_t raw_size(const char *const *words, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        len += strlen(words[i]) + 1;
    }
    return len;
}

static memo_slot *memo_find(memo *m, int64_t seller_id, const char *const *words, size_t n,
                            size_t raw_len)
{
    for (int k = 0; m && k < MEMO_SLOTS; k++) {
        memo_slot *s = &m->slots[k];
        if (s->seller_id != seller_id || s->n != n || s->raw_len != raw_len) {
            continue;
        }
        const char *p = s->raw;
        size_t i = 0;
        for (; i < n; i++) {
            size_t len = strlen(words[i]) + 1;
            if (memcmp(p, words[i], len) != 0) {
                break;
            }
            p += len;
        }
        if (i == n) {
            s->used = ++m->clock;
            return s;
        }
    }
    return NULL;
}

/* Keep a folded list in the least recently used slot. Best effort: on OOM nothing is kept. */
static void memo_store(memo *m, int64_t seller_id, const char *const *words, size_t n,
                       size_t raw_len, char *const *folded, const size_t *lens)
{
    size_t folded_len = 0;
    for (size_t i = 0; i < n; i++) {
        folded_len += lens[i] + 1;
    }
    size_t arrays = n * (sizeof(char *) + sizeof(size_t)); /* first, so they are aligned */
    char *block = m ? malloc(arrays + raw_len + folded_len) : NULL;
    if (!block) {
        return;
    }
    memo_slot *s = &m->slots[0];
    for (int k = 1; k < MEMO_SLOTS; k++) {
        if (m->slots[k].used < s->used) {
            s = &m->slots[k];
        }
    }
    free(s->block);
    *s = (memo_slot){
        .seller_id = seller_id, .used = ++m->clock, .n = n, .block = block, .raw_len = raw_len};
    s->folded = (char **)(void *)block;
    s->lens = (size_t *)(void *)(block + n * sizeof(char *));
    char *p = s->raw = block + arrays;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(words[i]) + 1;
        memcpy(p, words[i], len);
        p += len;
    }
    for (size_t i = 0; i < n; i++) {
        memcpy(p, folded[i], lens[i] + 1);
        s->folded[i] = p;
        s->lens[i] = lens[i];
        p += lens[i] + 1;
    }
}

/* Fold every entry into the arena. */
static int fold_all(bz_arena *a, const char *const *words, size_t n, char ***folded_out,
                    size_t **lens_out)
{
    char **folded = bz_arena_calloc(a, n, sizeof(*folded));
    size_t *lens = bz_arena_calloc(a, n, sizeof(*lens));
    if (!folded || !lens) {
        return BZ_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        int rc = text_fold(a, words[i], strlen(words[i]), &folded[i], &lens[i]);
        if (rc != BZ_OK) {
            return rc;
        }
    }
    *folded_out = folded;
    *lens_out = lens;
    return BZ_OK;
}

static bool any_entry(const char *text, size_t len, char *const *folded, const size_t *lens,
                      size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (text_fold_has(text, len, folded[i], lens[i])) {
            return true;
        }
    }
    return false;
}

int chat_text_blocked(app_ctx *c, int64_t seller_id, const char *text, const char *const *words,
                      size_t n, bool *blocked)
{
    *blocked = false;
    if (n == 0) {
        return BZ_OK;
    }
    char *t = NULL;
    size_t tlen = 0;
    int rc = text_fold(c->arena, text, strlen(text), &t, &tlen);
    if (rc != BZ_OK) {
        return app_fail(c, rc == BZ_ENOMEM ? rc : BZ_EINTERNAL, NULL, NULL);
    }
    memo *m = thread_memo();
    size_t raw_len = raw_size(words, n);
    memo_slot *s = memo_find(m, seller_id, words, n, raw_len);
    if (s) {
        *blocked = any_entry(t, tlen, s->folded, s->lens, n);
        return BZ_OK;
    }
    char **folded = NULL;
    size_t *lens = NULL;
    if ((rc = fold_all(c->arena, words, n, &folded, &lens)) != BZ_OK) {
        return app_fail(c, rc == BZ_ENOMEM ? rc : BZ_EINTERNAL, NULL, NULL);
    }
    memo_store(m, seller_id, words, n, raw_len, folded, lens);
    *blocked = any_entry(t, tlen, folded, lens, n);
    return BZ_OK;
}

bool app_mod_text_blocked(const char *text, const char *const *words, size_t n)
{
    bz_arena *a = bz_arena_new(4096);
    char *t = NULL, **folded = NULL;
    size_t tlen = 0, *lens = NULL;
    bool blocked = !a || text_fold(a, text, strlen(text), &t, &tlen) != BZ_OK ||
                   fold_all(a, words, n, &folded, &lens) != BZ_OK ||
                   any_entry(t, tlen, folded, lens, n);
    bz_arena_free(a);
    return blocked;
}
