#include "base/arena.h"

#include "base/check.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chunks form a singly linked list, newest first. Large requests get a chunk of their own. */
struct chunk {
    struct chunk *next;
    size_t size;
    size_t used;
    max_align_t data[];
};

struct bz_arena {
    struct chunk *head;
    size_t chunk_size;
    size_t used;
};

#define ALIGN (sizeof(max_align_t))

static struct chunk *chunk_new(size_t size)
{
    struct chunk *c = malloc(sizeof(*c) + size);
    if (c) {
        c->next = NULL;
        c->size = size;
        c->used = 0;
    }
    return c;
}

bz_arena *bz_arena_new(size_t chunk_size)
{
    bz_arena *a = malloc(sizeof(*a));
    if (!a) {
        return NULL;
    }
    a->chunk_size = chunk_size < 256 ? 256 : chunk_size;
    a->head = chunk_new(a->chunk_size);
    a->used = 0;
    if (!a->head) {
        free(a);
        return NULL;
    }
    return a;
}

void bz_arena_free(bz_arena *a)
{
    if (!a) {
        return;
    }
    struct chunk *c = a->head;
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

void bz_arena_reset(bz_arena *a)
{
    /* Keep one chunk of the standard size for reuse; free the others. */
    struct chunk *keep = NULL;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *next = c->next;
        if (!keep && c->size == a->chunk_size) {
            keep = c;
        } else {
            free(c);
        }
        c = next;
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    a->head = keep;
    a->used = 0;
}

void *bz_arena_alloc(bz_arena *a, size_t size)
{
    if (size > SIZE_MAX - ALIGN) {
        return NULL;
    }
    size = (size + ALIGN - 1) & ~(ALIGN - 1);
    struct chunk *c = a->head;
    BZ_CHECK(!c || c->used <= c->size); /* else the free-space test below wraps around */
    if (!c || c->size - c->used < size) {
        size_t want = size > a->chunk_size ? size : a->chunk_size;
        struct chunk *n = chunk_new(want);
        if (!n) {
            return NULL;
        }
        if (c && want > a->chunk_size) {
            /* Oversized: insert behind the head so the head keeps its free space. */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    a->used += size;
    return p;
}

void *bz_arena_calloc(bz_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        return NULL;
    }
    void *p = bz_arena_alloc(a, n * size);
    if (p) {
        memset(p, 0, n * size);
    }
    return p;
}

char *bz_arena_strndup(bz_arena *a, const char *s, size_t len)
{
    if (!s) {
        return NULL;
    }
    char *p = bz_arena_alloc(a, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

char *bz_arena_strdup(bz_arena *a, const char *s)
{
    return s ? bz_arena_strndup(a, s, strlen(s)) : NULL;
}

char *bz_arena_printf(bz_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return NULL;
    }
    char *p = bz_arena_alloc(a, (size_t)n + 1);
    if (p) {
        va_start(ap, fmt);
        int again = vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
        BZ_CHECK(again == n); /* the same format and arguments measure the same */
    }
    return p;
}

size_t bz_arena_used(const bz_arena *a)
{
    return a->used;
}
