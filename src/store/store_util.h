/*
 * store/store_util.h - small helpers shared by the adapters.
 */
#ifndef STORE_STORE_UTIL_H
#define STORE_STORE_UTIL_H

#include "base/arena.h"

#include <stddef.h>
#include <stdint.h>

/* Page sizes outside 1..100 are clamped rather than refused: the port promises no
 * validation errors, and the use cases validate what users send. */
int store_clamp_limit(int limit);

/* Grow an arena-backed array of `elem`-byte items so that index `n` fits: returns the array
 * (maybe moved, old contents copied) or NULL on OOM. *cap tracks the capacity. */
void *store_arena_grow(bz_arena *a, void *array, size_t n, size_t *cap, size_t elem);

/* The index of `id` in ids[0..n), or -1. */
long store_id_index(const int64_t *ids, size_t n, int64_t id);

/* An error code from a constraint name or message: the first entry whose `needle` occurs in
 * `text` wins; BZ_ECONFLICT when none does. Both adapters share the one table, which names
 * the unique indexes of migrations/0001 and their SQLite column spellings. */
int store_unique_violation_code(const char *text);

#endif
