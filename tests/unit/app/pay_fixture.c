#include "pay_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "app/addresses.h"
#include "app/auctions.h"
#include "app/checkout.h"
#include "app/payment_events.h"
#include "app/payouts.h"
#include "app/plans.h"
#include "base/err.h"

static fake_payments *used;             /* pay_fixture_use's fake */
static app_outbox_handler handlers[16]; /* and its flows' handlers */
static size_t n_handlers;

static void add_handlers(const app_outbox_handler *more, size_t n)
{
    assert_true(n_handlers + n <= sizeof(handlers) / sizeof(handlers[0]));
    memcpy(handlers + n_handlers, more, n * sizeof(handlers[0]));
    n_handlers += n;
}

void pay_fixture_use(fixture *f, fake_payments *fp, unsigned flows)
{
    fake_payments_init(fp);
    f->env.payments = &fp->base;
    used = fp;
    n_handlers = 0;
    if (flows & PAY_FIX_PAYMENTS) {
        add_handlers(app_payment_handlers, app_payment_n_handlers);
    }
    if (flows & PAY_FIX_PAYOUTS) {
        add_handlers(app_payout_handlers, app_payout_n_handlers);
        add_handlers(app_payout_account_handlers, app_payout_account_n_handlers);
    }
    if (flows & PAY_FIX_PLANS) {
        add_handlers(app_plan_handlers, app_plan_n_handlers);
    }
}

int pay_fixture_outbox(fixture *f)
{
    return fixture_video_outbox(f, handlers, n_handlers);
}

int pay_fixture_webhook(fixture *f, const char *id, payments_event_kind kind, const char *type)
{
    assert_non_null(used);
    used->event.kind = kind;
    snprintf(used->event.id, sizeof(used->event.id), "%s", id);
    if (type) {
        snprintf(used->event.type, sizeof(used->event.type), "%s", type);
    }
    return app_payment_webhook(&f->ctx, "t=1,v1=x", "{}", 2);
}

order_record pay_fixture_order(fixture *f, int64_t id)
{
    order_record o;
    assert_int_equal(store_order_get(f->ctx.store, id, false, f->ctx.arena, &o), BZ_OK);
    return o;
}

void pay_fixture_card(fixture *f, int64_t user, const char *customer)
{
    payment_card card = {.id = 77,
                         .user_id = user,
                         .method_id = "pm_card_visa",
                         .brand = "visa",
                         .last4 = "4242",
                         .exp_month = 12,
                         .exp_year = 2030,
                         .is_default = true,
                         .created_at = FIX_NOW};
    assert_int_equal(store_customer_set(f->ctx.store, user, customer, FIX_NOW), BZ_OK);
    assert_int_equal(store_card_add(f->ctx.store, &card), BZ_OK);
}

pay_cast pay_fixture_cast(fixture *f, const char *buyer, size_t n, const delivery_input *to)
{
    assert_true(n <= PAY_FIX_LOTS);
    pay_cast k = {.opening = 1000};
    k.seller = fixture_seller(f, "kedai");
    k.buyer = fixture_user(f, buyer);
    for (size_t i = 0; i < n; i++) {
        k.lots[i] = fixture_product(f, k.seller, 1);
    }
    k.show = fixture_show(f, k.seller, k.lots, n, true);
    app_address_input in = {.fields = *to, .make_default = 1};
    delivery_address d;
    assert_int_equal(app_address_create(&f->ctx, k.buyer, &in, &d), BZ_OK);
    k.address = d.id;
    return k;
}

order_record pay_fixture_win(fixture *f, const pay_cast *k, size_t i, int64_t who, int64_t price)
{
    app_auction_input in = {.starting_bid = k->opening, .duration_s = 30, .product_id = k->lots[i]};
    int64_t a = 0;
    assert_int_equal(fixture_start(f, k->seller, k->show, &in, &a), BZ_OK);
    assert_int_equal(fixture_bid(f, a, who, price).code, BZ_OK);
    f->ctx.now += 30 * 1000LL;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    order_record o;
    assert_true(fixture_order(f, a, &o));
    return o;
}
