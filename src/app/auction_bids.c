/*
 * Bidding: a batch of bids on one auction in one transaction (group commit).
 *
 *   BEGIN; read the auction under a write lock; for each bid in arrival
 *   order: idempotency replay, eligibility, domain/auction.h; append the
 *   accepted steps to the hash chain; queue the room events; then sign the
 *   head the batch ends at and insert its last step with the signature
 *   (auction_log.c), one conditional UPDATE of the auction, the events'
 *   seqs, COMMIT.
 *
 * One fsync for the whole batch, and because every batch reads the row
 * under the lock, batches from any number of engines stay linearizable.
 * Nothing is published before the commit; a batch that fails to commit
 * fails every bid in it.
 */
#include "app/auction_internal.h"
#include "app/auctions.h"
#include "app/cards.h"
#include "app/chat_room.h"
#include "app/wellbeing.h"

#include "base/check.h"
#include "base/err.h"
#include "base/rand.h"
#include "base/str.h"
#include "domain/increment.h"

#include <inttypes.h>
#include <string.h>

#define NAME_CACHE 16

typedef struct batch {
    app_ctx *c;
    auction_lot au;  /* the row; mutable fields follow `d` at the end */
    auction d;       /* the domain's state as bids apply */
    int64_t version; /* as read: the UPDATE is conditional on it */
    bool changed;
    app_evbuf evs;
    struct {
        int64_t id;
        const char *name;
    } names[NAME_CACHE]; /* usernames of bidders outside `facts` (rare) */
    int n_names;
    store_bidder_facts *facts; /* the batch's bidders and the leader, read at once */
    size_t n_facts;
    /* The batch's latest step, held back until the next one shows it is not the last: the
     * last step is inserted with the signature of the head it ends at (auction_log.c), the
     * others at once, so PostgreSQL works through them while the batch goes on. */
    auction_lot_bid pending;
    bool has_pending;
} batch;

/* Read, in one store call, what every bid of the batch is checked against and the names its
 * events carry: its bidders' and the current leader's (a proxy step may be the leader's). On
 * PostgreSQL this is one round trip instead of three per bid. */
static int load_facts(batch *b, const app_bid_req *reqs, size_t n)
{
    app_ctx *c = b->c;
    int64_t *ids = bz_arena_alloc(c->arena, sizeof(*ids) * (n + 1));
    if (!ids) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    size_t k = 0;
    for (size_t i = 0; i <= n; i++) {
        int64_t id = i < n ? reqs[i].bidder_id : b->au.leader_id;
        bool seen = id <= 0;
        for (size_t j = 0; j < k && !seen; j++) {
            seen = ids[j] == id;
        }
        if (!seen) {
            ids[k++] = id;
        }
    }
    b->facts = bz_arena_alloc(c->arena, sizeof(*b->facts) * (k ? k : 1));
    if (!b->facts) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    int rc = store_bidder_facts_get(c->store, b->au.stream_id, ids, k, c->arena, b->facts);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    b->n_facts = k;
    return BZ_OK;
}

static const store_bidder_facts *facts_of(const batch *b, int64_t user_id)
{
    for (size_t i = 0; i < b->n_facts; i++) {
        if (b->facts[i].user_id == user_id) {
            return &b->facts[i];
        }
    }
    return NULL;
}

/* Eligibility beyond the domain's own rules (signed in, not the seller), checked inside the
 * batch's transaction so it sees the same state the bid commits against: not banned from the
 * show (BZ_EBANNED), not kept from bidding for unpaid wins (BZ_EBIDDINGPAUSED), a card on file
 * when the seller asks for one (BZ_ECARDREQUIRED), not in a cool-off (BZ_ECOOLOFF), within
 * the buyer's spending cap (BZ_ESPENDINGCAP). A store failure passes through and fails that bid
 * alone. */
static int bid_eligibility(batch *b, const app_bid_req *req)
{
    /* The cap judges what the bid would commit: a bid above the buy-now price buys at it. */
    int64_t commits = auction_commitment(&b->d, req->amount);
    const store_bidder_facts *f = facts_of(b, req->bidder_id);
    if (!f) { /* every bidder of the batch was read: only a caller's mistake gets here */
        int rc = chat_room_check_not_banned(b->c, b->au.stream_id, req->bidder_id);
        return rc == BZ_OK
                   ? app_wellbeing_check_bid_on(b->c, req->bidder_id, b->au.id, commits, b->c->now)
                   : rc;
    }
    if (f->banned) {
        return app_fail(b->c, BZ_EBANNED, NULL, NULL);
    }
    int rc = app_buyer_may_bid(b->c, f->bid_blocked_until, f->card_required, f->has_card);
    if (rc != BZ_OK) {
        return rc;
    }
    return app_wellbeing_check_limits(b->c, &f->limits, b->au.id, commits, b->c->now);
}

static const char *bidder_name(batch *b, int64_t id)
{
    const store_bidder_facts *f = facts_of(b, id);
    if (f) {
        return f->username ? f->username : "";
    }
    for (int i = 0; i < b->n_names; i++) {
        if (b->names[i].id == id) {
            return b->names[i].name;
        }
    }
    const char *name = username_of(b->c, id);
    if (b->n_names < NAME_CACHE) {
        b->names[b->n_names].id = id;
        b->names[b->n_names++].name = name;
    }
    return name;
}

static void state_now(batch *b, app_auction_state *out)
{
    auction_to_store(&b->d, &b->au);
    auction_state_of(&b->au, out);
}

/* Queue the `auction:bid` event of one step. */
static int add_bid_event(batch *b, const auction_lot_bid *row, int64_t ends_at)
{
    app_event ev = {.kind = APP_EVENT_AUCTION_BID};
    ev.u.bid.bid = (app_bid_view){.id = row->id,
                                  .auction_id = b->au.id,
                                  .bidder_id = row->bidder_id,
                                  .bidder_username = bidder_name(b, row->bidder_id),
                                  .amount = row->amount,
                                  .by_proxy = row->by_proxy,
                                  .created_at = row->created_at};
    ev.u.bid.current_bid = row->amount;
    ev.u.bid.min_next_bid = increment_min_next_bid(true, row->amount, b->au.starting_bid);
    ev.u.bid.ends_at = ends_at;
    ev.u.bid.log_seq = row->seq;
    return ev_add(b->c, &b->evs, &ev);
}

/* Append one step to the chain: the bid row (held back as `pending`; the one before it is
 * inserted now), the new head, the room event. */
static int write_step(batch *b, const auction_step *step, int64_t seq, int64_t max_amount,
                      int64_t ends_at, int64_t *bid_id)
{
    app_ctx *c = b->c;
    int rc = b->has_pending ? store_bid_insert(c->store, &b->pending) : BZ_OK;
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    auction_lot_bid *row = &b->pending;
    b->has_pending = true;
    *row = (auction_lot_bid){.id = bz_id_new(c->now),
                             .auction_id = b->au.id,
                             .seq = seq,
                             .bidder_id = step->bidder_id,
                             .amount = step->amount,
                             .max_amount = max_amount,
                             .by_proxy = step->by_proxy,
                             .created_at = c->now};
    memcpy(row->prev_hash, b->au.last_hash, 32);
    auction_log_hash_row(c, row);
    memcpy(b->au.last_hash, row->hash, 32);
    *bid_id = row->id;
    return add_bid_event(b, row, ends_at);
}

static int replay(batch *b, const app_bid_req *req, app_bid_result *r, bool *done)
{
    store_bid_key k;
    *done = false;
    int rc = store_bid_key_get(b->c->store, b->au.id, req->bidder_id, req->key, b->c->arena, &k);
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc != BZ_OK) {
        return app_fail(b->c, rc, NULL, NULL);
    }
    *done = true;
    r->code = BZ_OK;
    r->replayed = true;
    bz_strlcpy(r->bidder_username, bidder_name(b, req->bidder_id), sizeof(r->bidder_username));
    r->bid_id = k.bid_id;
    r->amount = k.amount;
    r->max_amount = k.max_amount;
    r->created_at = k.created_at;
    state_now(b, &r->auction);
    return BZ_OK;
}

/* What follows an accepted placement: the key, extension and buy-it-now events, the sale. */
static int after_accept(batch *b, const app_bid_req *req, const auction_outcome *o,
                        app_bid_result *r)
{
    app_ctx *c = b->c;
    int rc = BZ_OK;
    if (req->key[0]) {
        store_bid_key k = {.auction_id = b->au.id,
                           .bidder_id = req->bidder_id,
                           .key = req->key,
                           .bid_id = r->bid_id,
                           .amount = r->amount,
                           .max_amount = r->max_amount,
                           .created_at = c->now};
        if ((rc = store_bid_key_put(c->store, &k)) != BZ_OK) {
            return app_fail(c, rc, NULL, NULL);
        }
    }
    auction_to_store(&b->d, &b->au);
    if (o->ended) {
        rc = auction_settle(c, &b->d, &b->au);
        if (rc == BZ_OK) {
            rc = ev_add_update(c, &b->evs, &b->au,
                               b->au.winner_id ? bidder_name(b, b->au.winner_id) : NULL);
        }
    } else if (o->extended) {
        rc = ev_add_update(c, &b->evs, &b->au, NULL);
    }
    return rc;
}

/* Apply one bid. Returns a store failure (the batch fails) or BZ_OK with r->code set. */
static int apply_one(batch *b, const app_bid_req *req, app_bid_result *r)
{
    memset(r, 0, sizeof(*r));
    bool done = false;
    int rc = BZ_OK;
    if (req->bidder_id <= 0) {
        r->code = BZ_EUNAUTHORIZED;
    } else if (req->key[0] && ((rc = replay(b, req, r, &done)) != BZ_OK || done)) {
        return rc;
    } else {
        r->code = bid_eligibility(b, req);
    }
    auction_outcome o;
    int64_t base = b->d.step_count;
    if (r->code == BZ_OK) {
        auction_bid bid = {req->bidder_id, req->is_max ? AUCTION_BID_MAX : AUCTION_BID_AMOUNT,
                           req->amount};
        r->code = auction_place_bid(&b->d, &bid, b->c->now, &o);
    }
    if (r->code != BZ_OK) {
        state_now(b, &r->auction);
        return BZ_OK;
    }
    /* The log numbers the steps base+1.. as the domain counted them: no gap, no repeat. */
    BZ_CHECK(b->d.step_count == base + o.step_count);
    b->changed = true;
    bz_strlcpy(r->bidder_username, bidder_name(b, req->bidder_id), sizeof(r->bidder_username));
    r->amount = o.current_bid;
    r->max_amount = req->is_max ? req->amount : 0;
    r->created_at = b->c->now;
    r->extended = o.extended;
    r->ended = o.ended;
    for (int k = 0; rc == BZ_OK && k < o.step_count; k++) {
        bool own = o.steps[k].bidder_id == req->bidder_id && r->bid_id == 0;
        int64_t id = 0;
        rc = write_step(b, &o.steps[k], base + k + 1, own ? r->max_amount : 0, o.ends_at, &id);
        if (own) {
            r->bid_id = id;
            r->amount = o.steps[k].amount;
            r->by_proxy = o.steps[k].by_proxy;
        }
    }
    if (rc == BZ_OK) {
        rc = after_accept(b, req, &o, r);
    }
    state_now(b, &r->auction);
    return rc;
}

static void fail_all(app_bid_result *out, size_t n, int rc)
{
    for (size_t i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof(out[i]));
        out[i].code = rc;
        out[i].auction.status = "running";
    }
}

static int run_batch(batch *b, const app_bid_req *reqs, size_t n, app_bid_result *out)
{
    app_ctx *c = b->c;
    int rc = store_auction_get(c->store, b->au.id, true, c->arena, &b->au);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    b->version = b->au.version;
    auction_of_lot(&b->au, &b->d);
    ev_init(&b->evs, b->au.stream_id);
    if ((rc = load_facts(b, reqs, n)) != BZ_OK) {
        return rc;
    }
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = apply_one(b, &reqs[i], &out[i]);
    }
    if (rc == BZ_OK && b->has_pending) {
        app_log_head head;
        rc = auction_log_seal(c, &b->pending, &head);
        if (rc == BZ_OK) {
            rc = ev_add_log_head(c, &b->evs, 0, &head);
        }
    }
    if (rc == BZ_OK && b->changed) {
        auction_to_store(&b->d, &b->au);
        rc = store_auction_update(c->store, &b->au, b->version);
        rc = rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
    }
    return rc == BZ_OK ? ev_write(c, &b->evs) : rc;
}

/* The batch inside the caller's transaction (an auction's start applies its lot's pre-bids
 * this way, so they commit with the auction or not at all). */
int auction_bids_in_tx(app_ctx *c, int64_t auction_id, const app_bid_req *reqs, size_t n,
                       app_bid_result *out, app_evbuf *evs)
{
    batch *b = bz_arena_calloc(c->arena, 1, sizeof(*b));
    if (!b) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    b->c = c;
    b->au.id = auction_id;
    int rc = run_batch(b, reqs, n, out);
    *evs = b->evs;
    return rc;
}

int app_auction_bid_batch(app_ctx *c, int64_t auction_id, const app_bid_req *reqs, size_t n,
                          app_bid_result *out)
{
    if (n == 0 || n > APP_BID_BATCH_MAX) {
        return app_fail(c, BZ_EINTERNAL, NULL, "a batch holds 1..%d bids", APP_BID_BATCH_MAX);
    }
    batch *b = bz_arena_calloc(c->arena, 1, sizeof(*b));
    if (!b) {
        fail_all(out, n, BZ_ENOMEM);
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    b->c = c;
    b->au.id = auction_id;
    int rc = store_begin(c->store);
    if (rc == BZ_OK) {
        rc = run_batch(b, reqs, n, out);
        if (rc == BZ_OK) {
            rc = store_commit(c->store);
        } else {
            store_rollback(c->store);
        }
    }
    if (rc != BZ_OK) {
        fail_all(out, n, rc);
        return c->err.code == rc ? rc : app_fail(c, rc, NULL, NULL);
    }
    ev_publish(c, &b->evs);
    return BZ_OK;
}
