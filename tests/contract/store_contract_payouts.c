/*
 * tests/contract/store_contract_payouts.c - sellers' payouts (migrations/0018): connected
 * accounts, onboarding requests, transfers, payouts, and the two reads over orders (what a
 * payouts page adds up, which delivered orders are due to complete), on every adapter.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define T0  1800000000000
#define DAY (24LL * 3600 * 1000)

/* An order of a new buyer from `seller`, paid `paid` with seller share `share`, in `status`. */
static order_record paid_order(int64_t seller, const char *status, int64_t paid, int64_t share)
{
    int64_t product = make_product(seller, 0, "Songket", paid, 1);
    order_record o = {.id = new_id(),
                      .buyer_id = make_user(),
                      .seller_id = seller,
                      .product_id = product,
                      .amount = paid,
                      .pay_by = T0 + DAY,
                      .created_at = T0,
                      .updated_at = T0};
    OK(store_order_create(S, &o));
    o.status = status;
    o.paid = paid;
    o.share = share;
    OK(store_order_save(S, &o));
    return o;
}

/* An account is kept once a seller, its provider id stays once set, and it is found by it. */
void test_payout_accounts(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), other = make_seller();
    payout_account got;
    assert_int_equal(store_payout_account_get(S, seller, A, &got), BZ_ENOTFOUND);
    payout_account acct = {.seller_id = seller, .requirements_due = "", .updated_at = T0};
    OK(store_payout_account_put(S, &acct));
    OK(store_payout_account_get(S, seller, A, &got));
    assert_string_equal(got.account_id, "");
    assert_false(got.payouts_enabled);
    assert_int_equal(got.created_at, T0);

    char ref[40];
    snprintf(ref, sizeof(ref), "acct_%lld", (long long)new_id());
    acct.account_id = ref;
    acct.updated_at = T0 + 1;
    OK(store_payout_account_put(S, &acct));
    acct.account_id = "acct_second"; /* a retried creation: the first stays */
    acct.payouts_enabled = acct.charges_enabled = acct.details_submitted = true;
    acct.requirements_due = "external_account";
    acct.updated_at = T0 + 2;
    OK(store_payout_account_put(S, &acct));
    OK(store_payout_account_by_ref(S, ref, A, &got));
    assert_int_equal(got.seller_id, seller);
    assert_string_equal(got.account_id, ref);
    assert_true(got.payouts_enabled && got.charges_enabled && got.details_submitted);
    assert_string_equal(got.requirements_due, "external_account");
    assert_int_equal(got.created_at, T0);
    assert_int_equal(got.updated_at, T0 + 2);
    assert_int_equal(store_payout_account_by_ref(S, "acct_none", A, &got), BZ_ENOTFOUND);

    payout_account theirs = {.seller_id = other, .account_id = ref, .updated_at = T0};
    assert_int_equal(store_payout_account_put(S, &theirs), BZ_ECONFLICT);

    payout_onboarding o = {.id = new_id(),
                           .seller_id = seller,
                           .status = PAYOUT_ONBOARDING_CREATING,
                           .created_at = T0,
                           .updated_at = T0},
                      og;
    OK(store_payout_onboarding_create(S, &o));
    OK(store_payout_onboarding_get(S, o.id, A, &og));
    assert_string_equal(og.status, "creating");
    assert_string_equal(og.url, "");
    o.status = PAYOUT_ONBOARDING_READY;
    o.url = "https://connect.example/setup/s/abc";
    o.expires_at = T0 + 300000;
    o.updated_at = T0 + 5;
    OK(store_payout_onboarding_save(S, &o));
    OK(store_payout_onboarding_get(S, o.id, A, &og));
    assert_string_equal(og.status, "ready");
    assert_string_equal(og.url, o.url);
    assert_int_equal(og.expires_at, T0 + 300000);
    assert_int_equal(og.updated_at, T0 + 5);
    assert_int_equal(store_payout_onboarding_get(S, new_id(), A, &og), BZ_ENOTFOUND);
    o.id = new_id();
    assert_int_equal(store_payout_onboarding_save(S, &o), BZ_ENOTFOUND);
}

/* One transfer an order; its writes read back; the lists by state and newest first; the
 * earnings read says which are sent. */
void test_payout_transfers(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller();
    order_record a = paid_order(seller, "completed", 10000, 9000);
    order_record b = paid_order(seller, "completed", 5000, 4500);
    order_record c = paid_order(seller, "paid", 2000, 1800);
    paid_order(make_seller(), "completed", 3000, 2700); /* another seller's */

    payout_transfer t = {.order_id = a.id,
                         .seller_id = seller,
                         .status = "waiting",
                         .created_at = T0,
                         .updated_at = T0},
                    got;
    OK(store_transfer_create(S, &t));
    assert_int_equal(store_transfer_create(S, &t), BZ_ECONFLICT);
    payout_transfer u = t;
    u.order_id = b.id;
    OK(store_transfer_create(S, &u));

    OK(store_transfer_get(S, a.id, true, A, &got));
    assert_string_equal(got.status, "waiting");
    assert_string_equal(got.transfer_id, "");
    assert_int_equal(got.amount + got.reversed, 0);
    assert_int_equal(store_transfer_get(S, c.id, false, A, &got), BZ_ENOTFOUND);

    char ref[40];
    snprintf(ref, sizeof(ref), "tr_%lld", (long long)new_id());
    t.status = "sent";
    t.transfer_id = ref;
    t.amount = 9000;
    t.reversed = 900;
    t.updated_at = T0 + 10;
    OK(store_transfer_save(S, &t));
    OK(store_transfer_get(S, a.id, false, A, &got));
    assert_string_equal(got.status, "sent");
    assert_string_equal(got.transfer_id, ref);
    assert_int_equal(got.amount, 9000);
    assert_int_equal(got.reversed, 900);
    assert_int_equal(got.updated_at, T0 + 10);
    u.transfer_id = ref; /* a provider id is one transfer's */
    assert_int_equal(store_transfer_save(S, &u), BZ_ECONFLICT);
    u.transfer_id = NULL;
    u.order_id = c.id;
    assert_int_equal(store_transfer_save(S, &u), BZ_ENOTFOUND);

    payout_transfer *rows;
    size_t n = 0;
    OK(store_transfers_in_state(S, seller, "waiting", 10, A, &rows, &n));
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].order_id, b.id);
    OK(store_transfers_of(S, seller, 10, A, &rows, &n));
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].order_id, b.id); /* newest order first */
    OK(store_transfers_of(S, seller, 1, A, &rows, &n));
    assert_int_equal(n, 1);

    payout_earning *e;
    OK(store_seller_earnings(S, seller, A, &e, &n));
    assert_int_equal(n, 3);
    assert_int_equal(e[0].order_id, a.id);
    assert_true(e[0].sent);
    assert_int_equal(e[0].paid, 10000);
    assert_int_equal(e[0].share, 9000);
    assert_string_equal(e[0].status, "completed");
    assert_false(e[1].sent); /* waiting */
    assert_false(e[2].sent); /* none */
    assert_int_equal(e[2].share, 1800);
}

/* A provider payout is kept once; the list is newest first and the total counts them all. */
void test_payout_payouts(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller();
    seller_payout *rows;
    size_t n = 9;
    int64_t total = -1;
    OK(store_payouts_of(S, seller, 10, A, &rows, &n, &total));
    assert_int_equal(n, 0);
    assert_int_equal(total, 0);
    char ref[2][40];
    for (int i = 0; i < 2; i++) {
        snprintf(ref[i], sizeof(ref[i]), "po_%lld", (long long)new_id());
        seller_payout p = {.id = new_id(),
                           .seller_id = seller,
                           .payout_id = ref[i],
                           .amount = 1000 * (i + 1),
                           .paid_at = T0 + i,
                           .created_at = T0 + i};
        OK(store_payout_add(S, &p));
        p.id = new_id();
        assert_int_equal(store_payout_add(S, &p), BZ_ECONFLICT);
    }
    OK(store_payouts_of(S, seller, 1, A, &rows, &n, &total));
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].payout_id, ref[1]);
    assert_int_equal(rows[0].amount, 2000);
    assert_int_equal(rows[0].paid_at, T0 + 1);
    assert_int_equal(total, 3000);
}

/* Delivered orders are due once delivered at or before the cut, not with a report open, and
 * no other state is. */
void test_orders_to_complete(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t base = T0 + 400 * DAY; /* later than every other test's delivered orders */
    order_record early = paid_order(seller, "delivered", 1000, 900);
    order_record late = paid_order(seller, "delivered", 1000, 900);
    order_record reported = paid_order(seller, "delivered", 1000, 900);
    order_record shipped = paid_order(seller, "shipped", 1000, 900);
    early.delivered_at = base;
    late.delivered_at = base + 10;
    reported.delivered_at = base;
    reported.report_open = true;
    OK(store_order_save(S, &early));
    OK(store_order_save(S, &late));
    OK(store_order_save(S, &reported));
    (void)shipped;

    int64_t *ids;
    size_t n = 0;
    OK(store_orders_to_complete(S, base + 9, 100, A, &ids, &n));
    assert_non_null(find_row(ids, n, sizeof(*ids), 0, early.id));
    assert_null(find_row(ids, n, sizeof(*ids), 0, late.id));
    assert_null(find_row(ids, n, sizeof(*ids), 0, reported.id));
    assert_null(find_row(ids, n, sizeof(*ids), 0, shipped.id));
    OK(store_orders_to_complete(S, base + 10, 100, A, &ids, &n));
    assert_non_null(find_row(ids, n, sizeof(*ids), 0, late.id));
}
