/* domain/catalog.c - product and shop field rules. */
#include "domain/catalog.h"

#include "base/err.h"
#include "domain/money.h"
#include "domain/text.h"

#include <string.h>
#include <strings.h>

static const char *const condition_names[] = {
    [CATALOG_CONDITION_NONE] = "", [CATALOG_NEW] = "new",   [CATALOG_LIKE_NEW] = "like_new",
    [CATALOG_GOOD] = "good",       [CATALOG_FAIR] = "fair",
};

catalog_condition catalog_condition_parse(const char *s)
{
    if (!s) {
        return CATALOG_CONDITION_NONE;
    }
    for (int c = CATALOG_NEW; c <= CATALOG_FAIR; c++) {
        if (strcmp(s, condition_names[c]) == 0) {
            return (catalog_condition)c;
        }
    }
    return CATALOG_CONDITION_NONE;
}

const char *catalog_condition_name(catalog_condition c)
{
    if ((int)c < CATALOG_NEW || c > CATALOG_FAIR) {
        return "";
    }
    return condition_names[c];
}

static int check_title(const char *s, field_error *err)
{
    size_t len = strlen(s), cp = 0;
    if (!text_ok(s, len, NULL, &cp)) {
        return field_fail(err, BZ_EVALIDATION, "title", "Title contains invalid characters");
    }
    if (text_blank(s, len) || cp < CATALOG_TITLE_MIN || cp > CATALOG_TITLE_MAX) {
        return field_fail(err, BZ_EVALIDATION, "title", "Title must be 3 to 120 characters");
    }
    return BZ_OK;
}

static int check_range(bool present, int64_t v, int64_t lo, int64_t hi, const char *field,
                       const char *reason, field_error *err)
{
    if (present && (v < lo || v > hi)) {
        return field_fail(err, BZ_EVALIDATION, field, reason);
    }
    return BZ_OK;
}

static int require(bool present, bool require_all, const char *field, const char *reason,
                   field_error *err)
{
    if (require_all && !present) {
        return field_fail(err, BZ_EVALIDATION, field, reason);
    }
    return BZ_OK;
}

int catalog_product_check(const catalog_product_fields *p, bool require_all, field_error *err)
{
    int rc;
    if ((rc = require(p->title != NULL, require_all, "title", "Title is required", err))) {
        return rc;
    }
    if (p->title && (rc = check_title(p->title, err))) {
        return rc;
    }
    if (p->description) {
        size_t cp = 0;
        if (!text_ok(p->description, strlen(p->description), "\n\t\r", &cp)) {
            return field_fail(err, BZ_EVALIDATION, "description",
                              "Description contains invalid characters");
        }
        if (cp > CATALOG_DESCRIPTION_MAX) {
            return field_fail(err, BZ_EVALIDATION, "description",
                              "Description must be at most 5000 characters");
        }
    }
    if ((rc = require(p->condition != NULL, require_all, "condition", "Condition is required",
                      err))) {
        return rc;
    }
    if (p->condition && catalog_condition_parse(p->condition) == CATALOG_CONDITION_NONE) {
        return field_fail(err, BZ_EVALIDATION, "condition",
                          "Condition must be one of new, like_new, good, fair");
    }
    if ((rc = require(p->has_quantity, require_all, "quantity", "Quantity is required", err)) ||
        (rc = check_range(p->has_quantity, p->quantity, 0, CATALOG_QUANTITY_MAX, "quantity",
                          "Quantity must be between 0 and 10000", err))) {
        return rc;
    }
    if (p->has_buy_now_price && p->buy_now_price != 0 &&
        (p->buy_now_price < CATALOG_BUY_NOW_MIN_SEN || !money_price_ok(p->buy_now_price))) {
        return field_fail(err, BZ_EVALIDATION, "buy_now_price",
                          "Buy-now price must be 0 or between RM1.00 and RM1,000,000.00");
    }
    if ((rc = require(p->has_shipping_weight_g, require_all, "shipping_weight_g",
                      "Shipping weight is required", err)) ||
        (rc = check_range(p->has_shipping_weight_g, p->shipping_weight_g, CATALOG_WEIGHT_MIN_G,
                          CATALOG_WEIGHT_MAX_G, "shipping_weight_g",
                          "Shipping weight must be between 1 g and 30 kg", err))) {
        return rc;
    }
    if ((rc = check_range(p->has_length_mm, p->length_mm, 0, CATALOG_DIMENSION_MAX_MM, "length_mm",
                          "Length must be between 0 and 2000 mm", err)) ||
        (rc = check_range(p->has_width_mm, p->width_mm, 0, CATALOG_DIMENSION_MAX_MM, "width_mm",
                          "Width must be between 0 and 2000 mm", err)) ||
        (rc = check_range(p->has_height_mm, p->height_mm, 0, CATALOG_DIMENSION_MAX_MM, "height_mm",
                          "Height must be between 0 and 2000 mm", err))) {
        return rc;
    }
    return BZ_OK;
}

int catalog_shop_name_check(const char *s, size_t len, field_error *err)
{
    size_t cp = 0;
    if (!text_ok(s, len, NULL, &cp)) {
        return field_fail(err, BZ_EVALIDATION, "shop_name",
                          "Shop name contains invalid characters");
    }
    if (text_blank(s, len) || cp < CATALOG_SHOP_NAME_MIN || cp > CATALOG_SHOP_NAME_MAX) {
        return field_fail(err, BZ_EVALIDATION, "shop_name", "Shop name must be 3 to 60 characters");
    }
    if (!text_trimmed(s, len)) {
        return field_fail(err, BZ_EVALIDATION, "shop_name",
                          "Shop name cannot start or end with a space");
    }
    /* Buyers trust the platform's own name; a shop must not borrow it. */
    if (len >= 5 && strncasecmp(s, "blytz", 5) == 0) {
        return field_fail(err, BZ_EVALIDATION, "shop_name", "Shop name cannot start with Blytz");
    }
    return BZ_OK;
}

int catalog_shop_description_check(const char *s, size_t len, field_error *err)
{
    size_t cp = 0;
    if (!text_ok(s, len, "\n\t\r", &cp)) {
        return field_fail(err, BZ_EVALIDATION, "description",
                          "Description contains invalid characters");
    }
    if (cp > CATALOG_SHOP_DESCRIPTION_MAX) {
        return field_fail(err, BZ_EVALIDATION, "description",
                          "Description must be at most 1000 characters");
    }
    return BZ_OK;
}
