/*
 * integrations/stripe/stripe_event.c - a verified webhook body into a
 * payments_event (see stripe_event.h).
 */
#include "integrations/stripe/stripe_event.h"

#include "base/err.h"
#include "integrations/stripe/stripe_read.h"

#include <jansson.h>

#include <string.h>

static const struct {
    const char *type;
    payments_event_kind kind;
} event_kinds[] = {
    {"payment_intent.succeeded", PAYMENTS_EV_INTENT_SUCCEEDED},
    {"payment_intent.payment_failed", PAYMENTS_EV_INTENT_FAILED},
    {"setup_intent.succeeded", PAYMENTS_EV_SETUP_SUCCEEDED},
    {"charge.refunded", PAYMENTS_EV_CHARGE_REFUNDED},
    {"charge.dispute.created", PAYMENTS_EV_DISPUTE_CREATED},
    {"charge.dispute.closed", PAYMENTS_EV_DISPUTE_CLOSED},
    {"account.updated", PAYMENTS_EV_ACCOUNT_UPDATED},
    {"customer.subscription.created", PAYMENTS_EV_SUBSCRIPTION},
    {"customer.subscription.updated", PAYMENTS_EV_SUBSCRIPTION},
    {"customer.subscription.deleted", PAYMENTS_EV_SUBSCRIPTION},
    {"invoice.paid", PAYMENTS_EV_INVOICE_PAID},
    {"invoice.payment_failed", PAYMENTS_EV_INVOICE_FAILED},
    {"payout.paid", PAYMENTS_EV_PAYOUT_PAID},
    {"refund.updated", PAYMENTS_EV_REFUND_UPDATED},
    {"refund.failed", PAYMENTS_EV_REFUND_UPDATED},
    {"charge.refund.updated", PAYMENTS_EV_REFUND_UPDATED},
};

static payments_event_kind kind_of(const char *type)
{
    for (size_t i = 0; i < sizeof(event_kinds) / sizeof(event_kinds[0]); i++) {
        if (strcmp(type, event_kinds[i].type) == 0) {
            return event_kinds[i].kind;
        }
    }
    return PAYMENTS_EV_OTHER;
}

static bool read_charge(const json_t *ch, payments_event *out)
{
    int64_t captured = 0;
    if (!stripe_read_is(ch, "charge") ||
        !stripe_read_str(ch, "id", out->object_id, sizeof(out->object_id)) || !out->object_id[0] ||
        !stripe_read_id(ch, "payment_intent", out->intent_id, sizeof(out->intent_id)) ||
        !stripe_read_i64(ch, "amount", &out->amount) ||
        !stripe_read_i64(ch, "amount_captured", &captured) ||
        !stripe_read_i64(ch, "amount_refunded", &out->amount_refunded)) {
        return false;
    }
    memcpy(out->charge, out->object_id, sizeof(out->charge));
    out->amount = json_object_get(ch, "amount_captured") ? captured : out->amount;
    return true;
}

static bool read_dispute(const json_t *dp, payments_event *out)
{
    return stripe_read_is(dp, "dispute") &&
           stripe_read_str(dp, "id", out->object_id, sizeof(out->object_id)) && out->object_id[0] &&
           stripe_read_id(dp, "charge", out->charge, sizeof(out->charge)) &&
           stripe_read_id(dp, "payment_intent", out->intent_id, sizeof(out->intent_id)) &&
           stripe_read_i64(dp, "amount", &out->amount) &&
           stripe_read_str(dp, "status", out->status, sizeof(out->status));
}

static bool read_refund(const json_t *re, payments_event *out)
{
    if (!stripe_read_is(re, "refund") ||
        !stripe_read_str(re, "id", out->object_id, sizeof(out->object_id)) || !out->object_id[0] ||
        !stripe_read_id(re, "payment_intent", out->intent_id, sizeof(out->intent_id)) ||
        !stripe_read_i64(re, "amount", &out->amount) ||
        !stripe_read_str(re, "status", out->status, sizeof(out->status))) {
        return false;
    }
    out->refund_id = stripe_read_meta_id(re, "blytz_refund");
    return true;
}

/* The period the invoice's subscription line covers: its end. A renewal's invoice covers the
 * period just begun on that line (the invoice's own period_end is the one that ended). */
static bool read_line_period_end(const json_t *invoice, int64_t *out)
{
    const json_t *lines = json_object_get(json_object_get(invoice, "lines"), "data");
    *out = 0;
    for (size_t i = 0; i < json_array_size(lines); i++) {
        const json_t *line = json_array_get(lines, i);
        const json_t *parent = json_object_get(line, "parent");
        const char *type = json_string_value(json_object_get(parent, "type"));
        if (type && strcmp(type, "subscription_item_details") == 0) {
            int64_t end;
            if (!stripe_read_i64(json_object_get(line, "period"), "end", &end) || end < 0 ||
                end > INT64_MAX / 1000) {
                return false;
            }
            *out = end * 1000;
            return true;
        }
    }
    return true;
}

static bool read_invoice(const json_t *in, payments_event *out)
{
    const json_t *details = json_object_get(json_object_get(in, "parent"), "subscription_details");
    int paid_or_due = out->kind == PAYMENTS_EV_INVOICE_PAID;
    if (!stripe_read_is(in, "invoice") ||
        !stripe_read_str(in, "id", out->object_id, sizeof(out->object_id)) || !out->object_id[0] ||
        !stripe_read_id(details, "subscription", out->sub.id, sizeof(out->sub.id)) ||
        !stripe_read_id(in, "customer", out->sub.customer, sizeof(out->sub.customer)) ||
        !stripe_read_i64(in, paid_or_due ? "amount_paid" : "amount_due", &out->amount) ||
        !stripe_read_str(in, "status", out->status, sizeof(out->status)) ||
        !read_line_period_end(in, &out->sub.current_period_end)) {
        return false;
    }
    out->sub.seller_id = stripe_read_meta_id(details, "blytz_seller");
    return true;
}

static bool read_payout(const json_t *po, payments_event *out)
{
    return stripe_read_is(po, "payout") &&
           stripe_read_str(po, "id", out->object_id, sizeof(out->object_id)) && out->object_id[0] &&
           stripe_read_i64(po, "amount", &out->amount) &&
           stripe_read_str(po, "status", out->status, sizeof(out->status));
}

/* The data object, read by the event's kind. */
static bool read_object(const json_t *obj, payments_event *out)
{
    switch (out->kind) {
    case PAYMENTS_EV_OTHER:
        return true;
    case PAYMENTS_EV_INTENT_SUCCEEDED:
    case PAYMENTS_EV_INTENT_FAILED:
        return stripe_read_intent(obj, &out->intent);
    case PAYMENTS_EV_SETUP_SUCCEEDED:
        return stripe_read_setup(obj, &out->setup);
    case PAYMENTS_EV_CHARGE_REFUNDED:
        return read_charge(obj, out);
    case PAYMENTS_EV_DISPUTE_CREATED:
    case PAYMENTS_EV_DISPUTE_CLOSED:
        return read_dispute(obj, out);
    case PAYMENTS_EV_ACCOUNT_UPDATED:
        return stripe_read_account(obj, &out->acct);
    case PAYMENTS_EV_SUBSCRIPTION:
        return stripe_read_sub(obj, &out->sub);
    case PAYMENTS_EV_INVOICE_PAID:
    case PAYMENTS_EV_INVOICE_FAILED:
        return read_invoice(obj, out);
    case PAYMENTS_EV_PAYOUT_PAID:
        return read_payout(obj, out);
    case PAYMENTS_EV_REFUND_UPDATED:
        return read_refund(obj, out);
    }
    return false;
}

static bool read_event(const json_t *ev, payments_event *out)
{
    int64_t created;
    const json_t *obj = json_object_get(json_object_get(ev, "data"), "object");
    if (!stripe_read_is(ev, "event") || !stripe_read_str(ev, "id", out->id, sizeof(out->id)) ||
        !out->id[0] || !stripe_read_str(ev, "type", out->type, sizeof(out->type)) ||
        !out->type[0] || !stripe_read_i64(ev, "created", &created) || created < 0 ||
        created > INT64_MAX / 1000 ||
        !stripe_read_str(ev, "account", out->account, sizeof(out->account)) ||
        !json_is_object(obj)) {
        return false;
    }
    out->created = created * 1000;
    out->kind = kind_of(out->type);
    return read_object(obj, out);
}

int stripe_event_parse(const void *body, size_t len, payments_event *out)
{
    memset(out, 0, sizeof(*out));
    if (len > PAYMENTS_EVENT_MAX) {
        return BZ_EBADREQUEST;
    }
    json_t *ev = json_loadb(len ? body : "", len, JSON_REJECT_DUPLICATES, NULL);
    bool ok = ev && read_event(ev, out);
    json_decref(ev);
    if (!ok) {
        memset(out, 0, sizeof(*out));
        return BZ_EBADREQUEST;
    }
    return BZ_OK;
}
