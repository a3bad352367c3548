/*
 * app/payment_flow.h - what happens to a payment and its orders as the provider answers,
 * shared by the checkout (app/checkout.c), the outbox handlers that call the provider
 * (app/payment_jobs.c) and its webhooks (app/payment_events.c). Not a use case header: only
 * src/app includes it.
 *
 * Every function here runs inside the caller's transaction and takes its rows in the lock
 * order of store_ops_payments.h: the payment's orders by id, then their parcel, then the payment.
 * Each is idempotent (a webhook and the worker may both report one success; the second changes
 * nothing), so that at-least-once delivery of either is harmless.
 */
#ifndef APP_PAYMENT_FLOW_H
#define APP_PAYMENT_FLOW_H

#include "app/app.h"
#include "app/outbox.h"
#include "app/ports/payments.h"
#include "domain/payment.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A payment with its rows locked: the payment, its parts and their orders (orders[i] is
 * parts[i]'s), and its parcel. */
typedef struct pay_locked {
    payment_record p;
    payment_part *parts;
    order_record *orders;
    size_t n;
    order_parcel parcel;
} pay_locked;

/* Lock payment `id` and its rows into *out (strings in c->arena). BZ_ENOTFOUND, the store's. */
int pay_flow_lock(app_ctx *c, int64_t payment_id, pay_locked *out);

/* Enqueue `kind` for payment `id` ({"payment_id":"<id>"}, key "<kind>:payment:<id>"). */
int pay_flow_enqueue(app_ctx *c, const char *kind, int64_t payment_id);

/* Cancel the payments still open of order `order_id` (their intents through the outbox), but
 * `keep` (0: none). */
int pay_flow_cancel_open(app_ctx *c, int64_t order_id, int64_t keep);

/* The provider made the intent of payment `id` and it waits for the buyer (or is processing):
 * keep its id and secret. A payment cancelled meanwhile keeps its intent id and has it
 * cancelled. */
int pay_flow_opened(app_ctx *c, int64_t payment_id, const payments_intent *in);

/* The money of payment `id` is ours (the intent succeeded with amount_received == its total,
 * else BZ_EINTERNAL): its orders are paid (order_decide) with their parts, the parcel's address
 * is fixed, and other attempts of those orders are cancelled. An order that cannot take it
 * (paid by another attempt meanwhile, or cancelled) has its part refunded through the outbox.
 * A second report of the same success changes nothing. */
int pay_flow_succeeded(app_ctx *c, int64_t payment_id, const payments_intent *in);

/* The buyer's method failed for payment `id` (`in` says why). `final`: the attempt is over
 * (an off-session charge); else it stays open for the buyer to try another method. Its orders
 * still awaiting payment are marked (order_decide PAYMENT_FAILED) with the failure code. */
int pay_flow_failed(app_ctx *c, int64_t payment_id, const payments_intent *in, bool final);

/* Order *o (locked) takes `ev` (amount as order_decide's) at c->now: decided, and when
 * accepted its facts written back (updated_at = c->now) and saved. step->code says whether it
 * was accepted (a refusal changes nothing and returns step->code); else the save's result. */
int pay_flow_step(app_ctx *c, order_record *o, order_event ev, int64_t amount, order_step *step);

/* The end of a use case's transaction (rc so far): commit and wake the worker, or roll back. */
int pay_flow_finish(app_ctx *c, int rc);

/* BZ_OK when payments are configured, else BZ_EUNAVAILABLE saying so (in c->err). */
int pay_flow_need_payments(app_ctx *c);

/* Add a step to order `order_id`'s timeline (ORDER_LOG_*), at c->now. */
int pay_flow_log(app_ctx *c, int64_t order_id, const char *kind, int64_t amount,
                 const char *detail);

/* ---- for the outbox handlers -------------------------------------------------------------- */

/* A handler's failure: `what` into why[0..len), and `rc` for the outbox to judge. */
int pay_flow_job_fail(char *why, size_t len, int rc, const char *what);

/* The payment a payment job's row names ({"payment_id":"<id>"}) into *p, when payments are
 * configured (else BZ_EUNAVAILABLE: the row waits for a node that has them). Failures say why. */
int pay_flow_job_payment(app_ctx *c, const app_outbox_job *job, char *why, size_t len,
                         payment_record *p);

#endif
