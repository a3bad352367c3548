/*
 * integrations/stripe/stripe_read.c - Stripe's JSON objects into the port's
 * structs (see stripe_read.h).
 */
#include "integrations/stripe/stripe_read.h"

#include "base/str.h"

#include <stdlib.h>
#include <string.h>

/* ---- members ----------------------------------------------------------------------------- */

bool stripe_read_str(const json_t *obj, const char *key, char *out, size_t size)
{
    json_t *v = json_object_get(obj, key);
    out[0] = '\0';
    if (!v || json_is_null(v)) {
        return true;
    }
    if (!json_is_string(v)) {
        return false;
    }
    size_t n = json_string_length(v);
    const char *s = json_string_value(v);
    if (n >= size || strlen(s) != n) {
        return false;
    }
    memcpy(out, s, n + 1);
    return true;
}

void stripe_read_text(const json_t *obj, const char *key, char *out, size_t size)
{
    const char *s = json_string_value(json_object_get(obj, key));
    bz_strlcpy(out, s ? s : "", size);
}

bool stripe_read_id(const json_t *obj, const char *key, char *out, size_t size)
{
    json_t *v = json_object_get(obj, key);
    if (json_is_object(v)) {
        return stripe_read_str(v, "id", out, size);
    }
    return stripe_read_str(obj, key, out, size);
}

bool stripe_read_i64(const json_t *obj, const char *key, int64_t *out)
{
    json_t *v = json_object_get(obj, key);
    *out = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
    return !v || json_is_null(v) || json_is_integer(v);
}

bool stripe_read_bool(const json_t *obj, const char *key, bool *out)
{
    json_t *v = json_object_get(obj, key);
    *out = json_is_true(v);
    return !v || json_is_null(v) || json_is_boolean(v);
}

int64_t stripe_read_meta_id(const json_t *obj, const char *name)
{
    const char *s = json_string_value(json_object_get(json_object_get(obj, "metadata"), name));
    int64_t id = 0;
    if (!s || bz_parse_i64(s, strlen(s), &id) != 0 || id <= 0) {
        return 0;
    }
    return id;
}

bool stripe_read_is(const json_t *obj, const char *kind)
{
    const char *k = json_string_value(json_object_get(obj, "object"));
    return json_is_object(obj) && k && strcmp(k, kind) == 0;
}

/* Stripe's Unix seconds (a member) as UTC ms; false for a value that is not one. */
static bool read_time_ms(const json_t *obj, const char *key, int64_t *out)
{
    int64_t s;
    if (!stripe_read_i64(obj, key, &s) || s < 0 || s > INT64_MAX / 1000) {
        return false;
    }
    *out = s * 1000;
    return true;
}

/* A status string looked up in a table of (name, value); false when absent or unknown. */
typedef struct status_name {
    const char *name;
    int value;
} status_name;

static bool read_status(const json_t *obj, const status_name *names, size_t n, int *out)
{
    const char *s = json_string_value(json_object_get(obj, "status"));
    for (size_t i = 0; s && i < n; i++) {
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].value;
            return true;
        }
    }
    return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- payment intents --------------------------------------------------------------------- */

static const status_name intent_states[] = {
    {"requires_payment_method", PAYMENTS_INTENT_REQUIRES_METHOD},
    {"requires_confirmation", PAYMENTS_INTENT_REQUIRES_METHOD}, /* the browser confirms */
    {"requires_action", PAYMENTS_INTENT_REQUIRES_ACTION},
    {"processing", PAYMENTS_INTENT_PROCESSING},
    {"requires_capture", PAYMENTS_INTENT_PROCESSING}, /* held, not taken: not Blytz's flow */
    {"succeeded", PAYMENTS_INTENT_SUCCEEDED},
    {"canceled", PAYMENTS_INTENT_CANCELED},
};

/* Which kind of method the intent used or tried: the expanded payment_method's type, else the
 * one of its last error, else its only allowed type; NONE when it cannot say. */
static payments_method_kind intent_kind(const json_t *pi, const json_t *error)
{
    const json_t *pm = json_object_get(pi, "payment_method");
    if (!json_is_object(pm)) {
        pm = json_object_get(error, "payment_method");
    }
    if (json_is_object(pm)) {
        return payments_method_parse(json_string_value(json_object_get(pm, "type")));
    }
    const json_t *types = json_object_get(pi, "payment_method_types");
    return json_array_size(types) == 1
               ? payments_method_parse(json_string_value(json_array_get(types, 0)))
               : PAYMENTS_METHOD_NONE;
}

bool stripe_read_intent(const json_t *pi, payments_intent *out)
{
    memset(out, 0, sizeof(*out));
    const json_t *error = json_object_get(pi, "last_payment_error");
    int status = 0;
    if (!stripe_read_is(pi, "payment_intent") ||
        !stripe_read_str(pi, "id", out->id, sizeof(out->id)) || !out->id[0] ||
        !stripe_read_str(pi, "client_secret", out->client_secret, sizeof(out->client_secret)) ||
        !read_status(pi, intent_states, COUNT(intent_states), &status) ||
        !stripe_read_i64(pi, "amount", &out->amount) ||
        !stripe_read_i64(pi, "amount_received", &out->amount_received) ||
        !stripe_read_id(pi, "latest_charge", out->charge, sizeof(out->charge)) ||
        !stripe_read_id(pi, "payment_method", out->payment_method, sizeof(out->payment_method)) ||
        (!out->payment_method[0] && !stripe_read_id(error, "payment_method", out->payment_method,
                                                    sizeof(out->payment_method))) ||
        !stripe_read_str(error, "code", out->failure_code, sizeof(out->failure_code)) ||
        !stripe_read_str(error, "decline_code", out->decline_code, sizeof(out->decline_code))) {
        return false;
    }
    out->status = (payments_intent_status)status;
    out->method_kind = intent_kind(pi, error);
    out->payment_id = stripe_read_meta_id(pi, "blytz_payment");
    stripe_read_text(error, "message", out->failure_message, sizeof(out->failure_message));
    return true;
}

/* ---- setup intents and payment methods --------------------------------------------------- */

static const status_name setup_states[] = {
    {"requires_payment_method", PAYMENTS_SETUP_OPEN},
    {"requires_confirmation", PAYMENTS_SETUP_OPEN},
    {"requires_action", PAYMENTS_SETUP_OPEN},
    {"processing", PAYMENTS_SETUP_PROCESSING},
    {"succeeded", PAYMENTS_SETUP_SUCCEEDED},
    {"canceled", PAYMENTS_SETUP_CANCELED},
};

bool stripe_read_setup(const json_t *si, payments_setup *out)
{
    memset(out, 0, sizeof(*out));
    int status = 0;
    if (!stripe_read_is(si, "setup_intent") ||
        !stripe_read_str(si, "id", out->id, sizeof(out->id)) || !out->id[0] ||
        !stripe_read_str(si, "client_secret", out->client_secret, sizeof(out->client_secret)) ||
        !read_status(si, setup_states, COUNT(setup_states), &status) ||
        !stripe_read_id(si, "payment_method", out->payment_method, sizeof(out->payment_method)) ||
        !stripe_read_id(si, "customer", out->customer, sizeof(out->customer)) ||
        !stripe_read_str(json_object_get(si, "last_setup_error"), "code", out->failure_code,
                         sizeof(out->failure_code))) {
        return false;
    }
    out->status = (payments_setup_status)status;
    return true;
}

/* A card's expiry member, 0..9999. */
static bool read_small(const json_t *obj, const char *key, int *out)
{
    int64_t v;
    if (!stripe_read_i64(obj, key, &v) || v < 0 || v > 9999) {
        return false;
    }
    *out = (int)v;
    return true;
}

bool stripe_read_method(const json_t *pm, payments_method *out)
{
    memset(out, 0, sizeof(*out));
    const json_t *card = json_object_get(pm, "card");
    if (!stripe_read_is(pm, "payment_method") ||
        !stripe_read_str(pm, "id", out->id, sizeof(out->id)) || !out->id[0] ||
        !stripe_read_id(pm, "customer", out->customer, sizeof(out->customer)) ||
        !stripe_read_str(card, "brand", out->brand, sizeof(out->brand)) ||
        !stripe_read_str(card, "last4", out->last4, sizeof(out->last4)) ||
        !read_small(card, "exp_month", &out->exp_month) ||
        !read_small(card, "exp_year", &out->exp_year)) {
        return false;
    }
    out->kind = payments_method_parse(json_string_value(json_object_get(pm, "type")));
    return true;
}

/* ---- sellers ----------------------------------------------------------------------------- */

/* requirements.currently_due as "a,b,c" into out[0..size), whole items only. */
static void read_due(const json_t *acct, char *out, size_t size)
{
    const json_t *due = json_object_get(json_object_get(acct, "requirements"), "currently_due");
    size_t len = 0, i;
    const json_t *item;
    out[0] = '\0';
    json_array_foreach(due, i, item)
    {
        const char *v = json_string_value(item);
        size_t n = v ? strlen(v) : 0;
        if (n == 0 || len + (len > 0) + n >= size) {
            continue;
        }
        if (len > 0) {
            out[len++] = ',';
        }
        memcpy(out + len, v, n + 1);
        len += n;
    }
}

bool stripe_read_account(const json_t *acct, payments_account *out)
{
    memset(out, 0, sizeof(*out));
    read_due(acct, out->requirements_due, sizeof(out->requirements_due));
    return stripe_read_is(acct, "account") &&
           stripe_read_str(acct, "id", out->id, sizeof(out->id)) && out->id[0] &&
           stripe_read_bool(acct, "charges_enabled", &out->charges_enabled) &&
           stripe_read_bool(acct, "payouts_enabled", &out->payouts_enabled) &&
           stripe_read_bool(acct, "details_submitted", &out->details_submitted);
}

/* Anything else (a status Stripe adds later, "paused") reads as past_due: not known to be
 * paid, not known to be over, so the plan's grace period decides. */
static const status_name sub_states[] = {
    {"incomplete", PAYMENTS_SUB_INCOMPLETE},
    {"active", PAYMENTS_SUB_ACTIVE},
    {"trialing", PAYMENTS_SUB_ACTIVE},
    {"past_due", PAYMENTS_SUB_PAST_DUE},
    {"canceled", PAYMENTS_SUB_CANCELED},
    {"unpaid", PAYMENTS_SUB_CANCELED},
    {"incomplete_expired", PAYMENTS_SUB_CANCELED},
};

bool stripe_read_sub(const json_t *sub, payments_subscription *out)
{
    memset(out, 0, sizeof(*out));
    /* one item (the plan's price); since 2025 its period is on the item, not the subscription */
    const json_t *item = json_array_get(json_object_get(json_object_get(sub, "items"), "data"), 0);
    int status = PAYMENTS_SUB_PAST_DUE;
    if (!stripe_read_is(sub, "subscription") ||
        !stripe_read_str(sub, "id", out->id, sizeof(out->id)) || !out->id[0] ||
        !json_is_string(json_object_get(sub, "status")) ||
        !stripe_read_id(sub, "customer", out->customer, sizeof(out->customer)) ||
        !stripe_read_id(item, "price", out->price, sizeof(out->price)) ||
        !read_time_ms(item, "current_period_end", &out->current_period_end)) {
        return false;
    }
    read_status(sub, sub_states, COUNT(sub_states), &status);
    out->status = (payments_sub_status)status;
    out->seller_id = stripe_read_meta_id(sub, "blytz_seller");
    const json_t *flag = json_object_get(sub, "cancel_at_period_end");
    if (flag && !json_is_null(flag) &&
        !stripe_read_bool(sub, "cancel_at_period_end", &out->cancel_at_period_end)) {
        return false;
    }
    const json_t *invoice = json_object_get(sub, "latest_invoice");
    return out->status != PAYMENTS_SUB_INCOMPLETE || !json_is_object(invoice) ||
           stripe_read_str(json_object_get(invoice, "confirmation_secret"), "client_secret",
                           out->client_secret, sizeof(out->client_secret));
}

/* ---- refunds and transfers --------------------------------------------------------------- */

bool stripe_read_refund(const json_t *re, payments_refund *out)
{
    memset(out, 0, sizeof(*out));
    return stripe_read_is(re, "refund") && stripe_read_str(re, "id", out->id, sizeof(out->id)) &&
           out->id[0] && stripe_read_i64(re, "amount", &out->amount) &&
           stripe_read_str(re, "status", out->status, sizeof(out->status));
}

bool stripe_read_transfer(const json_t *tr, payments_transfer *out)
{
    memset(out, 0, sizeof(*out));
    return (stripe_read_is(tr, "transfer") || stripe_read_is(tr, "transfer_reversal")) &&
           stripe_read_str(tr, "id", out->id, sizeof(out->id)) && out->id[0] &&
           stripe_read_i64(tr, "amount", &out->amount);
}
