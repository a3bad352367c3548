/* Unit tests for domain/address.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "domain/address.h"

static address_state parse(const char *s)
{
    return address_state_parse(s, strlen(s));
}

static void states_and_aliases(void **state)
{
    /* Every canonical name parses back to its state. */
    for (int st = ADDRESS_JOHOR; st < ADDRESS_STATE_COUNT; st++) {
        assert_int_equal(parse(address_state_name((address_state)st)), st);
    }
    assert_int_equal(ADDRESS_STATE_COUNT - 1, 16);
    assert_int_equal(parse("Penang"), ADDRESS_PULAU_PINANG);
    assert_int_equal(parse("P. Pinang"), ADDRESS_PULAU_PINANG);
    assert_int_equal(parse("pulau pinang"), ADDRESS_PULAU_PINANG);
    assert_int_equal(parse("Kuala Lumpur"), ADDRESS_KUALA_LUMPUR);
    assert_int_equal(parse("KL"), ADDRESS_KUALA_LUMPUR);
    assert_int_equal(parse("WP Kuala Lumpur"), ADDRESS_KUALA_LUMPUR);
    assert_int_equal(parse("Wilayah Persekutuan Kuala Lumpur"), ADDRESS_KUALA_LUMPUR);
    assert_int_equal(parse("Malacca"), ADDRESS_MELAKA);
    assert_int_equal(parse("N. Sembilan"), ADDRESS_NEGERI_SEMBILAN);
    assert_int_equal(parse("Johor Darul Ta'zim"), ADDRESS_JOHOR);
    assert_int_equal(parse("MY-10"), ADDRESS_SELANGOR);
    assert_int_equal(parse("Trengganu"), ADDRESS_TERENGGANU);
    assert_int_equal(parse("labuan"), ADDRESS_LABUAN);
    assert_int_equal(parse("Putrajaya"), ADDRESS_PUTRAJAYA);
    assert_int_equal(parse(""), ADDRESS_STATE_NONE);
    assert_int_equal(parse("Singapore"), ADDRESS_STATE_NONE);
    assert_int_equal(parse("Selangor;DROP"), ADDRESS_STATE_NONE);
    assert_int_equal(parse("Selangorr"), ADDRESS_STATE_NONE);
    assert_string_equal(address_state_name(ADDRESS_STATE_NONE), "");
    assert_string_equal(address_state_name(ADDRESS_STATE_COUNT), "");
}

static void postcodes_match_states(void **state)
{
    static const struct {
        int postcode;
        address_state st;
    } samples[] = {
        {1000, ADDRESS_PERLIS},
        {2800, ADDRESS_PERLIS},
        {5000, ADDRESS_KEDAH},
        {9810, ADDRESS_KEDAH},
        {10000, ADDRESS_PULAU_PINANG},
        {14400, ADDRESS_PULAU_PINANG},
        {15000, ADDRESS_KELANTAN},
        {18500, ADDRESS_KELANTAN},
        {20000, ADDRESS_TERENGGANU},
        {24300, ADDRESS_TERENGGANU},
        {25000, ADDRESS_PAHANG},
        {28800, ADDRESS_PAHANG},
        {39000, ADDRESS_PAHANG},
        {39200, ADDRESS_PAHANG},
        {49000, ADDRESS_PAHANG},
        {69000, ADDRESS_PAHANG},
        {30000, ADDRESS_PERAK},
        {36810, ADDRESS_PERAK},
        {40000, ADDRESS_SELANGOR},
        {48300, ADDRESS_SELANGOR},
        {63000, ADDRESS_SELANGOR},
        {68100, ADDRESS_SELANGOR},
        {50000, ADDRESS_KUALA_LUMPUR},
        {60000, ADDRESS_KUALA_LUMPUR},
        {62000, ADDRESS_PUTRAJAYA},
        {62988, ADDRESS_PUTRAJAYA},
        {70000, ADDRESS_NEGERI_SEMBILAN},
        {73509, ADDRESS_NEGERI_SEMBILAN},
        {75000, ADDRESS_MELAKA},
        {78309, ADDRESS_MELAKA},
        {79000, ADDRESS_JOHOR},
        {86900, ADDRESS_JOHOR},
        {87000, ADDRESS_LABUAN},
        {87033, ADDRESS_LABUAN},
        {88000, ADDRESS_SABAH},
        {91309, ADDRESS_SABAH},
        {93000, ADDRESS_SARAWAK},
        {98859, ADDRESS_SARAWAK},
        /* border postcodes accepted for both */
        {52100, ADDRESS_SELANGOR},
        {53100, ADDRESS_KUALA_LUMPUR},
        {68000, ADDRESS_KUALA_LUMPUR},
    };
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        assert_true(address_postcode_in_state(samples[i].postcode, samples[i].st));
    }

    assert_false(address_postcode_in_state(50000, ADDRESS_SELANGOR));
    assert_false(address_postcode_in_state(2801, ADDRESS_PERLIS));
    assert_false(address_postcode_in_state(87034, ADDRESS_LABUAN));
    assert_false(address_postcode_in_state(88000, ADDRESS_SARAWAK));
    assert_false(address_postcode_in_state(62989, ADDRESS_PUTRAJAYA));

    /* Each postcode in the table belongs to exactly one state, except the border ones. */
    for (int pc = 0; pc <= 99999; pc++) {
        int owners = 0;
        for (int st = ADDRESS_JOHOR; st < ADDRESS_STATE_COUNT; st++) {
            owners += address_postcode_in_state(pc, (address_state)st);
        }
        bool border = pc == 52100 || pc == 53100 || pc == 68000 || pc == 68100;
        assert_true(owners <= (border ? 2 : 1));
        /* The gaps between allocations belong to nobody. */
        if ((pc >= 3000 && pc < 5000) || (pc >= 37000 && pc < 39000) ||
            (pc >= 61000 && pc < 62000) || pc >= 99000 || pc < 1000) {
            assert_int_equal(owners, 0);
        }
    }
}

static int validate(const char *line1, const char *line2, const char *city, const char *st,
                    const char *postcode, const char *country, address_checked *out,
                    field_error *err)
{
    address_input in = {line1, line2, city, st, postcode, country};
    return address_validate(&in, out, err);
}

static void full_address(void **state)
{
    address_checked out;
    field_error err = {0};
    assert_int_equal(validate("No. 12, Jalan SS 2/24", "Taman Bahagia", "Petaling Jaya", "selangor",
                              "47300", "Malaysia", &out, &err),
                     BZ_OK);
    assert_int_equal(out.state, ADDRESS_SELANGOR);
    assert_string_equal(out.state_name, "Selangor");
    assert_string_equal(out.postcode, "47300");
    assert_int_equal(
        validate("1 Lebuh Pantai", NULL, "George Town", "Penang", "10300", NULL, &out, &err),
        BZ_OK);
    assert_string_equal(out.state_name, "Pulau Pinang");
    assert_int_equal(validate("Lot 5", "", "Kangar", "Perlis", "01000", "MY", &out, &err), BZ_OK);
    assert_string_equal(out.postcode, "01000");
    assert_int_equal(validate("Menara KL", "  ", "Kuala Lumpur", "KL", "50450", "my", &out, &err),
                     BZ_OK);
    assert_string_equal(out.state_name, "W.P. Kuala Lumpur");

    static const struct {
        address_input in;
        const char *field;
    } bad[] = {
        {{NULL, NULL, "Ipoh", "Perak", "30000", NULL}, "line1"},
        {{"   ", NULL, "Ipoh", "Perak", "30000", NULL}, "line1"},
        {{"ok\x01", NULL, "Ipoh", "Perak", "30000", NULL}, "line1"},
        {{"ok", "bad\xff", "Ipoh", "Perak", "30000", NULL}, "line2"},
        {{"ok", NULL, "", "Perak", "30000", NULL}, "city"},
        {{"ok", NULL, "Ipoh", "", "30000", NULL}, "state"},
        {{"ok", NULL, "Ipoh", "Perakk", "30000", NULL}, "state"},
        {{"ok", NULL, "Ipoh", "Perak", "3000", NULL}, "postcode"},
        {{"ok", NULL, "Ipoh", "Perak", "300000", NULL}, "postcode"},
        {{"ok", NULL, "Ipoh", "Perak", "30a00", NULL}, "postcode"},
        {{"ok", NULL, "Ipoh", "Perak", NULL, NULL}, "postcode"},
        {{"ok", NULL, "Ipoh", "Perak", "50000", NULL}, "postcode"},
        {{"ok", NULL, "Ipoh", "Perak", "30000", "Singapore"}, "country"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err.field = NULL;
        assert_int_equal(address_validate(&bad[i].in, &out, &err), BZ_EVALIDATION);
        assert_string_equal(err.field, bad[i].field);
        assert_true(strlen(err.reason) > 0);
    }

    /* Length caps in code points. */
    char line[512] = "";
    for (int i = 0; i < 100; i++) {
        strcat(line, "é");
    }
    assert_int_equal(validate(line, line, "Ipoh", "Perak", "30000", NULL, &out, &err), BZ_OK);
    strcat(line, "é");
    assert_int_equal(validate(line, NULL, "Ipoh", "Perak", "30000", NULL, &out, &err),
                     BZ_EVALIDATION);
    assert_string_equal(err.field, "line1");
    char city[64];
    memset(city, 'c', 51);
    city[51] = '\0';
    assert_int_equal(validate("ok", NULL, city, "Perak", "30000", NULL, &out, &err),
                     BZ_EVALIDATION);
    assert_string_equal(err.field, "city");
}

UNIT_MAIN(cmocka_unit_test(states_and_aliases), cmocka_unit_test(postcodes_match_states),
          cmocka_unit_test(full_address))
