/*
 * tests/contract/store_contract_cohosts.c - a show's co-hosts (migrations/0014): what
 * app/cohosts.c relies on from every adapter.
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

static int64_t make_show(int64_t seller)
{
    int64_t p = make_product(seller, 0, "Lot", 1000, 1);
    return create_show(seller, "Co-host show", &p, 1, T0, T0, false);
}

static size_t current(int64_t show, show_cohost **out)
{
    size_t n = 99;
    OK(store_cohosts(S, show, A, out, &n));
    return n;
}

/* Invite, invite again (nothing changes), list in invitation order, remove, invite again. */
void test_cohosts_invite_remove(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), ali = make_user(), bala = make_user();
    int64_t show = make_show(seller), other = make_show(seller);
    show_cohost *list;
    assert_int_equal(current(show, &list), 0);
    show_cohost c;
    assert_int_equal(store_cohost_get(S, show, ali, A, &c), BZ_ENOTFOUND);

    bool added = false;
    OK(store_cohost_invite(S, show, bala, seller, T0 + 2, &added));
    assert_true(added);
    OK(store_cohost_invite(S, show, ali, seller, T0 + 1, &added));
    assert_true(added);
    OK(store_cohost_invite(S, show, ali, seller, T0 + 9, &added)); /* current already */
    assert_false(added);
    assert_int_equal(current(show, &list), 2);
    assert_int_equal(list[0].user_id, ali); /* first invited first */
    assert_int_equal(list[0].invited_at, T0 + 1);
    assert_int_equal(list[0].invited_by, seller);
    assert_int_equal(list[0].stream_id, show);
    assert_int_equal(list[0].removed_at, 0);
    assert_true(strlen(list[0].username) > 0);
    assert_int_equal(list[1].user_id, bala);
    assert_int_equal(current(other, &list), 0); /* per show */

    bool removed = false;
    OK(store_cohost_remove(S, show, ali, T0 + 20, &removed));
    assert_true(removed);
    OK(store_cohost_remove(S, show, ali, T0 + 21, &removed)); /* not current: nothing */
    assert_false(removed);
    OK(store_cohost_remove(S, other, ali, T0 + 21, &removed)); /* never invited */
    assert_false(removed);
    assert_int_equal(current(show, &list), 1);
    assert_int_equal(list[0].user_id, bala);
    OK(store_cohost_get(S, show, ali, A, &c)); /* the row stays, marked */
    assert_int_equal(c.removed_at, T0 + 20);
    assert_int_equal(c.user_id, ali);

    OK(store_cohost_invite(S, show, ali, seller, T0 + 30, &added)); /* invited again */
    assert_true(added);
    OK(store_cohost_get(S, show, ali, A, &c));
    assert_int_equal(c.removed_at, 0);
    assert_int_equal(c.invited_at, T0 + 30);
    assert_int_equal(current(show, &list), 2);
    assert_int_equal(list[0].user_id, bala); /* now the earlier invitation */
    assert_int_equal(list[1].user_id, ali);
}

/* A missing show or user is BZ_ENOTFOUND (foreign keys), also inside a transaction, which
 * goes on. */
void test_cohosts_missing(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t seller = make_seller(), ali = make_user();
    int64_t show = make_show(seller);
    bool added = true;
    assert_int_equal(store_cohost_invite(S, show + 1000000, ali, seller, T0, &added), BZ_ENOTFOUND);
    assert_false(added);
    OK(store_begin(S));
    assert_int_equal(store_cohost_invite(S, show, ali + 1000000, seller, T0, &added), BZ_ENOTFOUND);
    OK(store_cohost_invite(S, show, ali, seller, T0, &added));
    assert_true(added);
    OK(store_commit(S));
    show_cohost *list;
    assert_int_equal(current(show, &list), 1);
}
