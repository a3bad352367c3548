/* domain/money.c - sen arithmetic, parsing and formatting. */
#include "domain/money.h"

#include "base/err.h"

#include <stdio.h>

bool money_add(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) {
        return false;
    }
    *out = r;
    return true;
}

bool money_sub(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;
    if (__builtin_sub_overflow(a, b, &r)) {
        return false;
    }
    *out = r;
    return true;
}

bool money_mul(int64_t a, int64_t n, int64_t *out)
{
    int64_t r;
    if (__builtin_mul_overflow(a, n, &r)) {
        return false;
    }
    *out = r;
    return true;
}

bool money_muldiv(int64_t a, int64_t num, int64_t den, int64_t *out)
{
    if (a < 0 || num < 0 || den <= 0) {
        return false;
    }
    /* a, num, den < 2^63: 2 * a * num + den < 2^128, so no step overflows. */
    unsigned __int128 q =
        ((unsigned __int128)a * (unsigned __int128)num * 2u + (unsigned __int128)den) /
        ((unsigned __int128)den * 2u);
    if (q > (unsigned __int128)INT64_MAX) {
        return false;
    }
    *out = (int64_t)q;
    return true;
}

bool money_bp(int64_t a, int64_t bp, int64_t *out)
{
    return money_muldiv(a, bp, MONEY_BP_ONE, out);
}

bool money_price_ok(int64_t sen)
{
    return sen >= 0 && sen <= MONEY_PRICE_CAP_SEN;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int money_parse_myr(const char *s, size_t len, int64_t *sen_out)
{
    size_t i = 0;
    while (i < len && s[i] == ' ') {
        i++;
    }
    if (i + 1 < len && (s[i] == 'R' || s[i] == 'r') && (s[i + 1] == 'M' || s[i + 1] == 'm')) {
        i += 2;
        while (i < len && s[i] == ' ') {
            i++;
        }
    }
    while (len > i && s[len - 1] == ' ') {
        len--;
    }

    /* Whole ringgit: digits, optionally grouped by commas in threes ("1,234,567"). */
    int64_t rm = 0;
    size_t digits = 0, group = 0;
    bool grouped = false;
    for (; i < len && s[i] != '.'; i++) {
        if (s[i] == ',') {
            /* A comma needs 1-3 digits before the first one and exactly 3 between later ones. */
            if (digits == 0 || (grouped ? group != 3 : group > 3)) {
                return BZ_EVALIDATION;
            }
            grouped = true;
            group = 0;
            continue;
        }
        if (!is_digit(s[i])) {
            return BZ_EVALIDATION;
        }
        rm = rm * 10 + (s[i] - '0');
        if (rm > MONEY_PRICE_CAP_SEN / MONEY_SEN_PER_RM) {
            return BZ_EVALIDATION;
        }
        digits++;
        group++;
    }
    if (digits == 0 || (grouped && group != 3)) {
        return BZ_EVALIDATION;
    }

    int64_t sen = 0;
    if (i < len) { /* s[i] == '.' */
        i++;
        size_t decimals = len - i;
        if (decimals == 0 || decimals > 2) {
            return BZ_EVALIDATION;
        }
        for (size_t k = 0; k < decimals; k++) {
            if (!is_digit(s[i + k])) {
                return BZ_EVALIDATION;
            }
            sen = sen * 10 + (s[i + k] - '0');
        }
        if (decimals == 1) {
            sen *= 10;
        }
    }
    int64_t total = rm * MONEY_SEN_PER_RM + sen;
    if (total > MONEY_PRICE_CAP_SEN) {
        return BZ_EVALIDATION;
    }
    *sen_out = total;
    return BZ_OK;
}

/* Digits of |sen| / 100 with commas every three, into `buf` (reversed build, then copied). */
static size_t format(int64_t sen, bool currency, bool grouping, char *out, size_t size)
{
    /* Work in unsigned so INT64_MIN has a magnitude. */
    uint64_t mag = sen < 0 ? (uint64_t)0 - (uint64_t)sen : (uint64_t)sen;
    uint64_t rm = mag / MONEY_SEN_PER_RM;
    unsigned cents = (unsigned)(mag % MONEY_SEN_PER_RM);
    char whole[40];
    size_t n = 0;
    int in_group = 0;
    do {
        if (grouping && in_group == 3) {
            whole[n++] = ',';
            in_group = 0;
        }
        whole[n++] = (char)('0' + rm % 10);
        rm /= 10;
        in_group++;
    } while (rm);
    char text[MONEY_FORMAT_MAX + 8];
    size_t t = 0;
    if (sen < 0) {
        text[t++] = '-';
    }
    if (currency) {
        text[t++] = 'R';
        text[t++] = 'M';
        text[t++] = ' ';
    }
    while (n) {
        text[t++] = whole[--n];
    }
    text[t] = '\0';
    int written = snprintf(out, size, "%s.%02u", text, cents);
    return written < 0 ? 0 : (size_t)written;
}

size_t money_format_myr(int64_t sen, char *out, size_t size)
{
    return format(sen, true, true, out, size);
}

size_t money_format_plain(int64_t sen, char *out, size_t size)
{
    return format(sen, false, false, out, size);
}
