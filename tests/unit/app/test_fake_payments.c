/* The in-memory payments port of the app's tests (fake_payments.h) does what its header says:
 * ids follow keys as Stripe's idempotency makes them, off-session cards pay or fail as the
 * knob says with the failed intent kept, on-session intents wait for the browser until
 * settled, cancels refuse what was paid, a knob fails an operation without counting it, and
 * the last arguments are kept as copies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "fake_payments.h"

static payments_intent_req win(const char *pm)
{
    return (payments_intent_req){.amount = 12500,
                                 .currency = "myr",
                                 .customer = "cus_1",
                                 .methods = PAYMENTS_CARD,
                                 .payment_method = pm,
                                 .transfer_group = "order-7",
                                 .payment_id = 7};
}

static void off_session_charges_follow_their_keys(void **state)
{
    (void)state;
    fake_payments fp;
    fake_payments_init(&fp);
    payments *p = &fp.base;
    payments_intent a, b, c;
    payments_intent_req req = win("pm_1");
    assert_int_equal(p->ops->intent_create(p, &req, "blytz-charge-7", &a), BZ_OK);
    assert_int_equal(a.status, PAYMENTS_INTENT_SUCCEEDED);
    assert_int_equal(a.amount_received, 12500);
    assert_int_equal(a.method_kind, PAYMENTS_CARD);
    assert_memory_equal(a.charge, "ch_", 3);
    assert_int_equal(p->ops->intent_create(p, &req, "blytz-charge-7", &b), BZ_OK);
    assert_string_equal(a.id, b.id); /* the same key, the same intent */
    fp.card_fail = BZ_ECARDDECLINED;
    snprintf(fp.card_code, sizeof(fp.card_code), "card_declined");
    snprintf(fp.card_decline, sizeof(fp.card_decline), "insufficient_funds");
    assert_int_equal(p->ops->intent_create(p, &req, "blytz-charge-8", &c), BZ_ECARDDECLINED);
    assert_string_not_equal(c.id, a.id);
    assert_int_equal(c.status, PAYMENTS_INTENT_REQUIRES_METHOD);
    assert_string_equal(c.decline_code, "insufficient_funds");
    fp.card_fail = BZ_OK; /* a replay answers what the first call answered */
    assert_int_equal(p->ops->intent_create(p, &req, "blytz-charge-8", &b), BZ_ECARDDECLINED);
    assert_string_equal(b.id, c.id);
    assert_int_equal(fp.calls[FAKE_PAY_INTENT_CREATE], 4);
    assert_string_equal(fp.key[FAKE_PAY_INTENT_CREATE], "blytz-charge-8");
    assert_string_equal(fp.intent_req.transfer_group, "order-7");
    assert_int_equal(fp.intent_req.payment_id, 7);
}

static void on_session_intents_wait_for_the_browser(void **state)
{
    (void)state;
    fake_payments fp;
    fake_payments_init(&fp);
    payments *p = &fp.base;
    payments_intent_req req = win(NULL);
    req.methods = PAYMENTS_FPX;
    payments_intent pi, got;
    assert_int_equal(p->ops->intent_create(p, &req, "blytz-pay-9", &pi), BZ_OK);
    assert_int_equal(pi.status, PAYMENTS_INTENT_REQUIRES_METHOD);
    assert_int_equal(pi.method_kind, PAYMENTS_FPX);
    assert_true(pi.client_secret[0]);
    assert_null(fp.intent_req.payment_method);
    assert_non_null(fake_payments_settle(&fp, pi.id, PAYMENTS_INTENT_REQUIRES_ACTION));
    assert_int_equal(p->ops->intent_get(p, pi.id, &got), BZ_OK);
    assert_int_equal(got.status, PAYMENTS_INTENT_REQUIRES_ACTION);
    fake_payments_settle(&fp, pi.id, PAYMENTS_INTENT_SUCCEEDED);
    assert_int_equal(p->ops->intent_get(p, pi.id, &got), BZ_OK);
    assert_int_equal(got.amount_received, 12500);
    assert_int_equal(p->ops->intent_cancel(p, pi.id, "blytz-cancel-9"), BZ_ECONFLICT);
    req.methods = PAYMENTS_CARD | PAYMENTS_FPX | PAYMENTS_GRABPAY;
    assert_int_equal(p->ops->intent_create(p, &req, "blytz-pay-10", &pi), BZ_OK);
    assert_int_equal(pi.method_kind, PAYMENTS_METHOD_NONE);
    assert_int_equal(p->ops->intent_cancel(p, pi.id, "blytz-cancel-10"), BZ_OK);
    assert_int_equal(p->ops->intent_get(p, pi.id, &got), BZ_OK);
    assert_int_equal(got.status, PAYMENTS_INTENT_CANCELED);
    assert_int_equal(p->ops->intent_get(p, "pi_unknown", &got), BZ_ENOTFOUND);
}

static void knobs_and_other_operations(void **state)
{
    (void)state;
    fake_payments fp;
    fake_payments_init(&fp);
    payments *p = &fp.base;
    payments_refund_req rr = {.intent = "pi_1", .amount = 500, .refund_id = 3};
    payments_refund re;
    fp.fail[FAKE_PAY_REFUND_CREATE] = BZ_EUNAVAILABLE;
    assert_int_equal(p->ops->refund_create(p, &rr, "blytz-refund-3", &re), BZ_EUNAVAILABLE);
    assert_int_equal(fp.calls[FAKE_PAY_REFUND_CREATE], 0);
    fp.fail[FAKE_PAY_REFUND_CREATE] = BZ_OK;
    assert_int_equal(p->ops->refund_create(p, &rr, "blytz-refund-3", &re), BZ_OK);
    assert_int_equal(re.amount, 500);
    assert_string_equal(fp.refund_req.intent, "pi_1");
    char cus[PAYMENTS_ID_MAX], again[PAYMENTS_ID_MAX];
    payments_customer_req cr = {.user_id = 4, .email = "a@example.my", .name = ""};
    assert_int_equal(p->ops->customer_create(p, &cr, "blytz-customer-4", cus), BZ_OK);
    assert_int_equal(p->ops->customer_create(p, &cr, "blytz-customer-4", again), BZ_OK);
    assert_string_equal(cus, again);
    assert_string_equal(fp.customer_req.email, "a@example.my");
    fp.event.kind = PAYMENTS_EV_ACCOUNT_UPDATED;
    payments_event ev;
    assert_int_equal(p->ops->event_read(p, "t=1,v1=x", "{}", 2, 1000, &ev), BZ_OK);
    assert_int_equal(ev.kind, PAYMENTS_EV_ACCOUNT_UPDATED);
    assert_int_equal(fp.event_len, 2);
    fp.fail[FAKE_PAY_EVENT_READ] = BZ_ESTRIPESIG;
    assert_int_equal(p->ops->event_read(p, NULL, "{}", 2, 1000, &ev), BZ_ESTRIPESIG);
    payments_subscription sub;
    payments_sub_req sr = {.customer = "cus_1", .price = "price_pro", .seller_id = 5};
    fp.period_end = 1800000000000;
    assert_int_equal(p->ops->sub_create(p, &sr, "blytz-plan-5", &sub), BZ_OK);
    assert_int_equal(sub.status, PAYMENTS_SUB_ACTIVE);
    assert_int_equal(sub.current_period_end, 1800000000000);
    assert_int_equal(sub.seller_id, 5);
    assert_int_equal(p->ops->sub_cancel(p, sub.id, false, "blytz-plan-5-cancel", &sub), BZ_OK);
    assert_int_equal(sub.status, PAYMENTS_SUB_CANCELED);
    assert_string_equal(fp.id[FAKE_PAY_SUB_CANCEL], sub.id);
    sr.on_session = true; /* the first invoice waits for Stripe.js */
    assert_int_equal(p->ops->sub_create(p, &sr, "blytz-plan-6", &sub), BZ_OK);
    assert_int_equal(sub.status, PAYMENTS_SUB_INCOMPLETE);
    assert_true(sub.client_secret[0]);
    assert_true(fp.sub_req.on_session);
    assert_int_equal(p->ops->sub_cancel(p, sub.id, true, "blytz-plan-6-cancel", &sub), BZ_OK);
    assert_int_equal(sub.status, PAYMENTS_SUB_ACTIVE); /* until the period ends */
    assert_true(sub.cancel_at_period_end);
    p->ops->close(p);
}

UNIT_MAIN(cmocka_unit_test(off_session_charges_follow_their_keys),
          cmocka_unit_test(on_session_intents_wait_for_the_browser),
          cmocka_unit_test(knobs_and_other_operations))
