/*
 * base/arena.h - per-request bump allocator (h2o's mem pool, simplified).
 *
 * Everything allocated from an arena is released at once by bz_arena_reset or
 * bz_arena_free; nothing is freed individually. Use one arena per request or
 * per unit of work, and hand results that must outlive it to malloc'd memory.
 */
#ifndef BASE_ARENA_H
#define BASE_ARENA_H

#include <stddef.h>

typedef struct bz_arena bz_arena;

/* A new arena whose chunks are at least `chunk_size` bytes. NULL on OOM. */
bz_arena *bz_arena_new(size_t chunk_size);

/* Free the arena and everything allocated from it. NULL is allowed. */
void bz_arena_free(bz_arena *a);

/* Release every allocation, keeping the first chunk for reuse. */
void bz_arena_reset(bz_arena *a);

/* `size` bytes aligned for any type; NULL on OOM. Memory is not zeroed. */
void *bz_arena_alloc(bz_arena *a, size_t size);

/* Zeroed `n * size` bytes; NULL on OOM or overflow. */
void *bz_arena_calloc(bz_arena *a, size_t n, size_t size);

/* Copies owned by the arena, NUL-terminated. NULL on OOM (or if s is NULL). */
char *bz_arena_strdup(bz_arena *a, const char *s);
char *bz_arena_strndup(bz_arena *a, const char *s, size_t len);
char *bz_arena_printf(bz_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Bytes handed out since the last reset (for tests and metrics). */
size_t bz_arena_used(const bz_arena *a);

#endif
