/*
 * Auctions, bids, the bid log and orders (wire/auctions.h).
 */
#include "wire/auctions.h"

#include "base/err.h"
#include "wire/resources.h"
#include "wire/text.h"
#include "wire/wire.h"

#include <stdbool.h>

json_t *wire_auction(const app_auction_view *v)
{
    const auction_lot *a = &v->auction;
    json_t *o = json_object();
    o = wire_set(o, "id", wire_id(a->id));
    o = wire_set(o, "stream_id", wire_id(a->stream_id));
    o = wire_set(o, "product_id", wire_id(a->product_id));
    o = wire_set(o, "seller_id", wire_id(a->seller_id));
    o = wire_set(o, "mode", wire_str(a->mode));
    o = wire_set(o, "status", wire_str(a->status));
    o = wire_set(o, "currency", json_string("MYR"));
    o = wire_set(o, "starting_bid", json_integer((json_int_t)a->starting_bid));
    o = wire_set(o, "current_bid", wire_money_or_null(a->has_bid, a->current_bid));
    o = wire_set(o, "min_next_bid", json_integer((json_int_t)v->min_next_bid));
    o = wire_set(o, "bid_count", json_integer((json_int_t)a->step_count));
    o = wire_set(o, "leader_id", wire_id_or_null(a->leader_id));
    o = wire_set(o, "winner_id", wire_id_or_null(a->winner_id));
    o = wire_set(o, "buy_now_price", wire_money_or_null(a->buy_now_price > 0, a->buy_now_price));
    o = wire_set(o, "has_reserve", json_boolean(v->has_reserve));
    o = wire_set(o, "reserve_met", json_boolean(v->reserve_met));
    if (a->reserve_price > 0) { /* app_auction_get zeroes it for everyone but the seller */
        o = wire_set(o, "reserve_price", json_integer((json_int_t)a->reserve_price));
    }
    o = wire_set(o, "bought_now", json_boolean(a->bought_now));
    o = wire_set(o, "started_at", wire_time(a->started_at));
    o = wire_set(o, "ends_at", wire_time(a->ends_at));
    o = wire_set(o, "ended_at", wire_time(a->ended_at));
    return wire_set(o, "server_time", wire_time(v->server_time));
}

/* ---- bids: the bid path, written as text (wire/text.h) ------------------------------ */

void wire_bid_members(wire_text *t, const app_bid_view *b)
{
    wire_text_id_or_null(t, "id", b->id);
    wire_text_id(t, "auction_id", b->auction_id);
    wire_text_object(t, "bidder");
    wire_text_id(t, "id", b->bidder_id);
    wire_text_str(t, "username", b->bidder_username);
    wire_text_end(t);
    wire_text_int(t, "amount", b->amount);
    if (b->max_amount) {
        wire_text_int(t, "max_amount", b->max_amount);
    }
    wire_text_str(t, "currency", "MYR");
    wire_text_bool(t, "by_proxy", b->by_proxy);
    wire_text_time(t, "created_at", b->created_at);
}

static void bid_members(wire_text *t, const void *b)
{
    wire_bid_members(t, b);
}

/* Parsed from the text, so that a bid has one writer. */
json_t *wire_bid(const app_bid_view *b)
{
    return wire_text_tree(bid_members, b);
}

/* "auction": the auction part of a bid answer. */
static void auction_state(wire_text *t, const app_auction_state *s, int64_t server_time)
{
    wire_text_object(t, "auction");
    wire_text_id(t, "id", s->id);
    wire_text_id_or_null(t, "stream_id", s->stream_id);
    wire_text_str(t, "status", s->status ? s->status : "running");
    wire_text_str(t, "currency", "MYR");
    wire_text_money_or_null(t, "current_bid", s->has_bid, s->current_bid);
    wire_text_int(t, "min_next_bid", s->min_next_bid);
    wire_text_id_or_null(t, "leader_id", s->leader_id);
    wire_text_id_or_null(t, "winner_id", s->winner_id);
    wire_text_time(t, "ends_at", s->ends_at);
    wire_text_time(t, "server_time", server_time);
    wire_text_end(t);
}

void wire_bid_reply_members(wire_text *t, const app_bid_result *r, int64_t bidder_id,
                            int64_t server_time)
{
    app_bid_view b = {.id = r->bid_id,
                      .auction_id = r->auction.id,
                      .bidder_id = bidder_id,
                      .bidder_username = r->bidder_username,
                      .amount = r->amount,
                      .max_amount = r->max_amount,
                      .by_proxy = r->by_proxy,
                      .created_at = r->created_at};
    wire_text_object(t, "bid");
    wire_bid_members(t, &b);
    wire_text_end(t);
    auction_state(t, &r->auction, server_time);
}

int wire_bid_reply(bz_buf *out, const app_bid_result *r, int64_t bidder_id, int64_t server_time)
{
    wire_text t;
    wire_text_begin(&t, out);
    wire_bid_reply_members(&t, r, bidder_id, server_time);
    wire_text_end(&t);
    return wire_text_finish(&t);
}

json_t *wire_bid_refusal(const app_bid_result *r)
{
    if (r->code == BZ_ENOTFOUND || r->code == BZ_EUNAVAILABLE || r->code == BZ_EINTERNAL) {
        return NULL;
    }
    json_t *d = json_pack("{s:o, s:I, s:s}", "current_bid",
                          wire_money_or_null(r->auction.has_bid, r->auction.current_bid),
                          "min_next_bid", (json_int_t)r->auction.min_next_bid, "status",
                          r->auction.status ? r->auction.status : "running");
    return r->code == BZ_EVALIDATION ? wire_set(d, "field", json_string("amount")) : d;
}

/* ---- the bid log ---------------------------------------------------------------------- */

static json_t *sig_or_null(bool has_sig, const unsigned char sig[BIDLOG_SIG_LEN])
{
    return has_sig ? wire_hex(sig, BIDLOG_SIG_LEN) : json_null();
}

static json_t *kid_or_null(bool has_sig, const char *kid)
{
    return has_sig ? wire_str_or_null(kid) : json_null(); /* a tampered row may hold non-UTF-8 */
}

/* {seq, the bid, created_at_ms, prev_hash, hash, sig, kid} */
static json_t *log_entry(int64_t auction_id, const app_log_entry *e, const char *username)
{
    app_bid_view b = {.id = e->bid_id,
                      .auction_id = auction_id,
                      .bidder_id = e->bidder_id,
                      .bidder_username = username,
                      .amount = e->amount,
                      .by_proxy = e->by_proxy,
                      .created_at = e->created_at};
    json_t *o = wire_merge(wire_wrap("seq", json_integer((json_int_t)e->seq)), wire_bid(&b));
    o = wire_set(o, "created_at_ms", json_integer((json_int_t)e->created_at));
    o = wire_set(o, "prev_hash", wire_hex(e->prev_hash, BIDLOG_HASH_LEN));
    o = wire_set(o, "hash", wire_hex(e->hash, BIDLOG_HASH_LEN));
    o = wire_set(o, "sig", sig_or_null(e->has_sig, e->sig));
    return wire_set(o, "kid", kid_or_null(e->has_sig, e->kid));
}

/* The head members of both log answers. */
static json_t *with_head(json_t *o, const app_log_head *h)
{
    o = wire_set(o, "head_seq", json_integer((json_int_t)h->seq));
    o = wire_set(o, "head_hash", wire_hex(h->hash, BIDLOG_HASH_LEN));
    o = wire_set(o, "head_sig", sig_or_null(h->has_sig, h->sig));
    return wire_set(o, "head_kid", kid_or_null(h->has_sig, h->kid));
}

static json_t *keys_array(const crypto_log_pubkey *keys, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "kty", "OKP", "crv",
                                             "Ed25519", "alg", "EdDSA", "use", "sig", "kid",
                                             wire_str(keys[i].kid), "x", wire_str(keys[i].x)));
    }
    return arr;
}

json_t *wire_log(int64_t auction_id, const app_auction_log *log, const crypto_log_pubkey *keys,
                 size_t n_keys)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < log->n; i++) {
        json_array_append_new(
            arr, log_entry(auction_id, &log->entries[i], log->usernames ? log->usernames[i] : ""));
    }
    json_t *o = json_pack("{s:o, s:o, s:o}", "auction_id", wire_id(auction_id), "entries", arr,
                          "keys", keys_array(keys, n_keys));
    return with_head(o, &log->head);
}

json_t *wire_log_verdict(const app_auction_log *log)
{
    const bidlog_check *k = &log->check;
    json_t *o = json_pack("{s:b, s:s, s:o, s:I, s:b, s:I}", "valid", log->valid, "reason",
                          bidlog_verdict_name(k->verdict), "seq",
                          k->seq ? json_integer((json_int_t)k->seq) : json_null(), "entries",
                          (json_int_t)log->n, "chain_valid", k->chain_ok, "signatures_checked",
                          (json_int_t)k->signatures);
    return with_head(o, &log->head);
}

json_t *wire_log_keys(const crypto_log_pubkey *keys, size_t n)
{
    return wire_wrap("keys", keys_array(keys, n));
}

/* ---- orders --------------------------------------------------------------------------- */

/* A video receipt: {stream_id, at_ms, ready}, or null (app/recordings.h). */
static json_t *receipt(const app_order_receipt *r)
{
    return r->stream_id ? json_pack("{s:o, s:I, s:b}", "stream_id", wire_id(r->stream_id), "at_ms",
                                    (json_int_t)r->at_ms, "ready", r->ready)
                        : json_null();
}

/* Where it ships: the parcel's copy of the address, or null. */
static json_t *ship_to(const order_parcel *parcel)
{
    if (!parcel) {
        return json_null();
    }
    json_t *o = wire_postal(&parcel->ship_to, true);
    o = wire_set(o, "name", wire_str(parcel->ship_name));
    return wire_set(o, "phone", wire_str(parcel->ship_phone));
}

static json_t *people(const order_record *ord, const app_order_people *w)
{
    json_t *o = json_object();
    o = wire_set(o, "buyer",
                 json_pack("{s:o, s:o}", "id", wire_id(ord->buyer_id), "username",
                           wire_str(w->buyer_username)));
    o = wire_set(o, "seller",
                 json_pack("{s:o, s:o}", "id", wire_id(ord->seller_id), "shop_name",
                           wire_str(w->shop_name)));
    return wire_set(o, "ship_to", ship_to(w->ship_to));
}

static json_t *order(const order_record *ord, const app_order_product *p,
                     const app_order_receipt *r, const app_order_people *w, bool seller_view)
{
    json_t *o = json_object();
    o = wire_set(o, "id", wire_id(ord->id));
    o = wire_set(o, "auction_id", wire_id_or_null(ord->auction_id));
    o = wire_set(o, "buyer_id", wire_id(ord->buyer_id));
    o = wire_set(o, "seller_id", wire_id(ord->seller_id));
    o = wire_set(o, "product_id", wire_id(ord->product_id));
    o = wire_set(o, "amount", json_integer((json_int_t)ord->amount));
    o = wire_set(o, "currency", wire_str(ord->currency));
    o = wire_set(o, "status", wire_str(ord->status));
    o = wire_set(o, "stream_id", wire_id_or_null(ord->stream_id));
    o = wire_set(o, "pay_by", wire_time(ord->pay_by));
    o = wire_set(o, "payment_failed", json_boolean(ord->payment_failed));
    o = wire_set(o, "failure_code",
                 ord->failure_code && ord->failure_code[0] ? wire_str(ord->failure_code)
                                                           : json_null());
    /* what was paid for it (its part of the payment): 0 until paid */
    o = wire_set(o, "paid", json_integer((json_int_t)ord->paid));
    o = wire_set(o, "refunded", json_integer((json_int_t)ord->refunded));
    o = wire_set(o, "shipping", json_integer((json_int_t)ord->shipping));
    o = wire_set(o, "tax", json_integer((json_int_t)ord->tax));
    if (seller_view) { /* the seller's to see: Blytz's commission (their plan's) and the rest */
        o = wire_set(o, "commission", json_integer((json_int_t)ord->commission));
        o = wire_set(o, "share", json_integer((json_int_t)ord->share));
    }
    o = wire_set(o, "parcel_id", wire_id_or_null(ord->parcel_id));
    o = wire_set(o, "payment_id", wire_id_or_null(ord->payment_id));
    o = wire_set(o, "created_at", wire_time(ord->created_at));
    o = wire_set(o, "updated_at", wire_time(ord->updated_at));
    json_t *product = p->title
                          ? json_pack("{s:o, s:o, s:o}", "id", wire_id(ord->product_id), "title",
                                      wire_str(p->title), "image", wire_image_or_null(p->image))
                          : json_null();
    o = wire_set(o, "receipt", receipt(r));
    o = wire_set(o, "people", people(ord, w));
    return wire_set(o, "product", product);
}

/* An order's receipt and invoice: a download link (short-lived) once each is ready. */
static json_t *order_documents(const app_document_view *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        const receipt_record *d = &v[i].doc;
        json_array_append_new(
            arr,
            json_pack("{s:o, s:s, s:s, s:s, s:o, s:o, s:o}", "id", wire_id(d->id), "kind", d->kind,
                      "number", d->number, "status", d->ready ? "ready" : "pending", "issued_at",
                      wire_time(d->issued_at), "url", v[i].url ? wire_str(v[i].url) : json_null(),
                      "expires_at", v[i].url ? wire_time(v[i].expires_at) : json_null()));
    }
    return arr;
}

json_t *wire_order_detail(const app_order_page *p, const order_event_rec *timeline, size_t n)
{
    json_t *steps = json_array();
    for (size_t i = 0; steps && i < n; i++) {
        const order_event_rec *e = &timeline[i];
        json_array_append_new(
            steps, json_pack("{s:o, s:I, s:o, s:o}", "kind", wire_str(e->kind), "amount",
                             (json_int_t)e->amount, "detail",
                             e->detail && e->detail[0] ? wire_str(e->detail) : json_null(), "at",
                             wire_time(e->created_at)));
    }
    json_t *o =
        order(&p->items[0], &p->products[0], &p->receipts[0], &p->people[0], p->seller_view);
    o = wire_set(o, "timeline", steps);
    o = wire_set(o, "documents", order_documents(p->documents, p->n_documents));
    return wire_wrap("order", o);
}

json_t *wire_order_page(const app_order_page *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->n; i++) {
        json_array_append_new(arr, order(&p->items[i], &p->products[i], &p->receipts[i],
                                         &p->people[i], p->seller_view));
    }
    return wire_page("orders", arr, p->next_cursor);
}
