/*
 * domain/payment.h - parcels and payments: how orders are grouped to be paid and shipped, and
 * one attempt to take the money for some of them (docs/payments.md "Checkout").
 *
 * A parcel is what one buyer won from one seller in one show: it ships as one box and pays
 * one shipping fee. Its key is "b<buyer>:s<seller>:show<stream>"; a sale outside a show is a
 * parcel alone, "order<id>". Its ship-to address is fixed by the first payment that succeeds
 * (a copy: editing the address book later changes nothing). Wins in the same show are often
 * charged one by one (off-session, at each win), so the parcel's shipping fee is charged in
 * parts: each payment adds what the parcel's quote grows by with its orders,
 *   shipping of a payment = quote(orders paid + orders of this payment) - shipping paid,
 * "orders paid" being those paid for and not refunded, and "shipping paid" the sum of their
 * shipping parts, so that what the parcel's payments charge for shipping adds up to the quote
 * of what ships (quotes are monotone in weight: the part is never negative). A lot refunded
 * before the parcel ships leaves it, and the next payment charges for the parcel as it is.
 *
 * A payment is one attempt (one PaymentIntent) to take the money for orders of one parcel:
 *   creating --intent made--> open --buyer acts--> processing --> succeeded
 *   creating --card refused off-session--> failed         open --> succeeded | canceled
 *   creating | open | processing --a newer attempt or the order's end--> canceled
 * Its sums are the domain's (checkout.h) for its orders, computed when it is made; the
 * provider is told its total and nothing the browser says changes it.
 *
 * Plain data (strings borrowed); pure functions.
 */
#ifndef DOMAIN_PAYMENT_H
#define DOMAIN_PAYMENT_H

#include "domain/address.h"
#include "domain/checkout.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PARCEL_KEY_MAX 80 /* "b<id>:s<id>:show<id>" with three int64s, NUL included */

typedef struct order_parcel {
    int64_t id;
    int64_t buyer_id;
    int64_t seller_id;
    int64_t stream_id; /* 0 = a sale outside a show */
    const char *group_key;
    /* where it ships: set once a payment succeeded (ship_name NULL or "" before) */
    const char *ship_name;
    const char *ship_phone;
    address_postal ship_to;
    int64_t created_at;
    int64_t updated_at;
} order_parcel;

/* The group key of an order's parcel into `out`: by show when `stream_id` != 0, else the
 * order's own. */
void parcel_group_key(int64_t buyer_id, int64_t seller_id, int64_t stream_id, int64_t order_id,
                      char out[PARCEL_KEY_MAX]);

/* Whether the parcel's address is fixed (a payment of it succeeded). */
static inline bool parcel_has_address(const order_parcel *p)
{
    return p->ship_name && p->ship_name[0];
}

/* The shipping part of a payment: `quote_with` (the quote of the parcel's paid orders and the
 * payment's together) less `shipping_paid`, never below 0. */
int64_t parcel_shipping_part(int64_t quote_with, int64_t shipping_paid);

typedef enum payment_state {
    PAYMENT_STATE_NONE = 0,
    PAYMENT_CREATING,
    PAYMENT_OPEN,
    PAYMENT_PROCESSING,
    PAYMENT_SUCCEEDED,
    PAYMENT_FAILED,
    PAYMENT_CANCELED,
} payment_state;

/* "creating", "open", "processing", "succeeded", "failed", "canceled"; "" for NONE. */
const char *payment_state_name(payment_state s);
/* The stored name -> state; PAYMENT_STATE_NONE when unknown. */
payment_state payment_state_parse(const char *s);
/* No further change but a late success (which the app refunds): succeeded, failed,
 * canceled. */
bool payment_state_final(payment_state s);

typedef struct payment_record {
    int64_t id;
    int64_t buyer_id;
    int64_t seller_id;
    int64_t parcel_id;
    bool off_session;   /* a saved card charged without the buyer (at a win) */
    int32_t methods;    /* payments_method_kind bits the buyer may use */
    int64_t card_id;    /* the saved card charged off-session; 0 = none */
    const char *status; /* payment_state_name() */
    checkout_sums sums; /* of all its orders */
    const char *ship_name;
    const char *ship_phone;
    address_postal ship_to;
    /* the provider's side ("" until known) */
    const char *intent_id;
    const char *client_secret;
    const char *charge_id;
    const char *method_used; /* "card", "fpx", "grabpay" */
    const char *failure_code;
    const char *decline_code;
    int64_t created_at;
    int64_t updated_at;
} payment_record;

/* One order's part of a payment (checkout_compute's per_order). */
typedef struct payment_part {
    int64_t payment_id;
    int64_t order_id;
    checkout_sums sums;
} payment_part;

/* ---- buyers who do not pay -------------------------------------------------------------- */

/* An order its buyer let pass unpaid is a strike. BUYER_STRIKES_TO_BLOCK strikes within
 * BUYER_STRIKE_WINDOW_MS keep the buyer from bidding until BUYER_BLOCK_MS after the latest:
 * one missed payment is forgiven (a bank down, a trip), a habit is not, and the block ends by
 * itself. */
#define BUYER_STRIKE_WINDOW_MS (90LL * 24 * 3600 * 1000)
#define BUYER_STRIKES_TO_BLOCK 2
#define BUYER_BLOCK_MS         (14LL * 24 * 3600 * 1000)

/* Until when a buyer with `strikes` strikes in the window, the latest at `latest` (UTC ms),
 * may not bid: 0 when they may. */
int64_t buyer_blocked_until(int64_t strikes, int64_t latest);

/* ---- a buyer's saved cards ----------------------------------------------------------------- */

#define PAYMENT_CARDS_MAX 10 /* cards a buyer may keep */

/* A card saved at the provider (through a SetupIntent) for off-session charges. */
typedef struct payment_card {
    int64_t id;
    int64_t user_id;
    const char *method_id; /* the provider's payment method ("pm_...") */
    const char *brand;     /* "visa", "mastercard", ... */
    const char *last4;
    int32_t exp_month, exp_year;
    bool is_default; /* charged at a win */
    int64_t created_at;
} payment_card;

/* Whether a card expiring at the end of `exp_month`/`exp_year` is still good at `now_ms`
 * (UTC; a card is good through the last day of its month). */
bool payment_card_current(const payment_card *card, int64_t now_ms);

/* One SetupIntent, as the account page waits on it: creating (the worker makes it), open (the
 * browser confirms it with Stripe.js), succeeded (the card is saved), failed, canceled. */
typedef struct card_setup {
    int64_t id;
    int64_t user_id;
    const char *setup_id; /* "seti_..." once made */
    const char *client_secret;
    const char *status;
    const char *failure_code;
    int64_t card_id; /* the card saved, once succeeded */
    int64_t created_at;
    int64_t updated_at;
} card_setup;

#endif
