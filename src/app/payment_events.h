/*
 * app/payment_events.h - the payment provider's word about money: its signed webhooks, and a
 * payment looked up again after the buyer comes back from a redirect (FPX, GrabPay, 3-D
 * Secure). An order is paid only on one of these, never on what a browser says.
 *
 * Webhooks: verified first (the port's event_read: a missing, stale or wrong signature is
 * BZ_ESTRIPESIG and nothing changes), then applied in one transaction with the event's id
 * recorded (store_payment_event_claim), so each is applied once whatever the order and the
 * number of deliveries; the caller answers 2xx only once that transaction committed. An
 * event about an object Blytz does not know is logged and acknowledged, so that the provider
 * stops retrying it.
 */
#ifndef APP_PAYMENT_EVENTS_H
#define APP_PAYMENT_EVENTS_H

#include "app/app.h"
#include "app/outbox.h"
#include "domain/payment.h"

#include <stddef.h>
#include <stdint.h>

#define APP_PAYMENT_SYNC "payment.sync" /* read a payment's intent again */

/* Verify and apply one webhook delivery (`signature`: the Stripe-Signature header, may be
 * NULL). BZ_OK when it is applied now or was before; BZ_EUNAVAILABLE when payments are not
 * configured; BZ_ESTRIPESIG, BZ_EBADREQUEST; a store failure (the provider retries). */
int app_payment_webhook(app_ctx *c, const char *signature, const void *body, size_t len);

/* The buyer is back from the provider's page: read payment `payment_id` (theirs, else
 * BZ_ENOTFOUND) again from the provider, through the outbox. *out is the payment as it stands;
 * the client polls it until it is no longer open or processing. */
int app_payment_sync(app_ctx *c, int64_t buyer, int64_t payment_id, payment_record *out);

/* The handler of APP_PAYMENT_SYNC. */
int app_payment_sync_job(void *data, app_ctx *c, const app_outbox_job *job, char *why,
                         size_t why_len);

#endif
