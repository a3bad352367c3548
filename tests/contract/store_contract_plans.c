/*
 * tests/contract/store_contract_plans.c - sellers' plans (migrations/0018): one row a seller,
 * written whole and read back the same, locked or not, and found by its subscription.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define T0 1800000000000

static void same_plan(const seller_plan *a, const seller_plan *b)
{
    assert_int_equal(a->seller_id, b->seller_id);
    assert_string_equal(a->plan, b->plan);
    assert_string_equal(a->status, b->status);
    assert_string_equal(a->subscription_id, b->subscription_id);
    assert_string_equal(a->client_secret, b->client_secret);
    assert_string_equal(a->failure_code, b->failure_code);
    assert_int_equal(a->current_period_end, b->current_period_end);
    assert_int_equal(a->past_due_since, b->past_due_since);
    assert_int_equal(a->cancel_at_period_end, b->cancel_at_period_end);
    assert_int_equal(a->event_at, b->event_at);
    assert_int_equal(a->created_at, b->created_at);
    assert_int_equal(a->updated_at, b->updated_at);
}

/* Asked for (no subscription yet: texts read as ""), made, then moved on by reports; each
 * write reads back whole; a subscription id belongs to one seller. */
void test_seller_plans(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t ali = make_seller(), siti = make_seller();
    seller_plan got, p = {.seller_id = ali,
                          .plan = "pro",
                          .status = "creating",
                          .subscription_id = "",
                          .client_secret = "",
                          .failure_code = "",
                          .created_at = T0,
                          .updated_at = T0};
    assert_int_equal(store_plan_get(S, ali, false, A, &got), BZ_ENOTFOUND);
    OK(store_plan_put(S, &p));
    OK(store_plan_get(S, ali, false, A, &got));
    same_plan(&got, &p);
    assert_int_equal(store_plan_by_sub(S, "sub_ali", A, &got), BZ_ENOTFOUND);

    p.status = "incomplete";
    p.subscription_id = "sub_ali";
    p.client_secret = "pi_1_secret_2";
    p.current_period_end = T0 + 30LL * 86400000;
    p.updated_at = T0 + 1;
    OK(store_plan_put(S, &p));
    OK(store_begin(S));
    OK(store_plan_get(S, ali, true, A, &got));
    same_plan(&got, &p);
    p.status = "past_due";
    p.client_secret = "";
    p.past_due_since = T0 + 5;
    p.cancel_at_period_end = true;
    p.event_at = T0 + 5;
    OK(store_plan_put(S, &p));
    OK(store_commit(S));
    OK(store_plan_by_sub(S, "sub_ali", A, &got));
    same_plan(&got, &p);

    seller_plan q = p; /* another seller cannot hold the same subscription */
    q.seller_id = siti;
    assert_int_equal(store_plan_put(S, &q), BZ_ECONFLICT);
    assert_int_equal(store_plan_get(S, siti, false, A, &got), BZ_ENOTFOUND);

    /* a new subscription replaces the row whole */
    p = (seller_plan){.seller_id = ali,
                      .plan = "max",
                      .status = "failed",
                      .subscription_id = "",
                      .client_secret = "",
                      .failure_code = "card_declined",
                      .created_at = T0 + 9,
                      .updated_at = T0 + 9};
    OK(store_plan_put(S, &p));
    OK(store_plan_get(S, ali, false, A, &got));
    same_plan(&got, &p);
    assert_int_equal(store_plan_by_sub(S, "sub_ali", A, &got), BZ_ENOTFOUND);
}
