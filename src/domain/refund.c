/* domain/refund.c - refund reasons, statuses and sums (refund.h). */
#include "domain/refund.h"

#include "base/err.h"
#include "domain/text.h"

#include <string.h>

static const char *const reason_names[REFUND_REASON_COUNT] = {
    [REFUND_OUT_OF_STOCK] = "out_of_stock",
    [REFUND_DAMAGED] = "damaged",
    [REFUND_NOT_AS_DESCRIBED] = "not_as_described",
    [REFUND_BUYER_REQUEST] = "buyer_request",
    [REFUND_OTHER] = "other",
    [REFUND_DUPLICATE] = "duplicate",
    [REFUND_AT_PROVIDER] = "provider",
};

static const char *const status_names[REFUND_STATUS_COUNT] = {
    [REFUND_CREATING] = "creating",
    [REFUND_PENDING] = "pending",
    [REFUND_SUCCEEDED] = "succeeded",
    [REFUND_FAILED] = "failed",
};

const char *refund_reason_name(refund_reason r)
{
    return r > REFUND_REASON_NONE && r < REFUND_REASON_COUNT ? reason_names[r] : "";
}

refund_reason refund_reason_askable(const char *s)
{
    for (int i = REFUND_OUT_OF_STOCK; s && i <= REFUND_OTHER; i++) {
        if (strcmp(s, reason_names[i]) == 0) {
            return (refund_reason)i;
        }
    }
    return REFUND_REASON_NONE;
}

const char *refund_status_name(refund_status s)
{
    return s > REFUND_STATUS_NONE && s < REFUND_STATUS_COUNT ? status_names[s] : "";
}

refund_status refund_status_parse(const char *s)
{
    for (int i = REFUND_STATUS_NONE + 1; s && i < REFUND_STATUS_COUNT; i++) {
        if (strcmp(s, status_names[i]) == 0) {
            return (refund_status)i;
        }
    }
    return REFUND_STATUS_NONE;
}

refund_status refund_status_of_provider(const char *s)
{
    if (s && strcmp(s, "succeeded") == 0) {
        return REFUND_SUCCEEDED;
    }
    if (s && (strcmp(s, "failed") == 0 || strcmp(s, "canceled") == 0)) {
        return REFUND_FAILED;
    }
    return REFUND_PENDING;
}

refund_status refund_next_status(refund_status now, refund_status reported)
{
    if (now == REFUND_FAILED || reported == REFUND_STATUS_NONE || reported == REFUND_CREATING) {
        return now;
    }
    if (now == REFUND_SUCCEEDED) {
        return reported == REFUND_FAILED ? REFUND_FAILED : REFUND_SUCCEEDED;
    }
    return reported;
}

int refund_check_ask(int64_t amount, const char *reason, const char *note, field_error *err)
{
    if (amount < 0) {
        return field_fail(err, BZ_EVALIDATION, "amount", "A refund must be more than RM0.00");
    }
    if (refund_reason_askable(reason) == REFUND_REASON_NONE) {
        return field_fail(err, BZ_EVALIDATION, "reason",
                          "reason must be out_of_stock, damaged, not_as_described, "
                          "buyer_request or other");
    }
    size_t cp = 0;
    if (note && (!text_ok(note, strlen(note), "\n\t", &cp) || cp > REFUND_NOTE_MAX_CP)) {
        return field_fail(err, BZ_EVALIDATION, "note",
                          "note must be text of at most 500 characters");
    }
    return BZ_OK;
}

int64_t refund_unrecorded(int64_t charge_refunded, int64_t known)
{
    return charge_refunded > known ? charge_refunded - known : 0;
}

/* The states a refund may start from (order_decide's on_refund). */
static bool refundable_state(order_state s)
{
    return s == ORDER_PAID || s == ORDER_SHIPPED || s == ORDER_DELIVERED || s == ORDER_COMPLETED;
}

bool refund_give_back_unstocks(const order_facts *f, order_state before)
{
    return f->state == ORDER_REFUNDED && before == ORDER_PAID;
}

int refund_give_back(const order_facts *f, int64_t amount, order_state before, order_facts *out)
{
    *out = *f;
    if (amount <= 0 || amount > f->refunded || !refundable_state(before)) {
        return BZ_EINTERNAL;
    }
    out->refunded = f->refunded - amount;
    if (f->state == ORDER_REFUNDED) {
        out->state = before;
        /* only a completed order may keep a transferred share */
        out->transferred = f->transferred && before == ORDER_COMPLETED;
    }
    return BZ_OK;
}
