/*
 * Fuzz target: the body of a Stripe webhook once its signature verified (what
 * stripe_event_parse reads: any bytes, since a leaked secret or a bug upstream
 * must not turn into memory errors). It must answer BZ_OK or BZ_EBADREQUEST;
 * on refusal the event is all zeroes; on success every string of it is
 * terminated inside its field, the kind is one of the port's, the time is not
 * negative, an event Blytz does not act on carries nothing but its id, type,
 * time and account, and reading the same bytes again gives the same event.
 */
#include "base/err.h"
#include "integrations/stripe/stripe_event.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void terminated(const char *s, size_t size)
{
    if (!memchr(s, '\0', size)) {
        abort();
    }
}

static void strings_terminated(const payments_event *e)
{
    terminated(e->id, sizeof(e->id));
    terminated(e->type, sizeof(e->type));
    terminated(e->account, sizeof(e->account));
    terminated(e->object_id, sizeof(e->object_id));
    terminated(e->intent_id, sizeof(e->intent_id));
    terminated(e->charge, sizeof(e->charge));
    terminated(e->status, sizeof(e->status));
    terminated(e->intent.id, sizeof(e->intent.id));
    terminated(e->intent.client_secret, sizeof(e->intent.client_secret));
    terminated(e->intent.charge, sizeof(e->intent.charge));
    terminated(e->intent.payment_method, sizeof(e->intent.payment_method));
    terminated(e->intent.failure_code, sizeof(e->intent.failure_code));
    terminated(e->intent.decline_code, sizeof(e->intent.decline_code));
    terminated(e->intent.failure_message, sizeof(e->intent.failure_message));
    terminated(e->setup.id, sizeof(e->setup.id));
    terminated(e->setup.client_secret, sizeof(e->setup.client_secret));
    terminated(e->setup.payment_method, sizeof(e->setup.payment_method));
    terminated(e->setup.customer, sizeof(e->setup.customer));
    terminated(e->setup.failure_code, sizeof(e->setup.failure_code));
    terminated(e->acct.id, sizeof(e->acct.id));
    terminated(e->sub.id, sizeof(e->sub.id));
    terminated(e->sub.price, sizeof(e->sub.price));
    terminated(e->sub.customer, sizeof(e->sub.customer));
    terminated(e->sub.client_secret, sizeof(e->sub.client_secret));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static payments_event e, again, zero;
    int rc = stripe_event_parse(data, size, &e);
    if (rc != BZ_OK) {
        if (rc != BZ_EBADREQUEST || memcmp(&e, &zero, sizeof(e)) != 0) {
            abort();
        }
        return 0;
    }
    strings_terminated(&e);
    if (e.kind > PAYMENTS_EV_LAST || e.created < 0 || !e.id[0] || !e.type[0]) {
        abort();
    }
    if (e.kind == PAYMENTS_EV_OTHER) {
        payments_event bare = zero;
        memcpy(bare.id, e.id, sizeof(e.id));
        memcpy(bare.type, e.type, sizeof(e.type));
        memcpy(bare.account, e.account, sizeof(e.account));
        bare.created = e.created;
        if (memcmp(&e, &bare, sizeof(e)) != 0) {
            abort();
        }
    }
    if (stripe_event_parse(data, size, &again) != BZ_OK || memcmp(&e, &again, sizeof(e)) != 0) {
        abort();
    }
    return 0;
}
