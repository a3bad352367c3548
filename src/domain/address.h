/*
 * domain/address.h - Malaysian postal addresses: the 13 states and 3 federal
 * territories with their canonical names and common aliases, and postcodes
 * checked against the ranges Pos Malaysia publishes for each of them.
 *
 * The postcode table (documented above it in address.c) is deliberately a
 * little generous at known border areas, where both neighbours' names are in
 * everyday use for the same postcode: refusing a real address costs a sale,
 * accepting a slightly odd one costs nothing since NinjaVan routes by
 * postcode.
 */
#ifndef DOMAIN_ADDRESS_H
#define DOMAIN_ADDRESS_H

#include "domain/field.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum address_state {
    ADDRESS_STATE_NONE = 0,
    ADDRESS_JOHOR,
    ADDRESS_KEDAH,
    ADDRESS_KELANTAN,
    ADDRESS_MELAKA,
    ADDRESS_NEGERI_SEMBILAN,
    ADDRESS_PAHANG,
    ADDRESS_PERAK,
    ADDRESS_PERLIS,
    ADDRESS_PULAU_PINANG,
    ADDRESS_SABAH,
    ADDRESS_SARAWAK,
    ADDRESS_SELANGOR,
    ADDRESS_TERENGGANU,
    ADDRESS_KUALA_LUMPUR,
    ADDRESS_LABUAN,
    ADDRESS_PUTRAJAYA,
    ADDRESS_STATE_COUNT
} address_state;

#define ADDRESS_LINE_MAX 100 /* code points, line1 and line2 */
#define ADDRESS_CITY_MAX 50  /* code points */

/* Fields as received (C strings; NULL or "" = absent). */
typedef struct address_input {
    const char *line1;    /* required */
    const char *line2;    /* optional */
    const char *city;     /* required */
    const char *state;    /* required: canonical name, alias or ISO code ("MY-10") */
    const char *postcode; /* required: exactly 5 digits */
    const char *country;  /* optional: "MY", "MYS" or "Malaysia" */
} address_input;

/* What a valid address normalises to. Strings point into static storage or `address_input`. */
typedef struct address_checked {
    address_state state;
    const char *state_name; /* canonical, e.g. "W.P. Kuala Lumpur" */
    char postcode[6];
} address_checked;

/* Validate all fields; on success fill `out` (may be NULL). BZ_OK or BZ_EVALIDATION with
 * the field ("line1", "line2", "city", "state", "postcode", "country") in `err`. */
int address_validate(const address_input *in, address_checked *out, field_error *err);

/* One free-text line of an address (or of what goes with one, such as the recipient's name):
 * blank is `missing` (BZ_EVALIDATION on `field`) when `required`, else absent (BZ_OK); then
 * valid UTF-8 without control characters, at most `max` code points (`too_long`). */
int address_check_line(const char *s, bool required, size_t max, const char *field,
                       const char *missing, const char *too_long, field_error *err);

/* Parse a state name: canonical names and aliases, ignoring case, spaces and punctuation
 * ("Penang", "P. Pinang", "KL", "Wilayah Persekutuan Kuala Lumpur", "Malacca", "N9",
 * "MY-14"). ADDRESS_STATE_NONE if unknown. */
address_state address_state_parse(const char *s, size_t len);

/* Canonical name ("Pulau Pinang"); "" for ADDRESS_STATE_NONE or out of range. */
const char *address_state_name(address_state st);

/* True if the 5-digit postcode (as a number, 0..99999) belongs to `st`. */
bool address_postcode_in_state(int postcode, address_state st);

/* A valid address as kept (a seller's pickup address): the fields of an address_input
 * without the country. The strings are borrowed. */
typedef struct address_postal {
    const char *line1;
    const char *line2; /* may be "" */
    const char *city;
    const char *state;    /* canonical name (address_state_name) */
    const char *postcode; /* five digits */
} address_postal;

#endif
