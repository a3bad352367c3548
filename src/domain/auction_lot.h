/*
 * domain/auction_lot.h - an auction as kept: the state domain/auction.h rules on, with the
 * show and product it sells (auction_lot), and the accepted bid steps of its hash-chained
 * log (auction_lot_bid).
 *
 * Plain data, as every model type of the domain: ids are int64, money int64 sen, times
 * UTC ms; strings and arrays are borrowed (from a store read: the caller's arena).
 */
#ifndef DOMAIN_AUCTION_LOT_H
#define DOMAIN_AUCTION_LOT_H

#include <stdbool.h>
#include <stdint.h>

/* An auction of one lot of a show, field by field what domain/auction.h keeps, plus the head
 * of its bid hash chain and a version that every update bumps. */
typedef struct auction_lot {
    int64_t id;
    int64_t stream_id;
    int64_t product_id; /* (stream_id, product_id) is in the show's lineup */
    int64_t seller_id;
    const char *mode;                                   /* "standard" | "sudden_death" */
    const char *status;                                 /* "running" | "ended" | "cancelled" */
    int64_t starting_bid, reserve_price, buy_now_price; /* sen; 0 = none */
    int64_t soft_close_window_ms, soft_close_extend_ms;
    int64_t started_at, ends_at, ended_at; /* ended_at 0 while running */
    bool has_bid;                          /* current_bid is NULL in the database until then */
    int64_t current_bid;
    int64_t leader_id; /* 0 = none */
    int64_t leader_max;
    int64_t step_count; /* accepted steps = bids rows; the last bid's seq */
    int64_t winner_id;  /* 0 = none */
    bool bought_now;
    unsigned char last_hash[32]; /* hash of bid #step_count; zeros before the first */
    int64_t version;             /* 0 at creation, +1 per update */
    int64_t created_at;
} auction_lot;

/* One accepted bid step: what the hash-chained log publishes. */
typedef struct auction_lot_bid {
    int64_t id;
    int64_t auction_id;
    int64_t seq; /* 1, 2, 3 ... within the auction */
    int64_t bidder_id;
    int64_t amount;     /* sen: the new current price */
    int64_t max_amount; /* the bidder's maximum when placed as one (0 = plain bid) */
    bool by_proxy;      /* placed by the engine for an earlier maximum */
    int64_t created_at;
    unsigned char prev_hash[32];
    unsigned char hash[32];
    /* The last step of each committed batch carries the server's Ed25519 signature of the
     * head it ends at (domain/bidlog.h) and the id of the bid-log key that made it; other
     * steps (and steps written before migration 0009) have none. */
    bool has_sig;
    unsigned char sig[64];
    char kid[32]; /* "" when !has_sig */
} auction_lot_bid;

#endif
