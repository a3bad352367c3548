/* bench/load/bidlog.c - see bidlog.h. */
#include "bidlog.h"

#include <stdlib.h>

static uint64_t key_of(uint32_t gen, int64_t amount)
{
    /* gen starts at 1 and amounts are below 2^32 sen, so a key is never 0 */
    return ((uint64_t)gen << 32) | ((uint64_t)amount & 0xFFFFFFFFu);
}

static size_t slot_of(uint64_t key, size_t cap)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdull;
    key ^= key >> 33;
    return (size_t)key & (cap - 1);
}

static void insert(bidlog_slot *slots, size_t cap, uint64_t key, uint64_t written_us)
{
    size_t i = slot_of(key, cap);
    while (slots[i].key && slots[i].key != key) {
        i = (i + 1) & (cap - 1);
    }
    slots[i].key = key;
    slots[i].written_us = written_us;
}

static bool grow(bidlog *log)
{
    size_t cap = log->cap ? log->cap * 2 : 1024;
    bidlog_slot *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        return false;
    }
    for (size_t i = 0; i < log->cap; i++) {
        if (log->slots[i].key) {
            insert(slots, cap, log->slots[i].key, log->slots[i].written_us);
        }
    }
    free(log->slots);
    log->slots = slots;
    log->cap = cap;
    return true;
}

bool bidlog_put(bidlog *log, uint32_t gen, int64_t amount, uint64_t written_us)
{
    if (gen == 0 || amount <= 0 || amount > 0xFFFFFFFFll) {
        return false;
    }
    if ((log->count + 1) * 2 > log->cap && !grow(log)) {
        return false;
    }
    uint64_t key = key_of(gen, amount);
    uint64_t ignored;
    if (!bidlog_get(log, gen, amount, &ignored)) {
        log->count++;
    }
    insert(log->slots, log->cap, key, written_us);
    return true;
}

bool bidlog_get(const bidlog *log, uint32_t gen, int64_t amount, uint64_t *written_us)
{
    if (!log->cap || gen == 0 || amount <= 0 || amount > 0xFFFFFFFFll) {
        return false;
    }
    uint64_t key = key_of(gen, amount);
    for (size_t i = slot_of(key, log->cap);; i = (i + 1) & (log->cap - 1)) {
        if (log->slots[i].key == key) {
            *written_us = log->slots[i].written_us;
            return true;
        }
        if (!log->slots[i].key) {
            return false;
        }
    }
}

void bidlog_free(bidlog *log)
{
    free(log->slots);
    *log = (bidlog){0};
}
