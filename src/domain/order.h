/*
 * domain/order.h - an order: a sale of one product to one buyer, by auction or buy-now, and
 * the state machine of its life (DESIGN §7, docs/payments.md "Money rules and order states").
 *
 * Plain data, as every model type of the domain: ids are int64, money int64 sen, times
 * UTC ms; strings and arrays are borrowed (from a store read: the caller's arena).
 *
 * The state machine is pure: order_decide() takes the order's facts, one event and `now`, and
 * answers the next state, its flags and what the app must do (restock, pay the seller out,
 * reverse a transfer, ...), or a refusal with a stable code and a precise reason. The app
 * writes what it answers; it never moves an order by itself.
 *
 *   awaiting_payment --payment succeeded--> paid --picked up--> shipped --delivered--> delivered
 *   delivered --protection window over, no open report--> completed
 *   awaiting_payment --deadline passed | seller cancels--> cancelled
 *   paid/shipped --returned to the seller--> shipped, returned (never completes; the seller
 *                                           refunds it or ships it again: picked up, delivered)
 *   paid/shipped/delivered/completed --full refund--> refunded
 *   paid/shipped/delivered/completed --dispute opened--> disputed --won--> completed
 *                                                                 --lost--> refunded
 *
 * Invariants of the facts (checked: facts that break them are a bug upstream, BZ_EINTERNAL):
 * - 0 <= refunded <= paid; awaiting_payment and cancelled have paid == 0;
 * - refunded: paid > 0 and refunded == paid; every other paid-for state: refunded < paid;
 * - payment_failed only on awaiting_payment; report_open only on shipped or delivered;
 * - delivered_at != 0 on delivered; transferred only on completed, refunded or disputed;
 * - returned_at != 0 only on shipped (a parcel came back to the seller; cleared when the order
 *   ships again, is delivered, refunded in full or disputed).
 * order_decide keeps them: an accepted event from facts that hold them gives facts that do.
 */
#ifndef DOMAIN_ORDER_H
#define DOMAIN_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct order_record {
    int64_t id;
    int64_t auction_id; /* 0 = not from an auction */
    int64_t buyer_id;
    int64_t seller_id;
    int64_t product_id;
    int64_t stream_id;    /* the show it sold in; 0 = none */
    int64_t amount;       /* sen: the item's price */
    const char *currency; /* "MYR" */
    const char *status;   /* order_state_name(): "awaiting_payment" | "paid" | ... */
    /* the facts order_decide reads (order_facts_of) */
    int64_t pay_by; /* UTC ms: the payment deadline */
    bool payment_failed;
    const char *failure_code; /* why the last payment failed ("card_declined", ...); NULL */
    bool report_open;
    bool transferred;
    int64_t delivered_at; /* 0 = not delivered */
    int64_t returned_at;  /* when its parcel came back to the seller; 0 = not returned */
    int64_t paid;         /* sen received for this order (its part of a payment's total) */
    int64_t refunded;     /* sen refunded so far */
    /* its part of the checkout that paid it (domain/checkout.h; 0 until paid) */
    int64_t shipping, tax, commission, share;
    int64_t parcel_id;  /* the parcel it ships in; 0 until a checkout put it in one */
    int64_t payment_id; /* the payment that paid it; 0 = none */
    int64_t created_at;
    int64_t updated_at;
} order_record;

/* One sale as anyone arriving later may learn it: a lot's final price and when it sold, and
 * the winner only if they allow it (account_user.show_win_name); the store reads the buyer
 * and their choice, the app keeps the name back (buyer_id 0, buyer_username NULL) unless
 * allowed. */
typedef struct order_sale {
    int64_t auction_id; /* 0 = not from an auction */
    int64_t product_id;
    int64_t stream_id; /* the show it sold in; 0 = none */
    int64_t amount;    /* sen: what the winner pays */
    int64_t sold_at;   /* the order's creation, UTC ms */
    int64_t buyer_id;
    const char *buyer_username;
    bool buyer_shows_name;
} order_sale;

/* What anyone may see of a sale: the winner's id and name are kept back (0, NULL) unless
 * that buyer allows showing them. */
static inline void order_sale_public(order_sale *s)
{
    if (!s->buyer_shows_name) {
        s->buyer_id = 0;
        s->buyer_username = NULL;
    }
}

/* One step of an order's timeline (its creation is the order's created_at). */
typedef struct order_event_rec {
    int64_t id;
    int64_t order_id;
    const char *kind;   /* ORDER_LOG_*: "payment_started", "payment_failed", "paid", ... */
    int64_t amount;     /* sen, where it has one (paid, refunded); else 0 */
    const char *detail; /* a failure code, a reason; "" when none */
    int64_t created_at;
} order_event_rec;

#define ORDER_LOG_PAYMENT_STARTED "payment_started"
#define ORDER_LOG_PAYMENT_FAILED  "payment_failed"
#define ORDER_LOG_PAID            "paid"
#define ORDER_LOG_CANCELLED       "cancelled"
#define ORDER_LOG_REFUNDED        "refunded"
#define ORDER_LOG_DELIVERED       "delivered" /* the buyer said it arrived */
#define ORDER_LOG_COMPLETED       "completed" /* the protection window passed */

/* A buyer's problem report on an order (docs/shipping.md). Its photos are images of
 * kind "report" owned by it. While one is open, answered or escalated the app keeps the
 * order's report_open fact set; resolved releases it. */
typedef struct order_report {
    int64_t id;
    int64_t order_id;
    int64_t buyer_id;
    const char *kind;   /* ORDER_REPORT_NOT_RECEIVED | ORDER_REPORT_NOT_AS_DESCRIBED */
    const char *text;   /* the buyer's words */
    const char *status; /* "open" | "answered" | "escalated" | "resolved" */
    const char *answer; /* the seller's answer; "" until answered */
    int64_t created_at;
    int64_t updated_at;
} order_report;

#define ORDER_REPORT_NOT_RECEIVED     "not_received"
#define ORDER_REPORT_NOT_AS_DESCRIBED "not_as_described"

/* ---- the state machine ------------------------------------------------------------------- */

typedef enum order_state {
    ORDER_STATE_NONE = 0,
    ORDER_AWAITING_PAYMENT,
    ORDER_PAID,
    ORDER_SHIPPED,
    ORDER_DELIVERED,
    ORDER_COMPLETED,
    ORDER_CANCELLED,
    ORDER_REFUNDED,
    ORDER_DISPUTED,
    ORDER_STATE_COUNT
} order_state;

/* "awaiting_payment", "paid", "shipped", "delivered", "completed", "cancelled", "refunded",
 * "disputed"; "" for ORDER_STATE_NONE or out of range. */
const char *order_state_name(order_state s);

/* The stored name -> state (exact, lower case); ORDER_STATE_NONE if unknown. */
order_state order_state_parse(const char *s);

/* No further event but a refund or a dispute's close can come: completed, cancelled,
 * refunded. */
bool order_state_final(order_state s);

typedef enum order_event {
    ORDER_EV_NONE = 0,
    ORDER_EV_PAYMENT_SUCCEEDED, /* Stripe says the money is ours (webhook or retrieve) */
    ORDER_EV_PAYMENT_FAILED,    /* a decline or authentication_required: buyer must fix it */
    ORDER_EV_DEADLINE_PASSED,   /* the sweeper at or after pay_by */
    ORDER_EV_SELLER_CANCELS,    /* before payment only; after it the seller refunds */
    ORDER_EV_PICKED_UP,         /* the carrier has the parcel */
    ORDER_EV_DELIVERED,         /* the carrier delivered it */
    ORDER_EV_REPORT_OPENED,     /* the buyer reports a problem (holds completion) */
    ORDER_EV_REPORT_CLOSED,     /* the problem is settled without a full refund */
    ORDER_EV_PROTECTION_OVER,   /* the sweeper after delivered_at + protection_ms */
    ORDER_EV_REFUND_FULL,       /* refund all that is left (amount ignored) */
    ORDER_EV_REFUND_PARTIAL,    /* refund `amount`; all that is left makes it a full refund */
    ORDER_EV_DISPUTE_OPENED,    /* charge.dispute.created */
    ORDER_EV_DISPUTE_WON,       /* charge.dispute.closed, status won */
    ORDER_EV_DISPUTE_LOST,      /* charge.dispute.closed, status lost */
    ORDER_EV_RETURNED,          /* the carrier returned its parcel to the seller */
    ORDER_EVENT_COUNT
} order_event;

/* "payment_succeeded", "payment_failed", "deadline_passed", "seller_cancels", "picked_up",
 * "delivered", "report_opened", "report_closed", "protection_over", "refund_full",
 * "refund_partial", "dispute_opened", "dispute_won", "dispute_lost", "returned"; "" if out of
 * range. */
const char *order_event_name(order_event e);

/* Everything the rules look at, as the store keeps it for one order. */
typedef struct order_facts {
    order_state state;
    bool payment_failed;   /* awaiting_payment only: the last attempt failed */
    bool report_open;      /* shipped/delivered only: a problem the buyer reported is open */
    bool transferred;      /* the seller's share has been transferred */
    int64_t pay_by;        /* UTC ms: the payment deadline */
    int64_t delivered_at;  /* UTC ms; 0 = not delivered */
    int64_t returned_at;   /* shipped only: UTC ms its parcel came back; 0 = not returned */
    int64_t protection_ms; /* the buyer-protection window after delivery (>= 0) */
    int64_t paid;          /* sen received for this order */
    int64_t refunded;      /* sen refunded so far (partial refunds and full ones) */
} order_facts;

/* What order_decide answers. On refusal (code != BZ_OK) `next` is the facts unchanged and
 * every action is false/0. */
typedef struct order_step {
    int code;           /* BZ_OK or why the event is refused */
    const char *reason; /* precise human text for a refusal, "" on success */
    order_facts next;   /* the facts afterwards, what the app writes (pay_by and the window kept) */
    /* what the app does in the same transaction (outbox rows, stock, the buyer's record) */
    int64_t refund;        /* sen to refund now (refund events); what a lost dispute took */
    bool restock;          /* the lot goes back to the seller's stock */
    bool unpaid_strike;    /* the buyer's record counts a non-payment */
    bool transfer_share;   /* transfer the seller's share now (checkout_share_left) */
    bool reverse_transfer; /* reverse the seller's share of `refund` (checkout_reversal) */
} order_step;

/* Judge `event` against `f` at `now`. `amount` is the sen received (PAYMENT_SUCCEEDED, > 0)
 * or to refund (REFUND_PARTIAL, > 0); other events ignore it. Returns out->code:
 * - BZ_OK: out holds the facts afterwards and the actions;
 * - BZ_EORDERSTATE: the event cannot happen in this state or yet (the reason says which:
 *   "already paid", "the protection window is still open", "a reported problem is open", ...);
 * - BZ_EVALIDATION: an amount <= 0 where one is needed, or an unknown event;
 * - BZ_EREFUNDEXCEEDS: a partial refund above paid - refunded;
 * - BZ_EINTERNAL: facts that break the invariants above, or sums that overflow.
 * Rules beyond the diagram: a payment that succeeds after pay_by but before the sweeper
 * cancelled is accepted (the money is taken; selling beats refunding); one that succeeds on
 * a cancelled order is refused (the app refunds it). A carrier's "delivered" may come before
 * its "picked up" (webhooks arrive out of order): paid -> delivered is accepted and the late
 * "picked up" refused. A full refund of a paid order that never shipped restocks the lot.
 * RETURNED (paid or shipped, not returned yet) makes it shipped with returned_at = now: it
 * never completes (only a delivered order does); PICKED_UP of a returned shipped order (the
 * seller ships it again) and DELIVERED clear the fact. */
int order_decide(const order_facts *f, order_event event, int64_t amount, int64_t now,
                 order_step *out);

/* May the buyer start a payment (a PaymentIntent) for this order now? BZ_OK;
 * BZ_EPAYDEADLINE when now >= pay_by; BZ_EORDERSTATE when it is not awaiting payment. */
int order_can_pay(const order_facts *f, int64_t now);

/* The facts of `o` for order_decide, with the buyer-protection window `protection_ms`. An
 * unknown status gives ORDER_STATE_NONE, which order_decide refuses as BZ_EINTERNAL. */
void order_facts_of(const order_record *o, int64_t protection_ms, order_facts *out);

/* Write facts `f` (order_decide's answer) back into `o`: status (a static name), flags,
 * delivered_at, returned_at, paid and refunded; pay_by is kept. failure_code is cleared unless the
 * payment still stands failed. */
void order_record_set_facts(order_record *o, const order_facts *f);

/* paid - refunded: the most a refund may take now (0 when nothing is left). */
int64_t order_refundable(const order_facts *f);

#endif
