/* Unit tests for domain/plan.h: the plans' table (BLYTZ_PLANS), the plan in force for each
 * status of a subscription at each side of its limits, and reports applied in any order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "domain/plan.h"

#define DAY   (24LL * 3600 * 1000)
#define GRACE (7 * DAY)
#define T0    1800000000000LL

static plan_table table(const char *text)
{
    plan_table t;
    field_error err;
    assert_int_equal(plan_table_parse(text, strlen(text), &t, &err), BZ_OK);
    return t;
}

static void a_table_reads_with_the_free_plan_first(void **state)
{
    (void)state;
    plan_table t = table("pro:price_1Pro:500:4900,free:0:1000,max:price_Max:250:9900");
    assert_int_equal(t.n, 3);
    assert_string_equal(t.plans[0].name, "free");
    assert_string_equal(t.plans[0].price, "");
    assert_int_equal(t.plans[0].commission_bp, 1000);
    assert_int_equal(t.plans[0].monthly_sen, 0);
    assert_string_equal(t.plans[1].name, "pro");
    assert_string_equal(t.plans[1].price, "price_1Pro");
    assert_int_equal(t.plans[1].commission_bp, 500);
    assert_int_equal(t.plans[1].monthly_sen, 4900);
    assert_ptr_equal(plan_find(&t, "max"), &t.plans[2]);
    assert_null(plan_find(&t, "gold"));
    assert_null(plan_find(&t, NULL));

    t = table("free:0:0:0"); /* a free plan may say it costs 0 */
    assert_int_equal(t.n, 1);
    t = table("basic:0:10000");
    assert_string_equal(t.plans[0].name, "basic");
    assert_int_equal(t.plans[0].commission_bp, 10000);

    plan_table_free_only(&t, 1000);
    assert_int_equal(t.n, 1);
    assert_string_equal(t.plans[0].name, "free");
    assert_int_equal(t.plans[0].commission_bp, 1000);
}

static void a_bad_table_is_refused_with_its_reason(void **state)
{
    (void)state;
    const char *bad[] = {
        "",                                            /* nothing */
        "pro:price_1:500:4900",                        /* no free plan */
        "free:0:1000,basic:0:900",                     /* two free plans */
        "free:0:1000,free:price_1:500:100",            /* a name twice */
        "free:0:1000,a:price_1:500:100,b:price_1:4:1", /* a price twice */
        "free:0:10001",                                /* over 100 % */
        "free:0:-1",
        "free:0:1e3",
        "free:0",                           /* too few parts */
        "free:0:1000:0:9",                  /* too many */
        "free:0:1000:100",                  /* a free plan that costs */
        "Free:0:1000",                      /* a name's letters */
        "free:0:1000,pro:price-1:500:4900", /* a price's characters */
        "free:0:1000,pro:price_1:500",      /* no monthly amount */
        "free:0:1000,pro:price_1:500:0",
        "free:0:1000,pro:price_1:500:100000001",
        "free:0:1000,",   /* an empty entry */
        ":0:1000",        /* no name */
        "free:0:1000,,x", /* an empty entry inside */
        "a:0:1,b:p1:1:1,c:p2:1:1,d:p3:1:1,e:p4:1:1,f:p5:1:1,g:p6:1:1,h:p7:1:1,i:p8:1:1",
        "aaaaaaaaaaaaaaaaaaaaaaaa:0:1", /* a name of 24 */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        plan_table t;
        field_error err = {0};
        int rc = plan_table_parse(bad[i], strlen(bad[i]), &t, &err);
        if (rc != BZ_EVALIDATION) {
            fail_msg("accepted: %s", bad[i]);
        }
        assert_string_equal(err.field, "plans");
        assert_true(strlen(err.reason) > 10);
        assert_int_equal(t.n, 1); /* a safe table: the free plan, 0 bp */
    }
    plan_table t;
    assert_int_equal(plan_table_parse(NULL, 0, &t, NULL), BZ_EVALIDATION);
    /* eight plans is the most */
    const char *eight = "a:0:1,b:p1:1:1,c:p2:1:1,d:p3:1:1,e:p4:1:1,f:p5:1:1,g:p6:1:1,h:p7:1:1";
    assert_int_equal(plan_table_parse(eight, strlen(eight), &t, NULL), BZ_OK);
    assert_int_equal(t.n, 8);
}

static void statuses_round_trip(void **state)
{
    (void)state;
    for (int s = PLAN_CREATING; s <= PLAN_FAILED; s++) {
        assert_int_equal(plan_status_parse(plan_status_name((plan_status)s)), s);
    }
    assert_int_equal(plan_status_parse("trialing"), PLAN_STATUS_NONE); /* the port maps it */
    assert_int_equal(plan_status_parse(NULL), PLAN_STATUS_NONE);
    assert_string_equal(plan_status_name(PLAN_STATUS_NONE), "");
}

static seller_plan row_of(const char *name, plan_status s)
{
    return (seller_plan){.seller_id = 9,
                         .plan = name,
                         .status = plan_status_name(s),
                         .subscription_id = "sub_1",
                         .client_secret = "",
                         .failure_code = "",
                         .current_period_end = T0 + 30 * DAY,
                         .created_at = T0,
                         .updated_at = T0};
}

static const char *in_force(const plan_table *t, const seller_plan *row, int64_t now)
{
    return plan_in_force(t, row, GRACE, now)->name;
}

/* Every status: only active and past_due within its grace take the plan's rate. */
static void the_plan_in_force_by_status(void **state)
{
    (void)state;
    plan_table t = table("free:0:1000,pro:price_1:500:4900");
    assert_string_equal(in_force(&t, NULL, T0), "free"); /* never subscribed */

    seller_plan r = row_of("pro", PLAN_ACTIVE);
    assert_string_equal(in_force(&t, &r, T0), "pro");
    assert_int_equal(plan_ends_at(&t, &r, GRACE, T0), 0); /* renews: no end known */
    /* active past its period (a renewal report not yet here): still the plan */
    assert_string_equal(in_force(&t, &r, T0 + 31 * DAY), "pro");

    for (int s = PLAN_CREATING; s <= PLAN_FAILED; s++) {
        if (s != PLAN_ACTIVE && s != PLAN_PAST_DUE) {
            r = row_of("pro", (plan_status)s);
            assert_string_equal(in_force(&t, &r, T0), "free");
            assert_int_equal(plan_ends_at(&t, &r, GRACE, T0), 0);
        }
    }
    r = row_of("pro", PLAN_STATUS_NONE); /* a status no one knows */
    r.status = "paused";
    assert_string_equal(in_force(&t, &r, T0), "free");

    r = row_of("gold", PLAN_ACTIVE); /* a plan taken out of the configuration */
    assert_string_equal(in_force(&t, &r, T0), "free");
    r = row_of("free", PLAN_ACTIVE);
    assert_string_equal(in_force(&t, &r, T0), "free");
}

/* past_due: the plan until past_due_since + grace (excluded), then free; grace 0 = at once. */
static void past_due_keeps_the_plan_for_the_grace(void **state)
{
    (void)state;
    plan_table t = table("free:0:1000,pro:price_1:500:4900");
    seller_plan r = row_of("pro", PLAN_PAST_DUE);
    r.past_due_since = T0 + DAY;
    assert_string_equal(in_force(&t, &r, T0 + DAY), "pro");
    assert_string_equal(in_force(&t, &r, T0 + DAY + GRACE - 1), "pro");
    assert_int_equal(plan_ends_at(&t, &r, GRACE, T0 + DAY), T0 + DAY + GRACE);
    assert_string_equal(in_force(&t, &r, T0 + DAY + GRACE), "free");
    assert_string_equal(in_force(&t, &r, T0 + 400 * DAY), "free");
    assert_int_equal(plan_ends_at(&t, &r, GRACE, T0 + DAY + GRACE), 0);
    assert_string_equal(plan_in_force(&t, &r, 0, T0 + DAY)->name, "free");
    assert_string_equal(plan_in_force(&t, &r, 0, T0 + DAY - 1)->name, "pro");
    r.past_due_since = INT64_MAX - 1; /* no overflow: the grace never ends */
    assert_string_equal(in_force(&t, &r, T0), "pro");
}

/* Cancelled by the seller at the period's end: the plan until that end (excluded). */
static void a_cancel_at_the_period_end_ends_it_then(void **state)
{
    (void)state;
    plan_table t = table("free:0:1000,pro:price_1:500:4900");
    seller_plan r = row_of("pro", PLAN_ACTIVE);
    r.cancel_at_period_end = true;
    assert_string_equal(in_force(&t, &r, T0 + 30 * DAY - 1), "pro");
    assert_int_equal(plan_ends_at(&t, &r, GRACE, T0), T0 + 30 * DAY);
    assert_string_equal(in_force(&t, &r, T0 + 30 * DAY), "free");
}

static plan_report rep(plan_status s, int64_t period_end, int64_t at)
{
    return (plan_report){.status = s, .period_end = period_end, .at = at};
}

/* Created incomplete, paid (invoice.paid and the update to active in the same second), in
 * every order of delivery: active, the period of the paid invoice. */
static void reports_in_any_order_end_the_same(void **state)
{
    (void)state;
    const int64_t end = T0 + 30 * DAY;
    plan_report sub_created = rep(PLAN_INCOMPLETE, end, T0);
    plan_report paid = rep(PLAN_ACTIVE, end, T0);
    plan_report sub_updated = rep(PLAN_ACTIVE, end, T0);
    sub_updated.says_cancel = true;
    const plan_report *all[] = {&sub_created, &paid, &sub_updated};
    const int orders[][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (size_t o = 0; o < 6; o++) {
        seller_plan r = row_of("pro", PLAN_INCOMPLETE);
        r.current_period_end = 0;
        r.client_secret = "pi_1_secret_x";
        for (size_t i = 0; i < 3; i++) {
            plan_apply(&r, all[orders[o][i]]);
            plan_apply(&r, all[orders[o][i]]); /* and each twice */
        }
        assert_string_equal(r.status, "active");
        assert_int_equal(r.current_period_end, end);
        assert_int_equal(r.past_due_since, 0);
        assert_string_equal(r.client_secret, ""); /* paid: no secret kept */
        assert_int_equal(r.event_at, T0);
    }
}

/* A renewal fails (the next period, past_due), is retried and paid later (active again); a
 * late copy of an earlier report changes nothing. */
static void a_failed_renewal_and_its_retry(void **state)
{
    (void)state;
    const int64_t end1 = T0 + 30 * DAY, end2 = T0 + 60 * DAY;
    seller_plan r = row_of("pro", PLAN_ACTIVE);
    r.event_at = T0;
    plan_report failed = rep(PLAN_PAST_DUE, end2, end1 + 5);
    assert_true(plan_apply(&r, &failed));
    assert_string_equal(r.status, "past_due");
    assert_int_equal(r.past_due_since, end1 + 5);
    assert_int_equal(r.current_period_end, end2);

    plan_report inv_failed = rep(PLAN_PAST_DUE, end2, end1 + 5);
    inv_failed.only_if_active = true; /* invoice.payment_failed: it is past_due already */
    assert_false(plan_apply(&r, &inv_failed));
    plan_report again = rep(PLAN_PAST_DUE, end2, end1 + 3 * DAY); /* a second attempt fails */
    assert_true(plan_apply(&r, &again));
    assert_int_equal(r.past_due_since, end1 + 5); /* since the first failure */

    plan_report old = rep(PLAN_ACTIVE, end1, T0); /* the first period's report, late */
    assert_false(plan_apply(&r, &old));
    assert_string_equal(r.status, "past_due");

    plan_report retry_paid = rep(PLAN_ACTIVE, end2, end1 + 4 * DAY);
    assert_true(plan_apply(&r, &retry_paid));
    assert_string_equal(r.status, "active");
    assert_int_equal(r.past_due_since, 0);
    assert_false(plan_apply(&r, &failed)); /* the failure, delivered again late */
    assert_string_equal(r.status, "active");
}

/* An invoice that fails moves only an active subscription: a first invoice refused by the
 * card leaves it incomplete (free); canceled is final. */
static void invoice_failures_and_the_final_cancel(void **state)
{
    (void)state;
    seller_plan r = row_of("pro", PLAN_INCOMPLETE);
    plan_report inv_failed = rep(PLAN_PAST_DUE, T0 + 30 * DAY, T0 + 1000);
    inv_failed.only_if_active = true;
    assert_false(plan_apply(&r, &inv_failed));
    assert_string_equal(r.status, "incomplete");

    r = row_of("pro", PLAN_ACTIVE);
    assert_true(plan_apply(&r, &inv_failed));
    assert_string_equal(r.status, "past_due");
    assert_int_equal(r.past_due_since, T0 + 1000);

    plan_report cancel_flag = rep(PLAN_ACTIVE, 0, T0 + 2000);
    cancel_flag.says_cancel = true;
    cancel_flag.cancel_at_period_end = true;
    r = row_of("pro", PLAN_ACTIVE);
    assert_true(plan_apply(&r, &cancel_flag));
    assert_true(r.cancel_at_period_end);
    assert_int_equal(r.current_period_end, T0 + 30 * DAY); /* a report without one keeps it */
    seller_plan tie = row_of("pro", PLAN_ACTIVE); /* the cancel in the second of a renewal */
    tie.event_at = T0 + 2000;
    assert_true(plan_apply(&tie, &cancel_flag));
    assert_true(tie.cancel_at_period_end);
    plan_report uncancel = cancel_flag;
    uncancel.cancel_at_period_end = false; /* in a tie, never taken back */
    assert_false(plan_apply(&tie, &uncancel));
    plan_report paid = rep(PLAN_ACTIVE, T0 + 30 * DAY, T0 + 3000); /* invoice: says no flag */
    plan_apply(&r, &paid);
    assert_true(r.cancel_at_period_end);

    plan_report deleted = rep(PLAN_CANCELED, T0 + 30 * DAY, T0 + 1); /* older, but final */
    assert_true(plan_apply(&r, &deleted));
    assert_string_equal(r.status, "canceled");
    plan_report late = rep(PLAN_ACTIVE, T0 + 60 * DAY, T0 + 9 * DAY);
    assert_false(plan_apply(&r, &late));
    assert_false(plan_apply(&r, &deleted));
    assert_string_equal(r.status, "canceled");
}

UNIT_MAIN(cmocka_unit_test(a_table_reads_with_the_free_plan_first),
          cmocka_unit_test(a_bad_table_is_refused_with_its_reason),
          cmocka_unit_test(statuses_round_trip), cmocka_unit_test(the_plan_in_force_by_status),
          cmocka_unit_test(past_due_keeps_the_plan_for_the_grace),
          cmocka_unit_test(a_cancel_at_the_period_end_ends_it_then),
          cmocka_unit_test(reports_in_any_order_end_the_same),
          cmocka_unit_test(a_failed_renewal_and_its_retry),
          cmocka_unit_test(invoice_failures_and_the_final_cancel))
