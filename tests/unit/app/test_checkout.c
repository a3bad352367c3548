/* The checkout use cases (app/checkout.h) with the in-memory payments port: what a quote
 * covers and costs, a payment made on-session and paid by the provider's word only, the
 * default card charged at a win (or refused), one success applied once, a late success
 * refunded, and orders past their deadline cancelled with their lots back in stock. */
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
#include "app/sellers.h"
#include "base/err.h"
#include "pay_fixture.h"

#define S_MS 1000LL

static const app_auction_input plain = {.starting_bid = 1000, .duration_s = 30};
static fake_payments fp;

/* Seller "kedai" (Kuala Lumpur), a live show with `n` lots (250 g each), a buyer "ali" with
 * a default address in `state`, the fake payments port installed with the payments' outbox
 * handlers. */
static pay_cast cast_of(fixture *f, size_t n, const char *state, const char *postcode)
{
    delivery_input to = {
        .name = "Ali bin Abu",
        .phone = "012-345 6789",
        .address = {.line1 = "5 Jalan Gaya", .city = "Kota", .state = state, .postcode = postcode}};
    pay_cast k = pay_fixture_cast(f, "ali", n, &to);
    pay_fixture_use(f, &fp, PAY_FIX_PAYMENTS);
    return k;
}

/* What a webhook says, as the port reads it. */
static int deliver(fixture *f, const char *event_id, payments_event_kind kind,
                   const payments_intent *in)
{
    memset(&fp.event, 0, sizeof(fp.event));
    fp.event.intent = *in;
    return pay_fixture_webhook(f, event_id, kind, "payment_intent.x");
}

/* Two wins in one show are quoted together: one parcel (500 g, West to West: RM7.00), items,
 * no tax, and where it goes; another buyer's order is not found. */
static void a_quote_covers_the_shows_wins(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 2, "Selangor", "40000");
    order_record a = pay_fixture_win(f, &k, 0, k.buyer, 1000),
                 b = pay_fixture_win(f, &k, 1, k.buyer, 2500);
    app_checkout co;
    assert_int_equal(app_checkout_quote(&f->ctx, k.buyer, b.id, 0, &co), BZ_OK);
    assert_int_equal(co.n, 2);
    assert_int_equal(co.orders[0].id, a.id);
    assert_int_equal(co.sums.items, 3500);
    assert_int_equal(co.parcel.actual_g, 500);
    assert_int_equal(co.sums.shipping, 700);
    assert_int_equal(co.sums.total, 4200);
    assert_int_equal(co.parts[0].total + co.parts[1].total, 4200);
    assert_int_equal(co.sums.commission, 350); /* 10 % of the items, none of the shipping */
    assert_false(co.address_fixed);
    assert_string_equal(co.ship_to.state, "Selangor");
    assert_string_equal(co.ship_phone, "+60123456789");
    assert_int_equal(co.pay_by, a.pay_by);
    int64_t bala = fixture_user(f, "bala");
    assert_int_equal(app_checkout_quote(&f->ctx, bala, b.id, 0, &co), BZ_ENOTFOUND);
}

/* East Malaysia costs more; no address is a clear refusal; past the deadline, no payment. */
static void a_quote_needs_an_address_and_time(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 2, "Sabah", "88000");
    order_record o = pay_fixture_win(f, &k, 0, k.buyer, 1000);
    app_checkout co;
    assert_int_equal(app_checkout_quote(&f->ctx, k.buyer, o.id, 0, &co), BZ_OK);
    assert_int_equal(co.sums.shipping, 1500); /* West to East */
    int64_t bala = fixture_user(f, "bala");
    order_record theirs = pay_fixture_win(f, &k, 1, bala, 1000);
    assert_int_equal(app_checkout_quote(&f->ctx, bala, theirs.id, 0, &co), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "address_id");
    assert_int_equal(app_checkout_quote(&f->ctx, k.buyer, o.id, 424242, &co), BZ_EVALIDATION);
    f->ctx.now = o.pay_by;
    assert_int_equal(app_checkout_quote(&f->ctx, k.buyer, o.id, 0, &co), BZ_EPAYDEADLINE);
}

/* On-session: the payment is made by the worker, opened with a client secret, and paid only
 * when the provider says so; the same event twice changes nothing. */
static void an_on_session_payment_is_paid_by_the_providers_word(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 2, "Selangor", "40000");
    order_record a = pay_fixture_win(f, &k, 0, k.buyer, 1000),
                 b = pay_fixture_win(f, &k, 1, k.buyer, 2500);
    pay_fixture_outbox(f); /* the wins' off-session charges: no card on file, nothing to do */
    assert_int_equal(fp.calls[FAKE_PAY_INTENT_CREATE], 0);

    payment_record p;
    assert_int_equal(app_checkout_pay(&f->ctx, k.buyer, a.id, 0, PAYMENTS_FPX, &p), BZ_OK);
    assert_string_equal(p.status, "creating");
    assert_int_equal(p.sums.total, 4200);
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_INTENT_CREATE], 1);
    assert_int_equal(fp.intent_req.amount, 4200);
    assert_string_equal(fp.intent_req.currency, "myr");
    assert_int_equal(fp.intent_req.methods, PAYMENTS_FPX);
    assert_int_equal(fp.intent_req.payment_id, p.id);
    assert_null(fp.intent_req.payment_method);
    payment_part *parts;
    size_t n;
    assert_int_equal(app_payment_get(&f->ctx, k.buyer, p.id, &p, &parts, &n), BZ_OK);
    assert_string_equal(p.status, "open");
    assert_true(strlen(p.client_secret) > 0);
    assert_int_equal(n, 2);
    assert_string_equal(pay_fixture_order(f, a.id).status,
                        "awaiting_payment"); /* not before Stripe */

    payments_intent *in = fake_payments_settle(&fp, p.intent_id, PAYMENTS_INTENT_SUCCEEDED);
    assert_non_null(in);
    assert_int_equal(deliver(f, "evt_1", PAYMENTS_EV_INTENT_SUCCEEDED, in), BZ_OK);
    order_record oa = pay_fixture_order(f, a.id), ob = pay_fixture_order(f, b.id);
    assert_string_equal(oa.status, "paid");
    assert_string_equal(ob.status, "paid");
    assert_int_equal(oa.paid + ob.paid, 4200);
    assert_int_equal(oa.shipping + ob.shipping, 700);
    assert_int_equal(oa.commission + ob.commission, 350);
    assert_int_equal(oa.payment_id, p.id);
    order_parcel parcel;
    assert_int_equal(store_parcel_get(f->ctx.store, oa.parcel_id, f->ctx.arena, &parcel), BZ_OK);
    assert_string_equal(parcel.ship_name, "Ali bin Abu"); /* fixed by the payment */
    assert_int_equal(deliver(f, "evt_1", PAYMENTS_EV_INTENT_SUCCEEDED, in), BZ_OK); /* again */
    assert_int_equal(pay_fixture_order(f, a.id).paid, oa.paid);

    /* the order's timeline */
    app_order_page one;
    order_event_rec *tl;
    size_t n_tl;
    assert_int_equal(app_order_get(&f->ctx, k.seller, a.id, &one, &tl, &n_tl), BZ_OK);
    assert_int_equal(n_tl, 2);
    assert_string_equal(tl[0].kind, ORDER_LOG_PAYMENT_STARTED);
    assert_string_equal(tl[1].kind, ORDER_LOG_PAID);
    assert_non_null(one.people[0].ship_to); /* the seller sees where it goes once paid */
    assert_string_equal(one.people[0].buyer_username, "ali");
}

/* A second attempt cancels the first; when the first succeeds anyway after the second paid,
 * its money goes back. */
static void a_late_success_is_refunded(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 1, "Selangor", "40000");
    order_record o = pay_fixture_win(f, &k, 0, k.buyer, 1000);
    pay_fixture_outbox(f);
    payment_record first, second;
    assert_int_equal(app_checkout_pay(&f->ctx, k.buyer, o.id, 0, 0, &first), BZ_OK);
    pay_fixture_outbox(f);
    assert_int_equal(app_payment_get(&f->ctx, k.buyer, first.id, &first, NULL, NULL), BZ_OK);
    assert_int_equal(app_checkout_pay(&f->ctx, k.buyer, o.id, 0, PAYMENTS_CARD, &second), BZ_OK);
    pay_fixture_outbox(f); /* the second's intent, and the first's cancellation */
    assert_int_equal(fp.calls[FAKE_PAY_INTENT_CANCEL], 1);
    assert_string_equal(fp.id[FAKE_PAY_INTENT_CANCEL], first.intent_id);
    assert_int_equal(app_payment_get(&f->ctx, k.buyer, second.id, &second, NULL, NULL), BZ_OK);

    payments_intent *in2 = fake_payments_settle(&fp, second.intent_id, PAYMENTS_INTENT_SUCCEEDED);
    assert_int_equal(deliver(f, "evt_2", PAYMENTS_EV_INTENT_SUCCEEDED, in2), BZ_OK);
    assert_string_equal(pay_fixture_order(f, o.id).status, "paid");
    /* the first succeeded at the bank before its cancellation landed */
    payments_intent late = fp.intents[0];
    late.status = PAYMENTS_INTENT_SUCCEEDED;
    late.amount_received = late.amount;
    assert_int_equal(deliver(f, "evt_3", PAYMENTS_EV_INTENT_SUCCEEDED, &late), BZ_OK);
    assert_int_equal(pay_fixture_order(f, o.id).payment_id, second.id);
    pay_fixture_outbox(f);
    assert_int_equal(fp.calls[FAKE_PAY_REFUND_CREATE], 1);
    assert_string_equal(fp.refund_req.intent, first.intent_id);
    assert_int_equal(fp.refund_req.amount, first.sums.total);
    assert_int_equal(fp.refund_req.reason, PAYMENTS_REFUND_DUPLICATE);
}

/* The default card is charged at the win, for the lot alone; a second win of the show pays
 * only what the parcel's shipping grows by. */
static void the_default_card_is_charged_at_the_win(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 3, "Selangor", "40000");
    pay_fixture_card(f, k.buyer, "cus_ali");
    order_record a = pay_fixture_win(f, &k, 0, k.buyer, 1000);
    pay_fixture_outbox(f); /* order.charge, then payment.create */
    pay_fixture_outbox(f);
    assert_int_equal(fp.calls[FAKE_PAY_INTENT_CREATE], 1);
    assert_string_equal(fp.intent_req.payment_method, "pm_card_visa");
    assert_string_equal(fp.intent_req.customer, "cus_ali");
    assert_int_equal(fp.intent_req.amount, 1000 + 700);
    order_record oa = pay_fixture_order(f, a.id);
    assert_string_equal(oa.status, "paid");
    assert_int_equal(oa.shipping, 700);

    order_record b =
        pay_fixture_win(f, &k, 1, k.buyer, 2000); /* 500 g in all: still the first kilo */
    pay_fixture_outbox(f);
    pay_fixture_outbox(f);
    assert_int_equal(fp.intent_req.amount, 2000);
    assert_string_equal(pay_fixture_order(f, b.id).status, "paid");
    assert_int_equal(pay_fixture_order(f, b.id).shipping, 0);

    fp.card_fail = BZ_ECARDDECLINED; /* the third is declined: fix it before the deadline */
    snprintf(fp.card_code, sizeof(fp.card_code), "card_declined");
    snprintf(fp.card_decline, sizeof(fp.card_decline), "insufficient_funds");
    order_record c = pay_fixture_win(f, &k, 2, k.buyer, 3000);
    pay_fixture_outbox(f);
    pay_fixture_outbox(f);
    order_record oc = pay_fixture_order(f, c.id);
    assert_string_equal(oc.status, "awaiting_payment");
    assert_true(oc.payment_failed);
    assert_string_equal(oc.failure_code, "card_declined");
}

/* Unpaid past the deadline: cancelled, the lot back in stock, a strike on the buyer; paid
 * orders and orders still in time are left alone. */
static void unpaid_orders_expire(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 1, "Selangor", "40000");
    order_record o = pay_fixture_win(f, &k, 0, k.buyer, 1000);
    assert_int_equal(fixture_quantity(f, k.lots[0]), 0);
    f->ctx.now = o.pay_by - 1;
    assert_int_equal(app_orders_expire(&f->ctx, 10), 0);
    f->ctx.now = o.pay_by;
    assert_int_equal(app_orders_expire(&f->ctx, 10), 1);
    assert_string_equal(pay_fixture_order(f, o.id).status, "cancelled");
    assert_int_equal(fixture_quantity(f, k.lots[0]), 1);
    int64_t strikes = 0, latest = 0;
    assert_int_equal(store_buyer_strikes(f->ctx.store, k.buyer, 0, &strikes, &latest), BZ_OK);
    assert_int_equal(strikes, 1);
    assert_int_equal(latest, o.pay_by);
    assert_int_equal(app_orders_expire(&f->ctx, 10), 0); /* once */
    payment_record p;
    assert_int_equal(app_checkout_pay(&f->ctx, k.buyer, o.id, 0, 0, &p), BZ_EORDERSTATE);
}

/* A seller may ask bidders for a card on file; a buyer who let two wins pass unpaid within the
 * window may not bid for a while, and is told until when. */
static void who_may_bid_as_far_as_paying_goes(void **state)
{
    fixture *f = *state;
    pay_cast k = cast_of(f, 4, "Selangor", "40000");
    app_seller_input req = {.require_card = 1};
    catalog_seller sl;
    assert_int_equal(app_seller_update(&f->ctx, k.seller, &req, &sl), BZ_OK);
    assert_true(sl.require_card);
    app_auction_input in = plain;
    in.product_id = k.lots[0];
    int64_t a = 0;
    assert_int_equal(fixture_start(f, k.seller, k.show, &in, &a), BZ_OK);
    app_bid_result r = fixture_bid(f, a, k.buyer, 1000);
    assert_int_equal(r.code, BZ_ECARDREQUIRED);
    payment_card card = {.id = 9,
                         .user_id = k.buyer,
                         .method_id = "pm_x",
                         .brand = "visa",
                         .last4 = "4242",
                         .exp_month = 1,
                         .exp_year = 2031,
                         .is_default = true,
                         .created_at = FIX_NOW};
    assert_int_equal(store_card_add(f->ctx.store, &card), BZ_OK);
    assert_int_equal(fixture_bid(f, a, k.buyer, 1000).code, BZ_OK);
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    req.require_card = 0;
    assert_int_equal(app_seller_update(&f->ctx, k.seller, &req, &sl), BZ_OK);

    /* two wins left unpaid: the second strike pauses bidding for BUYER_BLOCK_MS */
    int64_t bala = fixture_user(f, "bala");
    order_record first = pay_fixture_win(f, &k, 1, bala, 1000);
    f->ctx.now = first.pay_by;
    assert_int_equal(app_orders_expire(&f->ctx, 10), 2); /* ali's first win went unpaid too */
    order_record second = pay_fixture_win(f, &k, 2, bala, 1000); /* one strike is forgiven */
    f->ctx.now = second.pay_by;
    assert_int_equal(app_orders_expire(&f->ctx, 10), 1);
    in.product_id = k.lots[3];
    assert_int_equal(fixture_start(f, k.seller, k.show, &in, &a), BZ_OK);
    assert_int_equal(fixture_bid(f, a, bala, 1000).code, BZ_EBIDDINGPAUSED);
    assert_non_null(strstr(f->ctx.err.message, "bid again from"));
    f->ctx.now = second.pay_by + BUYER_BLOCK_MS; /* over: the lot is offered again */
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    assert_int_equal(fixture_start(f, k.seller, k.show, &in, &a), BZ_OK);
    assert_int_equal(fixture_bid(f, a, bala, 1000).code, BZ_OK);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(a_quote_covers_the_shows_wins), T(a_quote_needs_an_address_and_time),
          T(an_on_session_payment_is_paid_by_the_providers_word), T(a_late_success_is_refunded),
          T(the_default_card_is_charged_at_the_win), T(unpaid_orders_expire),
          T(who_may_bid_as_far_as_paying_goes))
