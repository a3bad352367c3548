/*
 * app/auction_internal.h - what the auction use cases (auctions.c,
 * auction_bids.c, auction_log.c, shows.c) share, and the one entry pre-bids
 * use (auction_bids_in_tx): domain <-> store conversions, the sale, the bid
 * log, and the `auction:update` room event (room events: app/room_events.h).
 */
#ifndef APP_AUCTION_INTERNAL_H
#define APP_AUCTION_INTERNAL_H

#include "app/app.h"
#include "app/auctions.h"
#include "app/room_events.h"
#include "domain/auction.h"

#include <stddef.h>
#include <stdint.h>

/* Queue the `auction:update` of `au` (winner's username may be NULL). As ev_add. */
int ev_add_update(app_ctx *c, app_evbuf *b, const auction_lot *au, const char *winner_name);

/* Domain <-> store. to_store writes the mutable fields only. */
void auction_of_lot(const auction_lot *s, auction *d);
void auction_to_store(const auction *d, auction_lot *s);
/* The state an answer carries. */
void auction_state_of(const auction_lot *s, app_auction_state *out);

/* A username for events ("" when unknown). */
const char *username_of(app_ctx *c, int64_t user_id);

/* Once the domain ended `d` (close, or buy-it-now), inside the caller's transaction: `au`
 * follows `d`, and a winner buys: one unit of the lot (store_product_take_one, conditional)
 * and their order. When no unit is left there is no sale: `d` and `au` end without a winner
 * (auction_void_sale) and no order is made. A store failure returns; the caller rolls back. */
int auction_settle(app_ctx *c, auction *d, auction_lot *au);

/* ---- the bid log (auction_log.c) ---- */

/* row->hash = hash(n) of the step `row` of auction row->auction_id after row->prev_hash. */
void auction_log_hash_row(app_ctx *c, auction_lot_bid *row);
/* Inside a batch's transaction, after its other steps were inserted: sign the head the batch
 * ends at, `last` (the batch's last step, which gets the signature), and insert it. *head
 * receives the signed head. A missing bid-log key (BZ_EUNAVAILABLE) or a store failure fails
 * the batch. */
int auction_log_seal(app_ctx *c, auction_lot_bid *last, app_log_head *head);
/* The stored head of `au` with its last entry's signature (one read; seq 0 before the first
 * bid). */
int auction_log_head(app_ctx *c, const auction_lot *au, app_log_head *head);
/* Give the head (copied into c->arena) to the events of `b` from index `from` on that carry
 * it: every `auction:update`, and the last `auction:bid` (the step the head names); see
 * docs/realtime-protocol.md. Before ev_write. BZ_OK or BZ_ENOMEM. */
int ev_add_log_head(app_ctx *c, app_evbuf *b, size_t from, const app_log_head *head);

/* app_auction_bid_batch's work inside the caller's transaction: the same eligibility, steps,
 * hash chain, UPDATE and logged room events, no BEGIN/COMMIT. *evs receives the events for the
 * caller to publish after its commit. A store failure returns; the caller rolls back. */
int auction_bids_in_tx(app_ctx *c, int64_t auction_id, const app_bid_req *reqs, size_t n,
                       app_bid_result *out, app_evbuf *evs);

#endif
