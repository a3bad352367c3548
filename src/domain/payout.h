/*
 * domain/payout.h - paying sellers through the provider's connected accounts (Stripe Connect,
 * separate charges and transfers; docs/payments.md "Payouts"): the seller's account, the
 * transfer of each completed order's share and its reversals, the provider's payouts to the
 * seller's bank, and the rules that tie them to an order's life (domain/order.h).
 *
 * Plain data as every model type: ids int64, money int64 sen, times UTC ms; strings borrowed.
 *
 * A transfer (one an order, made when the order completes) goes
 *   waiting --payouts enabled, order not disputed--> pending --provider made it--> sent
 *   pending --payouts off, or the order disputed--> waiting
 *   waiting | pending --nothing left to send (refunded meanwhile)--> void
 * Invariants: 0 <= reversed <= amount; amount > 0 and transfer_id set on sent; the share sent
 * is checkout_share_left at the time it is sent, so a refund before it lowers the transfer
 * instead of reversing it. Pure: no I/O, no allocation.
 */
#ifndef DOMAIN_PAYOUT_H
#define DOMAIN_PAYOUT_H

#include "domain/checkout.h"
#include "domain/order.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A seller's connected account as the provider last described it. */
typedef struct payout_account {
    int64_t seller_id;
    const char *account_id; /* "acct_..."; NULL or "" until the provider made it */
    bool details_submitted, charges_enabled, payouts_enabled;
    const char *requirements_due; /* what the provider still wants, comma-separated; "" none */
    int64_t created_at;
    int64_t updated_at;
} payout_account;

#define PAYOUT_ONBOARDING_CREATING "creating"
#define PAYOUT_ONBOARDING_READY    "ready"
#define PAYOUT_ONBOARDING_FAILED   "failed"

/* One request for an onboarding link: the handle the seller's browser polls. */
typedef struct payout_onboarding {
    int64_t id;
    int64_t seller_id;
    const char *status;  /* PAYOUT_ONBOARDING_* */
    const char *url;     /* the provider's onboarding page once ready; NULL before */
    int64_t expires_at;  /* UTC ms; 0 before */
    const char *failure; /* why it failed; NULL */
    int64_t created_at;
    int64_t updated_at;
} payout_onboarding;

typedef enum payout_transfer_state {
    PAYOUT_TRANSFER_NONE = 0,
    PAYOUT_TRANSFER_WAITING,
    PAYOUT_TRANSFER_PENDING,
    PAYOUT_TRANSFER_SENT,
    PAYOUT_TRANSFER_VOID,
} payout_transfer_state;

/* "waiting", "pending", "sent", "void"; "" otherwise. */
const char *payout_transfer_state_name(payout_transfer_state s);
/* The inverse; PAYOUT_TRANSFER_NONE when unknown or NULL. */
payout_transfer_state payout_transfer_state_parse(const char *s);

/* The seller's share of one order on its way to their connected account. */
typedef struct payout_transfer {
    int64_t order_id;
    int64_t seller_id;
    const char *status;      /* payout_transfer_state_name() */
    const char *transfer_id; /* "tr_..." once sent; NULL before */
    int64_t amount;          /* sen sent (0 until decided) */
    int64_t reversed;        /* sen of it reversed */
    int64_t created_at;
    int64_t updated_at;
} payout_transfer;

/* What the provider paid from a seller's connected account to their bank. */
typedef struct seller_payout {
    int64_t id;
    int64_t seller_id;
    const char *payout_id; /* "po_..." */
    int64_t amount;        /* sen */
    int64_t paid_at;       /* UTC ms */
    int64_t created_at;
} seller_payout;

/* One paid order of a seller as a payouts page counts it (the store's read). */
typedef struct payout_earning {
    int64_t order_id;
    const char *status; /* the order's state name */
    int64_t paid, refunded, share;
    bool sent; /* its transfer is sent */
} payout_earning;

/* Where a transfer of an order in facts `f` (share `share`) stands now, for a seller whose
 * payouts are `enabled`: PAYOUT_TRANSFER_VOID when nothing is left to send (*amount 0),
 * WAITING while the order is disputed or payouts are off, else PENDING with *amount the share
 * left (checkout_share_left). BZ_OK or BZ_EINTERNAL (facts inconsistent). */
int payout_transfer_decide(const order_facts *f, int64_t share, bool enabled,
                           payout_transfer_state *state, int64_t *amount);

/* How much of sent transfer *t to reverse now for an order whose share left (after refunds)
 * is `left`, at most `cap` (> 0: the reversal a refund asked for): min(cap, amount - reversed
 * - left), 0 when nothing is owed back. BZ_OK or BZ_EINTERNAL (negative inputs). */
int payout_reversal_due(const payout_transfer *t, int64_t left, int64_t cap, int64_t *out);

/* Add one of the seller's orders to a payouts page (domain/checkout.h): its share counts as
 * transferred once its transfer is sent (`sent`), as pending before. */
int payout_sums_add(checkout_payouts *p, const order_facts *f, int64_t share, bool sent);

#endif
