/* bench/load/setup.h - creates what the scenarios need through the REST API of
 * DESIGN §3, so the same setup works against the stand-in and against blytz: a
 * seller with one product, a live stream with a running auction, and bidders. */
#ifndef BENCH_LOAD_SETUP_H
#define BENCH_LOAD_SETUP_H

#include "netutil.h"

#include <stdint.h>

#define BENCH_ID_MAX    96
#define BENCH_TOKEN_MAX 1024

/* Every auction starts at RM1 and ends at buy-it-now RM1,000,000 (the price cap):
 * the bid driver rotates to a new auction by buying the lot when the ladder of
 * increments reaches it (about 750 bids per auction). */
#define BENCH_STARTING_BID_SEN 100
#define BENCH_BUY_NOW_SEN      100000000LL

typedef struct bench_user {
    char id[BENCH_ID_MAX];
    char token[BENCH_TOKEN_MAX];
} bench_user;

typedef struct bench_env {
    bench_user seller;
    char product_id[BENCH_ID_MAX];
    char stream_id[BENCH_ID_MAX];
    char auction_id[BENCH_ID_MAX];
    int64_t min_next_bid;
    bench_user *bidders;
    unsigned bidder_count;
} bench_env;

/* Runs the whole setup (blocking). False with a message in err. */
bool setup_run(const target *t, unsigned bidders, bench_env *env, char *err, size_t err_len);

/* JSON body of POST /api/v1/streams/{id}/auctions for env's product. */
void setup_auction_body(const bench_env *env, char *out, size_t cap);

void setup_free(bench_env *env);

#endif
