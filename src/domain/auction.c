/* domain/auction.c - the auction state machine described in auction.h. */
#include "domain/auction.h"

#include "base/check.h"
#include "base/err.h"
#include "domain/increment.h"
#include "domain/money.h"

#include <string.h>

void auction_params_defaults(auction_params *p)
{
    memset(p, 0, sizeof *p);
    p->mode = AUCTION_STANDARD;
    p->starting_bid = AUCTION_STARTING_BID_MIN_SEN;
    p->duration_ms = AUCTION_DURATION_DEFAULT_MS;
    p->soft_close_window_ms = AUCTION_SOFT_CLOSE_WINDOW_DEFAULT_MS;
    p->soft_close_extend_ms = AUCTION_SOFT_CLOSE_EXTEND_DEFAULT_MS;
}

int auction_start(auction *a, const auction_params *p, int64_t now, field_error *err)
{
    if (p->mode != AUCTION_STANDARD && p->mode != AUCTION_SUDDEN_DEATH) {
        return field_fail(err, BZ_EVALIDATION, "mode", "Mode must be standard or sudden_death");
    }
    if (p->starting_bid < AUCTION_STARTING_BID_MIN_SEN || !money_price_ok(p->starting_bid)) {
        return field_fail(err, BZ_EVALIDATION, "starting_bid",
                          "Starting bid must be between RM1.00 and RM1,000,000.00");
    }
    if (p->duration_ms < AUCTION_DURATION_MIN_MS || p->duration_ms > AUCTION_DURATION_MAX_MS) {
        return field_fail(err, BZ_EVALIDATION, "duration_s",
                          "Duration must be between 5 and 300 seconds");
    }
    if (p->reserve_price != 0 &&
        (p->reserve_price < p->starting_bid || !money_price_ok(p->reserve_price))) {
        return field_fail(err, BZ_EVALIDATION, "reserve_price",
                          "Reserve price must be at least the starting bid");
    }
    if (p->buy_now_price != 0 &&
        (p->buy_now_price <= p->starting_bid || p->buy_now_price < p->reserve_price ||
         !money_price_ok(p->buy_now_price))) {
        return field_fail(err, BZ_EVALIDATION, "buy_now_price",
                          "Buy-now price must be above the starting bid and the reserve");
    }
    if (p->mode == AUCTION_STANDARD &&
        (p->soft_close_window_ms < 0 || p->soft_close_window_ms > AUCTION_SOFT_CLOSE_MAX_MS ||
         p->soft_close_extend_ms < 1000 || p->soft_close_extend_ms > AUCTION_SOFT_CLOSE_MAX_MS)) {
        return field_fail(err, BZ_EVALIDATION, "soft_close",
                          "Soft close window must be 0-60 s and the extension 1-60 s");
    }

    memset(a, 0, sizeof *a);
    a->status = AUCTION_RUNNING;
    a->mode = p->mode;
    a->seller_id = p->seller_id;
    a->starting_bid = p->starting_bid;
    a->reserve_price = p->reserve_price;
    a->buy_now_price = p->buy_now_price;
    if (p->mode == AUCTION_STANDARD) {
        a->soft_close_window_ms = p->soft_close_window_ms;
        a->soft_close_extend_ms = p->soft_close_extend_ms;
    }
    a->started_at = now;
    a->ends_at = now + p->duration_ms;
    return BZ_OK;
}

int64_t auction_min_next_bid(const auction *a)
{
    return increment_min_next_bid(a->has_bid, a->current_bid, a->starting_bid);
}

static void snapshot(const auction *a, auction_outcome *out)
{
    out->has_bid = a->has_bid;
    out->current_bid = a->has_bid ? a->current_bid : 0;
    out->min_next_bid = auction_min_next_bid(a);
    out->leader_id = a->leader_id;
    out->ends_at = a->ends_at;
}

static int refuse(const auction *a, auction_outcome *out, int code, const char *reason)
{
    out->code = code;
    out->reason = reason;
    snapshot(a, out);
    return code;
}

static void add_step(auction_outcome *out, int64_t bidder, int64_t amount, bool by_proxy)
{
    BZ_CHECK((size_t)out->step_count < sizeof out->steps / sizeof out->steps[0]);
    out->steps[out->step_count].bidder_id = bidder;
    out->steps[out->step_count].amount = amount;
    out->steps[out->step_count].by_proxy = by_proxy;
    out->step_count++;
}

/* A maximum that reaches the reserve lifts the price to it (never lowers it). */
static int64_t lift_to_reserve(const auction *a, int64_t price, int64_t maximum)
{
    if (a->reserve_price > price && maximum >= a->reserve_price) {
        return a->reserve_price;
    }
    return price;
}

static void apply_steps(auction *a, auction_outcome *out, int64_t now)
{
    if (out->step_count == 0) {
        return;
    }
    int64_t price = out->steps[out->step_count - 1].amount;
    /* An accepted bid only raises the price, and never past the leader's maximum. */
    BZ_CHECK(!a->has_bid || price > a->current_bid);
    BZ_CHECK(price <= a->leader_max);
    a->has_bid = true;
    a->current_bid = price;
    a->step_count += out->step_count;
    if (a->status == AUCTION_RUNNING && a->mode == AUCTION_STANDARD &&
        a->ends_at - now < a->soft_close_window_ms && now + a->soft_close_extend_ms > a->ends_at) {
        a->ends_at = now + a->soft_close_extend_ms;
        out->extended = true;
    }
}

static void buy_now(auction *a, int64_t bidder, int64_t now, auction_outcome *out)
{
    add_step(out, bidder, a->buy_now_price, false);
    a->leader_id = bidder;
    a->leader_max = a->buy_now_price;
    a->status = AUCTION_ENDED;
    a->ended_at = now;
    a->winner_id = bidder;
    a->bought_now = true;
    out->ended = true;
}

/* The leader raises their own maximum (plain bids against oneself are refused; buying it
 * now was decided before this). */
static int raise_own_max(auction *a, const auction_bid *bid, auction_outcome *out)
{
    if (bid->kind == AUCTION_BID_AMOUNT) {
        return refuse(a, out, BZ_EALREADYLEADING, "You are already the highest bidder");
    }
    if (bid->amount <= a->leader_max) {
        return refuse(a, out, BZ_EBIDTOOLOW, "A new maximum must be above your current maximum");
    }
    a->leader_max = bid->amount;
    int64_t lifted = lift_to_reserve(a, a->current_bid, bid->amount);
    if (lifted > a->current_bid) {
        add_step(out, bid->bidder_id, lifted, true);
    }
    return BZ_OK;
}

static void challenge(auction *a, const auction_bid *bid, auction_outcome *out)
{
    int64_t bidder = bid->bidder_id, amount = bid->amount;
    bool is_max = bid->kind == AUCTION_BID_MAX;
    if (!a->has_bid) {
        int64_t price = is_max ? lift_to_reserve(a, a->starting_bid, amount) : amount;
        add_step(out, bidder, price, false);
        a->leader_id = bidder;
        a->leader_max = amount;
    } else if (amount > a->leader_max) {
        /* The old leader's proxy has given all it had: one increment above it, at most. */
        int64_t price = amount;
        if (is_max) {
            int64_t beyond = increment_min_next_bid(true, a->leader_max, a->starting_bid);
            price = lift_to_reserve(a, beyond < amount ? beyond : amount, amount);
        }
        add_step(out, bidder, price, false);
        a->leader_id = bidder;
        a->leader_max = amount;
    } else {
        /* The challenger's bid stands, then the earlier maximum answers one increment
         * higher (capped at that maximum); a tie goes to the earlier maximum as it is. */
        add_step(out, bidder, amount, false);
        if (amount < a->leader_max) {
            int64_t answer = increment_min_next_bid(true, amount, a->starting_bid);
            if (answer > a->leader_max) {
                answer = a->leader_max;
            }
            add_step(out, a->leader_id, lift_to_reserve(a, answer, a->leader_max), true);
        }
    }
}

/* Buy-it-now stays open until the price reaches it. */
static bool buy_now_is_open(const auction *a)
{
    return a->buy_now_price > 0 && (!a->has_bid || a->current_bid < a->buy_now_price);
}

int64_t auction_commitment(const auction *a, int64_t amount)
{
    return buy_now_is_open(a) && amount >= a->buy_now_price ? a->buy_now_price : amount;
}

int auction_place_bid(auction *a, const auction_bid *bid, int64_t now, auction_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->reason = "";
    if (a->status != AUCTION_RUNNING || now >= a->ends_at) {
        return refuse(a, out, BZ_EAUCTIONENDED, "The auction has ended");
    }
    if (bid->bidder_id <= 0) {
        return refuse(a, out, BZ_ENOTELIGIBLE, "Sign in to bid");
    }
    if (bid->bidder_id == a->seller_id) {
        return refuse(a, out, BZ_ENOTELIGIBLE, "Sellers cannot bid on their own auctions");
    }
    if (bid->amount <= 0 || bid->amount > MONEY_PRICE_CAP_SEN) {
        return refuse(a, out, BZ_EVALIDATION, "Bid amount is out of range");
    }

    /* Buy-it-now comes first and is the same for everyone: the leader may buy too (the
     * price is still below it, so the lot is not theirs yet), and a buy-now price below the
     * minimum next bid still buys (the buyer is offered that price, not the increment). */
    if (buy_now_is_open(a) && bid->amount >= a->buy_now_price) {
        buy_now(a, bid->bidder_id, now, out);
    } else if (a->leader_id == bid->bidder_id) {
        int rc = raise_own_max(a, bid, out);
        if (rc != BZ_OK) {
            return rc;
        }
    } else {
        if (bid->amount < auction_min_next_bid(a)) {
            return refuse(a, out, BZ_EBIDTOOLOW, "Bid is below the minimum next bid");
        }
        challenge(a, bid, out);
    }
    apply_steps(a, out, now);
    out->code = BZ_OK;
    out->bidder_leads = a->leader_id == bid->bidder_id;
    snapshot(a, out);
    return BZ_OK;
}

bool auction_due(const auction *a, int64_t now)
{
    return a->status == AUCTION_RUNNING && now >= a->ends_at;
}

int auction_result_of(const auction *a, auction_result *out)
{
    memset(out, 0, sizeof *out);
    if (a->status != AUCTION_ENDED) {
        return BZ_ECONFLICT;
    }
    out->reserve_met = a->has_bid && a->current_bid >= a->reserve_price;
    out->winner_id = a->winner_id;
    out->price = a->winner_id ? a->current_bid : 0;
    return BZ_OK;
}

int auction_close(auction *a, int64_t now, auction_result *out)
{
    memset(out, 0, sizeof *out);
    if (a->status != AUCTION_RUNNING) {
        return BZ_EAUCTIONENDED;
    }
    if (now < a->ends_at) {
        return BZ_ECONFLICT;
    }
    a->status = AUCTION_ENDED;
    a->ended_at = now;
    bool sold = a->has_bid && a->current_bid >= a->reserve_price;
    a->winner_id = sold ? a->leader_id : 0;
    return auction_result_of(a, out);
}

int auction_cancel(auction *a, int64_t now)
{
    if (a->status != AUCTION_RUNNING) {
        return BZ_EAUCTIONENDED;
    }
    a->status = AUCTION_CANCELLED;
    a->ended_at = now;
    a->winner_id = 0;
    return BZ_OK;
}

int auction_stock_can_start(int64_t quantity, int64_t running)
{
    return quantity > running ? BZ_OK : BZ_EOUTOFSTOCK;
}

int auction_stock_can_set(int64_t quantity, int64_t running)
{
    return quantity >= running ? BZ_OK : BZ_EAUCTIONRUNNING;
}

int auction_void_sale(auction *a)
{
    if (a->status != AUCTION_ENDED) {
        return BZ_ECONFLICT;
    }
    a->winner_id = 0;
    a->bought_now = false;
    return BZ_OK;
}

const char *auction_status_name(auction_status s)
{
    switch (s) {
    case AUCTION_RUNNING:
        return "running";
    case AUCTION_ENDED:
        return "ended";
    case AUCTION_CANCELLED:
        return "cancelled";
    }
    return "";
}

const char *auction_mode_name(auction_mode m)
{
    return m == AUCTION_SUDDEN_DEATH ? "sudden_death" : "standard";
}

bool auction_mode_parse(const char *s, auction_mode *out)
{
    if (s && strcmp(s, "standard") == 0) {
        *out = AUCTION_STANDARD;
    } else if (s && strcmp(s, "sudden_death") == 0) {
        *out = AUCTION_SUDDEN_DEATH;
    } else {
        return false;
    }
    return true;
}
