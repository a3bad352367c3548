/*
 * domain/buyer.h - what a buyer sets for their own wellbeing: a spending cap and a
 * cool-off.
 *
 * Plain data, as every model type of the domain: ids are int64, money int64 sen, times
 * UTC ms; strings and arrays are borrowed (from a store read: the caller's arena).
 */
#ifndef DOMAIN_BUYER_H
#define DOMAIN_BUYER_H

#include <stdint.h>

/* A buyer's own limits (DESIGN section 4: "within the buyer's own spending cap"). */
typedef struct buyer_limits {
    int64_t user_id;
    int64_t spending_cap;   /* sen; 0 = no cap */
    const char *cap_period; /* "day" | "week" when there is a cap, else NULL */
    int64_t cool_off_until; /* UTC ms; 0 = never set */
    int64_t updated_at;
} buyer_limits;

#endif
