/* Unit tests for domain/catalog.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <string.h>

#include "base/err.h"
#include "domain/catalog.h"
#include "text_checks.h"

static catalog_product_fields valid_product(void)
{
    catalog_product_fields p = {
        .title = "Vintage Seiko 5 automatic",
        .description = "Serviced 2024.\nComes with box.",
        .condition = "good",
        .has_quantity = true,
        .quantity = 1,
        .has_buy_now_price = true,
        .buy_now_price = 45000,
        .has_shipping_weight_g = true,
        .shipping_weight_g = 350,
        .has_length_mm = true,
        .length_mm = 120,
    };
    return p;
}

static const char *fails_on(const catalog_product_fields *p, bool require_all)
{
    field_error err = {0};
    int rc = catalog_product_check(p, require_all, &err);
    if (rc == BZ_OK) {
        return NULL;
    }
    assert_int_equal(rc, BZ_EVALIDATION);
    assert_true(strlen(err.reason) > 0);
    return err.field;
}

static void valid_products(void **state)
{
    catalog_product_fields p = valid_product();
    assert_null(fails_on(&p, true));
    p.buy_now_price = 0; /* no buy-now */
    p.quantity = 0;      /* sold out is a valid state */
    p.description = "";
    assert_null(fails_on(&p, true));
    p.title = "Kain batik 🌺"; /* 3+ code points, emoji fine */
    assert_null(fails_on(&p, true));
    p.has_buy_now_price = false;
    p.description = NULL;
    p.has_length_mm = false;
    assert_null(fails_on(&p, true)); /* optional fields absent */
}

static void each_rule(void **state)
{
    catalog_product_fields p;
    char big[6000];

#define EXPECT(field, mutate)                                                                      \
    do {                                                                                           \
        p = valid_product();                                                                       \
        mutate;                                                                                    \
        const char *f = fails_on(&p, true);                                                        \
        assert_non_null(f);                                                                        \
        assert_string_equal(f, field);                                                             \
    } while (0)

    EXPECT("title", p.title = NULL);
    EXPECT("title", p.title = "ab");
    EXPECT("title", p.title = "   ");
    EXPECT("title", p.title = "bad\x01title");
    EXPECT("title", (memset(big, 'x', 121), big[121] = '\0', p.title = big));
    EXPECT("description", (memset(big, 'd', 5001), big[5001] = '\0', p.description = big));
    EXPECT("description", p.description = "bad\xc3");
    EXPECT("condition", p.condition = NULL);
    EXPECT("condition", p.condition = "mint");
    EXPECT("condition", p.condition = "NEW");
    EXPECT("quantity", p.has_quantity = false);
    EXPECT("quantity", p.quantity = -1);
    EXPECT("quantity", p.quantity = 10001);
    EXPECT("buy_now_price", p.buy_now_price = 99);
    EXPECT("buy_now_price", p.buy_now_price = -100);
    EXPECT("buy_now_price", p.buy_now_price = 100000001);
    EXPECT("shipping_weight_g", p.has_shipping_weight_g = false);
    EXPECT("shipping_weight_g", p.shipping_weight_g = 0);
    EXPECT("shipping_weight_g", p.shipping_weight_g = 30001);
    EXPECT("length_mm", p.length_mm = 2001);
    EXPECT("width_mm", (p.has_width_mm = true, p.width_mm = -1));
    EXPECT("height_mm", (p.has_height_mm = true, p.height_mm = 5000));
#undef EXPECT

    /* Boundaries that pass. */
    p = valid_product();
    memset(big, 'x', 120);
    big[120] = '\0';
    p.title = big;
    p.quantity = 10000;
    p.buy_now_price = 100;
    p.shipping_weight_g = 30000;
    p.length_mm = 2000;
    assert_null(fails_on(&p, true));
    p.buy_now_price = 100000000;
    p.shipping_weight_g = 1;
    assert_null(fails_on(&p, true));
}

static void patch_checks_only_present_fields(void **state)
{
    catalog_product_fields patch = {0};
    assert_null(fails_on(&patch, false));
    assert_string_equal(fails_on(&patch, true), "title");
    patch.has_quantity = true;
    patch.quantity = 5;
    assert_null(fails_on(&patch, false));
    patch.condition = "broken";
    assert_string_equal(fails_on(&patch, false), "condition");
}

static void conditions(void **state)
{
    assert_int_equal(catalog_condition_parse("new"), CATALOG_NEW);
    assert_int_equal(catalog_condition_parse("like_new"), CATALOG_LIKE_NEW);
    assert_int_equal(catalog_condition_parse("good"), CATALOG_GOOD);
    assert_int_equal(catalog_condition_parse("fair"), CATALOG_FAIR);
    assert_int_equal(catalog_condition_parse("like new"), CATALOG_CONDITION_NONE);
    assert_int_equal(catalog_condition_parse(NULL), CATALOG_CONDITION_NONE);
    for (int c = CATALOG_NEW; c <= CATALOG_FAIR; c++) {
        assert_int_equal(catalog_condition_parse(catalog_condition_name((catalog_condition)c)), c);
    }
    assert_string_equal(catalog_condition_name(CATALOG_CONDITION_NONE), "");
}

static void shops(void **state)
{
    field_error err = {0};
    const char *ok[] = {"Kedai Ah Chong", "陈记", "Batik & Co.", "Toys'R'Fun"};
    const char *bad[] = {"ab",         "",          "   ",
                         " Leading",   "Trailing ", "Blytz Official",
                         "blytzstore", "tab\tname", "bad\xc3"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int rc = catalog_shop_name_check(ok[i], strlen(ok[i]), &err);
        if (strcmp(ok[i], "陈记") == 0) {
            assert_int_equal(rc, BZ_EVALIDATION); /* two code points: too short */
            continue;
        }
        assert_int_equal(rc, BZ_OK);
    }
    refuses_all(catalog_shop_name_check, bad, sizeof bad / sizeof bad[0], "shop_name");
    length_limit(catalog_shop_name_check, "店", 60, "shop_name");

    const char *desc = "Preloved items.\r\nCOD Klang Valley.";
    assert_int_equal(catalog_shop_description_check(desc, strlen(desc), &err), BZ_OK);
    assert_int_equal(catalog_shop_description_check("", 0, &err), BZ_OK);
    length_limit(catalog_shop_description_check, "x", 1000, "description");
}

UNIT_MAIN(cmocka_unit_test(valid_products), cmocka_unit_test(each_rule),
          cmocka_unit_test(patch_checks_only_present_fields), cmocka_unit_test(conditions),
          cmocka_unit_test(shops))
