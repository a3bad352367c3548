/*
 * domain/money.h - MYR amounts as integer sen (1 RM = 100 sen), never floats.
 *
 * Arithmetic helpers return false instead of overflowing. Parsing accepts what
 * people type in Malaysia ("12", "12.5", "12.50", "RM 1,234.50"); formatting
 * gives "RM 1,234.50", as the web app's formatMYR (web/src/lib/format.ts) does, so that a
 * share page, a receipt and the app write an amount alike. No single price may exceed
 * MONEY_PRICE_CAP_SEN.
 */
#ifndef DOMAIN_MONEY_H
#define DOMAIN_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MONEY_SEN_PER_RM    100
#define MONEY_PRICE_CAP_SEN 100000000LL /* RM 1,000,000: any single price or bid */
#define MONEY_FORMAT_MAX    32          /* "-RM 92,233,720,368,547,758.08" + NUL fits */

/* *out = a + b (or a - b, a * n); false on int64 overflow (then *out is untouched). */
bool money_add(int64_t a, int64_t b, int64_t *out);
bool money_sub(int64_t a, int64_t b, int64_t *out);
bool money_mul(int64_t a, int64_t n, int64_t *out);

/* The one rounding rule of Blytz's money: *out = a * num / den rounded half up to the sen
 * (exactly: floor((2 * a * num + den) / (2 * den)), computed in 128 bits so the product never
 * overflows). Needs a >= 0, num >= 0, den > 0; false (then *out is untouched) when they are not,
 * or when the result does not fit int64. Every share of an amount (a rate, a proportion of a
 * refund, an allocation) goes through here, so that every division rounds the same way. */
bool money_muldiv(int64_t a, int64_t num, int64_t den, int64_t *out);

#define MONEY_BP_ONE 10000 /* basis points in 100 % */

/* *out = `bp` basis points of `a` (money_muldiv(a, bp, 10000)): 0 <= bp; false as above. */
bool money_bp(int64_t a, int64_t bp, int64_t *out);

/* True if 0 <= sen <= MONEY_PRICE_CAP_SEN. */
bool money_price_ok(int64_t sen);

/* Parse a non-negative decimal MYR amount: optional "RM" (any case) and spaces, digits with
 * optional thousands commas (groups of three), optional '.' and one or two decimals. Result in
 * sen. BZ_OK, or BZ_EVALIDATION (syntax, more than two decimals, above MONEY_PRICE_CAP_SEN). */
int money_parse_myr(const char *s, size_t len, int64_t *sen_out);

/* "RM 1,234.50" (negative: "-RM 1.00"). Returns the length written (out always NUL-terminated,
 * truncated if `size` is too small - MONEY_FORMAT_MAX always suffices). */
size_t money_format_myr(int64_t sen, char *out, size_t size);

/* "1234.50": no currency, no grouping, for CSV exports and payment APIs. */
size_t money_format_plain(int64_t sen, char *out, size_t size);

#endif
