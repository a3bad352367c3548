/*
 * app/addresses.h - a buyer's address book: the delivery addresses they keep
 * (domain/delivery.h), at most DELIVERY_PER_USER_MAX, exactly one of them the default while
 * they have any.
 *
 * Invariant, held under the book's lock (store_address_book_lock) by every change: the first
 * address is the default; making another the default moves the flag; deleting the default
 * makes the newest remaining one the default. Fields are validated as a seller's pickup
 * address is, plus the recipient's name and a Malaysian phone number, kept in E.164.
 */
#ifndef APP_ADDRESSES_H
#define APP_ADDRESSES_H

#include "app/app.h"
#include "domain/delivery.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A change to an address: any field may be NULL (creating: absent; updating: unchanged).
 * make_default 1 makes this one the default; anything else changes nothing about it (a first
 * address is the default anyway, and a default stops being one only when another one is made
 * the default or it is deleted). */
typedef struct app_address_input {
    delivery_input fields;
    int make_default;
} app_address_input;

/* The user's addresses into *out (c->arena), the default first, then the newest. */
int app_addresses(app_ctx *c, int64_t user_id, delivery_address **out, size_t *n);

/* Keep a new address. BZ_EVALIDATION (field in c->err), BZ_ECONFLICT when the book is full
 * (DELIVERY_PER_USER_MAX), BZ_EUNAUTHORIZED (no such user). *out is the row kept. */
int app_address_create(app_ctx *c, int64_t user_id, const app_address_input *in,
                       delivery_address *out);

/* Change address `id` of the user (fields given replace, the whole is validated again).
 * BZ_ENOTFOUND (none such of theirs), BZ_EVALIDATION. *out is the row as kept. */
int app_address_update(app_ctx *c, int64_t user_id, int64_t id, const app_address_input *in,
                       delivery_address *out);

/* Delete address `id` of the user; if it was the default, the newest remaining becomes it.
 * BZ_ENOTFOUND. */
int app_address_delete(app_ctx *c, int64_t user_id, int64_t id);

#endif
