/*
 * domain/auction.h - the auction state machine: start, place_bid, close,
 * cancel. Pure: no I/O, no clock (every call takes `now`, UTC ms), no heap.
 *
 * An `auction` is a plain value the store can persist field by field. The
 * caller serialises calls per auction (the store's conditional update or a
 * per-auction lock); the functions themselves keep no global state.
 *
 * Rules (docs/auctions.md has the full story):
 * - Bids are accepted while status is running and now < ends_at; the server's
 *   clock decides. The first bid must reach the starting bid; later ones
 *   min_next = current + increment(current) (domain/increment.h).
 * - A bid is either a plain `amount` (bid exactly that) or a `max_amount`
 *   (proxy: the engine bids for the bidder one increment at a time up to that
 *   maximum). Only the leader's maximum matters: everyone else's maximum is
 *   already at or below the current price. Equal maximums go to the earlier.
 * - Each accepted placement produces one or two steps (bidder, amount); the
 *   amounts of all steps of an auction strictly increase. Two steps happen
 *   when a challenger stays at or below the leader's hidden maximum: the
 *   challenger's bid, then the leader's proxy answer (unless it is a tie).
 * - A hidden reserve: a maximum at or above the reserve lifts the price to
 *   the reserve, so a buyer willing to pay it is not told "reserve not met".
 * - Standard mode: a price step with less than soft_close_window_ms left
 *   moves ends_at to now + soft_close_extend_ms. Sudden death: never.
 * - Buy-it-now: while the current price is below buy_now_price, any bid (or
 *   maximum) at or above it, by anyone (the current leader included, and even
 *   when the minimum next bid has passed it), ends the auction at
 *   buy_now_price for that bidder.
 * - close() ends a due auction exactly once: the leader wins if the reserve
 *   (if any) is met, else nobody does.
 * - Stock: every running auction of a product holds one of its unsold units.
 *   Another auction of it starts only while a unit is free, the seller may not
 *   set its quantity below the units held, and a sale takes its unit in the
 *   transaction that records it; a sale that finds none left does not happen.
 */
#ifndef DOMAIN_AUCTION_H
#define DOMAIN_AUCTION_H

#include "domain/field.h"

#include <stdbool.h>
#include <stdint.h>

#define AUCTION_DURATION_MIN_MS              5000
#define AUCTION_DURATION_MAX_MS              300000
#define AUCTION_DURATION_DEFAULT_MS          30000
#define AUCTION_SOFT_CLOSE_WINDOW_DEFAULT_MS 10000 /* "less than 10 s left ..." */
#define AUCTION_SOFT_CLOSE_EXTEND_DEFAULT_MS 10000 /* "... resets the clock to 10 s" */
#define AUCTION_SOFT_CLOSE_MAX_MS            60000
#define AUCTION_STARTING_BID_MIN_SEN         100 /* RM 1 */

typedef enum auction_mode { AUCTION_STANDARD = 0, AUCTION_SUDDEN_DEATH } auction_mode;

typedef enum auction_status {
    AUCTION_RUNNING = 1,
    AUCTION_ENDED,
    AUCTION_CANCELLED,
} auction_status;

typedef struct auction_params {
    auction_mode mode;
    int64_t seller_id;            /* may not bid */
    int64_t starting_bid;         /* sen, >= RM1 */
    int64_t duration_ms;          /* 5..300 s */
    int64_t reserve_price;        /* sen, 0 = none; hidden from buyers */
    int64_t buy_now_price;        /* sen, 0 = none */
    int64_t soft_close_window_ms; /* standard mode: 0..60 s */
    int64_t soft_close_extend_ms; /* standard mode: 1..60 s */
} auction_params;

typedef struct auction {
    auction_status status;
    auction_mode mode;
    int64_t seller_id;
    int64_t starting_bid, reserve_price, buy_now_price; /* sen */
    int64_t soft_close_window_ms, soft_close_extend_ms;
    int64_t started_at, ends_at, ended_at; /* ms; ended_at = 0 while running */
    bool has_bid;                          /* false until the first accepted bid */
    int64_t current_bid;                   /* sen; valid when has_bid */
    int64_t leader_id;                     /* 0 = none */
    int64_t leader_max;                    /* the leader's hidden maximum (sen) */
    int64_t step_count;                    /* accepted steps so far */
    int64_t winner_id;                     /* after the end; 0 = nobody */
    bool bought_now;                       /* ended by buy-it-now */
} auction;

/* Mode standard, 30 s, no reserve or buy-now, 10 s soft close; the caller sets seller_id and
 * starting_bid. */
void auction_params_defaults(auction_params *p);

/* Validate `p` and start a running auction at `now`. BZ_OK or BZ_EVALIDATION with the field
 * ("starting_bid", "duration_s", "reserve_price", "buy_now_price", "mode", "soft_close"). */
int auction_start(auction *a, const auction_params *p, int64_t now, field_error *err);

typedef enum auction_bid_kind { AUCTION_BID_AMOUNT = 0, AUCTION_BID_MAX } auction_bid_kind;

typedef struct auction_bid {
    int64_t bidder_id;
    auction_bid_kind kind;
    int64_t amount; /* sen: the bid, or the maximum */
} auction_bid;

typedef struct auction_step {
    int64_t bidder_id;
    int64_t amount; /* sen; the new current price */
    bool by_proxy;  /* placed by the engine for an earlier maximum */
} auction_step;

typedef struct auction_outcome {
    int code;           /* BZ_OK or why the bid was refused */
    const char *reason; /* human text for a refusal, "" on success */
    auction_step steps[2];
    int step_count;    /* 0 when a leader only raised a maximum */
    bool bidder_leads; /* the bidder is the highest bidder afterwards */
    bool extended;     /* soft close moved ends_at */
    bool ended;        /* buy-it-now ended the auction */
    /* The auction after the call (before it on refusal): what acks and events carry. */
    bool has_bid;
    int64_t current_bid;
    int64_t min_next_bid;
    int64_t leader_id;
    int64_t ends_at;
} auction_outcome;

/* Place a bid. Returns out->code: BZ_OK; BZ_EAUCTIONENDED (not running or now >= ends_at);
 * BZ_ENOTELIGIBLE (the seller, or no bidder id); BZ_EVALIDATION (amount <= 0 or above
 * MONEY_PRICE_CAP_SEN); BZ_EBIDTOOLOW (below min_next_bid, or a leader's new maximum not above
 * the old one; out->current_bid / min_next_bid say where the auction stands);
 * BZ_EALREADYLEADING (a plain bid below the buy-now price by the current leader). The auction
 * changes only on BZ_OK. */
int auction_place_bid(auction *a, const auction_bid *bid, int64_t now, auction_outcome *out);

/* The most a bid (or maximum) of `amount` would commit its bidder to: the buy-now price when the
 * bid would buy it now, else `amount`. What a spending cap judges a bid at. */
int64_t auction_commitment(const auction *a, int64_t amount);

/* The least acceptable next bid from anyone but the leader. */
int64_t auction_min_next_bid(const auction *a);

/* True when the auction is running and its time is up (now >= ends_at). */
bool auction_due(const auction *a, int64_t now);

typedef struct auction_result {
    int64_t winner_id; /* 0 = unsold */
    int64_t price;     /* sen, the winning price; 0 when unsold */
    bool reserve_met;  /* false when there were bids but none reached the reserve */
} auction_result;

/* End a due auction. BZ_OK with the result; BZ_ECONFLICT if it is not due yet;
 * BZ_EAUCTIONENDED if it already ended or was cancelled (closing happens once). */
int auction_close(auction *a, int64_t now, auction_result *out);

/* The result of an ended auction (also one ended by buy-it-now). BZ_ECONFLICT if not ended. */
int auction_result_of(const auction *a, auction_result *out);

/* Cancel a running auction: no winner. BZ_OK or BZ_EAUCTIONENDED. */
int auction_cancel(auction *a, int64_t now);

/* ---- stock -------------------------------------------------------------------------- */
/* `quantity` is the product's unsold units, `running` how many of its auctions run now (each
 * holds a unit until it closes). The caller reads both under the product's lock. */

/* May one more auction of the product start? BZ_OK or BZ_EOUTOFSTOCK (every unit is sold or
 * held by a running auction). */
int auction_stock_can_start(int64_t quantity, int64_t running);

/* May the seller set the quantity to `quantity`? BZ_OK or BZ_EAUCTIONRUNNING (running auctions
 * hold more units than that: a seller cannot take a lot away from acknowledged bids). */
int auction_stock_can_set(int64_t quantity, int64_t running);

/* The sale of an ended auction found no unit to take (stock that vanished behind the rules'
 * back, e.g. an auction started before they existed): the auction stays ended but sells
 * nothing, so no order is made and nobody is charged. BZ_OK, or BZ_ECONFLICT when it has not
 * ended. */
int auction_void_sale(auction *a);

const char *auction_status_name(auction_status s); /* "running", "ended", "cancelled" */
const char *auction_mode_name(auction_mode m);     /* "standard", "sudden_death" */
/* "standard" / "sudden_death" -> mode; false if unknown. */
bool auction_mode_parse(const char *s, auction_mode *out);

#endif
