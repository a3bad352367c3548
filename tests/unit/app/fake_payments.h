/*
 * tests/unit/app/fake_payments.h - the payments port (app/ports/payments.h) of the app's
 * use-case tests, in memory: it records every call it gets (how many, the last key, the last
 * arguments) and answers as the Stripe adapter would, or as a test tells it. One fake for
 * every test of a payments use case: the ops table is PAYMENTS_OPS_OF, so an operation added
 * to the port is added here once or nothing builds.
 *
 * Knobs: fail[op] left at BZ_OK lets the call succeed; set, the call returns it before
 * anything is recorded (so calls[op] counts the calls that succeeded). Ids are derived from
 * the key, as Stripe's idempotency makes them: the same key gives the same id ("pi_" and 16
 * hex digits of a hash of the key), another key another id.
 *
 * intent_create answers what Stripe answers: off-session (a saved card) a succeeded intent
 * with its charge, or, when card_fail is set (BZ_ECARDDECLINED, BZ_EAUTHREQUIRED,
 * BZ_EPAYMENTFAILED), that code with the failed intent in *out (card_code, card_decline);
 * on-session an intent waiting for the browser (requires_payment_method, with a client
 * secret), whose kind is the method when only one is allowed. The intents made are kept:
 * intent_get answers them (fake_payments_settle moves one on, as the browser and the bank
 * would: requires_action for FPX or GrabPay, then succeeded), intent_cancel cancels one not
 * yet succeeded (BZ_ECONFLICT for a succeeded one), and the same key given again answers the
 * intent it made, as a replayed key does.
 */
#ifndef TESTS_UNIT_APP_FAKE_PAYMENTS_H
#define TESTS_UNIT_APP_FAKE_PAYMENTS_H

#include "app/ports/payments.h"

#include <stdint.h>

typedef enum fake_payments_op {
    FAKE_PAY_EVENT_READ,
    FAKE_PAY_CUSTOMER_CREATE,
    FAKE_PAY_SETUP_CREATE,
    FAKE_PAY_SETUP_GET,
    FAKE_PAY_METHOD_GET,
    FAKE_PAY_METHOD_DETACH,
    FAKE_PAY_INTENT_CREATE,
    FAKE_PAY_INTENT_GET,
    FAKE_PAY_INTENT_CANCEL,
    FAKE_PAY_REFUND_CREATE,
    FAKE_PAY_TRANSFER_CREATE,
    FAKE_PAY_TRANSFER_REVERSE,
    FAKE_PAY_ACCOUNT_CREATE,
    FAKE_PAY_ACCOUNT_LINK,
    FAKE_PAY_ACCOUNT_GET,
    FAKE_PAY_SUB_CREATE,
    FAKE_PAY_SUB_CANCEL,
    FAKE_PAY_OPS
} fake_payments_op;

#define FAKE_PAY_KEY_MAX 256
#define FAKE_PAY_INTENTS 32 /* intents kept for intent_get */

typedef struct fake_payments {
    payments base;

    int calls[FAKE_PAY_OPS];                  /* calls that succeeded, per operation */
    int fail[FAKE_PAY_OPS];                   /* knob: return this (BZ_OK = succeed) */
    char key[FAKE_PAY_OPS][FAKE_PAY_KEY_MAX]; /* the last call's key ("" when it takes none) */
    char id[FAKE_PAY_OPS][PAYMENTS_ID_MAX];   /* the last id asked about (get, cancel, ...) */

    /* the last arguments; their strings point into `text` (copies), NULL stays NULL */
    payments_customer_req customer_req;
    payments_intent_req intent_req;
    payments_refund_req refund_req;
    payments_transfer_req transfer_req;
    int64_t reverse_amount, reverse_order;
    payments_account_req account_req;
    payments_test_identity account_test; /* account_req.test_identity points here when given:
                                            names, phone, city and what they sell kept */
    char link_refresh[PAYMENTS_URL_MAX], link_return[PAYMENTS_URL_MAX];
    payments_sub_req sub_req;
    size_t event_len; /* of the last body event_read was given */
    char text[24][PAYMENTS_URL_MAX];

    /* intent_create off-session: fail with this card code (BZ_OK = the card pays) */
    int card_fail;
    char card_code[PAYMENTS_CODE_MAX], card_decline[PAYMENTS_CODE_MAX];

    /* answers a test sets: event_read answers `event`; setup_get `setup`, method_get `method`,
     * account_get `account` (each with the id asked); sub_create an active subscription whose
     * period ends at `period_end`; account_link a URL expiring at `link_expires` */
    payments_event event;
    payments_setup setup;
    payments_method method;
    payments_account account;
    int64_t period_end, link_expires;

    payments_intent intents[FAKE_PAY_INTENTS]; /* made by intent_create, in order */
    char intent_keys[FAKE_PAY_INTENTS][FAKE_PAY_KEY_MAX];
    int intent_rcs[FAKE_PAY_INTENTS]; /* what each creation answered, for a replayed key */
    int n_intents;
} fake_payments;

extern const struct payments_ops fake_payments_ops;

/* Zero `fp` and make it a payments port with fake_payments_ops. */
void fake_payments_init(fake_payments *fp);

/* The id the fake makes for `key`: prefix "_" 16 hex digits of its hash. */
void fake_payments_id(const char *prefix, const char *key, char out[PAYMENTS_ID_MAX]);

/* Move intent `id` to `status` as the browser and the bank would (succeeded: amount received,
 * a charge). NULL when the fake made no such intent, else the intent. */
payments_intent *fake_payments_settle(fake_payments *fp, const char *id,
                                      payments_intent_status status);

#endif
