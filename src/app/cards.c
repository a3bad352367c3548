/*
 * A buyer's saved cards (app/cards.h).
 *
 * A user's cards change under their users row lock (store_address_book_lock: the same lock
 * their address book takes), so that "the first card is the default" and the count hold when
 * two setups finish at once.
 */
#include "app/cards.h"

#include "app/app_util.h"
#include "app/payment_flow.h"
#include "app/room_events.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"
#include "base/time.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* `confirm_with`: NULL, or the test card the setup job confirms it with (app_card_add_test). */
static int enqueue_setup_with(app_ctx *c, const char *kind, int64_t id, const char *why,
                              const char *confirm_with)
{
    char key[96], payload[160];
    snprintf(key, sizeof(key), "%s:setup:%" PRId64 ":%s", kind, id, why);
    if (confirm_with) {
        snprintf(payload, sizeof(payload), "{\"setup_id\":\"%" PRId64 "\",\"confirm_with\":\"%s\"}",
                 id, confirm_with);
    } else {
        snprintf(payload, sizeof(payload), "{\"setup_id\":\"%" PRId64 "\"}", id);
    }
    return app_outbox_enqueue(c, kind, key, payload);
}

static int enqueue_setup(app_ctx *c, const char *kind, int64_t id, const char *why)
{
    return enqueue_setup_with(c, kind, id, why, NULL);
}

#define finish        pay_flow_finish
#define need_payments pay_flow_need_payments

int app_cards(app_ctx *c, int64_t user_id, payment_card **out, size_t *n)
{
    int rc = store_cards_of(c->store, user_id, c->arena, out, n);
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_EINTERNAL);
}

static int setup_start(app_ctx *c, int64_t user_id, const char *confirm_with, card_setup *out);

int app_card_setup_start(app_ctx *c, int64_t user_id, card_setup *out)
{
    return setup_start(c, user_id, NULL, out);
}

int app_card_add_test(app_ctx *c, int64_t user_id, const char *method, card_setup *out)
{
    if (!app_id_safe(method, PAYMENTS_ID_MAX - 1) || strncmp(method, "pm_card_", 8) != 0) {
        return app_fail(c, BZ_EVALIDATION, "method", "a test card is pm_card_<brand>");
    }
    return setup_start(c, user_id, method, out);
}

static int setup_start(app_ctx *c, int64_t user_id, const char *confirm_with, card_setup *out)
{
    payment_card *cards;
    size_t n = 0;
    int rc = need_payments(c);
    if (rc != BZ_OK || (rc = store_begin(c->store)) != BZ_OK) {
        return rc == BZ_OK ? rc : app_fail(c, rc, NULL, NULL);
    }
    if ((rc = store_address_book_lock(c->store, user_id)) == BZ_OK) {
        rc = store_cards_of(c->store, user_id, c->arena, &cards, &n);
    }
    if (rc == BZ_OK && n >= PAYMENT_CARDS_MAX) {
        store_rollback(c->store);
        return app_fail(c, BZ_ECONFLICT, NULL, "you keep %d cards already: forget one first",
                        PAYMENT_CARDS_MAX);
    }
    *out = (card_setup){.id = bz_id_new(c->now),
                        .user_id = user_id,
                        .status = payment_state_name(PAYMENT_CREATING),
                        .created_at = c->now,
                        .updated_at = c->now};
    if (rc == BZ_OK && (rc = store_card_setup_create(c->store, out)) == BZ_OK) {
        rc = enqueue_setup_with(c, APP_CARD_SETUP, out->id, "make", confirm_with);
    }
    return finish(c, rc);
}

int app_card_setup_get(app_ctx *c, int64_t user_id, int64_t id, card_setup *out)
{
    int rc = store_card_setup_get(c->store, id, false, c->arena, out);
    if (rc == BZ_OK && out->user_id != user_id) {
        rc = BZ_ENOTFOUND;
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

int app_card_setup_sync(app_ctx *c, int64_t user_id, int64_t id, card_setup *out)
{
    int rc = need_payments(c);
    if (rc == BZ_OK) {
        rc = app_card_setup_get(c, user_id, id, out);
    }
    if (rc != BZ_OK || strcmp(out->status, payment_state_name(PAYMENT_OPEN)) != 0) {
        return rc; /* not made yet, or over: nothing to read */
    }
    char minute[24];
    snprintf(minute, sizeof(minute), "m%" PRId64, c->now / 60000); /* one read a minute */
    return enqueue_setup(c, APP_CARD_SYNC, id, minute);
}

int app_card_setup_succeeded(app_ctx *c, const payments_setup *in)
{
    card_setup u;
    int rc = store_card_setup_by_ref(c->store, in->id, c->arena, &u);
    if (rc == BZ_ENOTFOUND) {
        bz_info("setup intent %s is none of ours: acknowledged", in->id);
        return BZ_OK;
    }
    /* the card's details come from the provider: the worker reads them */
    return rc == BZ_OK ? enqueue_setup(c, APP_CARD_SYNC, u.id, "succeeded") : rc;
}

int app_card_set_default(app_ctx *c, int64_t user_id, int64_t id, payment_card *out)
{
    int rc = store_card_set_default(c->store, user_id, id);
    if (rc == BZ_OK) {
        rc = store_card_get(c->store, user_id, id, c->arena, out);
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

int app_card_delete(app_ctx *c, int64_t user_id, int64_t id)
{
    payment_card card, *rest = NULL;
    size_t n = 0;
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if ((rc = store_address_book_lock(c->store, user_id)) == BZ_OK &&
        (rc = store_card_get(c->store, user_id, id, c->arena, &card)) == BZ_OK &&
        (rc = store_card_delete(c->store, user_id, id)) == BZ_OK) {
        rc = store_cards_of(c->store, user_id, c->arena, &rest, &n);
    }
    if (rc == BZ_OK && card.is_default && n > 0) { /* the newest left charges the next win */
        rc = store_card_set_default(c->store, user_id, rest[0].id);
    }
    if (rc == BZ_OK && app_id_safe(card.method_id, PAYMENTS_ID_MAX)) {
        char key[160], payload[160];
        snprintf(key, sizeof(key), "%s:%s", APP_CARD_DETACH, card.method_id);
        snprintf(payload, sizeof(payload), "{\"method_id\":\"%s\"}", card.method_id);
        rc = app_outbox_enqueue(c, APP_CARD_DETACH, key, payload);
    }
    return finish(c, rc);
}

int app_buyer_may_bid(app_ctx *c, int64_t blocked_until, bool card_required, bool has_card)
{
    if (blocked_until > c->now) {
        char until[BZ_MYT_LEN];
        bz_time_format_myt(blocked_until, until);
        return app_fail(c, BZ_EBIDDINGPAUSED, NULL,
                        "wins were left unpaid: you can bid again from %s (pay your open orders "
                        "on time to keep bidding)",
                        until);
    }
    if (card_required && !has_card) {
        return app_fail(c, BZ_ECARDREQUIRED, NULL,
                        "this seller takes bids from buyers with a card on file: add one under "
                        "Account, Cards (it is charged only when you win)");
    }
    return BZ_OK;
}

/* ---- the outbox handlers ------------------------------------------------------------------ */

/* The setup a row names, if payments are configured. */
static int job_setup(app_ctx *c, const app_outbox_job *job, char *why, size_t len, card_setup *u)
{
    if (!c->env->payments) {
        return pay_flow_job_fail(why, len, BZ_EUNAVAILABLE, "payments are not configured");
    }
    int64_t id = app_outbox_payload_id(job->payload, "setup_id");
    int rc = store_card_setup_get(c->store, id, false, c->arena, u);
    return rc == BZ_OK ? BZ_OK : pay_flow_job_fail(why, len, rc, "no such setup");
}

int app_customer_of(app_ctx *c, int64_t user_id, const char *key, const char **out)
{
    int rc = store_customer_get(c->store, user_id, c->arena, out);
    if (rc != BZ_ENOTFOUND) {
        return rc;
    }
    account_user u;
    if ((rc = store_user_get(c->store, user_id, c->arena, &u)) != BZ_OK) {
        return rc;
    }
    payments_customer_req req = {.user_id = user_id, .email = u.email, .name = u.display_name};
    char id[PAYMENTS_ID_MAX];
    payments *pay = c->env->payments;
    if ((rc = pay->ops->customer_create(pay, &req, key, id)) != BZ_OK ||
        (rc = store_customer_set(c->store, user_id, id, c->now)) != BZ_OK) {
        return rc;
    }
    return store_customer_get(c->store, user_id, c->arena, out); /* the first one kept */
}

static int setup_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    card_setup u;
    int rc = job_setup(c, job, why, len, &u);
    if (rc != BZ_OK || strcmp(u.status, payment_state_name(PAYMENT_CREATING)) != 0) {
        return rc;
    }
    const char *customer;
    char *key = bz_arena_printf(c->arena, "%s-customer", job->idempotency_key);
    if ((rc = app_customer_of(c, u.user_id, key, &customer)) != BZ_OK) {
        return pay_flow_job_fail(why, len, rc, "no customer at the provider");
    }
    payments_setup in;
    payments *pay = c->env->payments;
    char test_card[PAYMENTS_ID_MAX];
    bool confirm =
        app_outbox_payload_str(job->payload, "confirm_with", test_card, sizeof(test_card));
    rc = pay->ops->setup_create(pay, customer, confirm ? test_card : NULL, job->idempotency_key,
                                &in);
    if (rc != BZ_OK) {
        return pay_flow_job_fail(why, len, rc, "the provider did not make the setup");
    }
    if ((rc = store_begin(c->store)) != BZ_OK ||
        (rc = store_card_setup_get(c->store, u.id, true, c->arena, &u)) != BZ_OK) {
        return rc == BZ_OK ? rc : finish(c, rc);
    }
    u.setup_id = in.id;
    u.client_secret = in.client_secret;
    u.status = payment_state_name(PAYMENT_OPEN);
    u.updated_at = c->now;
    rc = store_card_setup_save(c->store, &u);
    if (rc == BZ_OK && in.status == PAYMENTS_SETUP_SUCCEEDED) {
        rc = enqueue_setup(c, APP_CARD_SYNC, u.id, "confirmed"); /* a test card: keep it now */
    }
    return finish(c, rc);
}

/* Inside the transaction: keep the card of succeeded setup *u (locked). */
static int keep_card(app_ctx *c, card_setup *u, const payments_method *m)
{
    payment_card *cards = NULL;
    size_t n = 0;
    int rc = store_address_book_lock(c->store, u->user_id);
    if (rc == BZ_OK) {
        rc = store_cards_of(c->store, u->user_id, c->arena, &cards, &n);
    }
    payment_card card = {.id = bz_id_new(c->now),
                         .user_id = u->user_id,
                         .method_id = m->id,
                         .brand = m->brand,
                         .last4 = m->last4,
                         .exp_month = m->exp_month,
                         .exp_year = m->exp_year,
                         .is_default = n == 0,
                         .created_at = c->now};
    if (rc == BZ_OK && (rc = store_card_add(c->store, &card)) == BZ_ECONFLICT) {
        rc = BZ_OK; /* kept already (the webhook and the browser's sync both came) */
        card.id = 0;
    }
    u->status = payment_state_name(PAYMENT_SUCCEEDED);
    u->card_id = card.id;
    u->updated_at = c->now;
    return rc == BZ_OK ? store_card_setup_save(c->store, u) : rc;
}

static int sync_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    card_setup u;
    int rc = job_setup(c, job, why, len, &u);
    if (rc != BZ_OK || !u.setup_id[0] || strcmp(u.status, payment_state_name(PAYMENT_OPEN)) != 0) {
        return rc;
    }
    payments *pay = c->env->payments;
    payments_setup in;
    payments_method m;
    if ((rc = pay->ops->setup_get(pay, u.setup_id, &in)) != BZ_OK) {
        return pay_flow_job_fail(why, len, rc, "the provider did not answer");
    }
    if (in.status == PAYMENTS_SETUP_SUCCEEDED &&
        (rc = pay->ops->method_get(pay, in.payment_method, &m)) != BZ_OK) {
        return pay_flow_job_fail(why, len, rc, "the provider did not tell the card");
    }
    if ((rc = store_begin(c->store)) != BZ_OK ||
        (rc = store_card_setup_get(c->store, u.id, true, c->arena, &u)) != BZ_OK) {
        return rc == BZ_OK ? rc : finish(c, rc);
    }
    if (strcmp(u.status, payment_state_name(PAYMENT_OPEN)) != 0) {
        return finish(c, BZ_OK); /* another sync kept it */
    }
    if (in.status == PAYMENTS_SETUP_SUCCEEDED) {
        return finish(c, keep_card(c, &u, &m));
    }
    u.failure_code = in.failure_code[0] ? bz_arena_strdup(c->arena, in.failure_code) : NULL;
    u.updated_at = c->now;
    return finish(c, store_card_setup_save(c->store, &u));
}

static int detach_job(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    payments *pay = c->env->payments;
    if (!pay) {
        return pay_flow_job_fail(why, len, BZ_EUNAVAILABLE, "payments are not configured");
    }
    char id[PAYMENTS_ID_MAX];
    if (app_outbox_payload_str(job->payload, "method_id", id, sizeof(id))) {
        int rc = pay->ops->method_detach(pay, id, job->idempotency_key);
        return rc == BZ_OK ? BZ_OK : pay_flow_job_fail(why, len, rc, "the provider did not detach");
    }
    return pay_flow_job_fail(why, len, BZ_EINTERNAL, "no method in the payload");
}

const app_outbox_handler app_card_handlers[] = {
    {APP_CARD_SETUP, setup_job, NULL},
    {APP_CARD_SYNC, sync_job, NULL},
    {APP_CARD_DETACH, detach_job, NULL},
};
const size_t app_card_n_handlers = sizeof(app_card_handlers) / sizeof(app_card_handlers[0]);
