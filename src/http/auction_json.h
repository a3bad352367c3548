/*
 * http/auction_json.h - DESIGN §3 JSON shapes of auctions, bids, the bid log
 * and orders. Each returns a new reference (NULL only on OOM) and borrows its
 * arguments.
 */
#ifndef HTTP_AUCTION_JSON_H
#define HTTP_AUCTION_JSON_H

#include "app/auctions.h"
#include "app/ports/store.h"

#include <jansson.h>
#include <stdint.h>

/* {id, stream_id, product_id, seller_id, mode, status, currency, starting_bid, current_bid,
 * min_next_bid, bid_count, leader_id, winner_id, buy_now_price, has_reserve, reserve_met,
 * reserve_price (its seller only), bought_now, started_at, ends_at, ended_at, server_time}. */
json_t *json_auction(const app_auction_view *v);

/* The auction part of a bid answer: {id, stream_id, status, currency, current_bid,
 * min_next_bid, leader_id, winner_id, ends_at, server_time}. */
json_t *json_auction_state(const app_auction_state *s, int64_t server_time);

/* {id, auction_id, bidder_id, amount, max_amount?, currency, created_at}; id null when a leader
 * only raised their maximum. */
json_t *json_bid(const app_bid_result *r, int64_t bidder_id);

/* {bid_id, bidder_id, amount, currency, by_proxy, created_at, created_at_ms, seq, prev_hash,
 * hash, sig, kid}: hashes and signature in lowercase hex; sig and kid null on entries that do
 * not end a batch. */
json_t *json_log_entry(const app_log_entry *e);

/* An Ed25519 signature in lowercase hex. */
json_t *json_sig(const unsigned char sig[BIDLOG_SIG_LEN]);

/* A key id, or null if it is not valid UTF-8. */
json_t *json_kid(const char *kid);

/* Set head_seq, head_hash, head_sig, head_kid of `h` on object `o`. */
void json_log_head_set(json_t *o, const app_log_head *h);

/* The bid-log verification keys as JWKs (RFC 8037: kty OKP, crv Ed25519, x base64url),
 * with kid, alg "EdDSA" and use "sig", in the ring's order (the current signing key first). */
json_t *json_log_keys(const crypto_log_pubkey *keys, size_t n);

/* Lowercase hex of 32 bytes. */
json_t *json_hash(const unsigned char h[32]);

/* {id, auction_id, buyer_id, seller_id, product_id, amount, currency, status, created_at,
 * updated_at}. */
json_t *json_order(const store_order *o);

#endif
