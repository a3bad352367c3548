/* bench/load/driver.h - the bid driver: a pool of bidders (HTTP keep-alive or
 * Socket.IO) bidding on the stream's running auction with strictly increasing
 * amounts, and rotating to a fresh auction when the ladder reaches the
 * buy-it-now price (DESIGN's price cap allows about 750 bids per auction).
 *
 * Amounts come from a ladder: each bid takes the next rung, planned with the
 * increment table, so bids in flight at the same time are all valid in the order
 * they were written; the server's min_next_bid corrects the ladder when it is
 * ahead. A bidder that leads is skipped (a leader may not outbid itself).
 *
 * Rotation: stop sending, wait for the bids in flight, buy the lot at the
 * buy-it-now price (ends the auction), start a new auction on the same stream.
 * Viewers stay in the same room throughout. */
#ifndef BENCH_LOAD_DRIVER_H
#define BENCH_LOAD_DRIVER_H

#include "bidlog.h"
#include "setup.h"
#include "sioc.h"
#include "stats.h"

typedef enum { BID_VIA_HTTP, BID_VIA_SOCKET } bid_via;

#define DRIVER_CODES_MAX 16
#define DRIVER_GENS      16

typedef struct code_count {
    char code[48];
    uint64_t count;
} code_count;

typedef struct bidder bidder;
typedef struct bid_driver bid_driver;

typedef enum {
    DRIVER_RUNNING,
    DRIVER_DRAINING, /* rotation: waiting for the bids in flight */
    DRIVER_BUYING,   /* rotation: the buy-it-now bid is in flight */
    DRIVER_STARTING, /* rotation: the next auction is being started */
    DRIVER_STOPPED,
} driver_phase;

struct bid_driver {
    uv_loop_t *loop;
    const target *t;
    const bench_env *env;
    bid_via via;
    bool closed_loop; /* send again as soon as a bidder is free (the bids scenario) */
    bool stopping;    /* bid_driver_stop was called: finish a rotation, send nothing new */
    bidder *bidders;
    unsigned bidder_count, bidders_ready, bidders_closed;
    struct httpc *seller;
    driver_phase phase;
    char auction_id[BENCH_ID_MAX];
    uint32_t gen;
    char gen_ids[DRIVER_GENS][BENCH_ID_MAX]; /* auction id of generation g at [g % N] */
    int64_t ladder_next, server_min_next;
    int leader; /* bidder index of the highest accepted bid, -1 none */
    int64_t leader_amount;
    unsigned in_flight;
    unsigned next_bidder;
    uint64_t sent, accepted, refused, transport_errors, rotations, rotation_failures;
    uint64_t late_answers; /* answers for an auction the driver already left */
    code_count codes[DRIVER_CODES_MAX];
    lat_hist latency;
    bidlog log;
};

/* Creates the bidders (socket bidders start connecting with their token). */
bool bid_driver_init(bid_driver *d, uv_loop_t *loop, const target *t, const bench_env *env,
                     bid_via via, bool closed_loop);

/* True once every socket bidder is connected (always true over HTTP). */
bool bid_driver_ready(const bid_driver *d);

/* Sends up to max bids from free bidders; returns how many were sent. */
unsigned bid_driver_fill(bid_driver *d, unsigned max);

/* No new bids; answers still count. */
void bid_driver_stop(bid_driver *d);

/* Closes every connection; the loop then runs until they are gone. */
void bid_driver_close(bid_driver *d);

/* When the bid of `amount` on auction `auction_id` was written (for viewers). */
bool bid_driver_written_at(const bid_driver *d, const char *auction_id, size_t id_len,
                           int64_t amount, uint64_t *written_us);

void bid_driver_free(bid_driver *d);

#endif
