/*
 * Checkouts and payments on the wire (wire/payments.h).
 */
#include "wire/payments.h"

#include "app/ports/payments.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <string.h>

/* Text the store reads as "" when absent: null on the wire. */
static json_t *text_or_null(const char *s)
{
    return s && s[0] ? wire_str(s) : json_null();
}

json_t *wire_buyer_sums(const checkout_sums *s)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:s}", "items", (json_int_t)s->items, "shipping",
                     (json_int_t)s->shipping, "tax", (json_int_t)s->tax, "total",
                     (json_int_t)s->total, "currency", "MYR");
}

static json_t *ship_to(const char *name, const char *phone, const address_postal *to)
{
    if (!name || !name[0]) {
        return json_null();
    }
    json_t *o = wire_postal(to, true);
    o = wire_set(o, "name", wire_str(name));
    return wire_set(o, "phone", wire_str(phone));
}

static json_t *shipping(const app_checkout *co)
{
    const shipping_quote *q = &co->parcel;
    return json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "from_zone",
                     shipping_zone_name(q->from), "to_zone", shipping_zone_name(q->to), "actual_g",
                     (json_int_t)q->actual_g, "volumetric_g", (json_int_t)q->volumetric_g,
                     "chargeable_g", (json_int_t)q->chargeable_g, "parcel_price",
                     (json_int_t)q->price, "paid_before", (json_int_t)co->shipping_paid);
}

json_t *wire_checkout(const app_checkout *co)
{
    json_t *ids = json_array(), *orders = json_array();
    for (size_t i = 0; ids && orders && i < co->n; i++) {
        const order_record *o = &co->orders[i];
        json_array_append_new(ids, wire_id(o->id));
        json_array_append_new(orders, json_pack("{s:o, s:o, s:I, s:o}", "order_id", wire_id(o->id),
                                                "product_id", wire_id(o->product_id), "amount",
                                                (json_int_t)o->amount, "sums",
                                                wire_buyer_sums(&co->parts[i])));
    }
    json_t *o = json_object();
    o = wire_set(o, "order_ids", ids);
    o = wire_set(o, "orders", orders);
    o = wire_set(o, "sums", wire_buyer_sums(&co->sums));
    o = wire_set(o, "shipping", shipping(co));
    o = wire_set(o, "ship_to", ship_to(co->ship_name, co->ship_phone, &co->ship_to));
    o = wire_set(o, "address_fixed", json_boolean(co->address_fixed));
    o = wire_set(o, "pay_by", wire_time(co->pay_by));
    return wire_set(o, "currency", json_string("MYR"));
}

static json_t *methods(unsigned bits)
{
    json_t *arr = json_array();
    const unsigned all[] = {PAYMENTS_CARD, PAYMENTS_FPX, PAYMENTS_GRABPAY};
    for (size_t i = 0; arr && i < sizeof(all) / sizeof(all[0]); i++) {
        if (bits & all[i]) {
            json_array_append_new(arr, json_string(payments_method_name(all[i])));
        }
    }
    return arr;
}

json_t *wire_payment(const payment_record *p, const payment_part *parts, size_t n)
{
    payment_state s = payment_state_parse(p->status);
    bool live = s == PAYMENT_OPEN || s == PAYMENT_PROCESSING;
    json_t *ids = json_array();
    for (size_t i = 0; ids && i < n; i++) {
        json_array_append_new(ids, wire_id(parts[i].order_id));
    }
    json_t *failure = p->failure_code && p->failure_code[0]
                          ? json_pack("{s:o, s:o}", "code", wire_str(p->failure_code),
                                      "decline_code", text_or_null(p->decline_code))
                          : json_null();
    json_t *o = json_object();
    o = wire_set(o, "id", wire_id(p->id));
    o = wire_set(o, "status", wire_str(p->status));
    o = wire_set(o, "methods", methods((unsigned)p->methods));
    o = wire_set(o, "off_session", json_boolean(p->off_session));
    o = wire_set(o, "sums", wire_buyer_sums(&p->sums));
    o = wire_set(o, "ship_to", ship_to(p->ship_name, p->ship_phone, &p->ship_to));
    o = wire_set(o, "method_used", text_or_null(p->method_used));
    o = wire_set(o, "failure", failure);
    o = wire_set(o, "order_ids", ids);
    o = wire_set(o, "client_secret", live ? text_or_null(p->client_secret) : json_null());
    o = wire_set(o, "created_at", wire_time(p->created_at));
    return wire_set(o, "updated_at", wire_time(p->updated_at));
}

json_t *wire_card(const payment_card *card)
{
    return json_pack("{s:o, s:o, s:o, s:i, s:i, s:b, s:o}", "id", wire_id(card->id), "brand",
                     wire_str(card->brand), "last4", wire_str(card->last4), "exp_month",
                     (int)card->exp_month, "exp_year", (int)card->exp_year, "is_default",
                     card->is_default, "created_at", wire_time(card->created_at));
}

json_t *wire_cards(const payment_card *cards, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, wire_card(&cards[i]));
    }
    return wire_wrap("cards", arr);
}

json_t *wire_card_setup(const card_setup *u)
{
    bool open = strcmp(u->status, payment_state_name(PAYMENT_OPEN)) == 0;
    json_t *o = json_object();
    o = wire_set(o, "id", wire_id(u->id));
    o = wire_set(o, "status", wire_str(u->status));
    o = wire_set(o, "client_secret", open ? text_or_null(u->client_secret) : json_null());
    o = wire_set(o, "failure_code", text_or_null(u->failure_code));
    o = wire_set(o, "card_id", wire_id_or_null(u->card_id));
    o = wire_set(o, "created_at", wire_time(u->created_at));
    return wire_set(o, "updated_at", wire_time(u->updated_at));
}

json_t *wire_payments_config(const char *publishable_key, const char *js_url)
{
    return json_pack("{s:s, s:o, s:o, s:[s, s, s]}", "provider", "stripe", "publishable_key",
                     text_or_null(publishable_key), "js_url", text_or_null(js_url), "methods",
                     "card", "fpx", "grabpay");
}

json_t *wire_refund(const refund_record *r)
{
    return json_pack("{s:o, s:o, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", wire_id(r->id),
                     "order_id", wire_id(r->order_id), "amount", (json_int_t)r->amount, "currency",
                     "MYR", "reason", wire_str(r->reason), "note", wire_str(r->note ? r->note : ""),
                     "role", wire_str(r->role), "status", wire_str(r->status), "created_at",
                     wire_time(r->created_at), "updated_at", wire_time(r->updated_at));
}

json_t *wire_refunds(const refund_record *rows, size_t n, int64_t paid, int64_t refunded,
                     bool may_refund)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, wire_refund(&rows[i]));
    }
    return json_pack("{s:o, s:I, s:I, s:I, s:s, s:b}", "refunds", arr ? arr : json_null(), "paid",
                     (json_int_t)paid, "refunded", (json_int_t)refunded, "refundable",
                     (json_int_t)(paid > refunded ? paid - refunded : 0), "currency", "MYR",
                     "may_refund", may_refund);
}

/* ---- sellers' plans ------------------------------------------------------------------------ */

json_t *wire_plans(const plan_table *t, int64_t grace_ms)
{
    json_t *list = json_array();
    for (size_t i = 0; i < t->n; i++) {
        const plan *p = &t->plans[i];
        json_array_append_new(list, json_pack("{s:s, s:b, s:I, s:I, s:s}", "name", p->name, "free",
                                              !p->price[0], "commission_bp",
                                              (json_int_t)p->commission_bp, "monthly_price",
                                              (json_int_t)p->monthly_sen, "currency", "MYR"));
    }
    return json_pack("{s:o, s:I}", "plans", list, "grace_s", (json_int_t)(grace_ms / 1000));
}

json_t *wire_seller_plan(const app_plan_view *v)
{
    const seller_plan *r = &v->row;
    plan_status s = plan_status_parse(r->status);
    bool renews = s == PLAN_ACTIVE && !r->cancel_at_period_end;
    json_t *o = json_object();
    o = wire_set(o, "name", wire_str(v->in_force->name));
    o = wire_set(o, "commission_bp", json_integer(v->in_force->commission_bp));
    o = wire_set(o, "chosen", v->has_row ? wire_str(r->plan) : json_null());
    o = wire_set(o, "status", wire_str(v->has_row ? r->status : "none"));
    o = wire_set(o, "current_period_end", wire_time(r->current_period_end));
    o = wire_set(o, "cancel_at_period_end", json_boolean(r->cancel_at_period_end));
    o = wire_set(o, "renews_at", wire_time(renews ? r->current_period_end : 0));
    o = wire_set(o, "past_due_since", wire_time(r->past_due_since));
    o = wire_set(o, "grace_ends_at", wire_time(v->grace_ends_at));
    o = wire_set(o, "ends_at", wire_time(v->ends_at));
    o = wire_set(o, "client_secret",
                 s == PLAN_INCOMPLETE ? text_or_null(r->client_secret) : json_null());
    o = wire_set(o, "failure_code", text_or_null(r->failure_code));
    return wire_set(o, "updated_at", wire_time(r->updated_at));
}
