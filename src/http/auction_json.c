/*
 * JSON of auctions, bids, the bid log and orders (http/auction_json.h).
 */
#include "http/auction_json.h"

#include "base/str.h"
#include "http/json_encode.h"

#include <stdbool.h>

static json_t *money_or_null(bool present, int64_t sen)
{
    return present ? json_integer((json_int_t)sen) : json_null();
}

json_t *json_auction(const app_auction_view *v)
{
    const store_auction *a = &v->auction;
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    json_object_set_new(o, "id", json_id(a->id));
    json_object_set_new(o, "stream_id", json_id(a->stream_id));
    json_object_set_new(o, "product_id", json_id(a->product_id));
    json_object_set_new(o, "seller_id", json_id(a->seller_id));
    json_object_set_new(o, "mode", json_string(a->mode));
    json_object_set_new(o, "status", json_string(a->status));
    json_object_set_new(o, "currency", json_string("MYR"));
    json_object_set_new(o, "starting_bid", json_integer((json_int_t)a->starting_bid));
    json_object_set_new(o, "current_bid", money_or_null(a->has_bid, a->current_bid));
    json_object_set_new(o, "min_next_bid", json_integer((json_int_t)v->min_next_bid));
    json_object_set_new(o, "bid_count", json_integer((json_int_t)a->step_count));
    json_object_set_new(o, "leader_id", json_id_or_null(a->leader_id));
    json_object_set_new(o, "winner_id", json_id_or_null(a->winner_id));
    json_object_set_new(o, "buy_now_price", money_or_null(a->buy_now_price > 0, a->buy_now_price));
    json_object_set_new(o, "has_reserve", json_boolean(v->has_reserve));
    json_object_set_new(o, "reserve_met", json_boolean(v->reserve_met));
    if (a->reserve_price > 0) { /* app_auction_get zeroes it for everyone but the seller */
        json_object_set_new(o, "reserve_price", json_integer((json_int_t)a->reserve_price));
    }
    json_object_set_new(o, "bought_now", json_boolean(a->bought_now));
    json_object_set_new(o, "started_at", json_time(a->started_at));
    json_object_set_new(o, "ends_at", json_time(a->ends_at));
    json_object_set_new(o, "ended_at", json_time(a->ended_at));
    json_object_set_new(o, "server_time", json_time(v->server_time));
    return o;
}

json_t *json_auction_state(const app_auction_state *s, int64_t server_time)
{
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    json_object_set_new(o, "id", json_id(s->id));
    json_object_set_new(o, "stream_id", json_id_or_null(s->stream_id));
    json_object_set_new(o, "status", json_string(s->status ? s->status : "running"));
    json_object_set_new(o, "currency", json_string("MYR"));
    json_object_set_new(o, "current_bid", money_or_null(s->has_bid, s->current_bid));
    json_object_set_new(o, "min_next_bid", json_integer((json_int_t)s->min_next_bid));
    json_object_set_new(o, "leader_id", json_id_or_null(s->leader_id));
    json_object_set_new(o, "winner_id", json_id_or_null(s->winner_id));
    json_object_set_new(o, "ends_at", json_time(s->ends_at));
    json_object_set_new(o, "server_time", json_time(server_time));
    return o;
}

json_t *json_bid(const app_bid_result *r, int64_t bidder_id)
{
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    json_object_set_new(o, "id", json_id_or_null(r->bid_id));
    json_object_set_new(o, "auction_id", json_id(r->auction.id));
    json_object_set_new(o, "bidder_id", json_id(bidder_id));
    json_object_set_new(o, "amount", json_integer((json_int_t)r->amount));
    if (r->max_amount) {
        json_object_set_new(o, "max_amount", json_integer((json_int_t)r->max_amount));
    }
    json_object_set_new(o, "currency", json_string("MYR"));
    json_object_set_new(o, "created_at", json_time(r->created_at));
    return o;
}

json_t *json_hash(const unsigned char h[32])
{
    char hex[65];
    bz_hex_encode(h, 32, hex);
    hex[64] = '\0';
    return json_string(hex);
}

json_t *json_log_entry(const app_log_entry *e)
{
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    json_object_set_new(o, "seq", json_integer((json_int_t)e->seq));
    json_object_set_new(o, "bid_id", json_id(e->bid_id));
    json_object_set_new(o, "bidder_id", json_id(e->bidder_id));
    json_object_set_new(o, "amount", json_integer((json_int_t)e->amount));
    json_object_set_new(o, "currency", json_string("MYR"));
    json_object_set_new(o, "by_proxy", json_boolean(e->by_proxy));
    json_object_set_new(o, "created_at", json_time(e->created_at));
    json_object_set_new(o, "created_at_ms", json_integer((json_int_t)e->created_at));
    json_object_set_new(o, "prev_hash", json_hash(e->prev_hash));
    json_object_set_new(o, "hash", json_hash(e->hash));
    json_object_set_new(o, "sig", e->has_sig ? json_sig(e->sig) : json_null());
    json_object_set_new(o, "kid", e->has_sig ? json_kid(e->kid) : json_null());
    return o;
}

json_t *json_sig(const unsigned char sig[BIDLOG_SIG_LEN])
{
    char hex[2 * BIDLOG_SIG_LEN + 1];
    bz_hex_encode(sig, BIDLOG_SIG_LEN, hex);
    return json_string(hex);
}

json_t *json_kid(const char *kid)
{
    json_t *s = json_string(kid); /* NULL if a tampered row holds bytes that are not UTF-8 */
    return s ? s : json_null();
}

void json_log_head_set(json_t *o, const app_log_head *h)
{
    json_object_set_new(o, "head_seq", json_integer((json_int_t)h->seq));
    json_object_set_new(o, "head_hash", json_hash(h->hash));
    json_object_set_new(o, "head_sig", h->has_sig ? json_sig(h->sig) : json_null());
    json_object_set_new(o, "head_kid", h->has_sig ? json_kid(h->kid) : json_null());
}

json_t *json_log_keys(const crypto_log_pubkey *keys, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kty", "OKP", "crv",
                                             "Ed25519", "alg", "EdDSA", "use", "sig", "kid",
                                             keys[i].kid, "x", keys[i].x));
    }
    return arr;
}

json_t *json_order(const store_order *ord)
{
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    json_object_set_new(o, "id", json_id(ord->id));
    json_object_set_new(o, "auction_id", json_id_or_null(ord->auction_id));
    json_object_set_new(o, "buyer_id", json_id(ord->buyer_id));
    json_object_set_new(o, "seller_id", json_id(ord->seller_id));
    json_object_set_new(o, "product_id", json_id(ord->product_id));
    json_object_set_new(o, "amount", json_integer((json_int_t)ord->amount));
    json_object_set_new(o, "currency", json_string(ord->currency));
    json_object_set_new(o, "status", json_string(ord->status));
    json_object_set_new(o, "created_at", json_time(ord->created_at));
    json_object_set_new(o, "updated_at", json_time(ord->updated_at));
    return o;
}
