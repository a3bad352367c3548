/*
 * base/rand.h - randomness from the kernel (getrandom), and Blytz ids.
 *
 * Ids are positive 63-bit integers, time-ordered so that newer rows sort last
 * and cursor pagination can use them: 41 bits of milliseconds since
 * 2024-01-01, 10 bits of node tag, 12 bits of a per-process sequence. Within
 * one process ids strictly increase; across nodes they are unique as long as
 * node tags differ (random by default, BLYTZ_NODE_ID pins one). They travel
 * as decimal strings and clients treat them as opaque.
 */
#ifndef BASE_RAND_H
#define BASE_RAND_H

#include <stddef.h>
#include <stdint.h>

/* Fill `buf` with `len` cryptographically secure random bytes. Aborts if the kernel fails. */
void bz_random_bytes(void *buf, size_t len);

/* Set this process's node tag (0..1023). Call before the first bz_id_new, or not at all. */
void bz_id_set_node(unsigned node);

/* A new id, strictly greater than every id this process issued before. Thread-safe. */
int64_t bz_id_new(int64_t now_ms);

/* The creation time (ms since epoch) encoded in an id. */
int64_t bz_id_time_ms(int64_t id);

#endif
