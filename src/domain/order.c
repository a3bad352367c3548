/* domain/order.c - the order state machine described in order.h. */
#include "domain/order.h"

#include "base/check.h"
#include "base/err.h"
#include "domain/money.h"

#include <string.h>

static const char *const state_names[ORDER_STATE_COUNT] = {
    [ORDER_AWAITING_PAYMENT] = "awaiting_payment",
    [ORDER_PAID] = "paid",
    [ORDER_SHIPPED] = "shipped",
    [ORDER_DELIVERED] = "delivered",
    [ORDER_COMPLETED] = "completed",
    [ORDER_CANCELLED] = "cancelled",
    [ORDER_REFUNDED] = "refunded",
    [ORDER_DISPUTED] = "disputed",
};

static const char *const event_names[ORDER_EVENT_COUNT] = {
    [ORDER_EV_PAYMENT_SUCCEEDED] = "payment_succeeded",
    [ORDER_EV_PAYMENT_FAILED] = "payment_failed",
    [ORDER_EV_DEADLINE_PASSED] = "deadline_passed",
    [ORDER_EV_SELLER_CANCELS] = "seller_cancels",
    [ORDER_EV_PICKED_UP] = "picked_up",
    [ORDER_EV_DELIVERED] = "delivered",
    [ORDER_EV_REPORT_OPENED] = "report_opened",
    [ORDER_EV_REPORT_CLOSED] = "report_closed",
    [ORDER_EV_PROTECTION_OVER] = "protection_over",
    [ORDER_EV_REFUND_FULL] = "refund_full",
    [ORDER_EV_REFUND_PARTIAL] = "refund_partial",
    [ORDER_EV_DISPUTE_OPENED] = "dispute_opened",
    [ORDER_EV_DISPUTE_WON] = "dispute_won",
    [ORDER_EV_DISPUTE_LOST] = "dispute_lost",
    [ORDER_EV_RETURNED] = "returned",
};

const char *order_state_name(order_state s)
{
    if (s <= ORDER_STATE_NONE || s >= ORDER_STATE_COUNT) {
        return "";
    }
    return state_names[s];
}

order_state order_state_parse(const char *s)
{
    for (int i = ORDER_STATE_NONE + 1; s && i < ORDER_STATE_COUNT; i++) {
        if (strcmp(s, state_names[i]) == 0) {
            return (order_state)i;
        }
    }
    return ORDER_STATE_NONE;
}

bool order_state_final(order_state s)
{
    return s == ORDER_COMPLETED || s == ORDER_CANCELLED || s == ORDER_REFUNDED;
}

const char *order_event_name(order_event e)
{
    if (e <= ORDER_EV_NONE || e >= ORDER_EVENT_COUNT) {
        return "";
    }
    return event_names[e];
}

int64_t order_refundable(const order_facts *f)
{
    return f->paid > f->refunded ? f->paid - f->refunded : 0;
}

void order_facts_of(const order_record *o, int64_t protection_ms, order_facts *out)
{
    *out = (order_facts){.state = order_state_parse(o->status ? o->status : ""),
                         .payment_failed = o->payment_failed,
                         .report_open = o->report_open,
                         .transferred = o->transferred,
                         .pay_by = o->pay_by,
                         .delivered_at = o->delivered_at,
                         .returned_at = o->returned_at,
                         .protection_ms = protection_ms,
                         .paid = o->paid,
                         .refunded = o->refunded};
}

void order_record_set_facts(order_record *o, const order_facts *f)
{
    o->status = order_state_name(f->state);
    o->payment_failed = f->payment_failed;
    if (!f->payment_failed) {
        o->failure_code = NULL;
    }
    o->report_open = f->report_open;
    o->transferred = f->transferred;
    o->delivered_at = f->delivered_at;
    o->returned_at = f->returned_at;
    o->paid = f->paid;
    o->refunded = f->refunded;
}

/* Money has been received for the order (and may still be refunded or disputed). */
static bool is_paid_for(order_state s)
{
    return s == ORDER_PAID || s == ORDER_SHIPPED || s == ORDER_DELIVERED || s == ORDER_COMPLETED ||
           s == ORDER_DISPUTED;
}

/* The invariants of order.h's header. */
static bool facts_ok(const order_facts *f)
{
    if (f->state <= ORDER_STATE_NONE || f->state >= ORDER_STATE_COUNT || f->paid < 0 ||
        f->refunded < 0 || f->refunded > f->paid || f->protection_ms < 0) {
        return false;
    }
    if (f->state == ORDER_AWAITING_PAYMENT || f->state == ORDER_CANCELLED) {
        if (f->paid != 0) {
            return false;
        }
    } else if (f->state == ORDER_REFUNDED) {
        if (f->paid == 0 || f->refunded != f->paid) {
            return false;
        }
    } else if (f->refunded >= f->paid) { /* paid for, not (fully) refunded */
        return false;
    }
    if (f->payment_failed && f->state != ORDER_AWAITING_PAYMENT) {
        return false;
    }
    if (f->report_open && f->state != ORDER_SHIPPED && f->state != ORDER_DELIVERED) {
        return false;
    }
    if (f->state == ORDER_DELIVERED && f->delivered_at == 0) {
        return false;
    }
    if (f->returned_at != 0 && f->state != ORDER_SHIPPED) {
        return false;
    }
    return !f->transferred || f->state == ORDER_COMPLETED || f->state == ORDER_REFUNDED ||
           f->state == ORDER_DISPUTED;
}

static int refuse(order_step *out, int code, const char *reason)
{
    out->code = code;
    out->reason = reason;
    return code;
}

/* Why `event` cannot happen in a state where no rule accepts it: the most useful words. */
static const char *wrong_state(order_state s, order_event e)
{
    switch (s) {
    case ORDER_AWAITING_PAYMENT:
        return "This order is not paid yet";
    case ORDER_CANCELLED:
        return e == ORDER_EV_PAYMENT_SUCCEEDED
                   ? "This order was cancelled before the payment arrived: refund the payment"
                   : "This order is cancelled";
    case ORDER_REFUNDED:
        return "This order is refunded";
    case ORDER_DISPUTED:
        return "This order is under dispute until the bank decides";
    case ORDER_COMPLETED:
        return "This order is completed";
    default:
        break;
    }
    switch (e) {
    case ORDER_EV_PAYMENT_SUCCEEDED:
    case ORDER_EV_PAYMENT_FAILED:
    case ORDER_EV_DEADLINE_PASSED:
        return "This order is already paid";
    case ORDER_EV_SELLER_CANCELS:
        return "This order is paid: refund it instead of cancelling";
    case ORDER_EV_PICKED_UP:
        return "This order has already left the seller";
    case ORDER_EV_RETURNED:
        return "Only an order on its way can come back to the seller";
    case ORDER_EV_DELIVERED:
        return "This order is already delivered";
    case ORDER_EV_REPORT_OPENED:
    case ORDER_EV_REPORT_CLOSED:
        return "A problem can be reported only once the order has shipped";
    case ORDER_EV_PROTECTION_OVER:
        return "This order is not delivered yet";
    case ORDER_EV_DISPUTE_WON:
    case ORDER_EV_DISPUTE_LOST:
        return "This order is not under dispute";
    default:
        return "This order cannot do that now";
    }
}

static int on_payment(const order_facts *f, order_event e, int64_t amount, order_step *out)
{
    if (f->state != ORDER_AWAITING_PAYMENT) {
        return refuse(out, BZ_EORDERSTATE, wrong_state(f->state, e));
    }
    if (e == ORDER_EV_PAYMENT_FAILED) {
        out->next.payment_failed = true;
        return BZ_OK;
    }
    if (amount <= 0) {
        return refuse(out, BZ_EVALIDATION, "A payment must be more than RM0.00");
    }
    out->next.state = ORDER_PAID;
    out->next.payment_failed = false;
    out->next.paid = amount;
    return BZ_OK;
}

static int on_cancel(const order_facts *f, order_event e, int64_t now, order_step *out)
{
    if (f->state != ORDER_AWAITING_PAYMENT) {
        return refuse(out, BZ_EORDERSTATE, wrong_state(f->state, e));
    }
    if (e == ORDER_EV_DEADLINE_PASSED) {
        if (now < f->pay_by) {
            return refuse(out, BZ_EORDERSTATE, "The time to pay for this order has not run out");
        }
        out->unpaid_strike = true;
    }
    out->next.state = ORDER_CANCELLED;
    out->next.payment_failed = false;
    out->restock = true;
    return BZ_OK;
}

static int on_carrier(const order_facts *f, order_event e, int64_t now, order_step *out)
{
    bool returned = f->state == ORDER_SHIPPED && f->returned_at != 0;
    if (e == ORDER_EV_PICKED_UP) {
        /* a returned order is back with the seller: it may leave again */
        if (f->state != ORDER_PAID && !returned) {
            return refuse(out, BZ_EORDERSTATE, wrong_state(f->state, e));
        }
        out->next.state = ORDER_SHIPPED;
        out->next.returned_at = 0;
        return BZ_OK;
    }
    if (e == ORDER_EV_RETURNED) {
        if (returned) {
            return refuse(out, BZ_EORDERSTATE,
                          "This order's parcel is already back with the seller");
        }
        if (f->state != ORDER_PAID && f->state != ORDER_SHIPPED) {
            return refuse(out, BZ_EORDERSTATE, wrong_state(f->state, e));
        }
        out->next.state = ORDER_SHIPPED;
        out->next.returned_at = now;
        return BZ_OK;
    }
    if (f->state != ORDER_PAID && f->state != ORDER_SHIPPED) {
        return refuse(out, BZ_EORDERSTATE, wrong_state(f->state, e));
    }
    out->next.state = ORDER_DELIVERED;
    out->next.delivered_at = now;
    out->next.returned_at = 0;
    return BZ_OK;
}

/* Whether the buyer-protection window of a delivered order is still open at `now`; false
 * with *ok = false when delivered_at + protection_ms overflows (facts from a bug). */
static bool window_open(const order_facts *f, int64_t now, bool *ok)
{
    int64_t end;
    *ok = money_add(f->delivered_at, f->protection_ms, &end);
    return *ok && now < end;
}

static int on_report(const order_facts *f, order_event e, int64_t now, order_step *out)
{
    if (f->state != ORDER_SHIPPED && f->state != ORDER_DELIVERED) {
        return refuse(out, BZ_EORDERSTATE, wrong_state(f->state, e));
    }
    if (e == ORDER_EV_REPORT_CLOSED) {
        if (!f->report_open) {
            return refuse(out, BZ_EORDERSTATE, "This order has no open problem report");
        }
        out->next.report_open = false;
        return BZ_OK;
    }
    if (f->report_open) {
        return refuse(out, BZ_EORDERSTATE, "A problem with this order is already reported");
    }
    bool ok = true;
    if (f->state == ORDER_DELIVERED && !window_open(f, now, &ok)) {
        return ok ? refuse(out, BZ_EORDERSTATE, "The buyer-protection window of this order is over")
                  : refuse(out, BZ_EINTERNAL, "Order times overflow");
    }
    out->next.report_open = true;
    return BZ_OK;
}

static int on_protection_over(const order_facts *f, int64_t now, order_step *out)
{
    if (f->state != ORDER_DELIVERED) {
        return refuse(out, BZ_EORDERSTATE, wrong_state(f->state, ORDER_EV_PROTECTION_OVER));
    }
    bool ok = true;
    if (window_open(f, now, &ok) || !ok) {
        return ok ? refuse(out, BZ_EORDERSTATE, "The buyer-protection window is still open")
                  : refuse(out, BZ_EINTERNAL, "Order times overflow");
    }
    if (f->report_open) {
        return refuse(out, BZ_EORDERSTATE, "A problem reported by the buyer is still open");
    }
    out->next.state = ORDER_COMPLETED;
    out->transfer_share = !f->transferred;
    out->next.transferred = true;
    return BZ_OK;
}

/* Refund `amount` (already checked to be within 1..refundable): the order becomes refunded
 * when nothing is left, and a transferred share is reversed in proportion. */
static int refund(const order_facts *f, int64_t amount, order_step *out)
{
    out->refund = amount;
    if (!money_add(f->refunded, amount, &out->next.refunded) ||
        BZ_NEVER(out->next.refunded > f->paid)) {
        return refuse(out, BZ_EINTERNAL, "Refund sums overflow");
    }
    out->reverse_transfer = f->transferred;
    if (out->next.refunded == f->paid) {
        out->next.state = ORDER_REFUNDED;
        out->next.report_open = false;
        out->next.returned_at = 0;
        out->restock = f->state == ORDER_PAID; /* the lot never left the seller */
    }
    return BZ_OK;
}

static int on_refund(const order_facts *f, order_event e, int64_t amount, order_step *out)
{
    if (f->state != ORDER_PAID && f->state != ORDER_SHIPPED && f->state != ORDER_DELIVERED &&
        f->state != ORDER_COMPLETED) {
        return refuse(out, BZ_EORDERSTATE, wrong_state(f->state, e));
    }
    int64_t left = order_refundable(f);
    if (e == ORDER_EV_REFUND_FULL) {
        return refund(f, left, out);
    }
    if (amount <= 0) {
        return refuse(out, BZ_EVALIDATION, "A refund must be more than RM0.00");
    }
    if (amount > left) {
        return refuse(out, BZ_EREFUNDEXCEEDS, "The refund is more than what is left to refund");
    }
    return refund(f, amount, out);
}

static int on_dispute(const order_facts *f, order_event e, order_step *out)
{
    if (e == ORDER_EV_DISPUTE_OPENED) {
        if (!is_paid_for(f->state) || f->state == ORDER_DISPUTED) {
            return refuse(out, BZ_EORDERSTATE,
                          f->state == ORDER_DISPUTED ? "This order is already under dispute"
                                                     : wrong_state(f->state, e));
        }
        out->next.state = ORDER_DISPUTED;
        out->next.report_open = false; /* the bank decides now */
        out->next.returned_at = 0;
        return BZ_OK;
    }
    if (f->state != ORDER_DISPUTED) {
        return refuse(out, BZ_EORDERSTATE, wrong_state(f->state, e));
    }
    if (e == ORDER_EV_DISPUTE_WON) {
        out->next.state = ORDER_COMPLETED;
        out->transfer_share = !f->transferred;
        out->next.transferred = true;
        return BZ_OK;
    }
    return refund(f, order_refundable(f), out); /* the bank took back what was left */
}

/* `out` as the facts unchanged, with no action. */
static void unchanged(const order_facts *f, order_step *out)
{
    memset(out, 0, sizeof *out);
    out->code = BZ_OK;
    out->reason = "";
    out->next = *f;
}

int order_decide(const order_facts *f, order_event event, int64_t amount, int64_t now,
                 order_step *out)
{
    unchanged(f, out);
    if (BZ_NEVER(!facts_ok(f))) {
        return refuse(out, BZ_EINTERNAL, "The order's stored facts are inconsistent");
    }

    int rc;
    switch (event) {
    case ORDER_EV_PAYMENT_SUCCEEDED:
    case ORDER_EV_PAYMENT_FAILED:
        rc = on_payment(f, event, amount, out);
        break;
    case ORDER_EV_DEADLINE_PASSED:
    case ORDER_EV_SELLER_CANCELS:
        rc = on_cancel(f, event, now, out);
        break;
    case ORDER_EV_PICKED_UP:
    case ORDER_EV_DELIVERED:
    case ORDER_EV_RETURNED:
        rc = on_carrier(f, event, now, out);
        break;
    case ORDER_EV_REPORT_OPENED:
    case ORDER_EV_REPORT_CLOSED:
        rc = on_report(f, event, now, out);
        break;
    case ORDER_EV_PROTECTION_OVER:
        rc = on_protection_over(f, now, out);
        break;
    case ORDER_EV_REFUND_FULL:
    case ORDER_EV_REFUND_PARTIAL:
        rc = on_refund(f, event, amount, out);
        break;
    case ORDER_EV_DISPUTE_OPENED:
    case ORDER_EV_DISPUTE_WON:
    case ORDER_EV_DISPUTE_LOST:
        rc = on_dispute(f, event, out);
        break;
    default:
        rc = refuse(out, BZ_EVALIDATION, "Unknown order event");
        break;
    }
    if (rc != BZ_OK) {
        /* A refusal changes nothing: put the facts back over any half-made answer. */
        int code = out->code;
        const char *reason = out->reason;
        unchanged(f, out);
        out->code = code;
        out->reason = reason;
    }
    return rc;
}

int order_can_pay(const order_facts *f, int64_t now)
{
    if (f->state != ORDER_AWAITING_PAYMENT) {
        return BZ_EORDERSTATE;
    }
    return now < f->pay_by ? BZ_OK : BZ_EPAYDEADLINE;
}
