/* bench/load/bidans.h - what a bid answer says, from HTTP (201 {bid, auction} or
 * {error{code, details{current_bid, min_next_bid}}}) or from a Socket.IO ack
 * ([{ok, bid, auction}] or [{error{...}}]), in one shape for the bid driver. */
#ifndef BENCH_LOAD_BIDANS_H
#define BENCH_LOAD_BIDANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bid_answer {
    bool accepted;
    char code[48];     /* refusal code; "transport" when there was no answer */
    bool has_min_next; /* min_next_bid was in the answer */
    int64_t min_next_bid;
    bool auction_over; /* the answer says the auction is no longer running */
} bid_answer;

/* status < 0: the connection failed. body is the JSON text (may be empty). */
void bid_answer_from_http(int status, const char *body, size_t len, bid_answer *out);

/* args is the ACK's JSON array. */
void bid_answer_from_ack(const char *args, size_t len, bid_answer *out);

/* increment(current) of docs/auctions.md (MYR bands, in sen): the driver's ladder uses
 * it to plan strictly increasing valid amounts without waiting for each answer. */
int64_t bid_increment_for(int64_t current_sen);

#endif
