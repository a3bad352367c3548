/*
 * wire/auctions.h - the shapes of auctions, bids, the bid log and orders, and
 * the one reader of a bid as clients send it (REST body and socket payload).
 *
 * Ownership as wire/wire.h says: a new reference, NULL only when out of
 * memory; pointer arguments are borrowed. The shapes on the bid path are
 * written as text (wire/text.h) into a buffer of the caller's. Any thread.
 */
#ifndef WIRE_AUCTIONS_H
#define WIRE_AUCTIONS_H

#include "app/auctions.h"
#include "app/orders.h"
#include "wire/text.h"

#include <jansson.h>
#include <stdint.h>

/* {id, stream_id, product_id, seller_id, mode, status, currency, starting_bid, current_bid,
 * min_next_bid, bid_count, leader_id, winner_id, buy_now_price, has_reserve, reserve_met,
 * reserve_price (its seller only), bought_now, started_at, ends_at, ended_at, server_time}. */
json_t *wire_auction(const app_auction_view *v);

/* A bid, wherever a client sees one (REST answers and acks, `auction:bid` events, the bid
 * log): {id, auction_id, bidder{id, username}, amount, currency, by_proxy, created_at}, and
 * max_amount when set (only the bidder's own answer sets it). id is null when a leader only
 * raised their maximum. wire_bid_members writes the members into the object open in `t`;
 * wire_bid is the same as a tree (NULL when out of memory). */
void wire_bid_members(wire_text *t, const app_bid_view *b);
json_t *wire_bid(const app_bid_view *b);

/* The answer to an accepted bid, over REST (the body) and the socket (the ack's members):
 * {bid, auction{id, stream_id, status, currency, current_bid, min_next_bid, leader_id,
 * winner_id, ends_at, server_time}}. `bidder_id` is the caller. wire_bid_reply_members writes
 * "bid" and "auction" into the object open in `t`; wire_bid_reply appends the body to `out`
 * (BZ_OK, BZ_ENOMEM or the buffer's BZ_ETOOLARGE). */
void wire_bid_reply_members(wire_text *t, const app_bid_result *r, int64_t bidder_id,
                            int64_t server_time);
int wire_bid_reply(bz_buf *out, const app_bid_result *r, int64_t bidder_id, int64_t server_time);

/* The details of a refused bid, the same over REST and the socket: {current_bid,
 * min_next_bid, status} and field "amount" for BZ_EVALIDATION; NULL (no details) for
 * BZ_ENOTFOUND, BZ_EUNAVAILABLE and BZ_EINTERNAL, which say nothing about the auction. */
json_t *wire_bid_refusal(const app_bid_result *r);

/* GET /auctions/{id}/log: {auction_id, entries, keys, head_seq, head_hash, head_sig,
 * head_kid}, each entry {seq, the bid (wire_bid), created_at_ms, prev_hash, hash, sig, kid}
 * (hashes and signatures in lowercase hex; sig and kid null on entries that do not end a
 * batch), keys as wire_log_keys. */
json_t *wire_log(int64_t auction_id, const app_auction_log *log, const crypto_log_pubkey *keys,
                 size_t n_keys);

/* GET /auctions/{id}/log/verify: {valid, reason, seq, entries, chain_valid,
 * signatures_checked} and the head as in wire_log. */
json_t *wire_log_verdict(const app_auction_log *log);

/* {keys: [JWK...]}: the bid-log verification keys (RFC 8037: kty OKP, crv Ed25519, x
 * base64url) with kid, alg "EdDSA" and use "sig", in the ring's order (the current signing
 * key first). */
json_t *wire_log_keys(const crypto_log_pubkey *keys, size_t n);

/* The one reader of a bid as clients send it, over REST (the body) and the socket (the
 * `auction:bid` payload): "amount" and "max_amount" (integers; null counts as absent) and,
 * when `key_member` is not NULL, the idempotency key from that member (a string; the socket
 * names it "idempotency_key", REST sends it as a header instead). `obj` and the key stay
 * borrowed: in->key points into `obj`. BZ_OK, or BZ_EVALIDATION with err->field and
 * err->message for a member of the wrong type. The rules (app_bid_check) come next. */
int wire_bid_read(json_t *obj, const char *key_member, app_bid_input *in, app_err *err);

/* {orders: [{id, auction_id, buyer_id, seller_id, product_id, product{id, title, image} |
 * null, amount, currency, status, created_at, updated_at, receipt{stream_id, at_ms, ready} |
 * null (the video receipt: where the lot was decided on its show's recording)}],
 * next_cursor} */
json_t *wire_order_page(const app_order_page *p);
/* {order: {...the page's one order, timeline: [{kind, amount, detail, at}]}} */
json_t *wire_order_detail(const app_order_page *p, const order_event_rec *timeline, size_t n);

#endif
