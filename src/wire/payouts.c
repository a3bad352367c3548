/* wire/payouts.c - a seller's payouts page and onboarding requests (wire/payments.h). */
#include "wire/payments.h"
#include "wire/wire.h"

#include <string.h>

static json_t *text_or_null(const char *s)
{
    return s && s[0] ? wire_str(s) : json_null();
}

/* The requirements the provider still wants, as a list ("a,b" -> ["a", "b"]). */
static json_t *due_list(const char *due)
{
    json_t *a = json_array();
    while (a && due && *due) {
        size_t n = strcspn(due, ",");
        json_array_append_new(a, json_stringn(due, n));
        due += n + (due[n] == ',');
    }
    return a;
}

static json_t *account(const payout_account *a)
{
    if (!a) {
        return json_null();
    }
    return json_pack("{s:o, s:b, s:b, s:b, s:o, s:o}", "connected",
                     json_boolean(a->account_id && a->account_id[0]), "details_submitted",
                     a->details_submitted, "charges_enabled", a->charges_enabled, "payouts_enabled",
                     a->payouts_enabled, "requirements_due", due_list(a->requirements_due),
                     "updated_at", wire_time(a->updated_at));
}

static json_t *transfer(const payout_transfer *t)
{
    json_t *o = json_object();
    o = wire_set(o, "order_id", wire_id(t->order_id));
    o = wire_set(o, "status", wire_str(t->status));
    o = wire_set(o, "amount", json_integer(t->amount));
    o = wire_set(o, "reversed", json_integer(t->reversed));
    o = wire_set(o, "transfer_id", text_or_null(t->transfer_id));
    o = wire_set(o, "created_at", wire_time(t->created_at));
    return wire_set(o, "updated_at", wire_time(t->updated_at));
}

static json_t *payout(const seller_payout *p)
{
    json_t *o = json_object();
    o = wire_set(o, "id", wire_id(p->id));
    o = wire_set(o, "payout_id", wire_str(p->payout_id));
    o = wire_set(o, "amount", json_integer(p->amount));
    return wire_set(o, "paid_at", wire_time(p->paid_at));
}

json_t *wire_payouts(const app_payouts_view *v)
{
    const checkout_payouts *s = &v->sums;
    json_t *sums =
        json_pack("{s:I, s:I, s:I, s:I, s:I, s:s}", "pending", (json_int_t)s->pending, "available",
                  (json_int_t)s->available, "paid_out", (json_int_t)s->paid_out, "transferred",
                  (json_int_t)s->transferred, "earned", (json_int_t)s->earned, "currency", "MYR");
    json_t *transfers = json_array(), *payouts = json_array();
    for (size_t i = 0; transfers && i < v->n_transfers; i++) {
        json_array_append_new(transfers, transfer(&v->transfers[i]));
    }
    for (size_t i = 0; payouts && i < v->n_payouts; i++) {
        json_array_append_new(payouts, payout(&v->payouts[i]));
    }
    json_t *o = json_object();
    o = wire_set(o, "account", account(v->account));
    o = wire_set(o, "sums", sums);
    o = wire_set(o, "transfers", transfers);
    return wire_set(o, "payouts", payouts);
}

json_t *wire_payout_onboarding(const payout_onboarding *ob)
{
    bool ready = strcmp(ob->status, PAYOUT_ONBOARDING_READY) == 0;
    json_t *o = json_object();
    o = wire_set(o, "id", wire_id(ob->id));
    o = wire_set(o, "status", wire_str(ob->status));
    o = wire_set(o, "url", ready ? text_or_null(ob->url) : json_null());
    o = wire_set(o, "expires_at", ready ? wire_time(ob->expires_at) : json_null());
    o = wire_set(o, "failure", text_or_null(ob->failure));
    return wire_set(o, "created_at", wire_time(ob->created_at));
}
