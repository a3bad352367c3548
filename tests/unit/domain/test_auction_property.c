/*
 * Property tests for domain/auction.h: thousands of random bid sequences
 * checked against a tiny model ("the winner is the highest maximum, ties to
 * the earliest") and invariants (accepted amounts strictly increase, nobody
 * but the leader holds a maximum above the price, the clock only moves
 * forward). Deterministic seeds, so a failure reproduces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "domain/auction.h"
#include "domain/increment.h"
#include "domain/money.h"

#define T0           1700000000000LL
#define SELLER       99
#define BIDDERS      6
#define RUNS         3000
#define BIDS_PER_RUN 60

static uint64_t rng_state;

/* What the random runs covered, so a generator that stops exercising a rule fails loudly. */
static struct {
    long accepted, refused_low, proxy_steps, ties, extensions, sold, unsold_reserve, bought;
} seen;

static uint64_t next_random(void)
{
    /* xorshift64*: good enough for test data, and reproducible. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static int64_t below(int64_t n)
{
    return (int64_t)(next_random() % (uint64_t)n);
}

/* Model: each bidder's maximum and when it was set (the sequence number). */
typedef struct model {
    int64_t max[BIDDERS + 1];
    int64_t set_at[BIDDERS + 1];
} model;

static int64_t model_leader(const model *m)
{
    int64_t best = 0;
    for (int64_t b = 1; b <= BIDDERS; b++) {
        if (m->max[b] == 0) {
            continue;
        }
        if (best == 0 || m->max[b] > m->max[best] ||
            (m->max[b] == m->max[best] && m->set_at[b] < m->set_at[best])) {
            best = b;
        }
    }
    return best;
}

static int64_t random_amount(const auction *a)
{
    int64_t min_next = auction_min_next_bid(a);
    int64_t step = increment_for(a->has_bid ? a->current_bid : a->starting_bid);
    switch (below(4)) {
    case 0:
        return min_next - step + below(step); /* usually too low */
    case 1:
        return min_next;
    case 2:
        return min_next + below(5) * step;
    default:
        return min_next + below(40) * step + below(100); /* odd sen too */
    }
}

static void run_one(uint64_t seed, bool with_buy_now)
{
    rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
    auction_params p;
    auction_params_defaults(&p);
    p.seller_id = SELLER;
    p.mode = below(3) == 0 ? AUCTION_SUDDEN_DEATH : AUCTION_STANDARD;
    p.starting_bid = 100 * (1 + below(200));
    p.duration_ms = 5000 + below(295001);
    p.reserve_price = below(2) ? 0 : p.starting_bid + below(20000);
    p.buy_now_price = with_buy_now ? p.starting_bid + p.reserve_price + 100 + below(30000) : 0;
    auction a;
    field_error err;
    assert_int_equal(auction_start(&a, &p, T0, &err), BZ_OK);

    model m;
    memset(&m, 0, sizeof m);
    int64_t now = T0, last_amount = 0, last_ends_at = a.ends_at, seq = 0;
    int64_t buy_now_winner = 0;
    for (int i = 0; i < BIDS_PER_RUN; i++) {
        now += below(4000);
        auction_bid bid = {
            .bidder_id = below(20) == 0 ? SELLER : 1 + below(BIDDERS),
            .kind = below(2) ? AUCTION_BID_MAX : AUCTION_BID_AMOUNT,
        };
        bid.amount = random_amount(&a);
        auction before = a;
        auction_outcome o;
        int rc = auction_place_bid(&a, &bid, now, &o);
        assert_int_equal(rc, o.code);
        if (rc != BZ_OK) {
            seen.refused_low += rc == BZ_EBIDTOOLOW;
            /* A refusal changes nothing, and has a reason that matches the rules. */
            assert_memory_equal(&before, &a, sizeof a);
            if (rc == BZ_EBIDTOOLOW && bid.bidder_id != before.leader_id) {
                assert_true(bid.amount < auction_min_next_bid(&before));
            } else if (rc == BZ_EAUCTIONENDED) {
                assert_true(before.status != AUCTION_RUNNING || now >= before.ends_at);
            } else if (rc == BZ_ENOTELIGIBLE) {
                assert_int_equal(bid.bidder_id, SELLER);
            } else if (rc != BZ_EBIDTOOLOW) {
                assert_int_equal(rc, BZ_EALREADYLEADING);
                assert_true(before.buy_now_price == 0 || bid.amount < before.buy_now_price ||
                            before.current_bid >= before.buy_now_price);
            }
            continue;
        }
        assert_int_not_equal(bid.bidder_id, SELLER);
        assert_true(now < before.ends_at);
        /* Buy-it-now is open to all (the leader too) while the price is below it; any other
         * accepted bid by someone else reached the minimum next bid. */
        bool buys = before.buy_now_price > 0 &&
                    (!before.has_bid || before.current_bid < before.buy_now_price) &&
                    bid.amount >= before.buy_now_price;
        assert_int_equal(o.ended, buys);
        if (bid.bidder_id != before.leader_id && !buys) {
            assert_true(bid.amount >= auction_min_next_bid(&before));
        }

        /* Accepted amounts strictly increase, across steps and across bids. */
        for (int s = 0; s < o.step_count; s++) {
            assert_true(o.steps[s].amount > last_amount);
            last_amount = o.steps[s].amount;
        }
        if (o.step_count) {
            assert_int_equal(a.current_bid, last_amount);
        }
        seen.accepted++;
        seen.extensions += o.extended;
        if (o.step_count == 2) {
            seen.proxy_steps++;
        }
        if (o.step_count == 1 && !o.bidder_leads && !o.ended) {
            seen.ties++;
        }

        if (o.ended) {
            buy_now_winner = bid.bidder_id;
            assert_int_equal(a.current_bid, p.buy_now_price);
            break;
        }
        seq++;
        if (bid.amount > m.max[bid.bidder_id]) {
            m.max[bid.bidder_id] = bid.amount;
            m.set_at[bid.bidder_id] = seq;
        }
        /* The leader is the highest maximum, earliest on ties; nobody else's maximum is above
         * the price, and the price never exceeds the leader's maximum. */
        assert_int_equal(a.leader_id, model_leader(&m));
        assert_int_equal(a.leader_max, m.max[a.leader_id]);
        assert_true(a.current_bid <= a.leader_max);
        for (int64_t b = 1; b <= BIDDERS; b++) {
            if (b != a.leader_id) {
                assert_true(m.max[b] <= a.current_bid);
            }
        }
        /* The clock only moves forward, and only in standard mode. */
        assert_true(a.ends_at >= last_ends_at);
        if (p.mode == AUCTION_SUDDEN_DEATH) {
            assert_int_equal(a.ends_at, last_ends_at);
        }
        last_ends_at = a.ends_at;
    }

    auction_result r;
    if (buy_now_winner) {
        assert_int_equal(auction_close(&a, now + 400000, &r), BZ_EAUCTIONENDED);
        assert_int_equal(auction_result_of(&a, &r), BZ_OK);
        assert_int_equal(r.winner_id, buy_now_winner);
        assert_int_equal(r.price, p.buy_now_price);
        seen.bought++;
        return;
    }
    assert_int_equal(auction_close(&a, a.ends_at - 1, &r), BZ_ECONFLICT);
    assert_int_equal(auction_close(&a, a.ends_at, &r), BZ_OK);
    int64_t expect = model_leader(&m);
    if (expect && a.current_bid >= p.reserve_price) {
        assert_int_equal(r.winner_id, expect);
        assert_int_equal(r.price, a.current_bid);
        assert_true(r.reserve_met);
        seen.sold++;
    } else {
        seen.unsold_reserve += expect != 0;
        assert_int_equal(r.winner_id, 0);
        assert_int_equal(r.price, 0);
    }
    assert_int_equal(auction_close(&a, a.ends_at + 1, &r), BZ_EAUCTIONENDED);
}

static void random_sequences(void **state)
{
    for (uint64_t seed = 1; seed <= RUNS; seed++) {
        run_one(seed, false);
    }
    assert_true(seen.accepted > RUNS * 10);
    assert_true(seen.refused_low > RUNS);
    assert_true(seen.proxy_steps > RUNS);
    assert_true(seen.ties > 10);
    assert_true(seen.extensions > RUNS / 10);
    assert_true(seen.sold > RUNS / 4);
    assert_true(seen.unsold_reserve > 10);
}

static void random_sequences_with_buy_now(void **state)
{
    for (uint64_t seed = 1; seed <= RUNS; seed++) {
        run_one(seed + 1000000, true);
    }
    assert_true(seen.bought > RUNS / 4);
}

/* Concurrent bidders as a server sees them: many bids at the same millisecond still produce
 * strictly increasing prices and one leader. */
static void same_millisecond_burst(void **state)
{
    auction_params p;
    auction_params_defaults(&p);
    p.seller_id = SELLER;
    p.starting_bid = 100;
    auction a;
    field_error err;
    assert_int_equal(auction_start(&a, &p, T0, &err), BZ_OK);
    int64_t last = 0, accepted = 0, capped = 0;
    for (int i = 0; i < 2000; i++) {
        auction_bid bid = {.bidder_id = 1 + i % BIDDERS,
                           .kind = AUCTION_BID_AMOUNT,
                           .amount = auction_min_next_bid(&a)};
        auction_outcome o;
        int rc = auction_place_bid(&a, &bid, T0 + 1000, &o);
        if (rc == BZ_OK) {
            assert_true(o.current_bid > last);
            last = o.current_bid;
            accepted++;
        } else {
            /* Only the price cap stops it: the next step would pass RM1,000,000. */
            assert_int_equal(rc, BZ_EVALIDATION);
            assert_true(bid.amount > MONEY_PRICE_CAP_SEN);
            capped++;
        }
    }
    assert_true(accepted > 500);
    assert_true(capped > 0);
    assert_true(last <= MONEY_PRICE_CAP_SEN);
}

UNIT_MAIN(cmocka_unit_test(random_sequences), cmocka_unit_test(random_sequences_with_buy_now),
          cmocka_unit_test(same_millisecond_burst))
