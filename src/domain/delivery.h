/*
 * domain/delivery.h - a buyer's delivery address: who receives the parcel, a phone number the
 * courier can call, and a Malaysian postal address (domain/address.h, validated as a seller's
 * pickup address is).
 *
 * A buyer keeps at most DELIVERY_PER_USER_MAX of them, exactly one of them the default while
 * they have any. An order keeps a copy of the address it ships to, so that editing or
 * deleting an address later never changes where a sale went.
 *
 * Phone numbers are kept in E.164 ("+60123456789"): what NinjaVan's API takes, and one
 * spelling for a number however it was typed ("012-345 6789", "+60 12 345 6789",
 * "6012-3456789").
 */
#ifndef DOMAIN_DELIVERY_H
#define DOMAIN_DELIVERY_H

#include "domain/address.h"
#include "domain/field.h"

#include <stdbool.h>
#include <stdint.h>

#define DELIVERY_NAME_MAX     100 /* code points */
#define DELIVERY_PHONE_MAX    14  /* "+60" and at most 10 digits, NUL included */
#define DELIVERY_PER_USER_MAX 10

/* A kept delivery address. Strings are borrowed (from a store read: the caller's arena). */
typedef struct delivery_address {
    int64_t id;
    int64_t user_id;
    const char *name;  /* the recipient */
    const char *phone; /* E.164 */
    address_postal postal;
    bool is_default;
    int64_t created_at; /* UTC ms */
    int64_t updated_at;
} delivery_address;

/* Fields as received (C strings; NULL or "" = absent). */
typedef struct delivery_input {
    const char *name;  /* required */
    const char *phone; /* required: a Malaysian number, any common spelling */
    address_input address;
} delivery_input;

/* What a valid input normalises to. */
typedef struct delivery_checked {
    char phone[DELIVERY_PHONE_MAX]; /* E.164 */
    address_checked address;
} delivery_checked;

/* A Malaysian phone number in E.164 into `out`. Accepted: "0", "60" or "+60" and then the
 * national number (mobile 1X: 9 or 10 digits; a fixed line, area code 3-9: 8 or 9 digits),
 * with spaces, dashes, dots and parentheses anywhere between digits. BZ_OK, or BZ_EVALIDATION
 * (then `out` is ""). */
int delivery_phone_normalise(const char *in, char out[DELIVERY_PHONE_MAX]);

/* Validate every field, the address's first (its field names as address_validate's), then
 * "name" and "phone". BZ_OK with `out` filled (may be NULL), or BZ_EVALIDATION with the field
 * in `err`. */
int delivery_validate(const delivery_input *in, delivery_checked *out, field_error *err);

#endif
