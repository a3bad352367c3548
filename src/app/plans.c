/*
 * A seller's plan (app/plans.h).
 *
 * The row is written whole under the seller's users row lock (store_address_book_lock), so
 * that two requests cannot both start a subscription. Its created_at is the generation of a
 * subscription: the outbox keys carry it, so a new subscription after a cancelled one is a new
 * request to the provider, and a worker that finds its row replaced leaves it alone.
 */
#include "app/plans.h"

#include "app/app_util.h"
#include "app/cards.h"
#include "app/payment_flow.h"
#include "app/room_events.h"
#include "base/err.h"
#include "base/log.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int finish(app_ctx *c, int rc)
{
    app_evbuf none;
    ev_init(&none, 0);
    return ev_commit(c, &none, rc);
}

static const app_pay_config *pay_cfg(const app_ctx *c)
{
    return &c->env->cfg.pay;
}

/* *out from row *row (NULL: none) at c->now. */
static void view_of(app_ctx *c, int64_t seller, const seller_plan *row, app_plan_view *out)
{
    const app_pay_config *pc = pay_cfg(c);
    memset(out, 0, sizeof(*out));
    out->has_row = row != NULL;
    out->row = row ? *row
                   : (seller_plan){.seller_id = seller,
                                   .plan = pc->plans.plans[0].name,
                                   .status = "",
                                   .subscription_id = "",
                                   .client_secret = "",
                                   .failure_code = ""};
    out->in_force = plan_in_force(&pc->plans, row, pc->plan_grace_ms, c->now);
    out->chosen = row ? plan_find(&pc->plans, row->plan) : NULL;
    out->ends_at = plan_ends_at(&pc->plans, row, pc->plan_grace_ms, c->now);
    if (row && plan_status_parse(row->status) == PLAN_PAST_DUE) {
        out->grace_ends_at = row->past_due_since + pc->plan_grace_ms;
    }
}

/* The seller's row into *row (locked with `lock`); *has false when they have none. */
static int load(app_ctx *c, int64_t seller, bool lock, seller_plan *row, bool *has)
{
    int rc = store_plan_get(c->store, seller, lock, c->arena, row);
    *has = rc == BZ_OK;
    return rc == BZ_ENOTFOUND ? BZ_OK : rc;
}

int app_plan_get(app_ctx *c, int64_t seller, app_plan_view *out)
{
    seller_plan row;
    bool has;
    int rc = app_require_seller(c, seller, "plans are for sellers: open a shop first");
    if (rc != BZ_OK) {
        return rc;
    }
    if ((rc = load(c, seller, false, &row, &has)) != BZ_OK) {
        return app_store_fail(c, rc, BZ_EINTERNAL);
    }
    view_of(c, seller, has ? &row : NULL, out);
    return BZ_OK;
}

int app_plan_commission_bp(app_ctx *c, int64_t seller_id, int64_t *out)
{
    seller_plan row;
    bool has;
    int rc = load(c, seller_id, false, &row, &has);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_EINTERNAL);
    }
    const app_pay_config *pc = pay_cfg(c);
    *out = plan_in_force(&pc->plans, has ? &row : NULL, pc->plan_grace_ms, c->now)->commission_bp;
    return BZ_OK;
}

/* ---- subscribing and cancelling ------------------------------------------------------------ */

static int enqueue(app_ctx *c, const char *kind, const seller_plan *row, const char *how)
{
    char key[160], payload[192];
    snprintf(key, sizeof(key), "%s:seller:%" PRId64 ":%" PRId64 ":%s", kind, row->seller_id,
             row->created_at, how);
    snprintf(payload, sizeof(payload),
             "{\"seller_id\":\"%" PRId64 "\",\"generation\":\"%" PRId64 "\",\"how\":\"%s\"}",
             row->seller_id, row->created_at, how);
    return app_outbox_enqueue(c, kind, key, payload);
}

/* Begin the transaction and read the seller's row, locked, after the seller checks: *s is its
 * status, PLAN_STATUS_NONE when they have none. */
static int begin_locked(app_ctx *c, int64_t seller, seller_plan *row, plan_status *s)
{
    bool has = false;
    int rc = c->env->payments
                 ? app_require_seller(c, seller,
                                      "plans are for sellers: open a "
                                      "shop first")
                 : app_fail(c, BZ_EUNAVAILABLE, NULL, "payments are not configured on this server");
    if (rc != BZ_OK) {
        return rc;
    }
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if ((rc = store_address_book_lock(c->store, seller)) == BZ_OK) {
        rc = load(c, seller, true, row, &has);
    }
    if (rc != BZ_OK) {
        store_rollback(c->store);
        return app_store_fail(c, rc, BZ_EINTERNAL);
    }
    *s = has ? plan_status_parse(row->status) : PLAN_STATUS_NONE;
    return BZ_OK;
}

/* End the transaction with `rc` (rolled back when nothing was written) and answer *row. */
static int answer(app_ctx *c, int rc, bool wrote, const seller_plan *row, app_plan_view *out)
{
    if (!wrote) {
        store_rollback(c->store);
    } else if ((rc = finish(c, rc)) != BZ_OK) {
        return rc;
    }
    view_of(c, row->seller_id, row, out);
    return BZ_OK;
}

static int refuse(app_ctx *c, int code, const char *field, const char *why)
{
    store_rollback(c->store);
    return app_fail(c, code, field, "%s", why);
}

int app_plan_subscribe(app_ctx *c, int64_t seller, const char *name, app_plan_view *out)
{
    const plan *p = plan_find(&pay_cfg(c)->plans, name);
    if (!p) {
        return app_fail(c, BZ_EVALIDATION, "plan", "no such plan: GET /plans lists them");
    }
    if (!p->price[0]) {
        return app_fail(c, BZ_EVALIDATION, "plan",
                        "the free plan needs no subscription: cancel yours to go back to it");
    }
    seller_plan row;
    plan_status s;
    int rc = begin_locked(c, seller, &row, &s);
    if (rc != BZ_OK) {
        return rc;
    }
    bool setting_up = s == PLAN_CREATING || s == PLAN_INCOMPLETE;
    if (setting_up && strcmp(row.plan, p->name) == 0) {
        return answer(c, BZ_OK, false, &row, out); /* asked again (a reload): that one */
    }
    if (setting_up || s == PLAN_ACTIVE || s == PLAN_PAST_DUE) {
        return refuse(c, BZ_EPLANACTIVE, "plan",
                      setting_up ? "a subscription to another plan is being set up: cancel it "
                                   "first"
                                 : "you are subscribed already: cancel it first (changing plans "
                                   "is cancelling, then subscribing)");
    }
    row = (seller_plan){.seller_id = seller,
                        .plan = p->name,
                        .status = plan_status_name(PLAN_CREATING),
                        .subscription_id = "",
                        .client_secret = "",
                        .failure_code = "",
                        .created_at = c->now,
                        .updated_at = c->now};
    if ((rc = store_plan_put(c->store, &row)) == BZ_OK) {
        rc = enqueue(c, APP_PLAN_SUBSCRIBE, &row, "make");
    }
    return answer(c, rc, true, &row, out);
}

int app_plan_cancel(app_ctx *c, int64_t seller, app_plan_view *out)
{
    seller_plan row;
    plan_status s;
    int rc = begin_locked(c, seller, &row, &s);
    if (rc != BZ_OK) {
        return rc;
    }
    if (s != PLAN_CREATING && s != PLAN_INCOMPLETE && s != PLAN_ACTIVE && s != PLAN_PAST_DUE) {
        return refuse(c, BZ_ENOPAIDPLAN, NULL, "you are on the free plan: nothing to cancel");
    }
    if (s == PLAN_CREATING) { /* not made yet: the worker finds it cancelled (and undoes it) */
        row.status = plan_status_name(PLAN_CANCELED);
        row.updated_at = c->now;
        rc = store_plan_put(c->store, &row);
    } else if (s == PLAN_ACTIVE && row.cancel_at_period_end) {
        return answer(c, BZ_OK, false, &row, out); /* asked already */
    } else {
        /* paid for: the seller keeps the period; never paid, or unpaid: now */
        rc = enqueue(c, APP_PLAN_CANCEL, &row, s == PLAN_ACTIVE ? "at_period_end" : "now");
    }
    return answer(c, rc, true, &row, out);
}

/* ---- what the provider says ---------------------------------------------------------------- */

static plan_status status_of(payments_sub_status s)
{
    switch (s) {
    case PAYMENTS_SUB_INCOMPLETE:
        return PLAN_INCOMPLETE;
    case PAYMENTS_SUB_ACTIVE:
        return PLAN_ACTIVE;
    case PAYMENTS_SUB_PAST_DUE:
        return PLAN_PAST_DUE;
    case PAYMENTS_SUB_CANCELED:
        return PLAN_CANCELED;
    }
    return PLAN_PAST_DUE; /* not known to be paid, not known to be over: the grace decides */
}

/* Inside the transaction: apply report *r to the row of subscription `sub_id`. */
static int apply_report(app_ctx *c, const char *sub_id, const char *what, const plan_report *r)
{
    seller_plan row;
    int rc = store_plan_by_sub(c->store, sub_id, c->arena, &row);
    if (rc == BZ_ENOTFOUND) {
        bz_info("plan report %s: subscription %s is none of ours: acknowledged", what, sub_id);
        return BZ_OK;
    }
    if (rc == BZ_OK && (rc = store_address_book_lock(c->store, row.seller_id)) == BZ_OK) {
        rc = store_plan_get(c->store, row.seller_id, true, c->arena, &row);
    }
    if (rc != BZ_OK || strcmp(row.subscription_id, sub_id) != 0) {
        return rc; /* replaced meanwhile by another subscription: not this one's row */
    }
    if (!plan_apply(&row, r)) {
        bz_info("plan report %s about %s: older than what we hold, nothing to do", what, sub_id);
        return BZ_OK;
    }
    row.updated_at = c->now;
    return store_plan_put(c->store, &row);
}

int app_plan_event(app_ctx *c, const payments_event *ev)
{
    const payments_subscription *sub = &ev->sub;
    plan_report r = {.period_end = sub->current_period_end, .at = ev->created};
    switch (ev->kind) {
    case PAYMENTS_EV_SUBSCRIPTION:
        r.status = status_of(sub->status);
        r.says_cancel = true;
        r.cancel_at_period_end = sub->cancel_at_period_end;
        break;
    case PAYMENTS_EV_INVOICE_PAID:
        r.status = PLAN_ACTIVE;
        break;
    case PAYMENTS_EV_INVOICE_FAILED:
        r.status = PLAN_PAST_DUE;
        r.only_if_active = true;
        break;
    default:
        return BZ_OK;
    }
    return apply_report(c, sub->id, ev->id, &r);
}

/* ---- the outbox handlers ------------------------------------------------------------------ */

/* The row a job names, if it is still the generation the job was made for. *gone when not. */
static int job_row(app_ctx *c, const app_outbox_job *job, bool lock, seller_plan *row, bool *gone)
{
    int64_t seller = app_outbox_payload_id(job->payload, "seller_id");
    int64_t generation = app_outbox_payload_id(job->payload, "generation");
    int rc = store_plan_get(c->store, seller, lock, c->arena, row);
    *gone = rc == BZ_ENOTFOUND || (rc == BZ_OK && row->created_at != generation);
    return rc == BZ_ENOTFOUND ? BZ_OK : rc;
}

static bool may_pass(int rc)
{
    return rc == BZ_EUNAVAILABLE || rc == BZ_ETIMEOUT;
}

/* Inside a transaction on the locked row: the provider refused for good. */
static int mark_failed(app_ctx *c, seller_plan *row, int rc)
{
    row->status = plan_status_name(PLAN_FAILED);
    row->failure_code = bz_err_code(rc);
    row->updated_at = c->now;
    return store_plan_put(c->store, row);
}

/* Inside the transaction: the worker made `sub` for *row (locked, still creating). */
static void keep_made(app_ctx *c, seller_plan *row, const payments_subscription *sub)
{
    row->subscription_id = bz_arena_strdup(c->arena, sub->id);
    row->status = plan_status_name(status_of(sub->status));
    row->client_secret =
        sub->status == PAYMENTS_SUB_INCOMPLETE ? bz_arena_strdup(c->arena, sub->client_secret) : "";
    row->current_period_end = sub->current_period_end;
    row->cancel_at_period_end = sub->cancel_at_period_end;
    row->updated_at = c->now;
}

static int subscribe_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payments *pay = c->env->payments;
    seller_plan row;
    bool gone;
    int rc = job_row(c, job, false, &row, &gone);
    if (rc != BZ_OK || gone || plan_status_parse(row.status) != PLAN_CREATING) {
        return rc; /* replaced or cancelled before it was made: nothing to make */
    }
    const plan *p = plan_find(&pay_cfg(c)->plans, row.plan);
    const char *customer;
    char *key = bz_arena_printf(c->arena, "%s-customer", job->idempotency_key);
    payments_subscription sub;
    if (!p || !p->price[0]) {
        rc = BZ_EVALIDATION; /* the plan left the configuration meanwhile */
    } else if ((rc = app_customer_of(c, row.seller_id, key, &customer)) == BZ_OK) {
        payments_sub_req req = {.customer = customer,
                                .price = p->price,
                                .seller_id = row.seller_id,
                                .on_session = true};
        rc = pay->ops->sub_create(pay, &req, job->idempotency_key, &sub);
    }
    if (rc != BZ_OK && may_pass(rc)) {
        return pay_flow_job_fail(why, len, rc, "the provider did not make the subscription");
    }
    int made = rc;
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return rc;
    }
    if ((rc = job_row(c, job, true, &row, &gone)) != BZ_OK) {
        return finish(c, rc);
    }
    bool wanted = !gone && plan_status_parse(row.status) == PLAN_CREATING;
    if (made != BZ_OK) {
        return finish(c, wanted ? mark_failed(c, &row, made) : BZ_OK);
    }
    if (!wanted) { /* cancelled while it was being made: undo it */
        bz_info("plan.subscribe: seller %" PRId64 " cancelled meanwhile: ending %s", row.seller_id,
                sub.id);
        char k[160], payload[256];
        snprintf(k, sizeof(k), "%s:sub:%s", APP_PLAN_CANCEL, sub.id);
        snprintf(payload, sizeof(payload), "{\"subscription_id\":\"%s\",\"how\":\"now\"}",
                 app_id_safe(sub.id, PAYMENTS_ID_MAX) ? sub.id : "");
        return finish(c, app_outbox_enqueue(c, APP_PLAN_CANCEL, k, payload));
    }
    keep_made(c, &row, &sub);
    return finish(c, store_plan_put(c->store, &row));
}

/* The subscription a cancel job ends: its row's (by generation), or the one named outright
 * (a subscription made for a row cancelled meanwhile, which has no row). */
static int cancel_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payments *pay = c->env->payments;
    char named[PAYMENTS_ID_MAX] = "", how[24] = "";
    app_outbox_payload_str(job->payload, "how", how, sizeof(how));
    bool at_end = strcmp(how, "at_period_end") == 0;
    seller_plan row;
    bool gone = true;
    int rc = BZ_OK;
    if (!app_outbox_payload_str(job->payload, "subscription_id", named, sizeof(named))) {
        if ((rc = job_row(c, job, false, &row, &gone)) != BZ_OK || gone ||
            !row.subscription_id[0]) {
            return rc; /* replaced, or never made: nothing at the provider */
        }
        snprintf(named, sizeof(named), "%s", row.subscription_id);
    }
    if (!named[0]) {
        return pay_flow_job_fail(why, len, BZ_EINTERNAL, "no subscription in the payload");
    }
    payments_subscription sub;
    if ((rc = pay->ops->sub_cancel(pay, named, at_end, job->idempotency_key, &sub)) != BZ_OK) {
        return pay_flow_job_fail(why, len, rc, "the provider did not end the subscription");
    }
    if (gone) {
        return BZ_OK;
    }
    /* the answer is what the provider holds as of this second: a report like its events */
    plan_report r = {.status = status_of(sub.status),
                     .period_end = sub.current_period_end,
                     .at = c->now / 1000 * 1000,
                     .says_cancel = true,
                     .cancel_at_period_end = sub.cancel_at_period_end};
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return rc;
    }
    return finish(c, apply_report(c, named, job->kind, &r));
}

const app_outbox_handler app_plan_handlers[] = {
    {APP_PLAN_SUBSCRIBE, subscribe_job, NULL},
    {APP_PLAN_CANCEL, cancel_job, NULL},
};
const size_t app_plan_n_handlers = sizeof(app_plan_handlers) / sizeof(app_plan_handlers[0]);
