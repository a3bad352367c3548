/*
 * The provider's webhooks and syncs after a redirect (app/payment_events.h).
 */
#include "app/payment_events.h"

#include "app/app_util.h"
#include "app/cards.h"
#include "app/checkout.h"
#include "app/payment_flow.h"
#include "app/notifications.h"
#include "app/refunds.h"
#include "app/plans.h"
#include "app/payouts.h"
#include "app/room_events.h"
#include "base/err.h"
#include "base/log.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The payment an intent belongs to: by its id, else by the payment id we put in its metadata
 * (an intent made by an attempt that died before writing it down). 0 when neither is ours. */
static int64_t payment_of(app_ctx *c, const payments_intent *in)
{
    payment_record p;
    if (in->id[0] && store_payment_by_intent(c->store, in->id, c->arena, &p) == BZ_OK) {
        return p.id;
    }
    if (in->payment_id > 0 &&
        store_payment_get(c->store, in->payment_id, false, c->arena, &p) == BZ_OK) {
        return p.id;
    }
    return 0;
}

/* What an intent's report does to its payment, inside the transaction. */
static int on_intent(app_ctx *c, const payments_event *ev)
{
    int64_t id = payment_of(c, &ev->intent);
    if (!id) {
        bz_info("payment event %s: intent %s is none of ours: acknowledged", ev->id, ev->intent.id);
        return BZ_OK;
    }
    if (ev->kind == PAYMENTS_EV_INTENT_SUCCEEDED) {
        return pay_flow_succeeded(c, id, &ev->intent);
    }
    payment_record p;
    int rc = store_payment_get(c->store, id, false, c->arena, &p);
    return rc == BZ_OK ? pay_flow_failed(c, id, &ev->intent, p.off_session) : rc;
}

/* What applying an event leaves to do after its commit. */
typedef struct applied {
    notification note; /* a dispute's notification to the seller */
    bool noted;
} applied;

static int apply(app_ctx *c, const payments_event *ev, applied *after)
{
    int rc = store_payment_event_claim(c->store, ev->id, ev->type, c->now);
    if (rc == BZ_ECONFLICT) {
        return BZ_OK; /* applied before: a duplicate delivery */
    }
    if (rc != BZ_OK) {
        return rc;
    }
    switch (ev->kind) {
    case PAYMENTS_EV_INTENT_SUCCEEDED:
    case PAYMENTS_EV_INTENT_FAILED:
        return on_intent(c, ev);
    case PAYMENTS_EV_SETUP_SUCCEEDED:
        return app_card_setup_succeeded(c, &ev->setup);
    case PAYMENTS_EV_CHARGE_REFUNDED:
        return refund_flow_charge_refunded(c, ev);
    case PAYMENTS_EV_REFUND_UPDATED:
        return refund_flow_refund_updated(c, ev);
    case PAYMENTS_EV_DISPUTE_CREATED:
        return refund_flow_dispute_opened(c, ev, &after->note, &after->noted);
    case PAYMENTS_EV_DISPUTE_CLOSED:
        return refund_flow_dispute_closed(c, ev);
    case PAYMENTS_EV_SUBSCRIPTION:
    case PAYMENTS_EV_INVOICE_PAID:
    case PAYMENTS_EV_INVOICE_FAILED:
        return app_plan_event(c, ev);
    /* sellers' payouts (app/payouts.h) */
    case PAYMENTS_EV_ACCOUNT_UPDATED:
        return app_payout_account_updated(c, &ev->acct);
    case PAYMENTS_EV_PAYOUT_PAID:
        return app_payout_paid(c, ev);
    default:
        bz_info("payment event %s (%s): nothing to do", ev->id, ev->type);
        return BZ_OK;
    }
}

int app_payment_webhook(app_ctx *c, const char *signature, const void *body, size_t len)
{
    payments *pay = c->env->payments;
    if (!pay) {
        return app_fail(c, BZ_EUNAVAILABLE, NULL, "payments are not configured on this server");
    }
    payments_event *ev = bz_arena_alloc(c->arena, sizeof(*ev)); /* large: not on the stack */
    if (!ev) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    int rc = pay->ops->event_read(pay, signature, body, len, c->now, ev);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    app_evbuf none;
    ev_init(&none, 0);
    applied after = {.noted = false};
    rc = ev_commit(c, &none, apply(c, ev, &after));
    if (rc == BZ_OK && after.noted) {
        notify_publish(c, &after.note, 1);
    }
    return rc;
}

int app_payment_sync(app_ctx *c, int64_t buyer, int64_t payment_id, payment_record *out)
{
    if (!c->env->payments) {
        return app_fail(c, BZ_EUNAVAILABLE, NULL, "payments are not configured on this server");
    }
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = store_payment_get(c->store, payment_id, false, c->arena, out);
    if (rc == BZ_OK && out->buyer_id != buyer) {
        rc = BZ_ENOTFOUND;
    }
    payment_state s = rc == BZ_OK ? payment_state_parse(out->status) : PAYMENT_STATE_NONE;
    if (rc == BZ_OK && (s == PAYMENT_OPEN || s == PAYMENT_PROCESSING)) {
        /* one sync a minute at most: the key carries the minute */
        char key[96], payload[64];
        snprintf(key, sizeof(key), "%s:payment:%" PRId64 ":%" PRId64, APP_PAYMENT_SYNC, payment_id,
                 c->now / 60000);
        snprintf(payload, sizeof(payload), "{\"payment_id\":\"%" PRId64 "\"}", payment_id);
        rc = app_outbox_enqueue(c, APP_PAYMENT_SYNC, key, payload);
    }
    app_evbuf none;
    ev_init(&none, 0);
    return ev_commit(c, &none, rc);
}

int app_payment_sync_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payments *pay = c->env->payments;
    payment_record p;
    int rc = pay_flow_job_payment(c, job, why, len, &p);
    if (rc != BZ_OK || !p.intent_id || !p.intent_id[0]) {
        return rc; /* no intent yet: the create job reports it */
    }
    int64_t id = p.id;
    payments_intent in;
    if ((rc = pay->ops->intent_get(pay, p.intent_id, &in)) != BZ_OK) {
        snprintf(why, len, "the provider did not answer");
        return rc;
    }
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return rc;
    }
    if (in.status == PAYMENTS_INTENT_SUCCEEDED) {
        rc = pay_flow_succeeded(c, id, &in);
    } else if (in.failure_code[0]) {
        rc = pay_flow_failed(c, id, &in, false);
    }
    app_evbuf none;
    ev_init(&none, 0);
    return ev_commit(c, &none, rc);
}
