/*
 * tests/unit/app/pay_fixture.h - the set-up the app's payments tests share (checkout, refunds,
 * payouts, plans), over fixture.h and the in-memory payments port of fake_payments.h: the fake
 * installed, the outbox run with the handlers of the flows under test, a webhook delivered,
 * the usual cast (seller "kedai" with a live show, a buyer with a default address), a default
 * card, a won lot, an order as stored now.
 *
 * Like fixture.h's helpers these fail the test (cmocka assert) when a step that is not under
 * test is refused. The fake and the handlers pay_fixture_use chose are kept until it is called
 * again: one test at a time, as cmocka runs them.
 */
#ifndef TESTS_UNIT_APP_PAY_FIXTURE_H
#define TESTS_UNIT_APP_PAY_FIXTURE_H

#include "domain/delivery.h"
#include "domain/order.h"
#include "fake_payments.h"
#include "fixture.h"

#include <stddef.h>
#include <stdint.h>

/* The flows whose outbox handlers pay_fixture_outbox runs, or'ed. */
enum {
    PAY_FIX_PAYMENTS = 1, /* app_payment_handlers (checkout.h) */
    PAY_FIX_PAYOUTS = 2,  /* app_payout_handlers and app_payout_account_handlers (payouts.h) */
    PAY_FIX_PLANS = 4     /* app_plan_handlers (plans.h) */
};

/* Make `fp` a fresh fake (fake_payments_init), install it as f's payments port, and have
 * pay_fixture_outbox run the handlers of `flows` and pay_fixture_webhook read fp->event. `fp`
 * is borrowed: it must outlive the test. */
void pay_fixture_use(fixture *f, fake_payments *fp, unsigned flows);

/* Run the due outbox rows with the video port's handlers and those of the flows
 * pay_fixture_use named (fixture_video_outbox); how many rows ran. */
int pay_fixture_outbox(fixture *f);

/* Deliver a webhook whose event the fake reads as fp->event with kind `kind`, id `id` and,
 * unless `type` is NULL, type `type` (the rest as the test left it): app_payment_webhook's
 * code. */
int pay_fixture_webhook(fixture *f, const char *id, payments_event_kind kind, const char *type);

/* Order `id` as stored now (asserts it exists). */
order_record pay_fixture_order(fixture *f, int64_t id);

/* Give `user` customer `customer` at the provider and a default card on file: id 77,
 * "pm_card_visa", a Visa ending 4242, expiring 12/2030. */
void pay_fixture_card(fixture *f, int64_t user, const char *customer);

#define PAY_FIX_LOTS 4

/* Seller "kedai", a live show of `n` lots (fixture_product: one unit of 250 g each), a buyer
 * with a default address: the cast of a payments test. */
typedef struct pay_cast {
    int64_t seller, buyer, show;
    int64_t lots[PAY_FIX_LOTS];
    int64_t address; /* the buyer's default */
    int64_t opening; /* the starting bid of the auctions pay_fixture_win runs: 1000 (RM10) */
} pay_cast;

/* The cast, with buyer `buyer` (a username) at address `to`; n <= PAY_FIX_LOTS. */
pay_cast pay_fixture_cast(fixture *f, const char *buyer, size_t n, const delivery_input *to);

/* `who` wins lot i of the show with a bid of `price` in an auction opening at k->opening,
 * closed when its 30 s are over (f->ctx.now moves on): the order it made. */
order_record pay_fixture_win(fixture *f, const pay_cast *k, size_t i, int64_t who, int64_t price);

#endif
