/* domain/shipping.c - zones, the rate table's parser, parcels and quotes (shipping.h). */
#include "domain/shipping.h"

#include "base/check.h"
#include "base/err.h"
#include "domain/money.h"

#include <string.h>

shipping_zone shipping_zone_of(address_state st)
{
    switch (st) {
    case ADDRESS_SABAH:
    case ADDRESS_SARAWAK:
    case ADDRESS_LABUAN:
        return SHIPPING_EAST;
    case ADDRESS_JOHOR:
    case ADDRESS_KEDAH:
    case ADDRESS_KELANTAN:
    case ADDRESS_MELAKA:
    case ADDRESS_NEGERI_SEMBILAN:
    case ADDRESS_PAHANG:
    case ADDRESS_PERAK:
    case ADDRESS_PERLIS:
    case ADDRESS_PULAU_PINANG:
    case ADDRESS_SELANGOR:
    case ADDRESS_TERENGGANU:
    case ADDRESS_KUALA_LUMPUR:
    case ADDRESS_PUTRAJAYA:
        return SHIPPING_WEST;
    default:
        return SHIPPING_ZONE_NONE;
    }
}

const char *shipping_zone_name(shipping_zone z)
{
    return z == SHIPPING_WEST ? "W" : z == SHIPPING_EAST ? "E" : "";
}

/* ---- the table's text ---------------------------------------------------------------- */

typedef struct cursor {
    const char *s;
    size_t len, i;
} cursor;

static bool take(cursor *c, const char *lit)
{
    size_t n = strlen(lit);
    if (c->len - c->i < n || memcmp(c->s + c->i, lit, n) != 0) {
        return false;
    }
    c->i += n;
    return true;
}

static void skip_spaces(cursor *c)
{
    while (c->i < c->len && c->s[c->i] == ' ') {
        c->i++;
    }
}

/* Decimal digits into *out, refusing values above `max` (so no overflow on the way). */
static bool number(cursor *c, int64_t min, int64_t max, int64_t *out)
{
    int64_t v = 0;
    size_t start = c->i;
    while (c->i < c->len && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
        v = v * 10 + (c->s[c->i] - '0');
        if (v > max) {
            return false;
        }
        c->i++;
    }
    if (c->i == start || v < min) {
        return false;
    }
    *out = v;
    return true;
}

static shipping_zone zone_letter(cursor *c)
{
    if (c->i >= c->len) {
        return SHIPPING_ZONE_NONE;
    }
    char z = c->s[c->i++];
    return z == 'W' ? SHIPPING_WEST : z == 'E' ? SHIPPING_EAST : SHIPPING_ZONE_NONE;
}

static int bad(field_error *err, const char *reason)
{
    return field_fail(err, BZ_EVALIDATION, "shipping_rates", reason);
}

/* One "XY:<g>g=<sen>+<g>g=<sen>" into t; `seen` marks the routes read so far. */
static int route(cursor *c, shipping_table *t, bool seen[2][2], field_error *err)
{
    shipping_zone from = zone_letter(c), to = zone_letter(c);
    if (from == SHIPPING_ZONE_NONE || to == SHIPPING_ZONE_NONE || !take(c, ":")) {
        return bad(err, "A route starts with WW:, WE:, EW: or EE:");
    }
    if (seen[from - 1][to - 1]) {
        return bad(err, "A route is given twice");
    }
    shipping_rate r;
    if (!number(c, 1, SHIPPING_GRAMS_MAX, &r.first_g) || !take(c, "g=") ||
        !number(c, 0, MONEY_PRICE_CAP_SEN, &r.first_sen) || !take(c, "+") ||
        !number(c, 1, SHIPPING_GRAMS_MAX, &r.step_g) || !take(c, "g=") ||
        !number(c, 0, MONEY_PRICE_CAP_SEN, &r.step_sen)) {
        return bad(err, "A route reads <grams>g=<sen>+<grams>g=<sen>, grams 1 to 1000000, "
                        "sen 0 to 100000000");
    }
    seen[from - 1][to - 1] = true;
    t->rates[from - 1][to - 1] = r;
    return BZ_OK;
}

int shipping_table_parse(const char *s, size_t len, shipping_table *out, field_error *err)
{
    cursor c = {.s = s, .len = s ? len : 0, .i = 0};
    shipping_table t;
    memset(&t, 0, sizeof t);
    bool seen[2][2] = {{false, false}, {false, false}};
    skip_spaces(&c);
    for (;;) {
        int rc = route(&c, &t, seen, err);
        if (rc != BZ_OK) {
            return rc;
        }
        skip_spaces(&c);
        if (c.i == c.len) {
            break;
        }
        if (!take(&c, ";")) {
            return bad(err, "Routes are separated by ';'");
        }
        skip_spaces(&c);
    }
    if (!seen[0][0] || !seen[0][1] || !seen[1][0] || !seen[1][1]) {
        return bad(err, "All four routes are needed: WW, WE, EW and EE");
    }
    *out = t;
    return BZ_OK;
}

/* ---- parcels and quotes ---------------------------------------------------------------- */

static bool sized(const shipping_parcel *p)
{
    return p->length_mm > 0 && p->width_mm > 0 && p->height_mm > 0;
}

static bool dims_ok(const shipping_parcel *p)
{
    return p->length_mm >= 0 && p->width_mm >= 0 && p->height_mm >= 0;
}

int shipping_volumetric_g(const shipping_parcel *p, int64_t *out)
{
    if (!dims_ok(p)) {
        return BZ_EVALIDATION;
    }
    if (!sized(p)) {
        *out = 0;
        return BZ_OK;
    }
    int64_t area, volume;
    if (!money_mul(p->length_mm, p->width_mm, &area) || !money_mul(area, p->height_mm, &volume)) {
        return BZ_EVALIDATION;
    }
    /* Round up as carriers do: a started gram counts. */
    *out = volume / SHIPPING_VOLUMETRIC_MM3_PER_G + (volume % SHIPPING_VOLUMETRIC_MM3_PER_G != 0);
    return BZ_OK;
}

/* Sort three sides so that s[0] >= s[1] >= s[2]. */
static void sort3(int64_t s[3])
{
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2 - i; j++) {
            if (s[j] < s[j + 1]) {
                int64_t x = s[j];
                s[j] = s[j + 1];
                s[j + 1] = x;
            }
        }
    }
}

int shipping_combine(const shipping_parcel *items, size_t n, shipping_parcel *out, field_error *err)
{
    if (n == 0 || n > SHIPPING_ITEMS_MAX) {
        return field_fail(err, BZ_EVALIDATION, "items", "A parcel holds 1 to 1000 items");
    }
    shipping_parcel box = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        const shipping_parcel *it = &items[i];
        if (it->weight_g <= 0 || !money_add(box.weight_g, it->weight_g, &box.weight_g)) {
            return field_fail(err, BZ_EVALIDATION, "weight_g", "Every item needs a weight");
        }
        if (!dims_ok(it)) {
            return field_fail(err, BZ_EVALIDATION, "dimensions", "A dimension is negative");
        }
        if (!sized(it)) {
            continue;
        }
        int64_t s[3] = {it->length_mm, it->width_mm, it->height_mm};
        sort3(s);
        box.length_mm = s[0] > box.length_mm ? s[0] : box.length_mm;
        box.width_mm = s[1] > box.width_mm ? s[1] : box.width_mm;
        if (!money_add(box.height_mm, s[2], &box.height_mm)) {
            return field_fail(err, BZ_EVALIDATION, "dimensions", "The parcel is too large");
        }
    }
    *out = box;
    return BZ_OK;
}

static bool rate_ok(const shipping_rate *r)
{
    return r->first_g >= 1 && r->first_g <= SHIPPING_GRAMS_MAX && r->step_g >= 1 &&
           r->step_g <= SHIPPING_GRAMS_MAX && money_price_ok(r->first_sen) &&
           money_price_ok(r->step_sen);
}

/* The price of `w` grams at rate `r`; false on overflow. */
static bool rate_price(const shipping_rate *r, int64_t w, int64_t *out)
{
    if (w <= r->first_g) {
        *out = r->first_sen;
        return true;
    }
    int64_t over = w - r->first_g;
    int64_t steps = over / r->step_g + (over % r->step_g != 0); /* a started step counts */
    int64_t more;
    return money_mul(steps, r->step_sen, &more) && money_add(r->first_sen, more, out);
}

int shipping_quote_parcel(const shipping_table *t, address_state from, address_state to,
                          const shipping_parcel *p, shipping_quote *out, field_error *err)
{
    shipping_quote q = {.from = shipping_zone_of(from), .to = shipping_zone_of(to)};
    if (q.from == SHIPPING_ZONE_NONE) {
        return field_fail(err, BZ_EVALIDATION, "from_state", "The seller's state is unknown");
    }
    if (q.to == SHIPPING_ZONE_NONE) {
        return field_fail(err, BZ_EVALIDATION, "to_state", "The delivery state is unknown");
    }
    if (p->weight_g <= 0) {
        return field_fail(err, BZ_EVALIDATION, "weight_g", "A parcel needs a weight");
    }
    if (shipping_volumetric_g(p, &q.volumetric_g) != BZ_OK) {
        return field_fail(err, BZ_EVALIDATION, "dimensions", "The parcel's size is invalid");
    }
    const shipping_rate *r = &t->rates[q.from - 1][q.to - 1];
    if (BZ_NEVER(!rate_ok(r))) {
        return field_fail(err, BZ_EINTERNAL, "shipping_rates", "The rate table is invalid");
    }
    q.actual_g = p->weight_g;
    q.chargeable_g = q.volumetric_g > q.actual_g ? q.volumetric_g : q.actual_g;
    if (!rate_price(r, q.chargeable_g, &q.price)) {
        return field_fail(err, BZ_EINTERNAL, "shipping_rates", "The shipping price overflows");
    }
    *out = q;
    return BZ_OK;
}
