/*
 * app/ports/payments.h - taking buyers' money and paying sellers (DESIGN §7; docs/payments.md).
 * Adapter: src/integrations/stripe (Stripe's v1 API in MYR, Connect, Billing, signed webhooks).
 *
 * The app decides every amount (domain/checkout.h) and every state (domain/order.h); the
 * adapter only turns a decision into the provider's calls and reads the provider's answers and
 * webhooks back into the plain structs below. No Stripe name leaks past this header except the
 * ids, which the app stores as opaque text ("pi_...", "cus_...").
 *
 * Two kinds of operation, and where each may be called from:
 * - `event_read` is local (HMAC and JSON, no network): any thread, request handlers included.
 * - everything else calls the provider over the network and blocks through its retries: only
 *   the outbox worker calls them (DESIGN §7), so a request never waits on Stripe. Every
 *   operation that creates or changes something takes `key`, the idempotency key the caller
 *   derives from its outbox row ("blytz-<kind>-<row id>"): the same key is the same request,
 *   so a worker killed mid-call and run again neither loses nor doubles a charge.
 *
 * Errors (the adapter's mapping of Stripe's, src/integrations/stripe/stripe_api.h):
 *   BZ_ECARDDECLINED, BZ_EAUTHREQUIRED, BZ_EPAYMENTFAILED - the buyer's method failed (the
 *     out struct says which intent, with failure_code/decline_code); the app records it;
 *   BZ_EUNAVAILABLE - network, 5xx, 429: the outbox retries later with the same key;
 *   BZ_ESTRIPEIDEMPOTENCY - the key was used for another request (a bug: parked);
 *   BZ_ESTRIPEAUTH, BZ_ESTRIPEREFUSED - a refusal retrying cannot fix (parked);
 *   BZ_ENOTFOUND - the provider does not know the object;
 *   BZ_ESTRIPESIG - a webhook whose signature does not verify (event_read only);
 *   BZ_EBADREQUEST - a webhook that verifies but does not parse;
 *   BZ_ETOOLARGE - a webhook body over PAYMENTS_EVENT_MAX (event_read only);
 *   BZ_EVALIDATION - arguments the adapter refuses before any call (an id that cannot be one,
 *     an off-session charge of anything but a customer's saved card, an amount <= 0).
 *
 * Ownership: every pointer argument is borrowed for the call; results are written into the
 * caller's structs (fixed-size, NUL-terminated fields), zeroed first. One `payments` serves
 * every thread: all functions are thread-safe. `close` frees it.
 */
#ifndef APP_PORTS_PAYMENTS_H
#define APP_PORTS_PAYMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/address.h"

typedef struct payments payments;

#define PAYMENTS_ID_MAX     128  /* a provider id ("pi_...", "acct_..."), NUL included */
#define PAYMENTS_SECRET_MAX 256  /* a client secret, NUL included */
#define PAYMENTS_URL_MAX    1024 /* a redirect or onboarding URL, NUL included */
#define PAYMENTS_CODE_MAX   64   /* a failure or decline code, NUL included */
#define PAYMENTS_TEXT_MAX   256  /* a message for logs, NUL included */

/* The largest webhook body event_read takes (the webhook route reads no more). */
#define PAYMENTS_EVENT_MAX (1024u * 1024)

/* How a buyer pays. Cards can be saved and charged off-session; FPX (Malaysian online banking)
 * and GrabPay are single-use and on-session only (the buyer is redirected to approve). */
typedef enum payments_method_kind {
    PAYMENTS_METHOD_NONE = 0,
    PAYMENTS_CARD = 1u << 0,
    PAYMENTS_FPX = 1u << 1,
    PAYMENTS_GRABPAY = 1u << 2,
} payments_method_kind;

/* "card", "fpx", "grabpay"; "" for another value (NONE, or several bits). */
static inline const char *payments_method_name(payments_method_kind k)
{
    switch (k) {
    case PAYMENTS_CARD:
        return "card";
    case PAYMENTS_FPX:
        return "fpx";
    case PAYMENTS_GRABPAY:
        return "grabpay";
    case PAYMENTS_METHOD_NONE:
        break;
    }
    return "";
}

/* The inverse; PAYMENTS_METHOD_NONE when unknown (or NULL). */
static inline payments_method_kind payments_method_parse(const char *s)
{
    return !s                          ? PAYMENTS_METHOD_NONE
           : strcmp(s, "card") == 0    ? PAYMENTS_CARD
           : strcmp(s, "fpx") == 0     ? PAYMENTS_FPX
           : strcmp(s, "grabpay") == 0 ? PAYMENTS_GRABPAY
                                       : PAYMENTS_METHOD_NONE;
}

/* ---- buyers: customers and saved cards --------------------------------------------------- */

typedef struct payments_customer_req {
    int64_t user_id; /* kept in the provider's metadata */
    const char *email;
    const char *name; /* may be "" */
} payments_customer_req;

typedef enum payments_setup_status {
    PAYMENTS_SETUP_OPEN = 0, /* waiting for the browser to confirm it */
    PAYMENTS_SETUP_PROCESSING,
    PAYMENTS_SETUP_SUCCEEDED, /* payment_method is saved on the customer */
    PAYMENTS_SETUP_CANCELED,
} payments_setup_status;

/* A SetupIntent: how a card is saved for later off-session charges. */
typedef struct payments_setup {
    char id[PAYMENTS_ID_MAX];
    char client_secret[PAYMENTS_SECRET_MAX]; /* for Stripe.js; never logged */
    payments_setup_status status;
    char payment_method[PAYMENTS_ID_MAX]; /* once succeeded */
    char customer[PAYMENTS_ID_MAX];
    char failure_code[PAYMENTS_CODE_MAX]; /* the last attempt's, "" when none */
} payments_setup;

/* A saved payment method, as the account page shows it. */
typedef struct payments_method {
    char id[PAYMENTS_ID_MAX];
    payments_method_kind kind;
    char brand[24]; /* "visa", "mastercard", "amex", ... (cards) */
    char last4[8];
    int exp_month, exp_year;
    char customer[PAYMENTS_ID_MAX]; /* "" when not attached */
} payments_method;

/* ---- charges: payment intents ---------------------------------------------------------------- */

typedef struct payments_intent_req {
    int64_t amount;       /* sen, CHECKOUT_MIN_CHARGE_SEN..CHECKOUT_MAX_CHARGE_SEN */
    const char *currency; /* "myr" */
    const char *customer; /* the buyer's customer id; may be "" for FPX/GrabPay alone */
    unsigned methods;     /* PAYMENTS_CARD | PAYMENTS_FPX | PAYMENTS_GRABPAY allowed */
    /* Off-session: charge this saved card now, without the buyer (a win). The intent is
     * created confirmed with off_session=true; a card that needs the buyer's authentication
     * fails with BZ_EAUTHREQUIRED instead of waiting. NULL for on-session. */
    const char *payment_method;
    const char *transfer_group; /* "order-<id>" / "payment-<id>": ties later transfers */
    int64_t payment_id;         /* Blytz's payment row, in metadata[blytz_payment] */
    const char *description;    /* what the buyer's statement and receipt say; may be "" */
} payments_intent_req;

typedef enum payments_intent_status {
    PAYMENTS_INTENT_REQUIRES_METHOD = 0, /* the browser has to pick and confirm a method */
    PAYMENTS_INTENT_REQUIRES_ACTION,     /* 3-D Secure or an FPX/GrabPay redirect */
    PAYMENTS_INTENT_PROCESSING,
    PAYMENTS_INTENT_SUCCEEDED,
    PAYMENTS_INTENT_CANCELED,
} payments_intent_status;

/* "requires_payment_method", "requires_action", "processing", "succeeded", "canceled";
 * "" for another value. */
static inline const char *payments_intent_status_name(payments_intent_status s)
{
    switch (s) {
    case PAYMENTS_INTENT_REQUIRES_METHOD:
        return "requires_payment_method";
    case PAYMENTS_INTENT_REQUIRES_ACTION:
        return "requires_action";
    case PAYMENTS_INTENT_PROCESSING:
        return "processing";
    case PAYMENTS_INTENT_SUCCEEDED:
        return "succeeded";
    case PAYMENTS_INTENT_CANCELED:
        return "canceled";
    }
    return "";
}

typedef struct payments_intent {
    char id[PAYMENTS_ID_MAX];
    char client_secret[PAYMENTS_SECRET_MAX]; /* for Stripe.js; never logged */
    payments_intent_status status;
    int64_t amount;                       /* sen asked */
    int64_t amount_received;              /* sen taken (== amount once succeeded) */
    char charge[PAYMENTS_ID_MAX];         /* the latest charge, "" before one */
    char payment_method[PAYMENTS_ID_MAX]; /* the method used or tried, "" before one */
    payments_method_kind method_kind;
    int64_t payment_id; /* metadata[blytz_payment], 0 when absent */
    /* the last failure: "card_declined", "authentication_required", ... ("" when none) */
    char failure_code[PAYMENTS_CODE_MAX];
    char decline_code[PAYMENTS_CODE_MAX];
    char failure_message[PAYMENTS_TEXT_MAX]; /* the provider's words, for logs */
} payments_intent;

/* ---- refunds, transfers to sellers and their reversals --------------------------------------- */

typedef enum payments_refund_reason {
    PAYMENTS_REFUND_REQUESTED = 0, /* the seller or an admin decided (requested_by_customer) */
    PAYMENTS_REFUND_DUPLICATE,     /* a second payment of a paid order */
    PAYMENTS_REFUND_FRAUDULENT,
} payments_refund_reason;

typedef struct payments_refund_req {
    const char *intent; /* the payment intent refunded */
    int64_t amount;     /* sen, > 0, at most what is left of it */
    payments_refund_reason reason;
    int64_t refund_id; /* Blytz's refund row, in metadata[blytz_refund] */
} payments_refund_req;

typedef struct payments_refund {
    char id[PAYMENTS_ID_MAX];
    int64_t amount;
    char status[24]; /* "succeeded", "pending", "failed", "canceled" */
} payments_refund;

typedef struct payments_transfer_req {
    int64_t amount;             /* sen, > 0 */
    const char *currency;       /* "myr" */
    const char *destination;    /* the seller's connected account */
    const char *transfer_group; /* as the intent's */
    const char *source_charge;  /* the charge the money came from (its funds, not the balance) */
    int64_t order_id;           /* metadata[blytz_order] */
} payments_transfer_req;

typedef struct payments_transfer {
    char id[PAYMENTS_ID_MAX]; /* "tr_..." or, for a reversal, "trr_..." */
    int64_t amount;
} payments_transfer;

/* ---- sellers: connected accounts and plans --------------------------------------------------- */

/* Demo data only: a person the provider's test mode verifies at once with its documented test
 * values (identity, address, bank), so a demo seller is paid out with nobody going through the
 * provider's hosted onboarding. The adapter refuses it on a live key. */
typedef struct payments_test_identity {
    const char *first_name, *last_name, *phone; /* phone: E.164, "+60..." */
    address_postal address;                     /* the seller's pickup address */
    const char *what_they_sell;                 /* the business's product description */
    int64_t terms_accepted_at;                  /* UTC ms: when the seller accepted the terms */
    const char *terms_ip;                       /* from where */
} payments_test_identity;

typedef struct payments_account_req {
    int64_t seller_id;
    const char *email;
    const char *country; /* "MY" */
    /* NULL: an Express account, onboarded on the provider's hosted pages (account_link). Set:
     * an account the platform onboards through the API with this test identity (Stripe: a Custom
     * account with its terms accepted); a test-mode key only. */
    const payments_test_identity *test_identity;
} payments_account_req;

typedef struct payments_account {
    char id[PAYMENTS_ID_MAX];
    bool charges_enabled, payouts_enabled, details_submitted;
    /* what the provider still needs (requirements.currently_due), comma-separated, cut at a
     * whole item when it would not fit; "" when nothing is due */
    char requirements_due[PAYMENTS_TEXT_MAX];
} payments_account;

typedef struct payments_link {
    char url[PAYMENTS_URL_MAX];
    int64_t expires_at; /* UTC ms */
} payments_link;

typedef enum payments_sub_status {
    PAYMENTS_SUB_INCOMPLETE = 0, /* the first invoice is not paid yet */
    PAYMENTS_SUB_ACTIVE,
    PAYMENTS_SUB_PAST_DUE, /* a renewal failed: the grace period runs */
    PAYMENTS_SUB_CANCELED, /* over (incomplete_expired and unpaid count as this) */
} payments_sub_status;

/* "incomplete", "active", "past_due", "canceled"; "" for another value. */
static inline const char *payments_sub_status_name(payments_sub_status s)
{
    switch (s) {
    case PAYMENTS_SUB_INCOMPLETE:
        return "incomplete";
    case PAYMENTS_SUB_ACTIVE:
        return "active";
    case PAYMENTS_SUB_PAST_DUE:
        return "past_due";
    case PAYMENTS_SUB_CANCELED:
        return "canceled";
    }
    return "";
}

typedef struct payments_sub_req {
    const char *customer;       /* the seller's own customer (a seller pays as a buyer does) */
    const char *price;          /* the plan's price id, from configuration */
    const char *payment_method; /* the card to bill; NULL: the customer's default */
    int64_t seller_id;          /* metadata[blytz_seller] */
    /* The seller is at the browser to pay the first invoice with Stripe.js (its client_secret
     * in the answer, status incomplete until paid); the card they pay with becomes the
     * subscription's default for renewals. false: billed off-session to payment_method. */
    bool on_session;
} payments_sub_req;

typedef struct payments_subscription {
    char id[PAYMENTS_ID_MAX];
    payments_sub_status status;
    char price[PAYMENTS_ID_MAX];
    char customer[PAYMENTS_ID_MAX];
    int64_t current_period_end; /* UTC ms */
    int64_t seller_id;          /* metadata[blytz_seller], 0 when absent */
    bool cancel_at_period_end;  /* it ends when the period does (the seller cancelled) */
    /* When the first invoice needs the seller's action (3-D Secure): its intent's secret. */
    char client_secret[PAYMENTS_SECRET_MAX];
} payments_subscription;

/* ---- webhooks -------------------------------------------------------------------------------- */

typedef enum payments_event_kind {
    PAYMENTS_EV_OTHER = 0,        /* verified, nothing Blytz acts on: acknowledged */
    PAYMENTS_EV_INTENT_SUCCEEDED, /* payment_intent.succeeded: intent */
    PAYMENTS_EV_INTENT_FAILED,    /* payment_intent.payment_failed: intent */
    PAYMENTS_EV_SETUP_SUCCEEDED,  /* setup_intent.succeeded: setup */
    PAYMENTS_EV_CHARGE_REFUNDED,  /* charge.refunded: intent_id, charge, amount_refunded */
    PAYMENTS_EV_DISPUTE_CREATED,  /* charge.dispute.created: dispute, intent_id, amount */
    PAYMENTS_EV_DISPUTE_CLOSED,   /* charge.dispute.closed: dispute, status won|lost|... */
    PAYMENTS_EV_ACCOUNT_UPDATED,  /* account.updated: account */
    PAYMENTS_EV_SUBSCRIPTION,     /* customer.subscription.created|updated|deleted: sub */
    /* invoice.paid: object_id (the invoice), sub.id, sub.customer, sub.seller_id and
     * sub.current_period_end (the end of the period paid for: the new one for a renewal),
     * amount (paid); the rest of sub is not set (sub.status is not the subscription's) */
    PAYMENTS_EV_INVOICE_PAID,
    PAYMENTS_EV_INVOICE_FAILED, /* invoice.payment_failed: as invoice.paid, amount due */
    PAYMENTS_EV_PAYOUT_PAID,    /* payout.paid on a connected account: object_id, amount */
    /* refund.updated, refund.failed, charge.refund.updated: object_id (the refund), intent_id,
     * amount, status (pending, requires_action, succeeded, failed, canceled), refund_id */
    PAYMENTS_EV_REFUND_UPDATED,
} payments_event_kind;
#define PAYMENTS_EV_LAST PAYMENTS_EV_REFUND_UPDATED /* the highest kind: move with a new one */

typedef struct payments_event {
    payments_event_kind kind;
    char id[PAYMENTS_ID_MAX];      /* "evt_...": process each once */
    char type[64];                 /* the provider's type, for logs */
    int64_t created;               /* UTC ms */
    char account[PAYMENTS_ID_MAX]; /* the connected account it happened on, "" = platform */
    /* what the event is about; which fields are set depends on kind (above) */
    payments_intent intent;
    payments_setup setup;
    payments_account acct;
    payments_subscription sub;
    char object_id[PAYMENTS_ID_MAX]; /* the event's object: dispute, charge, invoice, payout */
    char intent_id[PAYMENTS_ID_MAX]; /* the intent a charge, refund or dispute belongs to */
    char charge[PAYMENTS_ID_MAX];
    int64_t amount;          /* dispute: disputed; payout: paid out; charge: captured */
    int64_t amount_refunded; /* charge.refunded: refunded in all so far */
    char status[32];         /* dispute: "won", "lost", "warning_closed", ...; payout; refund */
    int64_t refund_id;       /* refund events: metadata[blytz_refund], 0 when absent */
} payments_event;

/* ---- the port ----------------------------------------------------------------------------- */

struct payments_ops {
    /* ---- local: any thread -------------------------------------------------------------- */

    /* Verify a webhook (`signature`: the Stripe-Signature header, may be NULL; `body`: the raw
     * bytes) at `now_ms` and read it. BZ_ESTRIPESIG when it does not verify (missing, stale,
     * wrong); BZ_EBADREQUEST when it verifies and is not an event; BZ_ETOOLARGE over
     * PAYMENTS_EVENT_MAX. Nothing is read before the signature is checked. */
    int (*event_read)(payments *p, const char *signature, const void *body, size_t len,
                      int64_t now_ms, payments_event *out);

    /* ---- the provider: outbox worker only --------------------------------------------- */

    int (*customer_create)(payments *p, const payments_customer_req *req, const char *key,
                           char out_id[PAYMENTS_ID_MAX]);
    /* A SetupIntent for `customer`, usage off_session, cards only. `confirm_with` NULL: the
     * browser confirms it (Stripe.js); a payment method id: confirmed now with it (the demo
     * buyer's test card, in the provider's test mode). */
    int (*setup_create)(payments *p, const char *customer, const char *confirm_with,
                        const char *key, payments_setup *out);
    int (*setup_get)(payments *p, const char *id, payments_setup *out);
    int (*method_get)(payments *p, const char *id, payments_method *out);
    /* Take a saved card off its customer; one already detached is BZ_OK. */
    int (*method_detach)(payments *p, const char *id, const char *key);

    /* Create an intent as `req` says. Off-session (req->payment_method set): created and
     * confirmed in one call; on a failure of the card the error is returned *and* *out is the
     * failed intent (its id, failure_code, decline_code), so that the app can record it. */
    int (*intent_create)(payments *p, const payments_intent_req *req, const char *key,
                         payments_intent *out);
    int (*intent_get)(payments *p, const char *id, payments_intent *out);
    /* Cancel an intent not yet succeeded; one canceled already is BZ_OK; one that succeeded
     * meanwhile is BZ_ECONFLICT (the app refunds it instead). */
    int (*intent_cancel)(payments *p, const char *id, const char *key);

    int (*refund_create)(payments *p, const payments_refund_req *req, const char *key,
                         payments_refund *out);
    int (*transfer_create)(payments *p, const payments_transfer_req *req, const char *key,
                           payments_transfer *out);
    /* Reverse `amount` (> 0) sen of transfer `transfer`. */
    int (*transfer_reverse)(payments *p, const char *transfer, int64_t amount, int64_t order_id,
                            const char *key, payments_transfer *out);

    /* A connected account (Malaysia) for a seller's payouts: Express, or with req->test_identity
     * one verified by the provider's test mode (BZ_EVALIDATION on a live key). */
    int (*account_create)(payments *p, const payments_account_req *req, const char *key,
                          char out_id[PAYMENTS_ID_MAX]);
    /* A one-time onboarding link; `refresh_url` when it expired, `return_url` when done. No
     * key: each call is a new link (the adapter sends a fresh key of its own). */
    int (*account_link)(payments *p, const char *account, const char *refresh_url,
                        const char *return_url, payments_link *out);
    int (*account_get)(payments *p, const char *id, payments_account *out);

    /* A plan's subscription. Off-session: billed to the seller's card at once: active, or the
     * card's error (BZ_ECARDDECLINED, ...) and no subscription left behind. On-session
     * (req->on_session): incomplete with the first invoice's client_secret for Stripe.js. */
    int (*sub_create)(payments *p, const payments_sub_req *req, const char *key,
                      payments_subscription *out);
    /* End it when its period ends (`at_period_end`: the seller keeps what they paid for; `key`
     * is sent), or now (a DELETE, idempotent by itself: `key` is not sent). One canceled
     * already is BZ_OK (with *out). */
    int (*sub_cancel)(payments *p, const char *id, bool at_period_end, const char *key,
                      payments_subscription *out);

    void (*close)(payments *p);
};

struct payments {
    const struct payments_ops *ops;
};

/* The ops table of an adapter whose functions are prefix##_<operation>, one for every
 * operation: `static const struct payments_ops x = PAYMENTS_OPS_OF(stripe);`. An operation
 * added above is added here, so that no adapter's table (nor a test's fake) leaves it NULL. */
#define PAYMENTS_OPS_OF(prefix)                                                                    \
    {                                                                                              \
        .event_read = prefix##_event_read, .customer_create = prefix##_customer_create,            \
        .setup_create = prefix##_setup_create, .setup_get = prefix##_setup_get,                    \
        .method_get = prefix##_method_get, .method_detach = prefix##_method_detach,                \
        .intent_create = prefix##_intent_create, .intent_get = prefix##_intent_get,                \
        .intent_cancel = prefix##_intent_cancel, .refund_create = prefix##_refund_create,          \
        .transfer_create = prefix##_transfer_create,                                               \
        .transfer_reverse = prefix##_transfer_reverse, .account_create = prefix##_account_create,  \
        .account_link = prefix##_account_link, .account_get = prefix##_account_get,                \
        .sub_create = prefix##_sub_create, .sub_cancel = prefix##_sub_cancel,                      \
        .close = prefix##_close                                                                    \
    }

#endif
