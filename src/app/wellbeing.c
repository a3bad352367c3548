/*
 * Buyer wellbeing use cases (rules in app/wellbeing.h): reading and setting
 * one's own spending cap and cool-off, and the check bids go through.
 *
 * Windows are rolling (the last 24 h, the last 7 days) rather than calendar
 * days: no time zone to argue about, and a cap cannot be spent twice across
 * a midnight.
 */
#include "app/wellbeing.h"

#include "app/app_util.h"
#include "base/err.h"
#include "base/time.h"

#include <inttypes.h>
#include <string.h>

static int64_t window_ms(const char *period)
{
    return period && strcmp(period, "week") == 0 ? 7 * APP_DAY_MS : APP_DAY_MS;
}

/* The stored limits, or all zero when there are none. */
static int load_limits(app_ctx *c, int64_t user_id, buyer_limits *out)
{
    int rc = store_buyer_limits_get(c->store, user_id, c->arena, out);
    if (rc == BZ_ENOTFOUND) {
        *out = (buyer_limits){.user_id = user_id};
        return BZ_OK;
    }
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

static int committed(app_ctx *c, const buyer_limits *l, int64_t auction_id, int64_t now,
                     int64_t *out)
{
    int64_t orders = 0, leading = 0;
    int rc = store_buyer_committed(c->store, l->user_id, now - window_ms(l->cap_period), auction_id,
                                   &orders, &leading);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    *out = orders + leading;
    return BZ_OK;
}

static int view_of(app_ctx *c, const buyer_limits *l, app_buyer_limits *out)
{
    memset(out, 0, sizeof(*out));
    out->cool_off_until = l->cool_off_until > c->now ? l->cool_off_until : 0;
    if (l->spending_cap <= 0) {
        return BZ_OK;
    }
    out->spending_cap = l->spending_cap;
    out->cap_period = l->cap_period;
    return committed(c, l, 0, c->now, &out->committed);
}

int app_wellbeing_get(app_ctx *c, int64_t actor, app_buyer_limits *out)
{
    buyer_limits l;
    int rc = load_limits(c, actor, &l);
    return rc == BZ_OK ? view_of(c, &l, out) : rc;
}

static int apply_input(app_ctx *c, const app_limits_input *in, buyer_limits *l)
{
    if (in->set_cap && in->cap_amount != 0) {
        if (in->cap_amount < 100) {
            return app_fail(c, BZ_EVALIDATION, "spending_cap.amount",
                            "a cap is at least RM1 (100 sen)");
        }
        if (!in->cap_period ||
            (strcmp(in->cap_period, "day") != 0 && strcmp(in->cap_period, "week") != 0)) {
            return app_fail(c, BZ_EVALIDATION, "spending_cap.period", "period is day or week");
        }
        l->spending_cap = in->cap_amount;
        l->cap_period = in->cap_period;
    } else if (in->set_cap) {
        l->spending_cap = 0;
        l->cap_period = NULL;
    }
    if (in->cool_off_days < 0 || in->cool_off_days > APP_COOL_OFF_MAX_DAYS) {
        return app_fail(c, BZ_EVALIDATION, "cool_off_days", "cool_off_days must be 0..%d",
                        APP_COOL_OFF_MAX_DAYS);
    }
    int64_t until = c->now + in->cool_off_days * APP_DAY_MS;
    if (in->cool_off_days > 0 && until > l->cool_off_until) {
        l->cool_off_until = until; /* extended, never shortened */
    }
    return BZ_OK;
}

int app_wellbeing_set(app_ctx *c, int64_t actor, const app_limits_input *in, app_buyer_limits *out)
{
    buyer_limits l;
    int rc = load_limits(c, actor, &l);
    if (rc == BZ_OK) {
        rc = apply_input(c, in, &l);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    l.updated_at = c->now;
    if ((rc = store_buyer_limits_put(c->store, &l)) != BZ_OK) {
        return app_store_fail(c, rc, BZ_EUNAUTHORIZED);
    }
    return view_of(c, &l, out);
}

int app_wellbeing_check_limits(app_ctx *c, const buyer_limits *l, int64_t auction_id,
                               int64_t amount, int64_t now)
{
    if (l->cool_off_until > now) {
        char until[BZ_RFC3339_LEN];
        bz_time_format(l->cool_off_until, until);
        return app_fail(c, BZ_ECOOLOFF, NULL, "you chose a cool-off until %s", until);
    }
    if (l->spending_cap <= 0) {
        return BZ_OK;
    }
    int64_t spent = 0;
    int rc = committed(c, l, auction_id, now, &spent);
    if (rc != BZ_OK) {
        return rc;
    }
    if (spent + amount > l->spending_cap) {
        return app_fail(c, BZ_ESPENDINGCAP, "amount",
                        "your %s cap is %" PRId64 " sen and %" PRId64 " sen is committed",
                        l->cap_period, l->spending_cap, spent);
    }
    return BZ_OK;
}

int app_wellbeing_check_bid_on(app_ctx *c, int64_t user_id, int64_t auction_id, int64_t amount,
                               int64_t now)
{
    buyer_limits l;
    int rc = load_limits(c, user_id, &l);
    return rc == BZ_OK ? app_wellbeing_check_limits(c, &l, auction_id, amount, now) : rc;
}

int app_wellbeing_check_bid(app_ctx *c, int64_t user_id, int64_t amount, int64_t now)
{
    return app_wellbeing_check_bid_on(c, user_id, 0, amount, now);
}
