/* Refunds and disputes (app/refunds.h) with the in-memory payments port: a seller refunds in
 * part then in full (the provider asked once per refund, with the order's part only), every
 * refusal (more than is left, nothing, less than nothing, someone else, an unpaid order) leaves
 * the order as it was, a refund the provider refuses is given back, refunds made at the
 * provider's dashboard are counted once whatever the events' order, and disputes hold the
 * order, tell the seller and settle it when they close. */
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
#include "app/notifications.h"
#include "app/payment_events.h"
#include "app/refunds.h"
#include "base/err.h"
#include "pay_fixture.h"

static fake_payments fp;

/* A seller's show in which buyer "siti" won `n` lots at prices[i] and paid them in one payment
 * on-session (Selangor: RM7.00 shipping for the parcel). */
typedef struct sold {
    pay_cast k; /* seller "kedai", buyer "siti", the lots */
    order_record orders[3];
    payment_record pay;
    size_t n;
} sold;

static int webhook(fixture *f, const char *id, payments_event_kind kind)
{
    return pay_fixture_webhook(f, id, kind, NULL);
}

static sold paid_sale(fixture *f, const int64_t *prices, size_t n)
{
    delivery_input to = {.name = "Siti",
                         .phone = "019-876 5432",
                         .address = {.line1 = "8 Jalan Ampang",
                                     .city = "Shah Alam",
                                     .state = "Selangor",
                                     .postcode = "40000"}};
    sold s = {.k = pay_fixture_cast(f, "siti", n, &to), .n = n};
    s.k.opening = 100;
    pay_fixture_use(f, &fp, PAY_FIX_PAYMENTS);
    for (size_t i = 0; i < n; i++) {
        s.orders[i] = pay_fixture_win(f, &s.k, i, s.k.buyer, prices[i]);
    }
    pay_fixture_outbox(f);
    assert_int_equal(app_checkout_pay(&f->ctx, s.k.buyer, s.orders[0].id, 0, PAYMENTS_CARD, &s.pay),
                     BZ_OK);
    pay_fixture_outbox(f);
    assert_int_equal(app_payment_get(&f->ctx, s.k.buyer, s.pay.id, &s.pay, NULL, NULL), BZ_OK);
    payments_intent *in = fake_payments_settle(&fp, s.pay.intent_id, PAYMENTS_INTENT_SUCCEEDED);
    memset(&fp.event, 0, sizeof(fp.event));
    fp.event.intent = *in;
    assert_int_equal(webhook(f, "evt_paid", PAYMENTS_EV_INTENT_SUCCEEDED), BZ_OK);
    for (size_t i = 0; i < n; i++) {
        s.orders[i] = pay_fixture_order(f, s.orders[i].id);
        assert_string_equal(s.orders[i].status, "paid");
    }
    memset(&fp.event, 0, sizeof(fp.event));
    snprintf(fp.event.intent_id, sizeof(fp.event.intent_id), "%s", s.pay.intent_id);
    return s;
}

static refund_record one_refund(fixture *f, int64_t order_id, size_t i)
{
    order_record o;
    refund_record *rows;
    size_t n = 0;
    bool may = true;
    assert_int_equal(app_refunds_of(&f->ctx, pay_fixture_order(f, order_id).buyer_id, order_id, &o,
                                    &rows, &n, &may),
                     BZ_OK);
    assert_false(may); /* the buyer reads them, never asks */
    assert_true(i < n);
    return rows[i];
}

/* In part, then all that is left: the provider is asked once per refund, for the order's own
 * part of its payment; the lot that never shipped goes back to stock; then nothing is left. */
static void a_seller_refunds_in_part_then_in_full(void **state)
{
    fixture *f = *state;
    const int64_t prices[] = {1000};
    sold s = paid_sale(f, prices, 1);
    int64_t id = s.orders[0].id;
    assert_int_equal(s.orders[0].paid, 1700); /* RM10.00 and RM7.00 shipping */

    refund_record r;
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, id, 500, "damaged", "cracked", &r), BZ_OK);
    assert_string_equal(r.status, "creating");
    assert_int_equal(r.amount, 500);
    assert_string_equal(r.order_state, "paid");
    order_record o = pay_fixture_order(f, id);
    assert_string_equal(o.status, "paid");
    assert_int_equal(o.refunded, 500);
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_REFUND_CREATE], 1);
    assert_string_equal(fp.refund_req.intent, s.pay.intent_id);
    assert_int_equal(fp.refund_req.amount, 500);
    assert_int_equal(fp.refund_req.reason, PAYMENTS_REFUND_REQUESTED);
    assert_int_equal(fp.refund_req.refund_id, r.id);
    r = one_refund(f, id, 0);
    assert_string_equal(r.status, "succeeded");
    assert_true(strncmp(r.provider_id, "re_", 3) == 0);

    assert_int_equal(fixture_quantity(f, s.k.lots[0]), 0);
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, id, 0, "out_of_stock", NULL, &r), BZ_OK);
    assert_int_equal(r.amount, 1200); /* all that was left */
    o = pay_fixture_order(f, id);
    assert_string_equal(o.status, "refunded");
    assert_int_equal(o.refunded, 1700);
    assert_int_equal(fixture_quantity(f, s.k.lots[0]), 1); /* never shipped: back in stock */
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_REFUND_CREATE], 2);
    assert_int_equal(fp.refund_req.amount, 1200);
    assert_int_equal(pay_fixture_outbox(f), 0); /* each refund asked once */

    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, id, 0, "other", NULL, &r), BZ_EORDERSTATE);
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, id, 1, "other", NULL, &r), BZ_EORDERSTATE);
    assert_int_equal(pay_fixture_order(f, id).refunded, 1700);
}

/* Every refusal leaves the order and the provider alone. */
static void refunds_beyond_the_rules_are_refused(void **state)
{
    fixture *f = *state;
    const int64_t prices[] = {3000, 1000};
    sold s = paid_sale(f, prices, 2);
    int64_t a = s.orders[0].id, b = s.orders[1].id;
    int64_t paid_a = s.orders[0].paid;
    assert_int_equal(paid_a + s.orders[1].paid, s.pay.sums.total);
    refund_record r;
    /* more than this order's part, though the payment has it */
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, a, paid_a + 1, "damaged", NULL, &r),
                     BZ_EREFUNDEXCEEDS);
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, a, -1, "damaged", NULL, &r),
                     BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "amount");
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, a, 100, "duplicate", NULL, &r),
                     BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "reason");
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, a, 100, "other", "\x01", &r),
                     BZ_EVALIDATION);
    /* the buyer, or anyone else, may not: the order is not theirs to refund */
    assert_int_equal(app_refund_ask(&f->ctx, s.k.buyer, a, 100, "other", NULL, &r), BZ_ENOTFOUND);
    assert_int_equal(app_refund_ask(&f->ctx, fixture_user(f, "orang"), a, 100, "other", NULL, &r),
                     BZ_ENOTFOUND);
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, 424242, 100, "other", NULL, &r),
                     BZ_ENOTFOUND);
    /* two refunds that fit alone but not together: the second is refused */
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, a, paid_a - 100, "damaged", NULL, &r),
                     BZ_OK);
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, a, 101, "damaged", NULL, &r),
                     BZ_EREFUNDEXCEEDS);
    assert_int_equal(pay_fixture_order(f, a).refunded, paid_a - 100);
    assert_int_equal(pay_fixture_order(f, b).refunded,
                     0); /* the other order of the payment: untouched */
    pay_fixture_outbox(f);
    assert_int_equal(fp.calls[FAKE_PAY_REFUND_CREATE], 1);
    /* without payments configured, nothing */
    f->env.payments = NULL;
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, b, 100, "other", NULL, &r),
                     BZ_EUNAVAILABLE);
    f->env.payments = &fp.base;
}

/* The provider refuses a refund (the charge has less left than we thought): the row fails and
 * the order gets back what it counted, state included. */
static void a_refused_refund_is_given_back(void **state)
{
    fixture *f = *state;
    const int64_t prices[] = {1000};
    sold s = paid_sale(f, prices, 1);
    int64_t id = s.orders[0].id;
    refund_record r;
    assert_int_equal(fixture_quantity(f, s.k.lots[0]), 0);
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, id, 0, "buyer_request", NULL, &r), BZ_OK);
    assert_string_equal(pay_fixture_order(f, id).status, "refunded");
    assert_int_equal(fixture_quantity(f, s.k.lots[0]), 1); /* back on sale */
    fp.fail[FAKE_PAY_REFUND_CREATE] = BZ_ESTRIPEREFUSED;
    pay_fixture_outbox(f);
    order_record o = pay_fixture_order(f, id);
    assert_string_equal(o.status, "paid");
    assert_int_equal(o.refunded, 0);
    assert_int_equal(fixture_quantity(f, s.k.lots[0]), 0); /* the buyer's again */
    assert_string_equal(one_refund(f, id, 0).status, "failed");
    fp.fail[FAKE_PAY_REFUND_CREATE] = BZ_OK;
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, id, 1700, "buyer_request", NULL, &r),
                     BZ_OK); /* it can be asked again */
}

/* A refund that succeeded and then failed at the bank (refund.failed, charge.refund.updated:
 * both read as one kind) is given back to its order, its lot taken off sale again; a copy of
 * the event, or an older "succeeded" after it, changes nothing; one not ours is acknowledged.
 * When the lot sold again meanwhile, the order's timeline says so. */
static void a_refund_that_fails_later_is_given_back(void **state)
{
    fixture *f = *state;
    const int64_t prices[] = {1000, 800};
    sold s = paid_sale(f, prices, 2);
    int64_t a = s.orders[0].id, b = s.orders[1].id;
    refund_record r, ra, rb;
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, a, 0, "buyer_request", NULL, &ra), BZ_OK);
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, b, 0, "out_of_stock", NULL, &rb), BZ_OK);
    pay_fixture_outbox(f);
    r = one_refund(f, a, 0);
    assert_string_equal(r.status, "succeeded");
    assert_string_equal(pay_fixture_order(f, a).status, "refunded");
    assert_int_equal(fixture_quantity(f, s.k.lots[0]), 1);

    snprintf(fp.event.object_id, sizeof(fp.event.object_id), "%s", r.provider_id);
    snprintf(fp.event.status, sizeof(fp.event.status), "failed");
    fp.event.amount = r.amount;
    fp.event.refund_id = r.id;
    assert_int_equal(webhook(f, "evt_rf1", PAYMENTS_EV_REFUND_UPDATED), BZ_OK);
    order_record o = pay_fixture_order(f, a);
    assert_string_equal(o.status, "paid");
    assert_int_equal(o.refunded, 0);
    assert_string_equal(one_refund(f, a, 0).status, "failed");
    assert_int_equal(fixture_quantity(f, s.k.lots[0]), 0);
    assert_int_equal(webhook(f, "evt_rf2", PAYMENTS_EV_REFUND_UPDATED), BZ_OK); /* the other */
    snprintf(fp.event.status, sizeof(fp.event.status), "succeeded");
    assert_int_equal(webhook(f, "evt_rf0", PAYMENTS_EV_REFUND_UPDATED), BZ_OK); /* older */
    assert_string_equal(one_refund(f, a, 0).status, "failed");
    assert_int_equal(pay_fixture_order(f, a).refunded, 0);

    /* by its provider id alone (no metadata); its lot sold again meanwhile */
    assert_int_equal(store_product_take_one(f->ctx.store, s.k.lots[1], f->ctx.now), BZ_OK);
    r = one_refund(f, b, 0);
    snprintf(fp.event.object_id, sizeof(fp.event.object_id), "%s", r.provider_id);
    snprintf(fp.event.status, sizeof(fp.event.status), "failed");
    fp.event.refund_id = 0;
    assert_int_equal(webhook(f, "evt_rf3", PAYMENTS_EV_REFUND_UPDATED), BZ_OK);
    assert_string_equal(pay_fixture_order(f, b).status, "paid");
    assert_int_equal(fixture_quantity(f, s.k.lots[1]), 0);
    order_event_rec *log = NULL;
    size_t n = 0;
    assert_int_equal(store_order_events_of(f->ctx.store, b, f->ctx.arena, &log, &n), BZ_OK);
    assert_string_equal(log[n - 1].kind, "restock_lost");

    snprintf(fp.event.object_id, sizeof(fp.event.object_id), "re_nobody");
    assert_int_equal(webhook(f, "evt_rf4", PAYMENTS_EV_REFUND_UPDATED), BZ_OK); /* not ours */
}

/* charge.refunded says how much the charge has refunded in all: what is beyond our refunds was
 * done at the provider and is recorded once, however the events come. */
static void refunds_at_the_provider_are_counted_once(void **state)
{
    fixture *f = *state;
    const int64_t prices[] = {2000, 1000};
    sold s = paid_sale(f, prices, 2);
    int64_t a = s.orders[0].id, b = s.orders[1].id;
    refund_record r;
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, b, 300, "damaged", NULL, &r), BZ_OK);
    fp.event.amount_refunded = 300; /* ours, before the worker even heard back */
    assert_int_equal(webhook(f, "evt_r1", PAYMENTS_EV_CHARGE_REFUNDED), BZ_OK);
    assert_int_equal(pay_fixture_order(f, a).refunded + pay_fixture_order(f, b).refunded, 300);
    pay_fixture_outbox(f);

    fp.event.amount_refunded = 300 + 2500; /* 2500 more, refunded in the dashboard */
    assert_int_equal(webhook(f, "evt_r2", PAYMENTS_EV_CHARGE_REFUNDED), BZ_OK);
    order_record oa = pay_fixture_order(f, a), ob = pay_fixture_order(f, b);
    assert_int_equal(oa.refunded + ob.refunded, 2800);
    assert_int_equal(oa.refunded, oa.paid < 2500 ? oa.paid : 2500); /* the first order first */
    r = one_refund(f, oa.refunded ? a : b, 0);
    assert_string_equal(r.role, "provider");
    assert_string_equal(r.reason, "provider");
    assert_string_equal(r.status, "succeeded");
    assert_int_equal(webhook(f, "evt_r2", PAYMENTS_EV_CHARGE_REFUNDED), BZ_OK); /* again */
    fp.event.amount_refunded = 300;
    assert_int_equal(webhook(f, "evt_r0", PAYMENTS_EV_CHARGE_REFUNDED), BZ_OK); /* an old one */
    fp.event.amount_refunded = 2800;
    assert_int_equal(webhook(f, "evt_r3", PAYMENTS_EV_CHARGE_REFUNDED), BZ_OK); /* a copy */
    assert_int_equal(pay_fixture_order(f, a).refunded + pay_fixture_order(f, b).refunded, 2800);
    assert_int_equal(fp.calls[FAKE_PAY_REFUND_CREATE], 1); /* nothing asked of the provider */

    snprintf(fp.event.intent_id, sizeof(fp.event.intent_id), "pi_nobody");
    fp.event.amount_refunded = 100000;
    assert_int_equal(webhook(f, "evt_r4", PAYMENTS_EV_CHARGE_REFUNDED), BZ_OK); /* not ours */
}

/* A dispute holds every order of the charge and tells the seller once; lost, the orders are
 * refunded with what was left; a second copy of either event changes nothing. */
static void a_lost_dispute_refunds_the_orders(void **state)
{
    fixture *f = *state;
    const int64_t prices[] = {1000, 500};
    sold s = paid_sale(f, prices, 2);
    int64_t a = s.orders[0].id, b = s.orders[1].id;
    refund_record r;
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, a, 200, "damaged", NULL, &r), BZ_OK);
    snprintf(fp.event.object_id, sizeof(fp.event.object_id), "dp_1");
    fp.event.amount = s.pay.sums.total - 200;
    assert_int_equal(webhook(f, "evt_d1", PAYMENTS_EV_DISPUTE_CREATED), BZ_OK);
    assert_string_equal(pay_fixture_order(f, a).status, "disputed");
    assert_string_equal(pay_fixture_order(f, b).status, "disputed");
    assert_int_equal(webhook(f, "evt_d1b", PAYMENTS_EV_DISPUTE_CREATED), BZ_OK); /* a copy */
    app_notif_page page;
    assert_int_equal(app_notifications_list(&f->ctx, s.k.seller, 0, 10, &page), BZ_OK);
    assert_int_equal(page.n, 1);
    assert_string_equal(page.items[0].kind, "order_disputed");
    assert_int_equal(page.items[0].order_id, a);
    /* disputed: no refund through Blytz now, the bank decides */
    assert_int_equal(app_refund_ask(&f->ctx, s.k.seller, b, 100, "other", NULL, &r),
                     BZ_EORDERSTATE);

    snprintf(fp.event.status, sizeof(fp.event.status), "lost");
    assert_int_equal(webhook(f, "evt_d2", PAYMENTS_EV_DISPUTE_CLOSED), BZ_OK);
    order_record oa = pay_fixture_order(f, a), ob = pay_fixture_order(f, b);
    assert_string_equal(oa.status, "refunded");
    assert_string_equal(ob.status, "refunded");
    assert_int_equal(oa.refunded, oa.paid);
    assert_int_equal(ob.refunded, ob.paid);
    assert_int_equal(webhook(f, "evt_d3", PAYMENTS_EV_DISPUTE_CLOSED), BZ_OK); /* a copy */
    assert_int_equal(pay_fixture_order(f, a).refunded, oa.paid);
}

/* Won, the order completes; a close heard before the opening settles it all the same. */
static void a_won_dispute_completes_even_out_of_order(void **state)
{
    fixture *f = *state;
    const int64_t prices[] = {1000};
    sold s = paid_sale(f, prices, 1);
    int64_t id = s.orders[0].id;
    snprintf(fp.event.object_id, sizeof(fp.event.object_id), "dp_2");
    fp.event.amount = 1700;
    snprintf(fp.event.status, sizeof(fp.event.status), "won");
    assert_int_equal(webhook(f, "evt_c", PAYMENTS_EV_DISPUTE_CLOSED), BZ_OK);
    order_record o = pay_fixture_order(f, id);
    assert_string_equal(o.status, "completed");
    assert_int_equal(o.refunded, 0);
    snprintf(fp.event.status, sizeof(fp.event.status), "needs_response");
    assert_int_equal(webhook(f, "evt_o", PAYMENTS_EV_DISPUTE_CREATED), BZ_OK); /* late */
    assert_string_equal(pay_fixture_order(f, id).status, "completed");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(a_seller_refunds_in_part_then_in_full), T(refunds_beyond_the_rules_are_refused),
          T(a_refused_refund_is_given_back), T(refunds_at_the_provider_are_counted_once),
          T(a_lost_dispute_refunds_the_orders), T(a_won_dispute_completes_even_out_of_order),
          T(a_refund_that_fails_later_is_given_back))
