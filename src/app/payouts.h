/*
 * app/payouts.h - paying sellers through Stripe Connect (docs/payments.md "Payouts"): a
 * seller's connected account and its onboarding, the buyer's "I have received it", completing
 * orders after the buyer-protection window, the transfer of each completed order's share and
 * its reversals, the provider's payouts, and a seller's payouts page.
 *
 * Only the outbox worker calls the provider (app/ports/payments.h):
 *   POST onboarding ── onboarding row "creating", payout.onboard ──► worker: the seller's
 *     account (made once: the key is the seller's), then a link ── row "ready" with its url
 *   demo data ── payout.test_account ──► worker: the seller's account made with the
 *     provider's test identity, then read back (as account.updated)
 *   account.updated (webhook) ── the account's flags; payouts enabled: its waiting transfers
 *     become pending, each with a transfer.create
 *   an order completing (the chore, or a dispute won) ── its transfer row, and transfer.create
 *     when the seller's payouts are enabled (else it waits for them)
 *   transfer.create ──► worker: the share left now (domain/payout.h), sent with the order's
 *     transfer_group "order_<id>" from the charge that paid it; a disputed order waits
 *   transfer.reverse {order_id, amount} (a refund or a lost dispute of a transferred order,
 *     enqueued by the refund's transaction) ──► worker: reverses what the seller holds beyond
 *     the share left, at most `amount`; while the transfer is on its way it retries
 *   payout.paid on a connected account (webhook) ── a payout row, once
 *
 * Invariants: a share is never sent before its order completed (the transfer row is made by
 * completion alone) nor while it is disputed (checked again when sending); a transfer is sent
 * at most once (one row an order, and the job's idempotency key); the payouts page's sums add
 * up: pending + available + paid_out = earned, to the sen (domain/checkout.h).
 * Results live in c->arena.
 */
#ifndef APP_PAYOUTS_H
#define APP_PAYOUTS_H

#include "app/app.h"
#include "app/outbox.h"
#include "app/ports/payments.h"
#include "domain/payout.h"

#include <stddef.h>
#include <stdint.h>

#define APP_PAYOUT_ONBOARD "payout.onboard" /* the seller's account (once) and a link */
/* demo data: {seller_id, first, last, phone, accepted_at}: a test-mode account, verified */
#define APP_PAYOUT_TEST_ACCOUNT "payout.test_account"
#define APP_TRANSFER_CREATE     "transfer.create"  /* {"order_id":"<id>"}: send the share */
#define APP_TRANSFER_REVERSE    "transfer.reverse" /* {"order_id":N,"amount":SEN}: take some back */

#define APP_PAYOUTS_LIST_MAX 50 /* transfers and payouts a payouts page lists */

/* A seller's payouts page. */
typedef struct app_payouts_view {
    payout_account *account; /* NULL until the seller starts onboarding */
    checkout_payouts sums;
    payout_transfer *transfers; /* newest first, at most APP_PAYOUTS_LIST_MAX */
    size_t n_transfers;
    seller_payout *payouts; /* newest first, at most APP_PAYOUTS_LIST_MAX */
    size_t n_payouts;
} app_payouts_view;

/* The page of seller `user_id` (BZ_ENOTSELLER otherwise). */
int app_payouts_get(app_ctx *c, int64_t user_id, app_payouts_view *out);

/* Start onboarding seller `user_id`: *out is the request, "creating". The provider sends the
 * seller back to `web_base` + "/studio/payouts" (an origin: http(s)://host[:port], no
 * quotes or spaces; BZ_EVALIDATION otherwise). BZ_EUNAVAILABLE without payments. */
int app_payout_onboard(app_ctx *c, int64_t user_id, const char *web_base, payout_onboarding *out);

/* Onboarding request `id` of seller `user_id` as it stands. BZ_ENOTFOUND (also another's). */
int app_payout_onboarding_get(app_ctx *c, int64_t user_id, int64_t id, payout_onboarding *out);

/* Demo data: seller `user_id` gets a payout account that the provider's test mode verifies at
 * once (payments_test_identity: `first_name` `last_name`, `phone`, their pickup address and
 * shop description, the terms accepted now), made by the worker (payout.test_account), which
 * then reads it back: payouts enabled with nobody at the hosted onboarding. Names are letters,
 * spaces and . ' -; the phone +60 and 8 to 10 digits (BZ_EVALIDATION). BZ_EUNAVAILABLE
 * without payments. On a live key the adapter refuses it: the job parks, nothing is made. */
int app_payout_test_account(app_ctx *c, int64_t user_id, const char *first_name,
                            const char *last_name, const char *phone);

/* The buyer says order `order_id` arrived: delivered now (order_decide), which starts the
 * buyer-protection window. BZ_ENOTFOUND (not theirs); BZ_EONLYBUYER for its seller;
 * BZ_EORDERSTATE when it cannot be delivered now. *out is the order afterwards. */
int app_order_received(app_ctx *c, int64_t user_id, int64_t order_id, order_record *out);

/* The chore: complete up to `limit` delivered orders whose protection window is over and that
 * have no open report, each in its own transaction with its transfer. How many, or an error. */
int app_orders_complete(app_ctx *c, int limit);

/* Inside the transaction that completed order *o, saved (order_decide answered
 * transfer_share: the window passed, or a dispute was won): its transfer row, and
 * transfer.create when the seller's payouts are enabled; when it has a row already (a
 * dispute opened after completion), app_payout_release. */
int app_payout_order_completed(app_ctx *c, const order_record *o);

/* Inside a transaction: a waiting transfer of order `order_id` is looked at again (a dispute
 * closed): pending with its transfer.create when it can go now. BZ_OK when there is none. */
int app_payout_release(app_ctx *c, int64_t order_id);

/* Inside the webhook's transaction: what account.updated and payout.paid say. Events about
 * accounts that are none of ours are acknowledged. */
int app_payout_account_updated(app_ctx *c, const payments_account *acct);
int app_payout_paid(app_ctx *c, const payments_event *ev);

/* The outbox handlers of the kinds above, for register_outbox_handlers. */
extern const app_outbox_handler app_payout_handlers[];
extern const size_t app_payout_n_handlers;
/* ... and those of the accounts' kinds (payout.onboard, payout.test_account). */
extern const app_outbox_handler app_payout_account_handlers[];
extern const size_t app_payout_account_n_handlers;

#endif
