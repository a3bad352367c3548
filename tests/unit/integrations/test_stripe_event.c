/*
 * Reading Stripe's objects and webhook events into the payments port
 * (stripe_read.h, stripe_event.h), on small hand-written bodies: each status
 * Stripe may send maps where the port says (requires_confirmation is the
 * browser's to confirm, requires_capture is not money taken, an unknown or
 * paused subscription is past_due, unpaid and incomplete_expired are over); the
 * method's kind comes from the expanded method, else the last error's, else the
 * only type allowed; a charge's amount is what was captured; an invoice's period
 * is its subscription line's; an unknown type is "other" with nothing else read;
 * and every body Stripe would not send (not an event, the wrong object for its
 * type, a member of the wrong type, an id too long for its field, a duplicate
 * key, a NUL, a negative or overflowing time, over the cap) is refused with the
 * event left zeroed. The full shapes, as the fake sends them with the SDK as
 * judge, are read in tests/integration/stripe_payments.test.mjs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "integrations/stripe/stripe_event.h"
#include "integrations/stripe/stripe_read.h"

static int parse(const char *body, payments_event *e)
{
    return stripe_event_parse(body, strlen(body), e);
}

/* An event of `type` about `object` (JSON text). */
static char *event_of(const char *type, const char *object)
{
    static char buf[4096];
    snprintf(buf, sizeof(buf),
             "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"%s\",\"created\":1700000000,"
             "\"data\":{\"object\":%s}}",
             type, object);
    return buf;
}

static json_t *obj(const char *text)
{
    json_t *j = json_loads(text, 0, NULL);
    assert_non_null(j);
    return j;
}

static void intent_statuses_and_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        payments_intent_status status;
        payments_method_kind kind;
    } cases[] = {
        {"{\"object\":\"payment_intent\",\"id\":\"pi_1\",\"status\":\"requires_payment_method\","
         "\"payment_method_types\":[\"card\",\"fpx\"]}",
         PAYMENTS_INTENT_REQUIRES_METHOD, PAYMENTS_METHOD_NONE},
        {"{\"object\":\"payment_intent\",\"id\":\"pi_1\",\"status\":\"requires_confirmation\","
         "\"payment_method_types\":[\"grabpay\"]}",
         PAYMENTS_INTENT_REQUIRES_METHOD, PAYMENTS_GRABPAY},
        {"{\"object\":\"payment_intent\",\"id\":\"pi_1\",\"status\":\"requires_action\","
         "\"payment_method\":{\"object\":\"payment_method\",\"id\":\"pm_1\",\"type\":\"fpx\"},"
         "\"payment_method_types\":[\"card\",\"fpx\"]}",
         PAYMENTS_INTENT_REQUIRES_ACTION, PAYMENTS_FPX},
        {"{\"object\":\"payment_intent\",\"id\":\"pi_1\",\"status\":\"requires_capture\"}",
         PAYMENTS_INTENT_PROCESSING, PAYMENTS_METHOD_NONE},
        {"{\"object\":\"payment_intent\",\"id\":\"pi_1\",\"status\":\"canceled\","
         "\"last_payment_error\":{\"code\":\"card_declined\",\"decline_code\":\"do_not_honor\","
         "\"message\":\"Declined.\",\"payment_method\":{\"id\":\"pm_9\",\"type\":\"card\"}}}",
         PAYMENTS_INTENT_CANCELED, PAYMENTS_CARD},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *j = obj(cases[i].json);
        payments_intent pi;
        assert_true(stripe_read_intent(j, &pi));
        assert_int_equal(pi.status, cases[i].status);
        assert_int_equal(pi.method_kind, cases[i].kind);
        json_decref(j);
    }
    json_t *j = obj(cases[4].json);
    payments_intent pi;
    assert_true(stripe_read_intent(j, &pi));
    assert_string_equal(pi.payment_method, "pm_9"); /* the one tried, from the error */
    assert_string_equal(pi.failure_code, "card_declined");
    assert_string_equal(pi.decline_code, "do_not_honor");
    assert_string_equal(pi.failure_message, "Declined.");
    json_decref(j);
    j = obj("{\"object\":\"payment_intent\",\"id\":\"pi_1\",\"status\":\"sideways\"}");
    assert_false(stripe_read_intent(j, &pi));
    json_decref(j);
    j = obj("{\"object\":\"payment_intent\",\"id\":\"pi_1\",\"status\":\"succeeded\","
            "\"amount\":\"1250\"}");
    assert_false(stripe_read_intent(j, &pi)); /* an amount that is not a number */
    json_decref(j);
}

static void subscription_statuses(void **state)
{
    (void)state;
    static const struct {
        const char *status;
        payments_sub_status want;
    } cases[] = {
        {"incomplete", PAYMENTS_SUB_INCOMPLETE},
        {"active", PAYMENTS_SUB_ACTIVE},
        {"trialing", PAYMENTS_SUB_ACTIVE},
        {"past_due", PAYMENTS_SUB_PAST_DUE},
        {"paused", PAYMENTS_SUB_PAST_DUE},
        {"something_new", PAYMENTS_SUB_PAST_DUE},
        {"canceled", PAYMENTS_SUB_CANCELED},
        {"unpaid", PAYMENTS_SUB_CANCELED},
        {"incomplete_expired", PAYMENTS_SUB_CANCELED},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[512];
        snprintf(text, sizeof(text),
                 "{\"object\":\"subscription\",\"id\":\"sub_1\",\"status\":\"%s\","
                 "\"customer\":\"cus_1\",\"metadata\":{\"blytz_seller\":\"12\"},"
                 "\"items\":{\"data\":[{\"price\":{\"id\":\"price_1\"},"
                 "\"current_period_end\":1700000000}]},"
                 "\"latest_invoice\":{\"object\":\"invoice\",\"confirmation_secret\":"
                 "{\"client_secret\":\"pi_2_secret_x\"}}}",
                 cases[i].status);
        json_t *j = obj(text);
        payments_subscription s;
        assert_true(stripe_read_sub(j, &s));
        assert_int_equal(s.status, cases[i].want);
        assert_string_equal(s.price, "price_1");
        assert_int_equal(s.current_period_end, 1700000000000LL);
        assert_int_equal(s.seller_id, 12);
        /* the first invoice's secret, only while the seller still has to act */
        assert_string_equal(s.client_secret,
                            cases[i].want == PAYMENTS_SUB_INCOMPLETE ? "pi_2_secret_x" : "");
        assert_false(s.cancel_at_period_end); /* absent: false */
        json_decref(j);
    }
    /* cancel_at_period_end: read when a boolean (or null), refused as another type */
    const char *flags[][2] = {
        {"true", "1"}, {"false", "0"}, {"null", "0"}, {"1", "x"}, {"\"true\"", "x"}};
    for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        char text[512];
        snprintf(text, sizeof(text),
                 "{\"object\":\"subscription\",\"id\":\"sub_1\",\"status\":\"active\","
                 "\"customer\":\"cus_1\",\"cancel_at_period_end\":%s,\"items\":{\"data\":"
                 "[{\"price\":\"price_1\",\"current_period_end\":1700000000}]}}",
                 flags[i][0]);
        json_t *j = obj(text);
        payments_subscription s;
        assert_int_equal(stripe_read_sub(j, &s), flags[i][1][0] != 'x');
        if (flags[i][1][0] != 'x') {
            assert_int_equal(s.cancel_at_period_end, flags[i][1][0] == '1');
        }
        json_decref(j);
    }
}

static void events_read(void **state)
{
    (void)state;
    payments_event e;
    assert_int_equal(
        parse(event_of("charge.refunded",
                       "{\"object\":\"charge\",\"id\":\"ch_1\",\"payment_intent\":\"pi_1\","
                       "\"amount\":5000,\"amount_captured\":4000,\"amount_refunded\":1500}"),
              &e),
        BZ_OK);
    assert_int_equal(e.kind, PAYMENTS_EV_CHARGE_REFUNDED);
    assert_int_equal(e.created, 1700000000000LL);
    assert_string_equal(e.charge, "ch_1");
    assert_string_equal(e.intent_id, "pi_1");
    assert_int_equal(e.amount, 4000);
    assert_int_equal(e.amount_refunded, 1500);
    /* a renewal's invoice: the period its subscription line covers, not the invoice's own */
    assert_int_equal(
        parse(
            event_of("invoice.paid",
                     "{\"object\":\"invoice\",\"id\":\"in_1\",\"customer\":\"cus_1\","
                     "\"amount_paid\":4900,\"amount_due\":4900,\"status\":\"paid\","
                     "\"period_end\":1700000000,\"parent\":{\"subscription_details\":"
                     "{\"subscription\":\"sub_1\",\"metadata\":{\"blytz_seller\":\"3\"}}},"
                     "\"lines\":{\"data\":[{\"parent\":{\"type\":\"invoice_item_details\"},"
                     "\"period\":{\"end\":1}},{\"parent\":{\"type\":\"subscription_item_details\"},"
                     "\"period\":{\"start\":1700000000,\"end\":1702592000}}]}}"),
            &e),
        BZ_OK);
    assert_int_equal(e.kind, PAYMENTS_EV_INVOICE_PAID);
    assert_string_equal(e.object_id, "in_1");
    assert_string_equal(e.sub.id, "sub_1");
    assert_string_equal(e.sub.customer, "cus_1");
    assert_int_equal(e.sub.seller_id, 3);
    assert_int_equal(e.sub.current_period_end, 1702592000000LL);
    assert_int_equal(e.amount, 4900);
    /* a type Blytz does not act on: only the envelope, its object unread */
    assert_int_equal(parse(event_of("customer.created", "{\"object\":\"customer\",\"id\":7}"), &e),
                     BZ_OK);
    assert_int_equal(e.kind, PAYMENTS_EV_OTHER);
    assert_string_equal(e.type, "customer.created");
    assert_string_equal(e.object_id, "");
    /* Connect: the account it happened on */
    const char *payout = "{\"id\":\"evt_2\",\"object\":\"event\",\"type\":\"payout.paid\","
                         "\"created\":1,\"account\":\"acct_9\",\"data\":{\"object\":"
                         "{\"object\":\"payout\",\"id\":\"po_1\",\"amount\":700,"
                         "\"status\":\"paid\"}}}";
    assert_int_equal(parse(payout, &e), BZ_OK);
    assert_int_equal(e.kind, PAYMENTS_EV_PAYOUT_PAID);
    assert_string_equal(e.account, "acct_9");
    assert_int_equal(e.amount, 700);
}

static void refused_bodies_leave_nothing(void **state)
{
    (void)state;
    char long_id[400];
    snprintf(long_id, sizeof(long_id), "{\"object\":\"charge\",\"id\":\"ch_%0200d\"}", 1);
    const char *bad[] = {
        "",
        "not json",
        "[]",
        "{\"object\":\"list\",\"data\":[]}",
        "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x\",\"created\":1}",
        "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x\",\"created\":-1,"
        "\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x\",\"created\":\"1\","
        "\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_1\",\"id\":\"evt_2\",\"object\":\"event\",\"type\":\"x\",\"created\":1,"
        "\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_\\u0000\",\"object\":\"event\",\"type\":\"x\",\"created\":1,"
        "\"data\":{\"object\":{}}}",
        "{\"id\":\"\",\"object\":\"event\",\"type\":\"x\",\"created\":1,\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x\",\"created\":9223372036854775807,"
        "\"data\":{\"object\":{}}}",
    };
    payments_event e, zero;
    memset(&zero, 0, sizeof(zero));
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(parse(bad[i], &e), BZ_EBADREQUEST);
        assert_memory_equal(&e, &zero, sizeof(e));
    }
    const char *objects[][2] = {
        {"payment_intent.succeeded", "{\"object\":\"refund\",\"id\":\"re_1\"}"},
        {"account.updated", "{\"object\":\"account\",\"id\":\"acct_1\",\"payouts_enabled\":1}"},
        {"charge.refunded", long_id},
        {"charge.dispute.created", "{\"object\":\"dispute\",\"id\":\"dp_1\",\"amount\":1.5}"},
        {"invoice.paid", "{\"object\":\"invoice\",\"id\":\"in_1\",\"lines\":{\"data\":[{\"parent\":"
                         "{\"type\":\"subscription_item_details\"},\"period\":{\"end\":-1}}]}}"},
        {"setup_intent.succeeded", "{\"object\":\"setup_intent\",\"id\":\"seti_1\"}"},
    };
    for (size_t i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
        assert_int_equal(parse(event_of(objects[i][0], objects[i][1]), &e), BZ_EBADREQUEST);
        assert_memory_equal(&e, &zero, sizeof(e));
    }
    /* over the cap, whatever it holds */
    size_t n = PAYMENTS_EVENT_MAX + 1;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, ' ', n);
    assert_int_equal(stripe_event_parse(big, n, &e), BZ_EBADREQUEST);
    free(big);
}

UNIT_MAIN(cmocka_unit_test(intent_statuses_and_kinds), cmocka_unit_test(subscription_statuses),
          cmocka_unit_test(events_read), cmocka_unit_test(refused_bodies_leave_nothing))
