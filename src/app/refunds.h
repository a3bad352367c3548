/*
 * app/refunds.h - refunds and disputes (docs/payments.md "Refunds and disputes"; the rules are
 * domain/order.h's order_decide and domain/refund.h).
 *
 *   request: POST refund ── order locked, order_decide(REFUND_*), refund row "creating",
 *            order event, refund.create enqueued (and transfer.reverse when the seller's share
 *            was transferred, restock when a paid order never shipped) ──► 202
 *   worker:  refund.create ── the provider's refund of the order's part of its payment's
 *            intent, with the row's key ── "succeeded" | "pending" | "failed" (given back)
 *   webhook: charge.refunded ── rows confirmed; what the charge says was refunded beyond the
 *            refunds we know (its dashboard) is recorded and counted on the orders, once
 *            charge.dispute.created ── the payment's orders disputed (held: a disputed order
 *            never completes, so its share is never transferred), the seller told
 *            charge.dispute.closed ── won: completed; lost: refunded with what was left
 *
 * Who may refund: the order's seller, or an admin (app_is_admin; the row says role "admin").
 * Rules, in order: payments configured (BZ_EUNAVAILABLE); the order is the seller's
 * (BZ_ENOTFOUND for anyone else, its existence not theirs to learn); amount (0 = all that is
 * left), reason and note (BZ_EVALIDATION); the order may be refunded now (BZ_EORDERSTATE) by
 * that much (BZ_EREFUNDEXCEEDS, order_decide's). Two refunds at once are serialized on the
 * order's row lock, so together they never exceed what was paid.
 *
 * Every function runs in one transaction (the flow functions in the caller's). Results live in
 * c->arena.
 */
#ifndef APP_REFUNDS_H
#define APP_REFUNDS_H

#include "app/app.h"
#include "app/outbox.h"
#include "app/ports/payments.h"
#include "domain/notification.h"
#include "domain/refund.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Outbox kinds (the transfers' are app/payouts.h's). */
#define APP_REFUND_CREATE "refund.create" /* {"refund_id"}: ask the provider for it */

/* Seller `actor` (or an admin: app_is_admin) refunds `amount` sen (0: all that is left) of order
 * `order_id` for `reason` (refund_reason_askable) with `note` (may be NULL). *out is the refund,
 * "creating". */
int app_refund_ask(app_ctx *c, int64_t actor, int64_t order_id, int64_t amount, const char *reason,
                   const char *note, refund_record *out);

/* The refunds of order `order_id`, oldest first, and the order (what it was paid and has
 * refunded), for its buyer, its seller or an admin (BZ_ENOTFOUND for anyone else);
 * *may_refund: whether `actor` may ask for one (its seller or an admin). */
int app_refunds_of(app_ctx *c, int64_t actor, int64_t order_id, order_record *order,
                   refund_record **out, size_t *n, bool *may_refund);

/* ---- for the payment flow and its webhooks (src/app only), in the caller's transaction ---- */

/* Payment `payment_id` succeeded for order *o, which could not take it: give its part `amount`
 * back (a "system" refund of reason "duplicate"; the order's facts are not touched). */
int refund_flow_duplicate(app_ctx *c, int64_t payment_id, const order_record *o, int64_t amount);

/* Write what order_decide answered for order *o (locked; its facts before the step): the
 * facts, the lot back in stock (restock), the seller's share reversed (reverse_transfer:
 * APP_TRANSFER_REVERSE with checkout_reversal's amount) or transferred (transfer_share, a
 * dispute won: app_payout_order_completed), a transfer a dispute held looked at again
 * (app_payout_release), a `log_kind` step on its timeline. */
int refund_flow_write(app_ctx *c, order_record *o, const order_step *step, const char *log_kind,
                      int64_t log_amount, const char *detail);

/* Keep refund *r (order_id, payment_id, amount, reason, note, asked_by, role and order_state
 * filled; id, status and times are set here) as `status`; a "creating" one has refund.create
 * enqueued. */
int refund_flow_record(app_ctx *c, refund_record *r, refund_status status);

/* charge.refunded. */
int refund_flow_charge_refunded(app_ctx *c, const payments_event *ev);

/* Inside a transaction: refund `id` is `reported` by the provider (`provider_id` may be ""),
 * in any order with its other reports (refund_next_status). Moving to failed, a refund asked
 * by a seller or an admin gives its order back what it counted (refund_give_back). */
int refund_flow_settle(app_ctx *c, int64_t id, refund_status reported, const char *provider_id);

/* refund.updated / refund.failed in the webhook's transaction: the refund of ours it names
 * (by metadata[blytz_refund] or its provider id, on the payment of its intent) settled as
 * the provider says; one not ours is acknowledged. */
int refund_flow_refund_updated(app_ctx *c, const payments_event *ev);

/* charge.dispute.created: *note (when *noted) is the seller's notification, to publish after
 * the commit. */
int refund_flow_dispute_opened(app_ctx *c, const payments_event *ev, notification *note,
                               bool *noted);

/* charge.dispute.closed. */
int refund_flow_dispute_closed(app_ctx *c, const payments_event *ev);

/* The refund.create handler (in app_payment_handlers). */
int app_refund_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len);

#endif
