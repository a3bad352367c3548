/*
 * app/auction_internal.h - what the auction use cases (auctions.c,
 * auction_bids.c, shows.c) share: domain <-> store conversions, and the
 * room events of one transaction.
 *
 * Room events of a transaction are collected while it runs (ev_add: typed
 * app_events, app/ports/encoder.h), get their seqs, are encoded and logged
 * just before the commit (ev_write: one store_stream_next_seq for all of
 * them, then the encoder port), and are published after it (ev_publish).
 * Everything lives in c->arena.
 */
#ifndef APP_AUCTION_INTERNAL_H
#define APP_AUCTION_INTERNAL_H

#include "app/app.h"
#include "app/auctions.h"
#include "domain/auction.h"

#include <stddef.h>
#include <stdint.h>

typedef struct app_ev {
    app_event ev; /* what happened; its pointers live in c->arena (or are static) */
    event out;    /* ev as the bus carries it: set by ev_write */
} app_ev;

typedef struct app_evbuf {
    int64_t stream_id;
    app_ev *items;
    size_t n, cap;
} app_evbuf;

void ev_init(app_evbuf *b, int64_t stream_id);
/* Queue a copy of room event `ev` of the show (its target is set here). BZ_OK or BZ_ENOMEM
 * (recorded in c->err). */
int ev_add(app_ctx *c, app_evbuf *b, const app_event *ev);
/* Queue the `auction:update` of `au` (winner's username may be NULL). As ev_add. */
int ev_add_update(app_ctx *c, app_evbuf *b, const store_auction *au, const char *winner_name);
/* Inside the transaction: take seqs, encode and log every queued event. */
int ev_write(app_ctx *c, app_evbuf *b);
/* After the commit: hand every event to c->env->events (skipped when NULL). */
void ev_publish(app_ctx *c, const app_evbuf *b);

/* Domain <-> store. to_store writes the mutable fields only. */
void auction_of_store(const store_auction *s, auction *d);
void auction_to_store(const auction *d, store_auction *s);
/* The state an answer carries. */
void auction_state_of(const store_auction *s, app_auction_state *out);

/* A username for events ("" when unknown). */
const char *username_of(app_ctx *c, int64_t user_id);

/* Once the domain ended `d` (close, or buy-it-now), inside the caller's transaction: `au`
 * follows `d`, and a winner buys: one unit of the lot (store_product_take_one, conditional)
 * and their order. When no unit is left there is no sale: `d` and `au` end without a winner
 * (auction_void_sale) and no order is made. A store failure returns; the caller rolls back. */
int auction_settle(app_ctx *c, auction *d, store_auction *au);

/* ---- the bid log (auction_log.c) ---- */

/* row->hash = hash(n) of the step `row` of auction row->auction_id after row->prev_hash. */
void auction_log_hash_row(app_ctx *c, store_bid *row);
/* Inside a batch's transaction, after its other steps were inserted: sign the head the batch
 * ends at, `last` (the batch's last step, which gets the signature), and insert it. *head
 * receives the signed head. A missing bid-log key (BZ_EUNAVAILABLE) or a store failure fails
 * the batch. */
int auction_log_seal(app_ctx *c, store_bid *last, app_log_head *head);
/* The stored head of `au` with its last entry's signature (one read; seq 0 before the first
 * bid). */
int auction_log_head(app_ctx *c, const store_auction *au, app_log_head *head);
/* Give the head (copied into c->arena) to the events of `b` from index `from` on that carry
 * it: every `auction:update`, and the last `auction:bid` (the step the head names); see
 * docs/realtime-protocol.md. Before ev_write. BZ_OK or BZ_ENOMEM. */
int ev_add_log_head(app_ctx *c, app_evbuf *b, size_t from, const app_log_head *head);

/* app_auction_bid_batch's work inside the caller's transaction: the same eligibility, steps,
 * hash chain, UPDATE and logged room events, no BEGIN/COMMIT. *evs receives the events for the
 * caller to publish after its commit. A store failure returns; the caller rolls back. */
int auction_bids_in_tx(app_ctx *c, int64_t auction_id, const app_bid_req *reqs, size_t n,
                       app_bid_result *out, app_evbuf *evs);

/* In the start's transaction, right after the auction was created: apply the lot's pre-bids
 * (app/prebids.c) as maximums in creation order; refused ones are skipped. *evs as above
 * (empty when there were none). */
int prebids_apply(app_ctx *c, const store_auction *au, app_evbuf *evs);

#endif
