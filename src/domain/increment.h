/*
 * domain/increment.h - the MYR bid increment table and the minimum next bid.
 *
 * increment(current) is the step for the band that `current` falls in
 * (lower bound inclusive). The table is monotone: a higher price never has a
 * smaller step, so "current + increment(current)" strictly increases with
 * current. docs/auctions.md explains the choice of bands.
 *
 *   from (RM)      step (RM)        from (RM)      step (RM)
 *        0            1                 5,000          100
 *       30            2                10,000          250
 *       50            5                25,000          500
 *      100           10                50,000        1,000
 *      250           25               100,000        2,500
 *      500           50
 */
#ifndef DOMAIN_INCREMENT_H
#define DOMAIN_INCREMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct increment_band {
    int64_t from_sen; /* band applies to prices >= from_sen (until the next band) */
    int64_t step_sen;
} increment_band;

/* The table (static, ascending), and its length in *count. */
const increment_band *increment_table(size_t *count);

/* The step above `current_sen` (>= 0). */
int64_t increment_for(int64_t current_sen);

/* The least acceptable next bid: `starting_bid_sen` when there is no bid yet, else
 * current + increment(current). */
int64_t increment_min_next_bid(bool has_current, int64_t current_sen, int64_t starting_bid_sen);

#endif
