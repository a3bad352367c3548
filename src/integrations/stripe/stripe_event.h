/*
 * integrations/stripe/stripe_event.h - reading a Stripe webhook's body (an Event
 * object) into the port's payments_event, once its signature has verified.
 *
 * Only stripe_payments' event_read calls it, and only after
 * stripe_webhook_verify accepted the delivery; it still treats the bytes as
 * hostile (it has a fuzz target, fuzz/stripe_event.c). An event is a JSON object
 * with "object":"event", an "id", a "type", "created" (Unix seconds) and
 * "data":{"object":{...}}; "account" names the connected account it happened
 * on (Connect). The data object is read by its kind (stripe_read.h):
 *
 *   payment_intent.succeeded, .payment_failed   intent
 *   setup_intent.succeeded                      setup
 *   charge.refunded                             object_id = charge = the charge, intent_id,
 *                                               amount (captured), amount_refunded (in all)
 *   charge.dispute.created, .closed             object_id = the dispute, charge, intent_id,
 *                                               amount (disputed), status (won, lost, ...)
 *   account.updated                             acct
 *   customer.subscription.created, .updated,    sub
 *     .deleted
 *   invoice.paid, invoice.payment_failed        object_id = the invoice; sub.id (the
 *                                               subscription it bills), sub.customer,
 *                                               sub.seller_id, sub.current_period_end (the end
 *                                               of the period its subscription line covers:
 *                                               the new one for a renewal), amount (paid, or
 *                                               due when it failed), status (the invoice's)
 *   payout.paid                                 object_id = the payout, amount, status
 *
 * Any other type is PAYMENTS_EV_OTHER with only id, type, created and account
 * set (its data object is not read). A known type whose object is not of its
 * kind, or whose members do not read, is refused like a body that is not an
 * event: Stripe never sends one, so it is not Stripe's.
 */
#ifndef INTEGRATIONS_STRIPE_STRIPE_EVENT_H
#define INTEGRATIONS_STRIPE_STRIPE_EVENT_H

#include "app/ports/payments.h"

#include <stddef.h>

/* Fill *out (zeroed first) from the `len` bytes of `body` (not NUL-terminated). BZ_OK, or
 * BZ_EBADREQUEST (with *out zeroed) when the body is not an event as above or is larger than
 * PAYMENTS_EVENT_MAX. Pure function: thread-safe. */
int stripe_event_parse(const void *body, size_t len, payments_event *out);

#endif
