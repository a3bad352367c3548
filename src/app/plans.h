/*
 * app/plans.h - a seller's plan, paid by subscription (docs/payments.md "Plans"): the plans
 * are configuration (app_pay_config.plans, domain/plan.h), the subscription is the
 * provider's, and which commission applies to a sale is the domain's answer for the seller at
 * the payment's time (plan_in_force), asked by checkout.
 *
 * Only the outbox worker calls the provider (app/ports/payments.h):
 *   POST plan ── row "creating", plan.subscribe enqueued ──► worker: the seller's customer
 *     (the one they pay with as a buyer, made once), the subscription made incomplete ── row
 *     "incomplete" with the first invoice's client_secret
 *   browser: Stripe.js's Payment Element pays that invoice; the provider's webhooks
 *     (customer.subscription.*, invoice.paid, invoice.payment_failed) move the row: active,
 *     past_due at a failed renewal (the plan holds for the grace period), canceled
 *   DELETE plan ── plan.cancel enqueued ──► worker: an active subscription ends at its
 *     period's end (the seller keeps what they paid for), any other now
 * Reports apply once by event id (the webhook's transaction) and in any order (plan_apply:
 * the newer wins).
 *
 * Rules: payments configured (BZ_EUNAVAILABLE); the caller is a seller (BZ_ENOTSELLER); the
 * plan is a paid one of the table (BZ_EVALIDATION on "plan"); one subscription at a time
 * (BZ_EPLANACTIVE while one is live, unless it is the same plan still being set up: that one
 * is answered again); nothing to cancel on the free plan (BZ_ENOPAIDPLAN). A seller's plan
 * row changes under their users row lock. Results live in c->arena.
 */
#ifndef APP_PLANS_H
#define APP_PLANS_H

#include "app/app.h"
#include "app/outbox.h"
#include "app/ports/payments.h"
#include "domain/plan.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_PLAN_SUBSCRIBE "plan.subscribe" /* make the seller's subscription */
#define APP_PLAN_CANCEL    "plan.cancel"    /* end it (at the period's end when active) */

/* A seller's plan as they see it. */
typedef struct app_plan_view {
    seller_plan row;       /* the stored row; when !has_row, a row of the free plan */
    bool has_row;          /* they asked for a plan once */
    const plan *in_force;  /* the plan whose commission applies now */
    const plan *chosen;    /* the row's plan, NULL when none or no longer offered */
    int64_t ends_at;       /* when in_force stops by time alone (0: it does not) */
    int64_t grace_ends_at; /* past_due: when the grace ends (0 otherwise) */
} app_plan_view;

/* Seller `seller`'s plan at c->now. BZ_ENOTSELLER. */
int app_plan_get(app_ctx *c, int64_t seller, app_plan_view *out);

/* Subscribe seller `seller` to plan `name` (202: *out is "creating", or the one being set up). */
int app_plan_subscribe(app_ctx *c, int64_t seller, const char *name, app_plan_view *out);

/* End seller `seller`'s subscription (202: the worker does it; *out as it stands). */
int app_plan_cancel(app_ctx *c, int64_t seller, app_plan_view *out);

/* The commission (bp) of seller `seller_id`'s sales at c->now: the plan in force's. */
int app_plan_commission_bp(app_ctx *c, int64_t seller_id, int64_t *out);

/* Inside the webhook's transaction: a report about a subscription (PAYMENTS_EV_SUBSCRIPTION,
 * _INVOICE_PAID, _INVOICE_FAILED). One about a subscription none of ours is acknowledged. */
int app_plan_event(app_ctx *c, const payments_event *ev);

/* The outbox handlers of the kinds above, for register_outbox_handlers. */
extern const app_outbox_handler app_plan_handlers[];
extern const size_t app_plan_n_handlers;

#endif
