/*
 * The check of a bid's input (app/auctions.h app_bid_check): the rules REST and the socket
 * share, in one place, so both refuse the same input with the same code, field and message.
 */
#include "app/auctions.h"

#include "base/err.h"
#include "domain/money.h"

#include <inttypes.h>
#include <string.h>

static int check_money(const char *field, int64_t sen, app_err *err)
{
    if (sen < 1 || sen > MONEY_PRICE_CAP_SEN) {
        return app_err_set(err, BZ_EVALIDATION, field, "must be between 1 and %" PRId64,
                           (int64_t)MONEY_PRICE_CAP_SEN);
    }
    return BZ_OK;
}

/* 1..APP_BID_KEY_MAX printable ASCII characters: it is stored and compared as given. */
static bool key_ok(const char *key)
{
    size_t len = strlen(key);
    bool ok = len > 0 && len <= APP_BID_KEY_MAX;
    for (size_t i = 0; ok && i < len; i++) {
        ok = key[i] > 0x20 && key[i] < 0x7f;
    }
    return ok;
}

int app_bid_check(const app_bid_input *in, app_bid_req *out, app_err *err)
{
    int rc = in->has_amount ? check_money("amount", in->amount, err) : BZ_OK;
    if (rc == BZ_OK && in->has_max_amount) {
        rc = check_money("max_amount", in->max_amount, err);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    if (in->has_amount == in->has_max_amount) {
        return app_err_set(err, BZ_EVALIDATION, "amount", "send either amount or max_amount");
    }
    if (in->key && !key_ok(in->key)) {
        return app_err_set(err, BZ_EVALIDATION, in->key_field, "1 to %d printable ASCII characters",
                           APP_BID_KEY_MAX);
    }
    out->is_max = in->has_max_amount;
    out->amount = in->has_max_amount ? in->max_amount : in->amount;
    out->key[0] = '\0';
    if (in->key) {
        memcpy(out->key, in->key, strlen(in->key) + 1);
    }
    return BZ_OK;
}
