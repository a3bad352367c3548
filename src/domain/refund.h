/*
 * domain/refund.h - money going back to a buyer, and chargebacks (docs/payments.md "Refunds and
 * disputes"). The order's side of both (which state, how much may be refunded, what it does to
 * the seller's share) is domain/order.h's order_decide; this module holds the refund and
 * dispute records, the reasons a seller may give, and the sums of a charge's refunds.
 *
 * A refund row is one amount sent back on one payment's charge:
 *   creating --the provider took it--> pending --> succeeded
 *   creating | pending --the provider refused or it failed--> failed (the order gets it back)
 *   succeeded (a refund made at the provider's dashboard, recorded from its webhook)
 * Who asked: the order's seller or an admin ("seller", "admin"), Blytz itself for a payment
 * no order could take ("system", reason "duplicate"), or someone at the provider ("provider").
 *
 * Invariants: amount > 0; the refunds of an order not failed add up to at most what it was
 * paid (order_decide refuses more); those of a payment add up to at most its charge
 * (refund_unrecorded never answers a negative amount). Plain data (strings borrowed); pure.
 */
#ifndef DOMAIN_REFUND_H
#define DOMAIN_REFUND_H

#include "domain/field.h"
#include "domain/order.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REFUND_NOTE_MAX_CP 500 /* a note's length, in code points */

typedef enum refund_reason {
    REFUND_REASON_NONE = 0,
    REFUND_OUT_OF_STOCK,     /* the seller cannot send it */
    REFUND_DAMAGED,          /* it arrived broken */
    REFUND_NOT_AS_DESCRIBED, /* it is not what the show said */
    REFUND_BUYER_REQUEST,    /* the buyer asked, the seller agreed */
    REFUND_OTHER,            /* the note says */
    REFUND_DUPLICATE,        /* Blytz: a payment no order could take (never asked for) */
    REFUND_AT_PROVIDER,      /* made at the provider, not through Blytz (never asked for) */
    REFUND_REASON_COUNT
} refund_reason;

/* "out_of_stock", "damaged", "not_as_described", "buyer_request", "other", "duplicate",
 * "provider"; "" out of range. */
const char *refund_reason_name(refund_reason r);

/* A reason a seller or an admin may give (the first five names); NONE for anything else. */
refund_reason refund_reason_askable(const char *s);

typedef enum refund_status {
    REFUND_STATUS_NONE = 0,
    REFUND_CREATING, /* written; the outbox has yet to ask the provider */
    REFUND_PENDING,  /* the provider took it and has not confirmed it */
    REFUND_SUCCEEDED,
    REFUND_FAILED,
    REFUND_STATUS_COUNT
} refund_status;

/* "creating", "pending", "succeeded", "failed"; "" out of range. */
const char *refund_status_name(refund_status s);
/* The stored name -> status; NONE when unknown. */
refund_status refund_status_parse(const char *s);
/* The provider's refund status ("succeeded", "pending", "requires_action", "failed",
 * "canceled") -> ours: SUCCEEDED, FAILED, else PENDING. */
refund_status refund_status_of_provider(const char *s);

/* A refund `now`, reported `reported` by the provider (its answer or a later webhook, in any
 * order): the status it takes. FAILED is final; SUCCEEDED moves only to FAILED (a refund the
 * bank returns after it succeeded: Stripe's refund.failed); CREATING and PENDING take any
 * settled report; a PENDING report never moves a settled refund back. */
refund_status refund_next_status(refund_status now, refund_status reported);

typedef struct refund_record {
    int64_t id;
    int64_t order_id;
    int64_t payment_id;
    int64_t amount;          /* sen, > 0 */
    const char *reason;      /* refund_reason_name() */
    const char *note;        /* "" when none */
    int64_t asked_by;        /* the user who asked; 0 for "system" and "provider" */
    const char *role;        /* "seller", "admin", "system", "provider" */
    const char *status;      /* refund_status_name() */
    const char *provider_id; /* "re_..."; NULL until the provider answered */
    const char *order_state; /* the order's state when it was asked (to give back on failure) */
    int64_t created_at;
    int64_t updated_at;
} refund_record;

/* A chargeback on a payment's charge: every order that payment paid is disputed with it. */
typedef struct dispute_record {
    int64_t id;
    const char *provider_id; /* "dp_...", unique */
    int64_t payment_id;
    int64_t amount;     /* sen the bank holds */
    const char *reason; /* the provider's ("fraudulent", ...) */
    const char *status; /* "open", "won", "lost" */
    int64_t created_at;
    int64_t closed_at; /* 0 while open */
} dispute_record;

/* Check what a seller asks: an amount (> 0, or 0 = all that is left), an askable reason, a
 * note of at most REFUND_NOTE_MAX_CP code points (valid UTF-8, no control characters but
 * newlines and tabs; may be NULL). BZ_OK or BZ_EVALIDATION with the field. The amount's upper
 * bound is order_decide's (BZ_EREFUNDEXCEEDS). */
int refund_check_ask(int64_t amount, const char *reason, const char *note, field_error *err);

/* charge.refunded says the charge has `charge_refunded` sen refunded in all; `known` is the
 * sum of the payment's refunds not failed. What was refunded outside Blytz and not recorded
 * yet: charge_refunded - known when positive, else 0 (an older event, or ours not confirmed). */
int64_t refund_unrecorded(int64_t charge_refunded, int64_t known);

/* A refund of `amount` (> 0) failed at the provider after order_decide counted it: the facts
 * with it given back (refunded - amount, and `before`, the state when it was asked, if the
 * refund had made the order refunded). BZ_OK; BZ_EINTERNAL when amount is not within
 * 1..refunded or `before` is not a state a refund starts from. */
int refund_give_back(const order_facts *f, int64_t amount, order_state before, order_facts *out);

/* Whether giving a failed refund back to an order in facts *f, asked when it was `before`,
 * takes its lot out of stock again: the refund had made a paid order refunded, which put the
 * lot back (order_decide's restock), and the order is paid again. */
bool refund_give_back_unstocks(const order_facts *f, order_state before);

#endif
