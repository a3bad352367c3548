/*
 * domain/shipping.h - shipping quotes inside Malaysia: zones, chargeable weight, the rate
 * table the configuration fills, and the parcel that several items of one checkout make.
 *
 * Zones: West (Peninsular states, Kuala Lumpur, Putrajaya) and East (Sabah, Sarawak,
 * Labuan). A route is (the seller's pickup zone, the buyer's zone): WW, WE, EW or EE, each
 * with its own rate, since parcels across the South China Sea fly and cost several times
 * more.
 *
 * Chargeable weight = max(actual grams, volumetric grams), volumetric = L x W x H / 6000 in
 * cm and kg, i.e. ceil(L x W x H in mm^3 / 6000) grams. Rounding weights up is the carriers'
 * rule (never in the buyer's favour by less than a gram, and the steps of a rate round up
 * again), not money's: money is never divided here.
 *
 * Price of a route for chargeable weight w:
 *   first_sen                                                 if w <= first_g
 *   first_sen + ceil((w - first_g) / step_g) * step_sen       otherwise
 *
 * Invariants: a parsed table has all four routes with first_g, step_g in 1..SHIPPING_GRAMS_MAX
 * and prices in 0..MONEY_PRICE_CAP_SEN; a quote is monotone in weight (more grams never cost
 * less) and every sum in it is overflow-checked. Pure: no I/O, no allocation.
 */
#ifndef DOMAIN_SHIPPING_H
#define DOMAIN_SHIPPING_H

#include "domain/address.h"
#include "domain/field.h"

#include <stddef.h>
#include <stdint.h>

#define SHIPPING_VOLUMETRIC_MM3_PER_G 6000    /* 6000 cm^3 per kg = 6000 mm^3 per g */
#define SHIPPING_GRAMS_MAX            1000000 /* 1 t: no rate step or first weight above */
#define SHIPPING_ITEMS_MAX            1000    /* items one parcel may combine */

typedef enum shipping_zone { SHIPPING_ZONE_NONE = 0, SHIPPING_WEST, SHIPPING_EAST } shipping_zone;

/* The zone of a state; SHIPPING_ZONE_NONE for ADDRESS_STATE_NONE or out of range. */
shipping_zone shipping_zone_of(address_state st);

/* "W" / "E" (as in the table's routes); "" for NONE. */
const char *shipping_zone_name(shipping_zone z);

typedef struct shipping_rate {
    int64_t first_g;   /* weight the first price covers */
    int64_t first_sen; /* price up to first_g */
    int64_t step_g;    /* each further step of weight, started or whole ... */
    int64_t step_sen;  /* ... costs this */
} shipping_rate;

typedef struct shipping_table {
    shipping_rate rates[2][2]; /* [from - 1][to - 1]: rates[0][1] is West -> East */
} shipping_table;

/* The configuration's text of a table: four routes separated by ';' (spaces allowed around
 * it), each route once, in any order:
 *
 *   route = ("WW" | "WE" | "EW" | "EE") ":" grams "g=" sen "+" grams "g=" sen
 *
 * grams 1..SHIPPING_GRAMS_MAX, sen 0..MONEY_PRICE_CAP_SEN, decimal digits only. "WE:1000g=1500
 * +500g=400" reads: West to East, RM15.00 up to 1 kg, then RM4.00 per started 500 g. */
#define SHIPPING_TABLE_DEFAULT                                                                     \
    "WW:1000g=700+1000g=200;WE:1000g=1500+1000g=700;"                                              \
    "EW:1000g=1500+1000g=700;EE:1000g=900+1000g=300"

/* Parse `s` (`len` bytes) into `out`. BZ_OK, or BZ_EVALIDATION with field "shipping_rates" and
 * the reason (a syntax error, a number out of range, a route twice or missing); `out` is
 * written only on success. */
int shipping_table_parse(const char *s, size_t len, shipping_table *out, field_error *err);

/* What a parcel weighs and measures. Dimensions in mm; a parcel with any dimension 0 has no
 * known size and is charged by its actual weight. */
typedef struct shipping_parcel {
    int64_t weight_g; /* > 0 */
    int64_t length_mm, width_mm, height_mm;
} shipping_parcel;

/* Several items (each a shipping_parcel: a product's weight and size) packed as one: weights
 * add up; the box is the items stacked flat, each laid on its largest face (its sides sorted
 * a >= b >= c): length = max a, width = max b, height = sum of c. That box holds them all
 * (so a seller can pack it), is what carriers measure, and never charges less than the items'
 * own boxes would volumetrically, while summing volumes would pretend to a box no seller can
 * make. Items of unknown size add their weight only; if none has a size, neither has the
 * parcel. BZ_OK, or BZ_EVALIDATION (n == 0 or above SHIPPING_ITEMS_MAX, a weight <= 0, a
 * negative dimension, sums that overflow). */
int shipping_combine(const shipping_parcel *items, size_t n, shipping_parcel *out,
                     field_error *err);

typedef struct shipping_quote {
    shipping_zone from, to;
    int64_t actual_g;     /* the parcel's weight */
    int64_t volumetric_g; /* 0 when its size is unknown */
    int64_t chargeable_g; /* max of the two */
    int64_t price;        /* sen */
} shipping_quote;

/* The volumetric weight of `p` in grams, rounded up; 0 for an unknown size. BZ_OK or
 * BZ_EVALIDATION (a negative dimension, a product that overflows). */
int shipping_volumetric_g(const shipping_parcel *p, int64_t *out);

/* Quote one parcel from a seller in `from` to a buyer in `to`. BZ_OK; BZ_EVALIDATION with
 * the field ("from_state", "to_state", "weight_g", "dimensions"); BZ_EINTERNAL for a table
 * that breaks its invariants (not from shipping_table_parse: a bug) or a price that
 * overflows. */
int shipping_quote_parcel(const shipping_table *t, address_state from, address_state to,
                          const shipping_parcel *p, shipping_quote *out, field_error *err);

#endif
