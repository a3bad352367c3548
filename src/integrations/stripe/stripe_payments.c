/*
 * integrations/stripe/stripe_payments.c - the payments port on Stripe (see
 * stripe_payments.h): making and closing it, its table, webhooks, and the buyers'
 * customers, SetupIntents and saved cards.
 */
#include "integrations/stripe/stripe_payments_internal.h"

#include "base/err.h"
#include "base/log.h"
#include "integrations/stripe/stripe_event.h"
#include "integrations/stripe/stripe_read.h"

#include <openssl/crypto.h>

#include <stdlib.h>
#include <string.h>

/* ---- webhooks ---------------------------------------------------------------------------- */

static int sp_event_read(payments *p, const char *signature, const void *body, size_t len,
                         int64_t now_ms, payments_event *out)
{
    const stripe_payments *sp = sp_of(p);
    memset(out, 0, sizeof(*out));
    if (len > PAYMENTS_EVENT_MAX) { /* no HMAC over more than Stripe sends */
        return BZ_ETOOLARGE;
    }
    stripe_sig_fault why = STRIPE_SIG_VALID;
    int rc = stripe_webhook_verify(signature, body, len, sp->secret_list, sp->n_secrets,
                                   now_ms / 1000, &why, NULL);
    if (rc != BZ_OK) {
        bz_warn("stripe: webhook refused: %s", stripe_sig_fault_name(why));
        return rc;
    }
    rc = stripe_event_parse(body, len, out);
    if (rc != BZ_OK) {
        bz_warn("stripe: a signed webhook of %zu bytes that is not an event", len);
    }
    return rc;
}

/* ---- buyers ------------------------------------------------------------------------------ */

static int sp_customer_create(payments *p, const payments_customer_req *req, const char *key,
                              char out_id[PAYMENTS_ID_MAX])
{
    out_id[0] = '\0';
    sp_params f;
    sp_params_init(&f);
    sp_add(&f, "email", req->email);
    sp_add(&f, "name", req->name);
    sp_add_i64(&f, "metadata[blytz_user]", req->user_id);
    json_t *ans;
    int rc = sp_call(sp_of(p), "POST", "/v1/customers", NULL, NULL, &f, key, &ans, NULL);
    sp_params_free(&f);
    return sp_answer(rc, ans,
                     rc != BZ_OK ||
                         (stripe_read_is(ans, "customer") &&
                          stripe_read_str(ans, "id", out_id, PAYMENTS_ID_MAX) && out_id[0]),
                     "a customer");
}

static int sp_setup_create(payments *p, const char *customer, const char *confirm_with,
                           const char *key, payments_setup *out)
{
    memset(out, 0, sizeof(*out));
    sp_params f;
    sp_params_init(&f);
    sp_need(&f, "customer", customer);
    sp_add(&f, "usage", "off_session");
    sp_add(&f, "payment_method_types[0]", "card"); /* only cards can be saved */
    if (confirm_with) {
        sp_add(&f, "payment_method", confirm_with);
        sp_add(&f, "confirm", "true");
    }
    json_t *ans;
    int rc = sp_call(sp_of(p), "POST", "/v1/setup_intents", NULL, NULL, &f, key, &ans, NULL);
    sp_params_free(&f);
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_setup(ans, out), "a setup intent");
}

static int sp_setup_get(payments *p, const char *id, payments_setup *out)
{
    memset(out, 0, sizeof(*out));
    json_t *ans;
    int rc = sp_call(sp_of(p), "GET", "/v1/setup_intents", id, NULL, NULL, NULL, &ans, NULL);
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_setup(ans, out), "a setup intent");
}

static int sp_method_get(payments *p, const char *id, payments_method *out)
{
    memset(out, 0, sizeof(*out));
    json_t *ans;
    int rc = sp_call(sp_of(p), "GET", "/v1/payment_methods", id, NULL, NULL, NULL, &ans, NULL);
    return sp_answer(rc, ans, rc != BZ_OK || stripe_read_method(ans, out), "a payment method");
}

static int sp_method_detach(payments *p, const char *id, const char *key)
{
    json_t *ans;
    int rc = sp_call(sp_of(p), "POST", "/v1/payment_methods", id, "detach", NULL, key, &ans, NULL);
    json_decref(ans);
    if (rc == BZ_ESTRIPEREFUSED) { /* Stripe refuses to detach a detached method: is it? */
        payments_method pm;
        if (sp_method_get(p, id, &pm) == BZ_OK && !pm.customer[0]) {
            rc = BZ_OK;
        }
    }
    return rc;
}

/* ---- the port ---------------------------------------------------------------------------- */

static void sp_close(payments *p)
{
    stripe_payments *sp = (stripe_payments *)p;
    if (sp) {
        stripe_client_free(sp->client);
        OPENSSL_cleanse(sp->secrets, sizeof(sp->secrets));
        free(sp);
    }
}

static const struct payments_ops stripe_payments_ops = PAYMENTS_OPS_OF(sp);

static bool secret_ok(const char *s, size_t n)
{
    if (n == 0 || n >= STRIPE_WEBHOOK_SECRET_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x21 || s[i] > 0x7e) {
            return false;
        }
    }
    return true;
}

int stripe_payments_config_secrets(stripe_payments_config *cfg, const char *list)
{
    memset(cfg->webhook_secrets, 0, sizeof(cfg->webhook_secrets));
    cfg->n_webhook_secrets = 0;
    const char *s = list ? list : "";
    size_t n = 0;
    for (;;) {
        size_t len = strcspn(s, ",");
        const char *item = s;
        size_t ilen = len;
        while (ilen && *item == ' ') {
            item++, ilen--;
        }
        while (ilen && item[ilen - 1] == ' ') {
            ilen--;
        }
        if (n == STRIPE_WEBHOOK_SECRETS_MAX || !secret_ok(item, ilen)) {
            memset(cfg->webhook_secrets, 0, sizeof(cfg->webhook_secrets));
            return BZ_EVALIDATION;
        }
        memcpy(cfg->webhook_secrets[n], item, ilen);
        cfg->webhook_secrets[n++][ilen] = '\0';
        if (s[len] == '\0') {
            break;
        }
        s += len + 1;
    }
    cfg->n_webhook_secrets = n;
    return BZ_OK;
}

int stripe_payments_new(const stripe_payments_config *cfg, payments **out)
{
    *out = NULL;
    if (cfg->n_webhook_secrets < 1 || cfg->n_webhook_secrets > STRIPE_WEBHOOK_SECRETS_MAX) {
        return BZ_EVALIDATION;
    }
    for (size_t i = 0; i < cfg->n_webhook_secrets; i++) {
        if (!secret_ok(cfg->webhook_secrets[i],
                       strnlen(cfg->webhook_secrets[i], STRIPE_WEBHOOK_SECRET_MAX))) {
            return BZ_EVALIDATION;
        }
    }
    stripe_payments *sp = calloc(1, sizeof(*sp));
    if (!sp) {
        return BZ_ENOMEM;
    }
    sp->base.ops = &stripe_payments_ops;
    int rc = stripe_client_new(&cfg->api, &sp->client);
    if (rc != BZ_OK) {
        free(sp);
        return rc;
    }
    memcpy(sp->secrets, cfg->webhook_secrets, sizeof(sp->secrets));
    for (size_t i = 0; i < cfg->n_webhook_secrets; i++) {
        sp->secret_list[i] = sp->secrets[i];
    }
    sp->n_secrets = cfg->n_webhook_secrets;
    const char *key = cfg->api.secret_key;
    sp->test_mode = key && (!strncmp(key, "sk_test_", 8) || !strncmp(key, "rk_test_", 8));
    *out = &sp->base;
    return BZ_OK;
}
