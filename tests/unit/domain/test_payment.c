/* Unit tests for domain/payment.h: parcels' keys, the shipping part a payment charges as a
 * parcel grows, payments' states; and order_facts_of / order_record_set_facts (order.h), the
 * bridge between a stored order and the state machine. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/payment.h"
#include "domain/shipping.h"

static void parcel_keys_group_a_show_and_keep_others_alone(void **state)
{
    (void)state;
    char key[PARCEL_KEY_MAX];
    parcel_group_key(1, 2, 3, 99, key);
    assert_string_equal(key, "b1:s2:show3");
    parcel_group_key(1, 2, 0, 99, key);
    assert_string_equal(key, "order99");
    parcel_group_key(INT64_MAX, INT64_MAX, INT64_MAX, 1, key); /* the widest fits */
    assert_int_equal(strlen(key), strlen("b:s:show") + 3 * 19);
}

/* Charged in parts as wins come, the parcel's shipping adds up to the quote of the whole. */
static void shipping_parts_add_up_to_the_parcel(void **state)
{
    (void)state;
    shipping_table t;
    field_error err;
    assert_int_equal(
        shipping_table_parse(SHIPPING_TABLE_DEFAULT, strlen(SHIPPING_TABLE_DEFAULT), &t, &err),
        BZ_OK);
    const int64_t grams[] = {400, 700, 350, 2100, 90};
    shipping_parcel items[5];
    int64_t paid = 0;
    for (size_t i = 0; i < 5; i++) {
        items[i] = (shipping_parcel){.weight_g = grams[i]};
        shipping_parcel box;
        shipping_quote q;
        assert_int_equal(shipping_combine(items, i + 1, &box, &err), BZ_OK);
        assert_int_equal(shipping_quote_parcel(&t, ADDRESS_SELANGOR, ADDRESS_SABAH, &box, &q, &err),
                         BZ_OK);
        int64_t part = parcel_shipping_part(q.price, paid);
        assert_true(part >= 0);
        paid += part;
        assert_int_equal(paid, q.price);
    }
    /* 3640 g West to East: RM15.00 for the first kg, RM7.00 for each of three more */
    assert_int_equal(paid, 1500 + 3 * 700);
    assert_int_equal(parcel_shipping_part(500, 700), 0); /* a refunded lot left it: never < 0 */
}

static void payment_states_round_trip(void **state)
{
    (void)state;
    for (payment_state s = PAYMENT_CREATING; s <= PAYMENT_CANCELED; s++) {
        assert_int_equal(payment_state_parse(payment_state_name(s)), s);
    }
    assert_int_equal(payment_state_parse("paid"), PAYMENT_STATE_NONE);
    assert_int_equal(payment_state_parse(NULL), PAYMENT_STATE_NONE);
    assert_string_equal(payment_state_name(PAYMENT_STATE_NONE), "");
    assert_string_equal(payment_state_name((payment_state)42), "");
    assert_false(payment_state_final(PAYMENT_OPEN));
    assert_false(payment_state_final(PAYMENT_CREATING));
    assert_true(payment_state_final(PAYMENT_SUCCEEDED));
    assert_true(payment_state_final(PAYMENT_CANCELED));
}

/* A stored order's facts go through the state machine and back unchanged but for what it
 * decided. */
static void an_order_record_goes_through_the_rules(void **state)
{
    (void)state;
    order_record o = {.id = 7,
                      .status = "awaiting_payment",
                      .pay_by = 1000,
                      .payment_failed = true,
                      .failure_code = "card_declined",
                      .amount = 5000};
    order_facts f;
    order_step step;
    order_facts_of(&o, 3600, &f);
    assert_int_equal(f.state, ORDER_AWAITING_PAYMENT);
    assert_true(f.payment_failed);
    assert_int_equal(f.pay_by, 1000);
    assert_int_equal(f.protection_ms, 3600);
    assert_int_equal(order_decide(&f, ORDER_EV_PAYMENT_SUCCEEDED, 5700, 900, &step), BZ_OK);
    order_record_set_facts(&o, &step.next);
    assert_string_equal(o.status, "paid");
    assert_false(o.payment_failed);
    assert_null(o.failure_code); /* the failure is over */
    assert_int_equal(o.paid, 5700);
    assert_int_equal(o.pay_by, 1000);

    order_record unknown = {.status = "pending_payment"}; /* the name before 0017 */
    order_facts_of(&unknown, 0, &f);
    assert_int_equal(f.state, ORDER_STATE_NONE); /* which order_decide refuses as a bug */
}

UNIT_MAIN(cmocka_unit_test(parcel_keys_group_a_show_and_keep_others_alone),
          cmocka_unit_test(shipping_parts_add_up_to_the_parcel),
          cmocka_unit_test(payment_states_round_trip),
          cmocka_unit_test(an_order_record_goes_through_the_rules))
