/* Unit tests for app/addresses.h: the address book's rules over the SQLite store. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/addresses.h"
#include "base/err.h"
#include "fixture.h"

static app_address_input home(void)
{
    return (app_address_input){.fields = {.name = "Siti Aminah",
                                          .phone = "012-345 6789",
                                          .address = {.line1 = "12 Jalan Ampang",
                                                      .city = "Kuala Lumpur",
                                                      .state = "KL",
                                                      .postcode = "50450"}}};
}

static size_t book(fixture *f, int64_t user, delivery_address **l)
{
    size_t n = 99;
    assert_int_equal(app_addresses(&f->ctx, user, l, &n), BZ_OK);
    size_t defaults = 0;
    for (size_t i = 0; i < n; i++) {
        defaults += (*l)[i].is_default;
    }
    assert_int_equal(defaults, n > 0); /* exactly one default while there are any */
    return n;
}

static int64_t add(fixture *f, int64_t user, const char *name, int make_default)
{
    app_address_input in = home();
    in.fields.name = name;
    in.make_default = make_default;
    delivery_address d;
    assert_int_equal(app_address_create(&f->ctx, user, &in, &d), BZ_OK);
    return d.id;
}

static void the_first_address_is_the_default_and_fields_are_normalised(void **state)
{
    fixture *f = *state;
    int64_t ali = fixture_user(f, "ali");
    app_address_input in = home();
    delivery_address d;
    assert_int_equal(app_address_create(&f->ctx, ali, &in, &d), BZ_OK);
    assert_true(d.is_default);
    assert_string_equal(d.phone, "+60123456789");
    assert_string_equal(d.postal.state, "W.P. Kuala Lumpur");
    assert_string_equal(d.postal.line2, "");
    assert_int_equal(d.user_id, ali);
    delivery_address *l;
    assert_int_equal(book(f, ali, &l), 1);
    assert_int_equal(l[0].id, d.id);
    assert_string_equal(l[0].phone, "+60123456789");

    int64_t second = add(f, ali, "Office", -1);
    assert_int_equal(book(f, ali, &l), 2);
    assert_int_equal(l[0].id, d.id); /* still the default */
    assert_int_equal(l[1].id, second);
}

static void bad_fields_are_refused_by_name_and_nothing_is_kept(void **state)
{
    fixture *f = *state;
    int64_t ali = fixture_user(f, "ali");
    app_address_input in = home();
    in.fields.phone = "+65 6123 4567";
    delivery_address d;
    assert_int_equal(app_address_create(&f->ctx, ali, &in, &d), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "phone");
    in = home();
    in.fields.address.postcode = "88000";
    assert_int_equal(app_address_create(&f->ctx, ali, &in, &d), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "postcode");
    in = home();
    in.fields.name = NULL;
    assert_int_equal(app_address_create(&f->ctx, ali, &in, &d), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "name");
    delivery_address *l;
    assert_int_equal(book(f, ali, &l), 0);
    /* no such user */
    assert_int_equal(
        app_address_create(&f->ctx, 424242, &(app_address_input){home().fields, -1}, &d),
        BZ_EUNAUTHORIZED);
}

static void the_book_holds_ten(void **state)
{
    fixture *f = *state;
    int64_t ali = fixture_user(f, "ali");
    for (int i = 0; i < DELIVERY_PER_USER_MAX; i++) {
        add(f, ali, "Ali", -1);
    }
    app_address_input in = home();
    delivery_address d;
    assert_int_equal(app_address_create(&f->ctx, ali, &in, &d), BZ_ECONFLICT);
    delivery_address *l;
    assert_int_equal(book(f, ali, &l), DELIVERY_PER_USER_MAX);
    assert_int_equal(book(f, fixture_user(f, "bala"), &l), 0); /* per user */
}

static void making_another_the_default_moves_the_flag(void **state)
{
    fixture *f = *state;
    int64_t ali = fixture_user(f, "ali");
    int64_t a = add(f, ali, "A", -1), b = add(f, ali, "B", 1);
    delivery_address *l;
    assert_int_equal(book(f, ali, &l), 2);
    assert_int_equal(l[0].id, b);
    int64_t c = add(f, ali, "C", -1);
    app_address_input to_default = {.make_default = 1};
    delivery_address d;
    assert_int_equal(app_address_update(&f->ctx, ali, a, &to_default, &d), BZ_OK);
    assert_true(d.is_default);
    assert_string_equal(d.name, "A"); /* no field given: unchanged */
    assert_int_equal(book(f, ali, &l), 3);
    assert_int_equal(l[0].id, a);
    assert_int_equal(l[1].id, c);
    assert_int_equal(l[2].id, b);
}

static void an_update_replaces_the_fields_given_and_validates_the_whole(void **state)
{
    fixture *f = *state;
    int64_t ali = fixture_user(f, "ali"), bala = fixture_user(f, "bala");
    int64_t a = add(f, ali, "A", -1);
    app_address_input in = {.fields = {.phone = "03-2345 6789",
                                       .address = {.city = "Petaling Jaya", .state = "Selangor"}}};
    delivery_address d;
    /* KL's postcode does not match Selangor: the whole is judged, nothing changes */
    assert_int_equal(app_address_update(&f->ctx, ali, a, &in, &d), BZ_EVALIDATION);
    assert_string_equal(f->ctx.err.field, "postcode");
    in.fields.address.postcode = "46000";
    f->ctx.now += 1000;
    assert_int_equal(app_address_update(&f->ctx, ali, a, &in, &d), BZ_OK);
    assert_string_equal(d.phone, "+60323456789");
    assert_string_equal(d.postal.state, "Selangor");
    assert_string_equal(d.postal.line1, "12 Jalan Ampang"); /* kept */
    assert_true(d.is_default);
    assert_int_equal(d.updated_at, f->ctx.now);
    delivery_address *l;
    assert_int_equal(book(f, ali, &l), 1);
    assert_string_equal(l[0].postal.postcode, "46000");
    /* another user's address is not found */
    assert_int_equal(app_address_update(&f->ctx, bala, a, &in, &d), BZ_ENOTFOUND);
    assert_int_equal(app_address_delete(&f->ctx, bala, a), BZ_ENOTFOUND);
}

static void deleting_the_default_makes_the_newest_the_default(void **state)
{
    fixture *f = *state;
    int64_t ali = fixture_user(f, "ali");
    int64_t a = add(f, ali, "A", -1);
    int64_t b = add(f, ali, "B", -1);
    int64_t c = add(f, ali, "C", -1);
    assert_int_equal(app_address_delete(&f->ctx, ali, a), BZ_OK);
    delivery_address *l;
    assert_int_equal(book(f, ali, &l), 2);
    assert_int_equal(l[0].id, c);                                 /* the newest */
    assert_int_equal(app_address_delete(&f->ctx, ali, b), BZ_OK); /* not the default */
    assert_int_equal(book(f, ali, &l), 1);
    assert_int_equal(l[0].id, c);
    assert_int_equal(app_address_delete(&f->ctx, ali, c), BZ_OK);
    assert_int_equal(book(f, ali, &l), 0);
    assert_int_equal(app_address_delete(&f->ctx, ali, c), BZ_ENOTFOUND);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
UNIT_MAIN(T(the_first_address_is_the_default_and_fields_are_normalised),
          T(bad_fields_are_refused_by_name_and_nothing_is_kept), T(the_book_holds_ten),
          T(making_another_the_default_moves_the_flag),
          T(an_update_replaces_the_fields_given_and_validates_the_whole),
          T(deleting_the_default_makes_the_newest_the_default))
