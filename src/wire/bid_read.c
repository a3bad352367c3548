/*
 * Reading a bid off either transport (wire/auctions.h wire_bid_read).
 */
#include "wire/auctions.h"

#include "base/err.h"
#include "wire/wire.h"

#include <string.h>

/* An integer member: absent or null leaves *present false. */
static int read_int(json_t *obj, const char *name, bool *present, int64_t *out, app_err *err)
{
    json_t *v;
    int rc = wire_member(obj, name, JSON_INTEGER, NULL, err, &v);
    *present = v != NULL;
    if (v) {
        *out = (int64_t)json_integer_value(v);
    }
    return rc;
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
    json_t *key = NULL;
    if (rc == BZ_OK && key_member) {
        rc = wire_member(obj, key_member, JSON_STRING, NULL, err, &key);
    }
    if (key) {
        in->key = json_string_value(key);
        in->key_field = key_member;
    }
    return rc;
}
