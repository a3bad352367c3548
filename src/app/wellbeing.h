/*
 * app/wellbeing.h - limits a buyer sets on themselves: a spending cap per
 * day or week, and a cool-off (self-exclusion from bidding for some days,
 * which can be extended but never shortened once set).
 *
 * The auction engine calls app_wellbeing_check_bid_on (or _check_bid) for
 * every bid, inside its bid transaction, with the amount the bid could
 * commit the buyer to (the maximum, for a proxy bid; the buy-now price for a
 * bid at or above it, which buys at that price: auction_commitment):
 *
 *   BZ_OK            the bid may proceed;
 *   BZ_ECOOLOFF      the buyer is in a cool-off (c->err says until when);
 *   BZ_ESPENDINGCAP  committed + amount would exceed the cap.
 *
 * Committed = the buyer's orders created in the cap's window (the last 24 h
 * for "day", 7 days for "week"; cancelled and refunded ones left out) plus,
 * for every running auction the buyer leads, the larger of its current bid
 * and the buyer's maximum; _on leaves out the auction being bid on, whose
 * new amount replaces what the buyer had committed there.
 *
 * Results live in c->arena.
 */
#ifndef APP_WELLBEING_H
#define APP_WELLBEING_H

#include "app/app.h"
#include "domain/buyer.h"

#include <stdbool.h>
#include <stdint.h>

#define APP_COOL_OFF_MAX_DAYS 365
#define APP_DAY_MS            (24LL * 3600 * 1000)

typedef struct app_buyer_limits {
    int64_t spending_cap;   /* sen; 0 = none */
    const char *cap_period; /* "day" | "week"; NULL without a cap */
    int64_t cool_off_until; /* UTC ms; 0 = none (or over) */
    int64_t committed;      /* sen committed in the cap's window now (0 without a cap) */
} app_buyer_limits;

typedef struct app_limits_input {
    bool set_cap;           /* change the cap (else leave it as it is) */
    int64_t cap_amount;     /* sen, >= 100; 0 removes the cap */
    const char *cap_period; /* "day" | "week" (required with an amount) */
    int64_t cool_off_days;  /* 1..APP_COOL_OFF_MAX_DAYS starts or extends a cool-off; 0 = none */
} app_limits_input;

/* The caller's limits (all zero when never set). */
int app_wellbeing_get(app_ctx *c, int64_t actor, app_buyer_limits *out);
/* Change them. A cool-off ends at the later of its current end and now + days: it is never
 * shortened. BZ_EVALIDATION (field spending_cap.amount, spending_cap.period, cool_off_days). */
int app_wellbeing_set(app_ctx *c, int64_t actor, const app_limits_input *in, app_buyer_limits *out);

/* The bid check described above; `now` is the bid's time. */
int app_wellbeing_check_bid(app_ctx *c, int64_t user_id, int64_t amount, int64_t now);
int app_wellbeing_check_bid_on(app_ctx *c, int64_t user_id, int64_t auction_id, int64_t amount,
                               int64_t now);
/* The same check with the buyer's limits already read (a bid batch reads its bidders' at once);
 * l->user_id names the buyer. */
int app_wellbeing_check_limits(app_ctx *c, const buyer_limits *l, int64_t auction_id,
                               int64_t amount, int64_t now);

#endif
