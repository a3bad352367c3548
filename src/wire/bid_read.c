/*
 * Reading a bid off either transport (wire/auctions.h wire_bid_read).
 */
#include "wire/auctions.h"

#include "base/err.h"

#include <string.h>

/* An integer member: absent or null leaves *present false. */
static int read_int(json_t *obj, const char *name, bool *present, int64_t *out, app_err *err)
{
    json_t *v = json_object_get(obj, name);
    *present = false;
    if (!v || json_is_null(v)) {
        return BZ_OK;
    }
    if (!json_is_integer(v)) {
        return app_err_set(err, BZ_EVALIDATION, name, "must be an integer");
    }
    *present = true;
    *out = (int64_t)json_integer_value(v);
    return BZ_OK;
}

int wire_bid_read(json_t *obj, const char *key_member, app_bid_input *in, app_err *err)
{
    memset(in, 0, sizeof(*in));
    if (!json_is_object(obj)) {
        return app_err_set(err, BZ_EVALIDATION, NULL, "the bid must be a JSON object");
    }
    int rc = read_int(obj, "amount", &in->has_amount, &in->amount, err);
    if (rc == BZ_OK) {
        rc = read_int(obj, "max_amount", &in->has_max_amount, &in->max_amount, err);
    }
    json_t *key = key_member ? json_object_get(obj, key_member) : NULL;
    if (rc != BZ_OK || !key || json_is_null(key)) {
        return rc;
    }
    if (!json_is_string(key)) {
        return app_err_set(err, BZ_EVALIDATION, key_member, "must be a string");
    }
    in->key = json_string_value(key);
    in->key_field = key_member;
    return BZ_OK;
}
