/* Unit tests for domain/payout.h: the transfer of an order's share decided from the order's
 * state and the seller's payouts (a dispute holds it, a full refund voids it, a partial one
 * lowers it), the reversal still owed (never more than asked, nothing twice), the names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/payout.h"

static order_facts facts(order_state s, int64_t paid, int64_t refunded)
{
    return (order_facts){.state = s, .paid = paid, .refunded = refunded, .transferred = true};
}

static void the_transfer_is_decided_from_the_order(void **state)
{
    (void)state;
    payout_transfer_state st;
    int64_t amount = -1;
    order_facts f = facts(ORDER_COMPLETED, 10700, 0);
    assert_int_equal(payout_transfer_decide(&f, 9700, true, &st, &amount), BZ_OK);
    assert_int_equal(st, PAYOUT_TRANSFER_PENDING);
    assert_int_equal(amount, 9700);
    assert_int_equal(payout_transfer_decide(&f, 9700, false, &st, &amount), BZ_OK);
    assert_int_equal(st, PAYOUT_TRANSFER_WAITING); /* payouts off: it waits */
    assert_int_equal(amount, 9700);

    f = facts(ORDER_DISPUTED, 10700, 0);
    assert_int_equal(payout_transfer_decide(&f, 9700, true, &st, &amount), BZ_OK);
    assert_int_equal(st, PAYOUT_TRANSFER_WAITING); /* a dispute holds it */

    f = facts(ORDER_COMPLETED, 10700, 2140); /* refunded before it was sent: less to send */
    assert_int_equal(payout_transfer_decide(&f, 9700, true, &st, &amount), BZ_OK);
    assert_int_equal(amount, 9700 - 1940);

    f = facts(ORDER_REFUNDED, 10700, 10700);
    assert_int_equal(payout_transfer_decide(&f, 9700, true, &st, &amount), BZ_OK);
    assert_int_equal(st, PAYOUT_TRANSFER_VOID);
    assert_int_equal(amount, 0);

    f = facts(ORDER_CANCELLED, 0, 0);
    assert_int_equal(payout_transfer_decide(&f, 0, true, &st, &amount), BZ_EINTERNAL);
    f = facts(ORDER_COMPLETED, 100, 0);
    assert_int_equal(payout_transfer_decide(&f, 200, true, &st, &amount), BZ_EINTERNAL);
}

static void the_reversal_due_is_what_the_seller_holds_beyond_the_share_left(void **state)
{
    (void)state;
    payout_transfer t = {.amount = 9700, .reversed = 0};
    int64_t out = -1;
    assert_int_equal(payout_reversal_due(&t, 7760, 1940, &out), BZ_OK);
    assert_int_equal(out, 1940);
    assert_int_equal(payout_reversal_due(&t, 7760, 1000, &out), BZ_OK);
    assert_int_equal(out, 1000); /* never more than asked */
    t.reversed = 1940;
    assert_int_equal(payout_reversal_due(&t, 7760, 1940, &out), BZ_OK);
    assert_int_equal(out, 0); /* reversed already */
    assert_int_equal(payout_reversal_due(&t, 0, 99999, &out), BZ_OK);
    assert_int_equal(out, 7760); /* all of what is left */
    assert_int_equal(payout_reversal_due(&t, 9000, 5, &out), BZ_OK);
    assert_int_equal(out, 0); /* holds less than the share left: nothing back */
    assert_int_equal(payout_reversal_due(&t, 0, 0, &out), BZ_EINTERNAL);
    t.reversed = t.amount + 1;
    assert_int_equal(payout_reversal_due(&t, 0, 5, &out), BZ_EINTERNAL);
}

static void sums_count_a_share_as_transferred_once_sent(void **state)
{
    (void)state;
    checkout_payouts p;
    checkout_payouts_init(&p);
    order_facts done = facts(ORDER_COMPLETED, 10700, 2140), paid = facts(ORDER_PAID, 5000, 0);
    assert_int_equal(payout_sums_add(&p, &done, 9700, true), BZ_OK);
    assert_int_equal(payout_sums_add(&p, &paid, 4500, false), BZ_OK);
    assert_int_equal(payout_sums_add(&p, &done, 9700, false), BZ_OK); /* completed, waiting */
    assert_int_equal(checkout_payouts_finish(&p, 1000), BZ_OK);
    assert_int_equal(p.transferred, 7760);
    assert_int_equal(p.pending, 4500 + 7760);
    assert_int_equal(p.available, 6760);
    assert_int_equal(p.pending + p.available + p.paid_out, p.earned);
}

static void names(void **state)
{
    (void)state;
    for (int s = PAYOUT_TRANSFER_WAITING; s <= PAYOUT_TRANSFER_VOID; s++) {
        assert_int_equal(payout_transfer_state_parse(payout_transfer_state_name(s)), s);
    }
    assert_string_equal(payout_transfer_state_name(PAYOUT_TRANSFER_NONE), "");
    assert_int_equal(payout_transfer_state_parse("sent "), PAYOUT_TRANSFER_NONE);
    assert_int_equal(payout_transfer_state_parse(NULL), PAYOUT_TRANSFER_NONE);
}

UNIT_MAIN(cmocka_unit_test(the_transfer_is_decided_from_the_order),
          cmocka_unit_test(the_reversal_due_is_what_the_seller_holds_beyond_the_share_left),
          cmocka_unit_test(sums_count_a_share_as_transferred_once_sent), cmocka_unit_test(names))
