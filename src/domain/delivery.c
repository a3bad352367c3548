/*
 * Delivery addresses (domain/delivery.h).
 */
#include "domain/delivery.h"

#include "base/check.h"
#include "base/err.h"

#include <string.h>

/* The national number (the digits after 0, 60 or +60) into nsn[0..*n]; false when the input
 * has anything but digits and separators, is another country's, or has too many digits. */
static bool national_digits(const char *in, char nsn[16], size_t *n)
{
    const char *p = in + strspn(in, " ");
    bool plus = *p == '+';
    p += plus;
    char all[24];
    size_t k = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (k == sizeof(all) - 1) {
                return false;
            }
            all[k++] = *p;
        } else if (!strchr(" -.()", *p)) {
            return false;
        }
    }
    all[k] = '\0';
    /* "+60…", or "60…" long enough that it cannot be a national number without its 0 */
    bool country = plus || (k >= 10 && all[0] == '6' && all[1] == '0');
    if (country && (k < 2 || all[0] != '6' || all[1] != '0')) {
        return false;
    }
    if (!country && (k == 0 || all[0] != '0')) {
        return false;
    }
    const char *rest = all + (country ? 2 : 1);
    *n = strlen(rest);
    if (*n >= 16) {
        return false;
    }
    memcpy(nsn, rest, *n + 1);
    return true;
}

int delivery_phone_normalise(const char *in, char out[DELIVERY_PHONE_MAX])
{
    out[0] = '\0';
    char nsn[16];
    size_t n = 0;
    if (!in || !national_digits(in, nsn, &n) || n == 0) {
        return BZ_EVALIDATION;
    }
    bool mobile = nsn[0] == '1';
    bool fixed = nsn[0] >= '3' && nsn[0] <= '9';
    if (!(mobile && (n == 9 || n == 10)) && !(fixed && (n == 8 || n == 9))) {
        return BZ_EVALIDATION;
    }
    BZ_CHECK(3 + n < DELIVERY_PHONE_MAX);
    memcpy(out, "+60", 3);
    memcpy(out + 3, nsn, n + 1);
    return BZ_OK;
}

int delivery_validate(const delivery_input *in, delivery_checked *out, field_error *err)
{
    delivery_checked tmp;
    delivery_checked *c = out ? out : &tmp;
    int rc = address_validate(&in->address, &c->address, err);
    if (rc == BZ_OK) {
        rc = address_check_line(in->name, true, DELIVERY_NAME_MAX, "name",
                                "The recipient's name is required",
                                "The recipient's name must be at most 100 characters", err);
    }
    if (rc == BZ_OK && (!in->phone || !*in->phone)) {
        rc = field_fail(err, BZ_EVALIDATION, "phone", "A phone number is required");
    }
    if (rc == BZ_OK && delivery_phone_normalise(in->phone, c->phone) != BZ_OK) {
        rc = field_fail(err, BZ_EVALIDATION, "phone",
                        "Enter a Malaysian phone number, e.g. 012-345 6789");
    }
    return rc;
}
