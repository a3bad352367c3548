/*
 * engine/engine.h - the auction engine: group-committed bids and closing
 * timers (docs/realtime.md "The bid path", "Closing exactly once").
 *
 * One engine thread with its own store connection (opened on that thread by
 * the caller's `open` callback, like the HTTP server's worker init). Bids are
 * queued per auction; the thread drains a queue in batches of up to
 * batch_max bids, each batch one app_auction_bid_batch call (one
 * transaction, one fsync). Completions run on the engine thread, after the
 * commit: a caller on a libuv loop posts them to its loop.
 *
 * Closing: the thread keeps a min-heap of (ends_at, auction) timers and
 * waits on its condition variable until the earliest one. When it fires it
 * calls app_auction_close; an auction extended since answers "not due" with
 * its new ends_at and the timer is re-armed. Due timers run before the next
 * batch, so a busy auction cannot starve a close. Timers come from the store
 * at start (every running auction) and from engine_watch (a new auction, an
 * extension seen by another component). Closing is exactly once across
 * engines and nodes: the store's conditional close decides (app/auctions.h).
 *
 * Threads: engine_submit, engine_submit_wait and engine_watch are
 * thread-safe. engine_new/start/stop/free belong to one owning thread.
 */
#ifndef ENGINE_ENGINE_H
#define ENGINE_ENGINE_H

#include "app/app.h"
#include "app/auctions.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct engine engine;

/* Open the engine thread's context (env, own store connection, own arena), on that thread.
 * BZ_OK or a BZ_E* code (then engine_start fails). */
typedef int (*engine_open_fn)(void *udata, app_ctx **ctx_out);
/* Release it, on the same thread, when the engine stops. */
typedef void (*engine_close_fn)(void *udata, app_ctx *ctx);
/* The wall clock (UTC ms); tests pass their own. */
typedef int64_t (*engine_clock_fn)(void *udata);
/* A bid's completion, on the engine thread, after its batch committed (or failed). `r` lives
 * for the call only. */
typedef void (*engine_done_fn)(void *udata, const app_bid_result *r);
/* An auction this engine closed (winner 0 = unsold), on the engine thread. */
typedef void (*engine_closed_fn)(void *udata, int64_t auction_id);

typedef struct engine_config {
    int batch_max; /* bids per transaction, 1..APP_BID_BATCH_MAX (256) */
    engine_open_fn open;
    engine_close_fn close;
    void *udata;                /* for open, close, clock and on_closed */
    engine_clock_fn clock;      /* NULL = bz_now_ms */
    engine_closed_fn on_closed; /* NULL = nobody asks */
    bool load_running;          /* arm timers for the store's running auctions at start (true) */
} engine_config;

void engine_config_defaults(engine_config *cfg);

typedef struct engine_stats {
    uint64_t batches;   /* transactions committed or failed */
    uint64_t bids;      /* bids completed */
    uint64_t max_batch; /* the largest batch so far */
    uint64_t closes;    /* auctions this engine closed */
} engine_stats;

/* A stopped engine. BZ_OK, BZ_EVALIDATION (no open callback, bad batch_max), BZ_ENOMEM. */
int engine_new(const engine_config *cfg, engine **out);
/* Start the thread and wait until it has opened its context. BZ_OK or open's failure. */
int engine_start(engine *e);
/* Finish every queued bid, then stop the thread (pending timers are dropped: the next start
 * loads the running auctions again). Idempotent. */
void engine_stop(engine *e);
/* Free a stopped (or never started) engine. NULL is allowed. */
void engine_free(engine *e);

/* Queue a bid (copied) on `auction_id`. `done(udata, result)` runs once on the engine thread.
 * BZ_OK, BZ_EUNAVAILABLE (not running or stopping), BZ_ENOMEM. */
int engine_submit(engine *e, int64_t auction_id, const app_bid_req *req, engine_done_fn done,
                  void *udata);
/* Queue a bid and block the calling thread until its batch has committed; *out is its answer.
 * For synchronous callers (REST workers). BZ_OK (see out->code) or as engine_submit. */
int engine_submit_wait(engine *e, int64_t auction_id, const app_bid_req *req, app_bid_result *out);
/* Arm (or re-arm) the closing timer of a running auction. */
void engine_watch(engine *e, int64_t auction_id, int64_t ends_at);

void engine_get_stats(engine *e, engine_stats *out);

#endif
