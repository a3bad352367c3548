/*
 * integrations/stripe/stripe_read.h - Stripe's objects (JSON, as the API answers
 * them and as webhook events carry them) read into the payments port's structs.
 *
 * One reader per object kind, shared by the API calls (stripe_payments.c and
 * its siblings) and the event reader (stripe_event.c), so that an intent reads
 * the same whether it came back from a POST or inside payment_intent.succeeded.
 *
 * Each takes a JSON object and fills the zeroed `out`; false when the object is
 * not of that kind (its "object" member says which), or a member it reads has
 * the wrong type, or an id, code or secret does not fit its field (refused
 * rather than cut: a cut id could name another object). Free texts (messages)
 * are cut to fit. Absent or null members read as "" / 0 / false. An expandable
 * member (a "pi_..." string, or the object itself when expanded) reads as its
 * id either way. Amounts are sen; Stripe's seconds become UTC ms. Metadata
 * values Blytz wrote ("blytz_payment", "blytz_seller") read as positive
 * integers, anything else in them as 0. Pure functions: thread-safe.
 */
#ifndef INTEGRATIONS_STRIPE_STRIPE_READ_H
#define INTEGRATIONS_STRIPE_STRIPE_READ_H

#include "app/ports/payments.h"

#include <jansson.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- members ----------------------------------------------------------------------------- */

/* `obj[key]` as a string into out[size]: absent or null -> "", true; false for another type,
 * an embedded NUL, or a string of size bytes or more. `obj` may be NULL (reads as absent). */
bool stripe_read_str(const json_t *obj, const char *key, char *out, size_t size);
/* The same, but a longer string is cut to fit (a message for logs). */
void stripe_read_text(const json_t *obj, const char *key, char *out, size_t size);
/* An expandable member: its id whether it is a string or an object with an "id". */
bool stripe_read_id(const json_t *obj, const char *key, char *out, size_t size);
/* An integer member (absent or null -> 0); false for another type. */
bool stripe_read_i64(const json_t *obj, const char *key, int64_t *out);
/* A boolean member (absent or null -> false); false for another type. */
bool stripe_read_bool(const json_t *obj, const char *key, bool *out);
/* metadata[name] as a positive decimal integer; 0 when absent or not one. */
int64_t stripe_read_meta_id(const json_t *obj, const char *name);
/* Whether `obj` is an object whose "object" member is `kind`. */
bool stripe_read_is(const json_t *obj, const char *kind);

/* ---- objects ----------------------------------------------------------------------------- */

bool stripe_read_intent(const json_t *pi, payments_intent *out);
bool stripe_read_setup(const json_t *si, payments_setup *out);
bool stripe_read_method(const json_t *pm, payments_method *out);
bool stripe_read_account(const json_t *acct, payments_account *out);
/* A subscription; client_secret from latest_invoice.confirmation_secret when the invoice is
 * expanded and the subscription still incomplete. */
bool stripe_read_sub(const json_t *sub, payments_subscription *out);
bool stripe_read_refund(const json_t *re, payments_refund *out);
/* A transfer ("transfer") or a reversal ("transfer_reversal"). */
bool stripe_read_transfer(const json_t *tr, payments_transfer *out);

#endif
