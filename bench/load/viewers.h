/* bench/load/viewers.h - a pool of anonymous Socket.IO viewers that join one stream
 * room (join:stream with ack) at a controlled connection rate, and hand every
 * `auction:bid` they decode to the scenario. */
#ifndef BENCH_LOAD_VIEWERS_H
#define BENCH_LOAD_VIEWERS_H

#include "sioc.h"
#include "stats.h"

typedef struct viewer viewer;
typedef struct viewer_pool viewer_pool;

/* An `auction:bid` decoded by one viewer: the auction id (not NUL-terminated) and
 * amount, and when its bytes were read. */
typedef void (*viewer_bid_cb)(viewer_pool *p, const char *auction_id, size_t id_len, int64_t amount,
                              uint64_t at_us, void *ud);

struct viewer_pool {
    uv_loop_t *loop;
    const target *t;
    char join_args[256];
    unsigned count; /* viewers wanted */
    unsigned started, joined, failed, open_now;
    unsigned dropped;        /* joined, then lost before the pool closed them */
    unsigned handshakes_max; /* connections between start and join ack at once */
    double connect_rate;     /* new connections per second */
    unsigned src_count;      /* source addresses to spread over */
    uint64_t started_at_us, all_settled_at_us;
    uv_timer_t tick;
    bool tick_live, closing;
    viewer *viewers;
    lat_hist join_latency; /* connect start -> join ack */
    uint64_t bid_events, other_events, undecodable;
    viewer_bid_cb on_bid;
    void *ud;
    char first_error[64];
};

bool viewer_pool_start(viewer_pool *p, uv_loop_t *loop, const target *t, const char *stream_id,
                       unsigned count, double connect_rate, unsigned src_count,
                       viewer_bid_cb on_bid, void *ud);

/* True once every viewer joined or failed. */
bool viewer_pool_settled(const viewer_pool *p);

/* Closes every viewer; open_now reaches 0 when libuv is done with them. */
void viewer_pool_close(viewer_pool *p);

void viewer_pool_free(viewer_pool *p);

#endif
