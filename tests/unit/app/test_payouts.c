/* Sellers' payouts (app/payouts.h) with the in-memory payments port: onboarding makes the
 * account once and a link per request; the buyer's "I have received it"; completion after the
 * protection window and the share's transfer (waiting for payouts when they are off, held by
 * a dispute); a refund's reversal enqueued as the refunds flow enqueues it; payouts recorded
 * once; a payouts page whose sums add up to the sen. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/addresses.h"
#include "app/auctions.h"
#include "app/checkout.h"
#include "app/orders.h"
#include "app/payment_events.h"
#include "app/payouts.h"
#include "base/err.h"
#include "pay_fixture.h"

#define S_MS   1000LL
#define WINDOW (3 * 24 * 3600 * S_MS)

static fake_payments fp;

/* Seller "kedai", a show of `n` lots, a buyer "ali" with an address and a default card, the
 * fake payments port, and the payment and payout handlers for the outbox. */
static pay_cast cast_of(fixture *f, size_t n)
{
    delivery_input to = {.name = "Ali bin Abu",
                         .phone = "012-345 6789",
                         .address = {.line1 = "5 Jalan Gaya",
                                     .city = "Shah Alam",
                                     .state = "Selangor",
                                     .postcode = "40000"}};
    pay_cast k = pay_fixture_cast(f, "ali", n, &to);
    pay_fixture_card(f, k.buyer, "cus_ali");
    pay_fixture_use(f, &fp, PAY_FIX_PAYMENTS | PAY_FIX_PAYOUTS);
    f->env.cfg.pay.protection_ms = WINDOW;
    return k;
}

/* Ali wins lot i at `price`, paid off-session with his card: the order, paid. */
static order_record paid_win(fixture *f, const pay_cast *k, size_t i, int64_t price)
{
    order_record o = pay_fixture_win(f, k, i, k->buyer, price);
    pay_fixture_outbox(f); /* order.charge, then payment.create */
    pay_fixture_outbox(f);
    o = pay_fixture_order(f, o.id);
    assert_string_equal(o.status, "paid");
    return o;
}

static int webhook(fixture *f, const char *id, payments_event_kind kind)
{
    return pay_fixture_webhook(f, id, kind, "x");
}

/* The seller onboards; `enabled`: the provider then says payouts are on. The account id. */
static const char *onboard(fixture *f, const pay_cast *k, bool enabled)
{
    payout_onboarding o;
    assert_int_equal(app_payout_onboard(&f->ctx, k->seller, "http://shop.test:8080", &o), BZ_OK);
    pay_fixture_outbox(f);
    payout_account acct;
    assert_int_equal(store_payout_account_get(f->ctx.store, k->seller, f->ctx.arena, &acct), BZ_OK);
    if (enabled) {
        memset(&fp.event, 0, sizeof(fp.event));
        snprintf(fp.event.acct.id, sizeof(fp.event.acct.id), "%s", acct.account_id);
        fp.event.acct.details_submitted = fp.event.acct.charges_enabled = true;
        fp.event.acct.payouts_enabled = true;
        assert_int_equal(webhook(f, "evt_acct_on", PAYMENTS_EV_ACCOUNT_UPDATED), BZ_OK);
    }
    return acct.account_id;
}

/* ali says it arrived; the window passes; the chore completes it. */
static void deliver_and_complete(fixture *f, const pay_cast *k, int64_t order_id)
{
    order_record o;
    assert_int_equal(app_order_received(&f->ctx, k->buyer, order_id, &o), BZ_OK);
    f->ctx.now += WINDOW;
    assert_int_equal(app_orders_complete(&f->ctx, 10), 1);
    assert_string_equal(pay_fixture_order(f, order_id).status, "completed");
}

static checkout_payouts sums_of(fixture *f, const pay_cast *k)
{
    app_payouts_view v;
    assert_int_equal(app_payouts_get(&f->ctx, k->seller, &v), BZ_OK);
    assert_int_equal(v.sums.pending + v.sums.available + v.sums.paid_out, v.sums.earned);
    return v.sums;
}

/* One account however many requests; a link each, back to the web app's payouts page. */
static void onboarding_makes_one_account_and_a_link_each(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 1);
    payout_onboarding o, got;
    int64_t ali = k.buyer;
    assert_int_equal(app_payout_onboard(&f->ctx, ali, "http://shop.test", &o), BZ_ENOTSELLER);
    assert_int_equal(app_payout_onboard(&f->ctx, k.seller, "http://x\"y", &o), BZ_EVALIDATION);
    assert_int_equal(app_payout_onboard(&f->ctx, k.seller, "http://shop.test:8080", &o), BZ_OK);
    assert_string_equal(o.status, "creating");
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_ACCOUNT_CREATE], 1);
    char key[64];
    snprintf(key, sizeof(key), "blytz-account-seller-%" PRId64, k.seller);
    assert_string_equal(fp.key[FAKE_PAY_ACCOUNT_CREATE], key);
    assert_string_equal(fp.account_req.country, "MY");
    assert_string_equal(fp.link_return, "http://shop.test:8080/studio/payouts?onboarding=done");
    assert_string_equal(fp.link_refresh, "http://shop.test:8080/studio/payouts?onboarding=again");
    assert_int_equal(app_payout_onboarding_get(&f->ctx, k.seller, o.id, &got), BZ_OK);
    assert_string_equal(got.status, "ready");
    assert_true(strncmp(got.url, "https://connect.fake/setup/acct_", 32) == 0);
    assert_int_equal(app_payout_onboarding_get(&f->ctx, ali, o.id, &got), BZ_ENOTFOUND);

    assert_int_equal(app_payout_onboard(&f->ctx, k.seller, "http://shop.test:8080", &o), BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_ACCOUNT_CREATE], 1); /* the account is kept */
    assert_int_equal(fp.calls[FAKE_PAY_ACCOUNT_LINK], 2);

    app_payouts_view v;
    assert_int_equal(app_payouts_get(&f->ctx, k.seller, &v), BZ_OK);
    assert_non_null(v.account);
    assert_false(v.account->payouts_enabled);
    assert_int_equal(v.sums.earned, 0);
}

/* The demo seller's account: made by the worker with the test identity (their pickup address,
 * the shop for what they sell, the terms accepted when asked), then read back: payouts enabled
 * at once. Names and phone are checked before anything is queued; the key is the seller's, as
 * onboarding's (one account either way); a refusal (a live key) parks the job, nothing kept. */
static void a_test_account_is_enabled_at_once(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 1);
    assert_int_equal(app_payout_test_account(&f->ctx, k.buyer, "Ali", "Abu", "+60123456789"),
                     BZ_ENOTSELLER);
    assert_int_equal(app_payout_test_account(&f->ctx, k.seller, "Ali\"", "Abu", "+60123456789"),
                     BZ_EVALIDATION);
    assert_int_equal(app_payout_test_account(&f->ctx, k.seller, "Ali", "Abu", "012-345 6789"),
                     BZ_EVALIDATION);
    assert_int_equal(pay_fixture_outbox(f), 0);

    fp.fail[FAKE_PAY_ACCOUNT_CREATE] = BZ_EVALIDATION; /* what the adapter says on a live key */
    assert_int_equal(app_payout_test_account(&f->ctx, k.seller, "Aminah", "Hassan", "+60123456789"),
                     BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1); /* ran, refused: parked */
    assert_int_equal(fp.calls[FAKE_PAY_ACCOUNT_CREATE], 0);
    app_payouts_view v;
    assert_int_equal(app_payouts_get(&f->ctx, k.seller, &v), BZ_OK);
    assert_true(v.account && !(v.account->account_id && v.account->account_id[0]));

    fp.fail[FAKE_PAY_ACCOUNT_CREATE] = BZ_OK;
    fp.account = (payments_account){
        .charges_enabled = true, .payouts_enabled = true, .details_submitted = true};
    f->ctx.now += 60 * S_MS;
    assert_int_equal(app_payout_test_account(&f->ctx, k.seller, "Aminah", "Hassan", "+60123456789"),
                     BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_ACCOUNT_CREATE], 1);
    char key[64];
    snprintf(key, sizeof(key), "blytz-account-seller-%" PRId64, k.seller);
    assert_string_equal(fp.key[FAKE_PAY_ACCOUNT_CREATE], key);
    const payments_test_identity *t = fp.account_req.test_identity;
    assert_non_null(t);
    assert_string_equal(t->first_name, "Aminah");
    assert_string_equal(t->last_name, "Hassan");
    assert_string_equal(t->phone, "+60123456789");
    assert_string_equal(t->address.city, "Kuala Lumpur");
    assert_string_equal(t->what_they_sell, "Kedai");
    assert_int_equal(t->terms_accepted_at, f->ctx.now);
    assert_int_equal(fp.calls[FAKE_PAY_ACCOUNT_GET], 1);
    assert_int_equal(app_payouts_get(&f->ctx, k.seller, &v), BZ_OK);
    assert_string_equal(v.account->account_id, fp.id[FAKE_PAY_ACCOUNT_GET]);
    assert_true(v.account->payouts_enabled && v.account->charges_enabled);

    /* asked again: the account is kept, nothing made twice */
    f->ctx.now += S_MS;
    assert_int_equal(app_payout_test_account(&f->ctx, k.seller, "Aminah", "Hassan", "+60123456789"),
                     BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_ACCOUNT_CREATE], 1);
}

/* Only the buyer says it arrived; completion waits for the window and transfers the share to
 * the seller's account, with the order's group, from the charge that paid it; a payout paid
 * from there is counted once; the sums add up at every step. */
static void completion_transfers_the_share(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 1);
    const char *acct = onboard(f, &k, true);
    order_record o = paid_win(f, &k, 0, 10000); /* RM100 + RM7 shipping; 10 % of the items */
    assert_int_equal(o.share, 10700 - 1000);
    checkout_payouts s = sums_of(f, &k);
    assert_int_equal(s.pending, 9700);
    assert_int_equal(s.available, 0);

    order_record got;
    assert_int_equal(app_order_received(&f->ctx, k.seller, o.id, &got), BZ_EONLYBUYER);
    assert_int_equal(app_order_received(&f->ctx, fixture_user(f, "bala"), o.id, &got),
                     BZ_ENOTFOUND);
    assert_int_equal(app_order_received(&f->ctx, k.buyer, o.id, &got), BZ_OK);
    assert_string_equal(got.status, "delivered");
    assert_int_equal(app_order_received(&f->ctx, k.buyer, o.id, &got), BZ_EORDERSTATE);
    f->ctx.now += WINDOW - 1;
    assert_int_equal(app_orders_complete(&f->ctx, 10), 0); /* not before the window ends */
    f->ctx.now += 1;
    assert_int_equal(app_orders_complete(&f->ctx, 10), 1);
    assert_string_equal(pay_fixture_order(f, o.id).status, "completed");
    assert_int_equal(app_orders_complete(&f->ctx, 10), 0);
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_CREATE], 0); /* the worker sends it */

    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_CREATE], 1);
    assert_int_equal(fp.transfer_req.amount, 9700);
    assert_string_equal(fp.transfer_req.destination, acct);
    char group[32];
    snprintf(group, sizeof(group), "order_%" PRId64, o.id);
    assert_string_equal(fp.transfer_req.transfer_group, group);
    assert_non_null(fp.transfer_req.source_charge);
    payout_transfer t;
    assert_int_equal(store_transfer_get(f->ctx.store, o.id, false, f->ctx.arena, &t), BZ_OK);
    assert_string_equal(t.status, "sent");
    assert_int_equal(t.amount, 9700);
    s = sums_of(f, &k);
    assert_int_equal(s.pending, 0);
    assert_int_equal(s.available, 9700);

    memset(&fp.event, 0, sizeof(fp.event));
    snprintf(fp.event.account, sizeof(fp.event.account), "%s", acct);
    snprintf(fp.event.object_id, sizeof(fp.event.object_id), "po_1");
    fp.event.amount = 4000;
    assert_int_equal(webhook(f, "evt_po_1", PAYMENTS_EV_PAYOUT_PAID), BZ_OK);
    assert_int_equal(webhook(f, "evt_po_1b", PAYMENTS_EV_PAYOUT_PAID), BZ_OK); /* same payout */
    s = sums_of(f, &k);
    assert_int_equal(s.paid_out, 4000);
    assert_int_equal(s.available, 5700);
    assert_int_equal(s.earned, 9700);
}

/* Completed before payouts were enabled: the share waits, and goes when account.updated says
 * payouts are on. A disputed order never completes. */
static void a_share_waits_for_payouts_and_disputes_hold(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 2);
    onboard(f, &k, false);
    order_record o = paid_win(f, &k, 0, 5000);
    deliver_and_complete(f, &k, o.id);
    assert_int_equal(pay_fixture_outbox(f), 0);
    payout_transfer t;
    assert_int_equal(store_transfer_get(f->ctx.store, o.id, false, f->ctx.arena, &t), BZ_OK);
    assert_string_equal(t.status, "waiting");
    assert_int_equal(sums_of(f, &k).pending, o.share);

    order_record d = paid_win(f, &k, 1, 3000);
    assert_int_equal(app_order_received(&f->ctx, k.buyer, d.id, &d), BZ_OK);
    d.status = "disputed"; /* as the dispute's webhook leaves it */
    assert_int_equal(store_order_save(f->ctx.store, &d), BZ_OK);
    f->ctx.now += WINDOW;
    assert_int_equal(app_orders_complete(&f->ctx, 10), 0);

    payout_account acct;
    assert_int_equal(store_payout_account_get(f->ctx.store, k.seller, f->ctx.arena, &acct), BZ_OK);
    memset(&fp.event, 0, sizeof(fp.event));
    snprintf(fp.event.acct.id, sizeof(fp.event.acct.id), "%s", acct.account_id);
    fp.event.acct.payouts_enabled = true;
    snprintf(fp.event.acct.requirements_due, sizeof(fp.event.acct.requirements_due), "x,y");
    assert_int_equal(webhook(f, "evt_on", PAYMENTS_EV_ACCOUNT_UPDATED), BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_CREATE], 1);
    assert_int_equal(fp.transfer_req.amount, o.share);
    assert_int_equal(store_transfer_get(f->ctx.store, d.id, false, f->ctx.arena, &t),
                     BZ_ENOTFOUND); /* nothing for the disputed one */
    app_payouts_view v;
    assert_int_equal(app_payouts_get(&f->ctx, k.seller, &v), BZ_OK);
    assert_string_equal(v.account->requirements_due, "x,y");
    assert_int_equal(v.sums.available, o.share);
    assert_int_equal(v.sums.pending, d.share);
}

/* A refund of a transferred order reverses its part of the share, once, however many times
 * the row is enqueued; a reversal of an order whose share was never sent does nothing. */
static void a_refund_reverses_the_transfer_once(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 1);
    onboard(f, &k, true);
    order_record o = paid_win(f, &k, 0, 10000);
    deliver_and_complete(f, &k, o.id);
    pay_fixture_outbox(f);
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_CREATE], 1);

    /* the refunds flow: RM21.40 of RM107.00 back to ali, and its reversal enqueued */
    order_record now = pay_fixture_order(f, o.id);
    int64_t reversal = 0;
    assert_int_equal(checkout_reversal(now.paid, now.share, 0, 2140, &reversal), BZ_OK);
    assert_int_equal(reversal, 1940); /* 9700 * 2140 / 10700 */
    now.refunded = 2140;
    assert_int_equal(store_order_save(f->ctx.store, &now), BZ_OK);
    char payload[96];
    snprintf(payload, sizeof(payload), "{\"order_id\":%" PRId64 ",\"amount\":%" PRId64 "}", o.id,
             reversal);
    assert_int_equal(store_begin(f->ctx.store), BZ_OK);
    assert_int_equal(app_outbox_enqueue(&f->ctx, APP_TRANSFER_REVERSE, "r1", payload), BZ_OK);
    assert_int_equal(app_outbox_enqueue(&f->ctx, APP_TRANSFER_REVERSE, "r2", payload), BZ_OK);
    assert_int_equal(store_commit(f->ctx.store), BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 2);
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_REVERSE], 1);
    assert_int_equal(fp.reverse_amount, 1940);
    assert_int_equal(fp.reverse_order, o.id);
    payout_transfer t;
    assert_int_equal(store_transfer_get(f->ctx.store, o.id, false, f->ctx.arena, &t), BZ_OK);
    assert_int_equal(t.reversed, 1940);
    checkout_payouts s = sums_of(f, &k);
    assert_int_equal(s.available, 9700 - 1940);
    assert_int_equal(s.pending, 0);

    /* an order never transferred: nothing to reverse */
    snprintf(payload, sizeof(payload), "{\"order_id\":%" PRId64 ",\"amount\":5}", o.id + 1);
    assert_int_equal(store_begin(f->ctx.store), BZ_OK);
    assert_int_equal(app_outbox_enqueue(&f->ctx, APP_TRANSFER_REVERSE, "r3", payload), BZ_OK);
    assert_int_equal(store_commit(f->ctx.store), BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_REVERSE], 1);
}

/* Payouts turned off after a transfer's amount was fixed (the provider did not answer), and a
 * refund meanwhile: its reversal finds nothing sent and does nothing; when payouts come back
 * the transfer goes out as fixed, and what the seller holds beyond the share left is
 * reversed then, once. */
static void a_refund_before_a_fixed_transfer_is_sent_is_reversed_after(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 1);
    const char *acct = onboard(f, &k, true);
    order_record o = paid_win(f, &k, 0, 10000);
    deliver_and_complete(f, &k, o.id);
    fp.fail[FAKE_PAY_TRANSFER_CREATE] = BZ_EUNAVAILABLE;
    pay_fixture_outbox(f);
    payout_transfer t;
    assert_int_equal(store_transfer_get(f->ctx.store, o.id, false, f->ctx.arena, &t), BZ_OK);
    assert_string_equal(t.status, "pending");
    assert_int_equal(t.amount, 9700); /* fixed for the retries */

    memset(&fp.event, 0, sizeof(fp.event)); /* Stripe turns payouts off */
    snprintf(fp.event.acct.id, sizeof(fp.event.acct.id), "%s", acct);
    assert_int_equal(webhook(f, "evt_off", PAYMENTS_EV_ACCOUNT_UPDATED), BZ_OK);
    fp.fail[FAKE_PAY_TRANSFER_CREATE] = BZ_OK;
    f->ctx.now += 3600 * S_MS;
    pay_fixture_outbox(f);
    assert_int_equal(store_transfer_get(f->ctx.store, o.id, false, f->ctx.arena, &t), BZ_OK);
    assert_string_equal(t.status, "waiting");
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_CREATE], 0);

    order_record now = pay_fixture_order(f, o.id); /* the refunds flow: RM21.40 back */
    now.refunded = 2140;
    assert_int_equal(store_order_save(f->ctx.store, &now), BZ_OK);
    char payload[96];
    snprintf(payload, sizeof(payload), "{\"order_id\":%" PRId64 ",\"amount\":1940}", o.id);
    assert_int_equal(store_begin(f->ctx.store), BZ_OK);
    assert_int_equal(app_outbox_enqueue(&f->ctx, APP_TRANSFER_REVERSE, "r1", payload), BZ_OK);
    assert_int_equal(store_commit(f->ctx.store), BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_REVERSE], 0); /* nothing sent: nothing back */

    fp.event.acct.payouts_enabled = true;
    assert_int_equal(webhook(f, "evt_on_again", PAYMENTS_EV_ACCOUNT_UPDATED), BZ_OK);
    for (int i = 0; i < 3; i++) {
        f->ctx.now += 3600 * S_MS;
        pay_fixture_outbox(f);
    }
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_CREATE], 1);
    assert_int_equal(fp.transfer_req.amount, 9700); /* the request as fixed */
    assert_int_equal(fp.calls[FAKE_PAY_TRANSFER_REVERSE], 1);
    assert_int_equal(fp.reverse_amount, 1940);
    assert_int_equal(store_transfer_get(f->ctx.store, o.id, false, f->ctx.arena, &t), BZ_OK);
    assert_string_equal(t.status, "sent");
    assert_int_equal(t.reversed, 1940);
    checkout_payouts s = sums_of(f, &k);
    assert_int_equal(s.available, 7760);
    assert_int_equal(s.pending, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(onboarding_makes_one_account_and_a_link_each), T(a_test_account_is_enabled_at_once),
          T(completion_transfers_the_share), T(a_share_waits_for_payouts_and_disputes_hold),
          T(a_refund_reverses_the_transfer_once),
          T(a_refund_before_a_fixed_transfer_is_sent_is_reversed_after))
