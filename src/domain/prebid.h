/*
 * domain/prebid.h - pre-bids: maximums placed on a scheduled show's lots.
 *
 * Plain data, as every model type of the domain: ids are int64, money int64 sen, times
 * UTC ms; strings and arrays are borrowed (from a store read: the caller's arena).
 */
#ifndef DOMAIN_PREBID_H
#define DOMAIN_PREBID_H

#include <stdint.h>

/* A maximum placed on a scheduled show's lot before its auction opens (see 0006). */
typedef struct prebid {
    int64_t id;
    int64_t stream_id;
    int64_t product_id;
    int64_t bidder_id;
    int64_t max_amount; /* sen */
    int64_t created_at;
} prebid;

#endif
