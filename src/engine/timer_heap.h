/*
 * engine/timer_heap.h - a binary min-heap of (time, auction id): the
 * engine's closing timers. Not thread-safe (the engine guards it with its
 * mutex). Duplicates are allowed: a close attempt on an auction that is not
 * due, or already closed, is cheap and answers what to do next.
 */
#ifndef ENGINE_TIMER_HEAP_H
#define ENGINE_TIMER_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct engine_timer {
    int64_t at; /* UTC ms */
    int64_t auction_id;
} engine_timer;

typedef struct timer_heap {
    engine_timer *items;
    size_t n, cap;
} timer_heap;

/* BZ_OK or BZ_ENOMEM. */
int timer_heap_push(timer_heap *h, int64_t at, int64_t auction_id);
/* The earliest timer without removing it; false when empty. */
bool timer_heap_peek(const timer_heap *h, engine_timer *out);
/* Remove the earliest timer into *out; false when empty. */
bool timer_heap_pop(timer_heap *h, engine_timer *out);
void timer_heap_free(timer_heap *h);

#endif
