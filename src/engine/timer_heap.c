/*
 * The closing timers' min-heap (engine/timer_heap.h).
 */
#include "engine/timer_heap.h"

#include "base/check.h"
#include "base/err.h"

#include <stdlib.h>

static bool earlier(const engine_timer *a, const engine_timer *b)
{
    return a->at < b->at || (a->at == b->at && a->auction_id < b->auction_id);
}

static void swap(engine_timer *a, engine_timer *b)
{
    engine_timer t = *a;
    *a = *b;
    *b = t;
}

int timer_heap_push(timer_heap *h, int64_t at, int64_t auction_id)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 16;
        engine_timer *items = realloc(h->items, cap * sizeof(*items));
        if (!items) {
            return BZ_ENOMEM;
        }
        h->items = items;
        h->cap = cap;
    }
    size_t i = h->n++;
    h->items[i] = (engine_timer){at, auction_id};
    while (i > 0 && earlier(&h->items[i], &h->items[(i - 1) / 2])) {
        swap(&h->items[i], &h->items[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    return BZ_OK;
}

bool timer_heap_peek(const timer_heap *h, engine_timer *out)
{
    if (h->n == 0) {
        return false;
    }
    *out = h->items[0];
    return true;
}

bool timer_heap_pop(timer_heap *h, engine_timer *out)
{
    if (h->n == 0) {
        return false;
    }
    *out = h->items[0];
    BZ_CHECK(h->n <= h->cap);
    h->items[0] = h->items[--h->n];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && earlier(&h->items[l], &h->items[m])) {
            m = l;
        }
        if (r < h->n && earlier(&h->items[r], &h->items[m])) {
            m = r;
        }
        if (m == i) {
            break;
        }
        swap(&h->items[i], &h->items[m]);
        i = m;
    }
    /* Heap order: what was popped is due no later than the new earliest timer. */
    BZ_CHECK(h->n == 0 || !earlier(&h->items[0], out));
    return true;
}

void timer_heap_free(timer_heap *h)
{
    free(h->items);
    *h = (timer_heap){0};
}
