/*
 * tests/contract/store_contract_addresses.c - buyers' delivery addresses (migrations/0016):
 * what the app's address book relies on from every adapter.
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

static delivery_address address_of(int64_t user, const char *name, bool is_default, int64_t at)
{
    return (delivery_address){.id = new_id(),
                              .user_id = user,
                              .name = name,
                              .phone = "+60123456789",
                              .postal = {.line1 = "12 Jalan Ampang",
                                         .line2 = "",
                                         .city = "Kuala Lumpur",
                                         .state = "W.P. Kuala Lumpur",
                                         .postcode = "50450"},
                              .is_default = is_default,
                              .created_at = at,
                              .updated_at = at};
}

static void same_address(const delivery_address *got, const delivery_address *want)
{
    assert_int_equal(got->id, want->id);
    assert_int_equal(got->user_id, want->user_id);
    assert_string_equal(got->name, want->name);
    assert_string_equal(got->phone, want->phone);
    assert_string_equal(got->postal.line1, want->postal.line1);
    assert_string_equal(got->postal.line2, want->postal.line2 ? want->postal.line2 : "");
    assert_string_equal(got->postal.city, want->postal.city);
    assert_string_equal(got->postal.state, want->postal.state);
    assert_string_equal(got->postal.postcode, want->postal.postcode);
    assert_int_equal(got->is_default, want->is_default);
    assert_int_equal(got->created_at, want->created_at);
    assert_int_equal(got->updated_at, want->updated_at);
}

static size_t list(int64_t user, delivery_address **out)
{
    size_t n = 99;
    OK(store_addresses(S, user, A, out, &n));
    return n;
}

/* Create, read back whole, list (the default first, then the newest), update, delete; every
 * call names its owner, and another user's address is not found. */
void test_addresses_book(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t ali = make_user(), bala = make_user();
    delivery_address *l;
    assert_int_equal(list(ali, &l), 0);

    delivery_address home = address_of(ali, "Ali bin Abu", true, T0);
    delivery_address office = address_of(ali, "Ali (office)", false, T0 + 1);
    office.postal.line2 = "Level 12";
    OK(store_address_create(S, &home));
    OK(store_address_create(S, &office));
    delivery_address got;
    OK(store_address_get(S, ali, office.id, A, &got));
    same_address(&got, &office);
    assert_int_equal(store_address_get(S, bala, office.id, A, &got), BZ_ENOTFOUND);

    assert_int_equal(list(ali, &l), 2);
    same_address(&l[0], &home); /* the default first, though older */
    same_address(&l[1], &office);
    assert_int_equal(list(bala, &l), 0);

    office.name = "Ali, 12th floor";
    office.phone = "+60323456789";
    office.postal.city = "Petaling Jaya";
    office.postal.state = "Selangor";
    office.postal.postcode = "46000";
    office.updated_at = T0 + 5;
    OK(store_address_update(S, &office));
    OK(store_address_get(S, ali, office.id, A, &got));
    same_address(&got, &office);
    delivery_address theirs = office;
    theirs.user_id = bala;
    assert_int_equal(store_address_update(S, &theirs), BZ_ENOTFOUND);
    theirs = office;
    theirs.id = new_id();
    assert_int_equal(store_address_update(S, &theirs), BZ_ENOTFOUND);

    assert_int_equal(store_address_delete(S, bala, office.id), BZ_ENOTFOUND);
    OK(store_address_delete(S, ali, office.id));
    assert_int_equal(store_address_delete(S, ali, office.id), BZ_ENOTFOUND);
    assert_int_equal(list(ali, &l), 1);
    same_address(&l[0], &home);
}

/* One default a user: a second is refused; making another the default moves the flag in one
 * unit, and a missing target changes nothing. */
void test_addresses_default(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t ali = make_user(), bala = make_user();
    delivery_address a = address_of(ali, "A", true, T0), b = address_of(ali, "B", false, T0 + 1);
    OK(store_address_create(S, &a));
    OK(store_address_create(S, &b));
    delivery_address twice = address_of(ali, "C", true, T0 + 2);
    assert_int_equal(store_address_create(S, &twice), BZ_ECONFLICT);
    delivery_address bala_home = address_of(bala, "Bala", true, T0 + 3); /* per user */
    OK(store_address_create(S, &bala_home));

    OK(store_address_set_default(S, ali, b.id, T0 + 10));
    delivery_address *l;
    assert_int_equal(list(ali, &l), 2);
    assert_int_equal(l[0].id, b.id);
    assert_true(l[0].is_default);
    assert_int_equal(l[0].updated_at, T0 + 10);
    assert_false(l[1].is_default);
    assert_int_equal(l[1].updated_at, T0 + 10);

    OK(store_address_set_default(S, ali, b.id, T0 + 11)); /* already: still the one */
    assert_int_equal(list(ali, &l), 2);
    assert_int_equal(l[0].id, b.id);
    assert_true(l[0].is_default);
    assert_false(l[1].is_default);

    /* another user's address, or none: nothing changes, the old default stays */
    assert_int_equal(store_address_set_default(S, ali, bala_home.id, T0 + 12), BZ_ENOTFOUND);
    assert_int_equal(store_address_set_default(S, ali, new_id(), T0 + 12), BZ_ENOTFOUND);
    assert_int_equal(list(ali, &l), 2);
    assert_int_equal(l[0].id, b.id);
    assert_true(l[0].is_default);
    assert_int_equal(l[0].updated_at, T0 + 11);
    assert_int_equal(list(bala, &l), 1);
    assert_true(l[0].is_default);
}

/* An address for no user fails the foreign key. */
void test_addresses_missing_user(void **state)
{
    (void)state;
    bz_arena_reset(A);
    delivery_address d = address_of(new_id(), "Nobody", true, T0);
    assert_int_equal(store_address_create(S, &d), BZ_ENOTFOUND);
}
