/* Unit tests for domain/refund.h: the reasons a seller may give, statuses, what a seller asks,
 * the refunds of a charge made outside Blytz, and a failed refund given back to its order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/refund.h"

static void reasons_and_statuses_round_trip(void **state)
{
    (void)state;
    for (int i = REFUND_OUT_OF_STOCK; i <= REFUND_OTHER; i++) {
        assert_int_equal(refund_reason_askable(refund_reason_name((refund_reason)i)), i);
    }
    /* Blytz's own reasons are never asked for */
    assert_int_equal(refund_reason_askable("duplicate"), REFUND_REASON_NONE);
    assert_int_equal(refund_reason_askable("provider"), REFUND_REASON_NONE);
    assert_int_equal(refund_reason_askable("Damaged"), REFUND_REASON_NONE);
    assert_int_equal(refund_reason_askable(NULL), REFUND_REASON_NONE);
    assert_string_equal(refund_reason_name(REFUND_REASON_COUNT), "");
    for (int i = REFUND_CREATING; i < REFUND_STATUS_COUNT; i++) {
        assert_int_equal(refund_status_parse(refund_status_name((refund_status)i)), i);
    }
    assert_int_equal(refund_status_parse("done"), REFUND_STATUS_NONE);
    assert_int_equal(refund_status_of_provider("succeeded"), REFUND_SUCCEEDED);
    assert_int_equal(refund_status_of_provider("canceled"), REFUND_FAILED);
    assert_int_equal(refund_status_of_provider("failed"), REFUND_FAILED);
    assert_int_equal(refund_status_of_provider("requires_action"), REFUND_PENDING);
    assert_int_equal(refund_status_of_provider("pending"), REFUND_PENDING);
}

static void what_a_seller_asks_is_checked(void **state)
{
    (void)state;
    field_error err;
    assert_int_equal(refund_check_ask(0, "damaged", NULL, &err), BZ_OK); /* 0 = all that is left */
    assert_int_equal(refund_check_ask(1, "other", "Sorry:\nthe box was wet", &err), BZ_OK);
    assert_int_equal(refund_check_ask(-1, "damaged", NULL, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "amount");
    assert_int_equal(refund_check_ask(INT64_MIN, "damaged", NULL, &err), BZ_EVALIDATION);
    assert_int_equal(refund_check_ask(100, "duplicate", NULL, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "reason");
    assert_int_equal(refund_check_ask(100, NULL, NULL, &err), BZ_EVALIDATION);
    assert_int_equal(refund_check_ask(100, "other", "bell\a", &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "note");
    assert_int_equal(refund_check_ask(100, "other", "\xff", &err), BZ_EVALIDATION);
    char note[REFUND_NOTE_MAX_CP * 3 + 4];
    note[0] = '\0';
    for (int i = 0; i < REFUND_NOTE_MAX_CP; i++) {
        strcat(note, "\xe5\xa5\xbd"); /* 500 code points of three bytes each: fine */
    }
    assert_int_equal(refund_check_ask(100, "other", note, &err), BZ_OK);
    strcat(note, "x");
    assert_int_equal(refund_check_ask(100, "other", note, &err), BZ_EVALIDATION);
}

/* charge.refunded carries the charge's refunded total so far: what exceeds the refunds we know
 * was made outside Blytz, and an older or repeated event adds nothing. */
static void refunds_outside_blytz_are_counted_once(void **state)
{
    (void)state;
    assert_int_equal(refund_unrecorded(0, 0), 0);
    assert_int_equal(refund_unrecorded(2500, 2500), 0); /* ours */
    assert_int_equal(refund_unrecorded(4000, 2500), 1500);
    assert_int_equal(refund_unrecorded(2500, 4000), 0); /* an older event after a newer one */
    assert_int_equal(refund_unrecorded(0, 4000), 0);
}

static void a_failed_refund_is_given_back(void **state)
{
    (void)state;
    order_facts f = {.state = ORDER_SHIPPED, .paid = 10000, .refunded = 0}, out;
    order_step step;
    assert_int_equal(order_decide(&f, ORDER_EV_REFUND_PARTIAL, 3000, 0, &step), BZ_OK);
    assert_int_equal(refund_give_back(&step.next, 3000, ORDER_SHIPPED, &out), BZ_OK);
    assert_int_equal(out.state, ORDER_SHIPPED);
    assert_int_equal(out.refunded, 0);

    /* the rest, which made it refunded: back to the state it was asked in */
    f.refunded = 3000;
    assert_int_equal(order_decide(&f, ORDER_EV_REFUND_FULL, 0, 0, &step), BZ_OK);
    assert_int_equal(step.next.state, ORDER_REFUNDED);
    assert_int_equal(refund_give_back(&step.next, 7000, ORDER_SHIPPED, &out), BZ_OK);
    assert_int_equal(out.state, ORDER_SHIPPED);
    assert_int_equal(out.refunded, 3000);
    assert_int_equal(order_decide(&out, ORDER_EV_REFUND_FULL, 0, 0, &step), BZ_OK); /* again */

    /* more than was counted, nothing, or a state no refund starts from: a bug upstream */
    assert_int_equal(refund_give_back(&f, 3001, ORDER_SHIPPED, &out), BZ_EINTERNAL);
    assert_int_equal(refund_give_back(&f, 0, ORDER_SHIPPED, &out), BZ_EINTERNAL);
    assert_int_equal(refund_give_back(&f, 100, ORDER_CANCELLED, &out), BZ_EINTERNAL);
    assert_int_equal(out.refunded, 3000); /* unchanged */

    /* only a full refund of a paid order restocked its lot: only its failure takes it again */
    order_facts paid = {.state = ORDER_PAID, .paid = 5000};
    assert_int_equal(order_decide(&paid, ORDER_EV_REFUND_FULL, 0, 0, &step), BZ_OK);
    assert_true(step.restock);
    assert_true(refund_give_back_unstocks(&step.next, ORDER_PAID));
    assert_false(refund_give_back_unstocks(&step.next, ORDER_SHIPPED));
    assert_false(refund_give_back_unstocks(&paid, ORDER_PAID)); /* a partial one left it paid */
}

/* The provider's reports, in any order: failed is final, succeeded only fails, pending never
 * moves a settled refund back, creating and pending take what is reported. */
static void reports_settle_a_refund_in_any_order(void **state)
{
    (void)state;
    static const struct {
        refund_status now, reported, want;
    } cases[] = {
        {REFUND_CREATING, REFUND_PENDING, REFUND_PENDING},
        {REFUND_CREATING, REFUND_SUCCEEDED, REFUND_SUCCEEDED},
        {REFUND_CREATING, REFUND_FAILED, REFUND_FAILED},
        {REFUND_PENDING, REFUND_SUCCEEDED, REFUND_SUCCEEDED},
        {REFUND_PENDING, REFUND_FAILED, REFUND_FAILED},
        {REFUND_PENDING, REFUND_PENDING, REFUND_PENDING},
        {REFUND_SUCCEEDED, REFUND_FAILED, REFUND_FAILED}, /* the bank sent it back */
        {REFUND_SUCCEEDED, REFUND_PENDING, REFUND_SUCCEEDED},
        {REFUND_SUCCEEDED, REFUND_SUCCEEDED, REFUND_SUCCEEDED},
        {REFUND_FAILED, REFUND_SUCCEEDED, REFUND_FAILED}, /* an older answer after the failure */
        {REFUND_FAILED, REFUND_PENDING, REFUND_FAILED},
        {REFUND_PENDING, REFUND_CREATING, REFUND_PENDING},
        {REFUND_PENDING, REFUND_STATUS_NONE, REFUND_PENDING},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(refund_next_status(cases[i].now, cases[i].reported), cases[i].want);
    }
}

UNIT_MAIN(cmocka_unit_test(reasons_and_statuses_round_trip),
          cmocka_unit_test(reports_settle_a_refund_in_any_order),
          cmocka_unit_test(what_a_seller_asks_is_checked),
          cmocka_unit_test(refunds_outside_blytz_are_counted_once),
          cmocka_unit_test(a_failed_refund_is_given_back))
