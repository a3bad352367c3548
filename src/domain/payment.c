/*
 * domain/payment.c - parcels' keys and shipping parts, payments' states (domain/payment.h).
 */
#include "domain/payment.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void parcel_group_key(int64_t buyer_id, int64_t seller_id, int64_t stream_id, int64_t order_id,
                      char out[PARCEL_KEY_MAX])
{
    if (stream_id) {
        snprintf(out, PARCEL_KEY_MAX, "b%" PRId64 ":s%" PRId64 ":show%" PRId64, buyer_id, seller_id,
                 stream_id);
    } else {
        snprintf(out, PARCEL_KEY_MAX, "order%" PRId64, order_id);
    }
}

int64_t parcel_shipping_part(int64_t quote_with, int64_t shipping_paid)
{
    return quote_with > shipping_paid ? quote_with - shipping_paid : 0;
}

static const char *const STATE_NAMES[] = {
    [PAYMENT_CREATING] = "creating",     [PAYMENT_OPEN] = "open",
    [PAYMENT_PROCESSING] = "processing", [PAYMENT_SUCCEEDED] = "succeeded",
    [PAYMENT_FAILED] = "failed",         [PAYMENT_CANCELED] = "canceled",
};
#define N_STATES (sizeof(STATE_NAMES) / sizeof(STATE_NAMES[0]))

const char *payment_state_name(payment_state s)
{
    return (unsigned)s < N_STATES && STATE_NAMES[s] ? STATE_NAMES[s] : "";
}

payment_state payment_state_parse(const char *s)
{
    for (size_t i = 1; s && i < N_STATES; i++) {
        if (strcmp(s, STATE_NAMES[i]) == 0) {
            return (payment_state)i;
        }
    }
    return PAYMENT_STATE_NONE;
}

bool payment_state_final(payment_state s)
{
    return s == PAYMENT_SUCCEEDED || s == PAYMENT_FAILED || s == PAYMENT_CANCELED;
}

/* Days from 1970-01-01 to the first of month m (1..12) of year y (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int64_t m)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (m + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool payment_card_current(const payment_card *card, int64_t now_ms)
{
    if (card->exp_month < 1 || card->exp_month > 12 || card->exp_year < 1970 ||
        card->exp_year > 9999) {
        return false;
    }
    int64_t y = card->exp_year + (card->exp_month == 12), m = card->exp_month % 12 + 1;
    return now_ms < days_from_civil(y, m) * 86400000LL; /* before the next month begins */
}

int64_t buyer_blocked_until(int64_t strikes, int64_t latest)
{
    return strikes >= BUYER_STRIKES_TO_BLOCK && latest > 0 ? latest + BUYER_BLOCK_MS : 0;
}
