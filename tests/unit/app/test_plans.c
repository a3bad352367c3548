/* A seller's plan (app/plans.h) with the in-memory payments port: subscribing through the
 * outbox (the seller's customer made once, the subscription on-session), the provider's
 * reports moving it once each, the commission in force at each moment, a cancel before the
 * subscription was made, a refusal for good, and the rules' refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/cards.h"
#include "app/payment_events.h"
#include "app/plans.h"
#include "base/err.h"
#include "pay_fixture.h"

#define DAY (24LL * 3600 * 1000)

static fake_payments fp;

static int64_t seller_of(fixture *f)
{
    const char *plans = "free:0:1000,pro:price_pro:500:4900,max:price_max:250:9900";
    assert_int_equal(plan_table_parse(plans, strlen(plans), &f->env.cfg.pay.plans, NULL), BZ_OK);
    f->env.cfg.pay.plan_grace_ms = 7 * DAY;
    pay_fixture_use(f, &fp, PAY_FIX_PLANS);
    return fixture_seller(f, "kedai");
}

static int64_t rate(fixture *f, int64_t seller)
{
    int64_t bp = -1;
    assert_int_equal(app_plan_commission_bp(&f->ctx, seller, &bp), BZ_OK);
    return bp;
}

static app_plan_view view(fixture *f, int64_t seller)
{
    app_plan_view v;
    assert_int_equal(app_plan_get(&f->ctx, seller, &v), BZ_OK);
    return v;
}

/* A report about subscription `sub`, as the port reads it, at c->now. */
static int report(fixture *f, const char *event_id, payments_event_kind kind, const char *sub,
                  payments_sub_status status, int64_t period_end)
{
    memset(&fp.event, 0, sizeof(fp.event));
    fp.event.created = f->ctx.now;
    snprintf(fp.event.sub.id, sizeof(fp.event.sub.id), "%s", sub);
    fp.event.sub.status = status;
    fp.event.sub.current_period_end = period_end;
    return pay_fixture_webhook(f, event_id, kind, "customer.subscription.x");
}

/* Subscribed, made by the worker, paid (the provider's report), its renewal failed: the rate
 * at each step, each report once; then cancelled now (unpaid) by the worker. */
static void a_plan_paid_then_past_due_then_cancelled(void **state)
{
    fixture *f = *state;
    int64_t seller = seller_of(f);
    assert_int_equal(rate(f, seller), 1000);
    assert_string_equal(view(f, seller).row.status, "");

    app_plan_view v;
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "pro", &v), BZ_OK);
    assert_string_equal(v.row.status, "creating");
    assert_int_equal(fp.calls[FAKE_PAY_SUB_CREATE], 0); /* only the worker calls the provider */
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_CUSTOMER_CREATE], 1);
    assert_int_equal(fp.calls[FAKE_PAY_SUB_CREATE], 1);
    assert_true(fp.sub_req.on_session);
    assert_string_equal(fp.sub_req.price, "price_pro");
    assert_int_equal(fp.sub_req.seller_id, seller);
    v = view(f, seller);
    assert_string_equal(v.row.status, "incomplete");
    assert_true(v.row.client_secret[0]);
    assert_string_equal(v.in_force->name, "free");
    char sub[PAYMENTS_ID_MAX];
    snprintf(sub, sizeof(sub), "%s", v.row.subscription_id);
    assert_true(sub[0]);

    int64_t end = f->ctx.now + 30 * DAY;
    f->ctx.now += 1000;
    assert_int_equal(report(f, "evt_1", PAYMENTS_EV_SUBSCRIPTION, sub, PAYMENTS_SUB_ACTIVE, end),
                     BZ_OK);
    assert_int_equal(rate(f, seller), 500);
    v = view(f, seller);
    assert_string_equal(v.row.status, "active");
    assert_string_equal(v.row.client_secret, "");
    assert_int_equal(v.row.current_period_end, end);

    f->ctx.now = end + 1000; /* the renewal fails */
    int64_t failed_at = f->ctx.now;
    assert_int_equal(
        report(f, "evt_2", PAYMENTS_EV_INVOICE_FAILED, sub, PAYMENTS_SUB_ACTIVE, end + 30 * DAY),
        BZ_OK);
    v = view(f, seller);
    assert_string_equal(v.row.status, "past_due");
    assert_int_equal(v.row.past_due_since, failed_at);
    assert_int_equal(v.grace_ends_at, failed_at + 7 * DAY);
    assert_int_equal(rate(f, seller), 500);
    /* the first report again, later: claimed once, nothing changes */
    assert_int_equal(report(f, "evt_1", PAYMENTS_EV_SUBSCRIPTION, sub, PAYMENTS_SUB_ACTIVE, end),
                     BZ_OK);
    assert_string_equal(view(f, seller).row.status, "past_due");
    f->ctx.now = failed_at + 7 * DAY;
    assert_int_equal(rate(f, seller), 1000); /* beyond the grace */

    assert_int_equal(app_plan_cancel(&f->ctx, seller, &v), BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1);
    assert_int_equal(fp.calls[FAKE_PAY_SUB_CANCEL], 1);
    assert_string_equal(fp.id[FAKE_PAY_SUB_CANCEL], sub);
    assert_string_equal(view(f, seller).row.status, "canceled");
    /* a report about a subscription none of ours is acknowledged */
    assert_int_equal(
        report(f, "evt_3", PAYMENTS_EV_SUBSCRIPTION, "sub_other", PAYMENTS_SUB_ACTIVE, end), BZ_OK);
}

/* Cancelled before the worker made it: nothing is made; a new subscription starts over; an
 * active one is cancelled at its period's end. */
static void a_cancel_before_it_is_made_and_at_the_period_end(void **state)
{
    fixture *f = *state;
    int64_t seller = seller_of(f);
    app_plan_view v;
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "pro", &v), BZ_OK);
    assert_int_equal(app_plan_cancel(&f->ctx, seller, &v), BZ_OK);
    assert_string_equal(v.row.status, "canceled");
    pay_fixture_outbox(f);
    assert_int_equal(fp.calls[FAKE_PAY_SUB_CREATE], 0);

    f->ctx.now += 1000;
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "max", &v), BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1);
    v = view(f, seller);
    assert_string_equal(v.row.plan, "max");
    assert_int_equal(fp.calls[FAKE_PAY_CUSTOMER_CREATE], 1); /* the one customer */
    fp.period_end = f->ctx.now + 30 * DAY;
    char sub[PAYMENTS_ID_MAX];
    snprintf(sub, sizeof(sub), "%s", v.row.subscription_id);
    assert_int_equal(
        report(f, "evt_a", PAYMENTS_EV_INVOICE_PAID, sub, PAYMENTS_SUB_INCOMPLETE, fp.period_end),
        BZ_OK);
    assert_int_equal(rate(f, seller), 250);
    f->ctx.now += 2000;
    assert_int_equal(app_plan_cancel(&f->ctx, seller, &v), BZ_OK);
    assert_int_equal(pay_fixture_outbox(f), 1);
    v = view(f, seller);
    assert_string_equal(v.row.status, "active");
    assert_true(v.row.cancel_at_period_end);
    assert_int_equal(v.ends_at, fp.period_end);
    assert_int_equal(rate(f, seller), 250);
    assert_int_equal(app_plan_cancel(&f->ctx, seller, &v), BZ_OK); /* asked already */
    assert_int_equal(pay_fixture_outbox(f), 0);
    f->ctx.now = fp.period_end;
    assert_int_equal(rate(f, seller), 1000);
}

/* The provider refuses for good: failed, with its code; the seller may try again. */
static void a_refusal_for_good_marks_it_failed(void **state)
{
    fixture *f = *state;
    int64_t seller = seller_of(f);
    app_plan_view v;
    fp.fail[FAKE_PAY_SUB_CREATE] = BZ_ESTRIPEREFUSED;
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "pro", &v), BZ_OK);
    pay_fixture_outbox(f);
    v = view(f, seller);
    assert_string_equal(v.row.status, "failed");
    assert_string_equal(v.row.failure_code, "payment_provider_refused");
    fp.fail[FAKE_PAY_SUB_CREATE] = BZ_OK;
    f->ctx.now += 1000;
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "pro", &v), BZ_OK);
    assert_string_equal(v.row.status, "creating");
}

static void the_rules_refuse(void **state)
{
    fixture *f = *state;
    int64_t seller = seller_of(f), ali = fixture_user(f, "ali");
    app_plan_view v;
    assert_int_equal(app_plan_subscribe(&f->ctx, ali, "pro", &v), BZ_ENOTSELLER);
    assert_int_equal(app_plan_get(&f->ctx, ali, &v), BZ_ENOTSELLER);
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "gold", &v), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "plan");
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "free", &v), BZ_EVALIDATION);
    assert_int_equal(app_plan_cancel(&f->ctx, seller, &v), BZ_ENOPAIDPLAN);
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "pro", &v), BZ_OK);
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "pro", &v), BZ_OK); /* the same one */
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "max", &v), BZ_EPLANACTIVE);
    f->env.payments = NULL;
    assert_int_equal(app_plan_subscribe(&f->ctx, seller, "pro", &v), BZ_EUNAVAILABLE);
    assert_int_equal(app_plan_cancel(&f->ctx, seller, &v), BZ_EUNAVAILABLE);
    assert_int_equal(rate(f, seller), 1000); /* the rule needs no provider */
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(a_plan_paid_then_past_due_then_cancelled),
          T(a_cancel_before_it_is_made_and_at_the_period_end),
          T(a_refusal_for_good_marks_it_failed), T(the_rules_refuse))
