/*
 * app/cards.h - a buyer's saved cards: saved through the provider's SetupIntent (the browser
 * never sends a card number to Blytz: Stripe.js's Payment Element confirms the intent with
 * the provider), one default, charged off-session at a win (app/checkout.h).
 *
 * Only the outbox worker calls the provider (app/ports/payments.h):
 *   request: POST cards ── setup row "creating", card.setup enqueued ──► worker: the buyer's
 *     customer (made once), the SetupIntent ── row "open" with its client_secret
 *   browser: Stripe.js confirms it; then POST .../sync ── card.sync ──► worker reads it: the
 *     card is kept (the first is the default), row "succeeded"; or the webhook
 *     setup_intent.succeeded does the same (whichever comes first; the second changes nothing)
 *   DELETE a card ── row gone, card.detach enqueued ──► worker detaches it at the provider
 *
 * Rules: payments configured (BZ_EUNAVAILABLE); at most PAYMENT_CARDS_MAX cards
 * (BZ_ECONFLICT, saying so); a card or setup of another user is BZ_ENOTFOUND. Results live in
 * c->arena.
 */
#ifndef APP_CARDS_H
#define APP_CARDS_H

#include "app/app.h"
#include "app/outbox.h"
#include "app/ports/payments.h"
#include "domain/payment.h"

#include <stddef.h>
#include <stdint.h>

#define APP_CARD_SETUP  "card.setup"  /* make the customer (once) and the SetupIntent */
#define APP_CARD_SYNC   "card.sync"   /* read a SetupIntent again; keep its card */
#define APP_CARD_DETACH "card.detach" /* take a forgotten card off the customer */

/* The buyer's cards, the default first. */
int app_cards(app_ctx *c, int64_t user_id, payment_card **out, size_t *n);

/* Start saving a card: *out is the setup, "creating". */
int app_card_setup_start(app_ctx *c, int64_t user_id, card_setup *out);

/* Save the provider's test card `method` ("pm_card_visa", ...) for user `user_id`: the setup
 * job confirms it server-side and keeps the card, no browser involved. For demo data only:
 * the caller makes sure the provider runs in test mode (a live key would refuse it anyway).
 * BZ_EVALIDATION for a method that is not pm_card_<brand>; else as app_card_setup_start. */
int app_card_add_test(app_ctx *c, int64_t user_id, const char *method, card_setup *out);

/* The setup `id` of `user_id` as it stands (its client_secret while open). */
int app_card_setup_get(app_ctx *c, int64_t user_id, int64_t id, card_setup *out);

/* The browser confirmed setup `id`: read it again from the provider (through the outbox). */
int app_card_setup_sync(app_ctx *c, int64_t user_id, int64_t id, card_setup *out);

/* Make card `id` the default (charged at wins), or forget it (the next newest becomes the
 * default when it was). */
int app_card_set_default(app_ctx *c, int64_t user_id, int64_t id, payment_card *out);
int app_card_delete(app_ctx *c, int64_t user_id, int64_t id);

/* Whether a buyer may bid as far as paying goes (checked in the bid batch, DESIGN §4):
 * BZ_EBIDDINGPAUSED, saying until when, while unpaid wins keep them from bidding
 * (`blocked_until` > c->now); BZ_ECARDREQUIRED when the show's seller asks bidders for a card
 * on file and they have none, saying how to add one. */
int app_buyer_may_bid(app_ctx *c, int64_t blocked_until, bool card_required, bool has_card);

/* Outbox worker only: user `user_id`'s customer at the provider into *out (in c->arena), made
 * with idempotency key `key` when they have none (the first kept wins a race). A seller pays
 * for their plan as the same customer. Returns the store's or the provider's code. */
int app_customer_of(app_ctx *c, int64_t user_id, const char *key, const char **out);

/* Inside the webhook's transaction: SetupIntent `in` succeeded (setup_intent.succeeded). */
int app_card_setup_succeeded(app_ctx *c, const payments_setup *in);

/* The outbox handlers of the kinds above, for register_outbox_handlers. */
extern const app_outbox_handler app_card_handlers[];
extern const size_t app_card_n_handlers;

#endif
