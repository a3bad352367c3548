/* Unit tests for domain/delivery.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "base/err.h"
#include "domain/delivery.h"

static void phones_normalise_to_e164(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } ok[] = {
        {"012-345 6789", "+60123456789"},   /* mobile, 9 digits */
        {"011-2345 6789", "+601123456789"}, /* mobile 011, 10 digits */
        {"+60 12 345 6789", "+60123456789"}, {"+6012-3456789", "+60123456789"},
        {"60123456789", "+60123456789"},  /* the country code without + */
        {"03-2345 6789", "+60323456789"}, /* Kuala Lumpur, 8-digit subscriber */
        {"(03) 2345-6789", "+60323456789"},  {"04.123.4567", "+6041234567"},
        {"088-123456", "+6088123456"}, /* Kota Kinabalu */
        {" 0123456789", "+60123456789"},
    };
    char out[DELIVERY_PHONE_MAX];
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        assert_int_equal(delivery_phone_normalise(ok[i].in, out), BZ_OK);
        assert_string_equal(out, ok[i].want);
    }
    static const char *const bad[] = {
        "",
        "12345",
        "0",
        "+65 6123 4567" /* Singapore */,
        "012-345",
        /* too short */ "012345678901" /* too long */,
        "0223456789", /* 02 is not an area code here */
        "012-345 6789a",
        "+60",
        "601234567" /* neither 0 nor a whole +60 number */,
        "0123456789012345678901234567890",
        "1-800-88-1234",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(delivery_phone_normalise(bad[i], out), BZ_EVALIDATION);
        assert_string_equal(out, "");
    }
    assert_int_equal(delivery_phone_normalise(NULL, out), BZ_EVALIDATION);
}

static delivery_input good(void)
{
    return (delivery_input){.name = "Siti Aminah",
                            .phone = "012-345 6789",
                            .address = {.line1 = "12 Jalan Ampang",
                                        .city = "Kuala Lumpur",
                                        .state = "KL",
                                        .postcode = "50450"}};
}

static void a_whole_address(void **state)
{
    (void)state;
    delivery_input in = good();
    delivery_checked out;
    field_error err;
    assert_int_equal(delivery_validate(&in, &out, &err), BZ_OK);
    assert_string_equal(out.phone, "+60123456789");
    assert_string_equal(out.address.state_name, "W.P. Kuala Lumpur");
    assert_string_equal(out.address.postcode, "50450");
    assert_int_equal(delivery_validate(&in, NULL, &err), BZ_OK);

    /* each refusal names its field */
    struct {
        delivery_input in;
        const char *field;
    } bad[] = {{good(), "name"},  {good(), "name"},     {good(), "phone"},
               {good(), "phone"}, {good(), "postcode"}, {good(), "line1"}};
    bad[0].in.name = NULL;
    bad[1].in.name = " \t";
    bad[2].in.phone = "";
    bad[3].in.phone = "+44 20 7946 0000";
    bad[4].in.address.postcode = "88000"; /* Sabah's, not KL's */
    bad[5].in.address.line1 = NULL;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err = (field_error){0};
        assert_int_equal(delivery_validate(&bad[i].in, &out, &err), BZ_EVALIDATION);
        assert_string_equal(err.field, bad[i].field);
        assert_true(strlen(err.reason) > 0);
    }

    /* the name's cap is in code points */
    char name[512] = "";
    for (int i = 0; i < DELIVERY_NAME_MAX; i++) {
        strcat(name, "é");
    }
    in.name = name;
    assert_int_equal(delivery_validate(&in, &out, &err), BZ_OK);
    strcat(name, "é");
    assert_int_equal(delivery_validate(&in, &out, &err), BZ_EVALIDATION);
    assert_string_equal(err.field, "name");
}

UNIT_MAIN(cmocka_unit_test(phones_normalise_to_e164), cmocka_unit_test(a_whole_address))
