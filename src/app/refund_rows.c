/*
 * Refund rows and their outbox requests (app/refunds.h), apart from the use cases so that the
 * payment flow can give back a payment no order could take without depending on them.
 */
#include "app/refunds.h"

#include "base/err.h"
#include "base/rand.h"

#include <inttypes.h>
#include <stdio.h>

int refund_flow_record(app_ctx *c, refund_record *r, refund_status status)
{
    r->id = bz_id_new(c->now);
    r->note = r->note ? r->note : "";
    r->status = refund_status_name(status);
    r->created_at = r->updated_at = c->now;
    int rc = store_refund_create(c->store, r);
    if (rc != BZ_OK || status != REFUND_CREATING) {
        return rc;
    }
    char key[96], payload[64];
    snprintf(key, sizeof(key), "%s:refund:%" PRId64, APP_REFUND_CREATE, r->id);
    snprintf(payload, sizeof(payload), "{\"refund_id\":\"%" PRId64 "\"}", r->id);
    return app_outbox_enqueue(c, APP_REFUND_CREATE, key, payload);
}

int refund_flow_duplicate(app_ctx *c, int64_t payment_id, const order_record *o, int64_t amount)
{
    refund_record r = {.order_id = o->id,
                       .payment_id = payment_id,
                       .amount = amount,
                       .reason = refund_reason_name(REFUND_DUPLICATE),
                       .role = "system",
                       .order_state = o->status};
    return refund_flow_record(c, &r, REFUND_CREATING);
}
