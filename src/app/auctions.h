/*
 * app/auctions.h - running auctions during a live show: start, bid (in
 * batches, one transaction per batch), close exactly once, read, and the
 * hash-chained bid log, its signed heads and its verification.
 *
 * The rules are domain/auction.h; this layer persists them. Every change
 * happens in one store transaction that first reads the auction row under a
 * write lock (store_auction_get(..., lock = true)), so any number of callers
 * (engine threads, nodes) stay linearizable per auction. Room events
 * (`auction:bid`, `auction:update`) get their seq and are logged in that
 * transaction and are published through c->env->events after the commit.
 *
 * Threads: like every use case, one app_ctx per thread. The engine
 * (src/engine) is the usual caller of app_auction_bid_batch and
 * app_auction_close; results of reads live in c->arena.
 */
#ifndef APP_AUCTIONS_H
#define APP_AUCTIONS_H

#include "app/app.h"
#include "app/ports/crypto.h"
#include "domain/account.h"
#include "domain/auction_lot.h"
#include "domain/bidlog.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_BID_KEY_MAX     128   /* Idempotency-Key of a bid */
#define APP_BID_BATCH_MAX   256   /* bids in one transaction */
#define APP_AUCTION_LOG_MAX 20000 /* log entries one read returns */

/* POST /streams/{id}/auctions. */
typedef struct app_auction_input {
    int64_t product_id;    /* a lot of the show's lineup */
    int64_t starting_bid;  /* sen, >= RM1 */
    int64_t duration_s;    /* 5..300; 0 = 30 */
    const char *mode;      /* "standard" | "sudden_death"; NULL = standard */
    int64_t reserve_price; /* sen, 0 = none */
    int64_t buy_now_price; /* sen, 0 = none */
} app_auction_input;

/* An auction as one viewer may see it: the reserve price only for its seller. */
typedef struct app_auction_view {
    auction_lot auction; /* reserve_price zeroed unless the viewer is the seller */
    int64_t min_next_bid;
    bool has_reserve;
    bool reserve_met; /* current bid at or above the reserve (true when there is none) */
    int64_t server_time;
} app_auction_view;

/* One bid as submitted. Plain old data: the engine copies it into its queue. */
typedef struct app_bid_req {
    int64_t bidder_id;             /* 0 = anonymous: refused with BZ_EUNAUTHORIZED */
    bool is_max;                   /* max_amount (proxy) instead of amount */
    int64_t amount;                /* sen */
    char key[APP_BID_KEY_MAX + 1]; /* Idempotency-Key, "" = none */
} app_bid_req;

/* A bid as a client sent it, read off its transport (wire_bid_read: the REST body and
 * Idempotency-Key header, or the socket's `auction:bid` payload) and not yet checked. */
typedef struct app_bid_input {
    bool has_amount, has_max_amount;
    int64_t amount, max_amount; /* as sent */
    const char *key;            /* the idempotency key; NULL = none */
    const char *key_field;      /* the key's name on that transport, for errors */
} app_bid_input;

/* The one check of a bid's input, whichever transport brought it: exactly one of amount and
 * max_amount, within 1..MONEY_PRICE_CAP_SEN; a key of 1..APP_BID_KEY_MAX printable ASCII
 * characters. Fills out->is_max, amount and key (the caller sets bidder_id). BZ_OK, or
 * BZ_EVALIDATION with err->field and err->message. Pure: any thread. */
int app_bid_check(const app_bid_input *in, app_bid_req *out, app_err *err);

/* The auction after one bid of a batch (or where it stood when the bid was refused). */
typedef struct app_auction_state {
    int64_t id;
    int64_t stream_id;
    const char *status; /* static string: "running" | "ended" | "cancelled" */
    bool has_bid;
    int64_t current_bid;
    int64_t min_next_bid;
    int64_t leader_id;
    int64_t winner_id;
    int64_t ends_at;
} app_auction_state;

/* The answer to one bid. Plain old data (no pointers into an arena). */
typedef struct app_bid_result {
    int code;       /* BZ_OK or why it was refused (or why its batch failed) */
    bool replayed;  /* same Idempotency-Key as an accepted bid: its answer again */
    int64_t bid_id; /* the bidder's own step; 0 when a leader only raised a maximum */
    int64_t amount; /* that step's amount (or the current price when no step) */
    int64_t max_amount;
    int64_t created_at;
    bool by_proxy;                                  /* of that step */
    char bidder_username[ACCOUNT_USERNAME_MAX + 1]; /* on BZ_OK: the answer's bidder{} */
    bool extended;                                  /* this bid moved ends_at (soft close) */
    bool ended;                                     /* this bid ended the auction (buy-it-now) */
    app_auction_state auction;
} app_bid_result;

/* Start an auction on a lot of live show `stream_id` (seller only). BZ_ENOTFOUND (no show),
 * BZ_EFORBIDDEN (not the show's seller), BZ_ECONFLICT (the show is not live),
 * BZ_EAUCTIONRUNNING, BZ_EOUTOFSTOCK (every unit of the lot is sold or held by a running
 * auction, domain/auction.h), BZ_EVALIDATION with the field (product_id, starting_bid,
 * duration_s, mode, reserve_price, buy_now_price). */
int app_auction_start(app_ctx *c, int64_t actor, int64_t stream_id, const app_auction_input *in,
                      app_auction_view *out);

/* Read an auction as `viewer` (0 = anonymous). BZ_ENOTFOUND. */
int app_auction_get(app_ctx *c, int64_t viewer, int64_t id, app_auction_view *out);

/* The auction running in show `stream_id`, read as app_auction_get reads it. BZ_ENOTFOUND
 * when none runs. */
int app_auction_running(app_ctx *c, int64_t viewer, int64_t stream_id, app_auction_view *out);

/* Place `n` (1..APP_BID_BATCH_MAX) bids on one auction in one transaction, in order, at
 * c->now. Returns BZ_OK when the transaction committed (each out[i].code says how bid i
 * fared), or the failure (store unavailable, no such auction: BZ_ENOTFOUND) that every
 * out[i].code also carries: then nothing of the batch was written. */
int app_auction_bid_batch(app_ctx *c, int64_t auction_id, const app_bid_req *reqs, size_t n,
                          app_bid_result *out);

/* Close a due auction at c->now, exactly once across callers: the winner's order and the
 * stock change happen in the same transaction (a lot with no unit left sells nothing).
 * BZ_OK (this call closed it); BZ_EAUCTIONENDED (already closed or cancelled); BZ_ECONFLICT
 * (not due yet: *ends_at says when it is); BZ_ENOTFOUND. `ends_at` may be NULL. */
int app_auction_close(app_ctx *c, int64_t id, int64_t *ends_at);

/* The seller cancels their running auction at c->now: nobody wins, nothing is sold, the lot's
 * unit is free again, and the room hears auction:update with status "cancelled". Bids accepted
 * so far stay in the log. Serialised with bid batches and closers by the row lock. BZ_OK;
 * BZ_EFORBIDDEN (not its seller); BZ_EAUCTIONENDED (already ended or cancelled);
 * BZ_ENOTFOUND. */
int app_auction_cancel(app_ctx *c, int64_t actor, int64_t id);

/* One entry of the public bid log (byte formats: domain/bidlog.h, docs/auctions.md). */
typedef bidlog_entry app_log_entry;

/* app_log_head, the head of an auction's log, is app/ports/encoder.h's: events carry it. */

typedef struct app_auction_log {
    app_log_entry *entries; /* in seq order */
    const char **usernames; /* usernames[i]: entries[i]'s bidder's ("" when unknown) */
    size_t n;
    bool valid;                  /* check.verdict == BIDLOG_VALID */
    unsigned char head_hash[32]; /* the auction's stored head (zeros before the first bid) */
    app_log_head head;           /* the auction's head with the last entry's signature */
    bidlog_check check;          /* the chain and the head's signature (bidlog_verify) */
} app_auction_log;

/* The whole bid log of an auction, verified: the chain, and the signature of its head (one
 * signature check, however long the log; earlier signatures are checkpoints viewers hold).
 * BZ_ENOTFOUND. */
int app_auction_log_read(app_ctx *c, int64_t id, app_auction_log *out);

/* The bid-log verification keys (current first); returns how many (<= max). */
size_t app_auction_log_keys(app_ctx *c, crypto_log_pubkey *out, size_t max);

#endif
