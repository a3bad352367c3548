/*
 * integrations/stripe/stripe_call.c - what the operations of the Stripe payments
 * adapter share (stripe_payments_internal.h): parameters that keep their first
 * failure, one call with its path checked, the end of a call, card failures.
 */
#include "integrations/stripe/stripe_payments_internal.h"

#include "base/check.h"
#include "base/err.h"
#include "base/log.h"

#include <stdio.h>
#include <string.h>

/* ---- parameters and calls ---------------------------------------------------------------- */

void sp_params_init(sp_params *p)
{
    p->form = stripe_form_new();
    p->rc = p->form ? BZ_OK : BZ_ENOMEM;
}

void sp_params_free(sp_params *p)
{
    stripe_form_free(p->form);
    p->form = NULL;
}

void sp_add(sp_params *p, const char *key, const char *value)
{
    if (p->rc == BZ_OK && value && value[0]) {
        p->rc = stripe_form_add(p->form, key, value);
        /* our keys are literals: a refused one is a bug here, not bad input */
        BZ_CHECK(p->rc != BZ_EVALIDATION);
    }
}

void sp_need(sp_params *p, const char *key, const char *value)
{
    if (p->rc == BZ_OK && !(value && value[0])) {
        p->rc = BZ_EVALIDATION;
    }
    sp_add(p, key, value);
}

void sp_add_i64(sp_params *p, const char *key, int64_t value)
{
    if (p->rc == BZ_OK) {
        p->rc = stripe_form_add_i64(p->form, key, value);
        BZ_CHECK(p->rc != BZ_EVALIDATION);
    }
}

void sp_add_bool(sp_params *p, const char *key, bool value)
{
    sp_add(p, key, value ? "true" : "false");
}

bool sp_id_ok(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n == 0 || n >= PAYMENTS_ID_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_')) {
            return false;
        }
    }
    return true;
}

int sp_call(const stripe_payments *sp, const char *method, const char *prefix, const char *id,
            const char *suffix, sp_params *params, const char *key, json_t **out, stripe_error *err)
{
    *out = NULL;
    if (params && params->rc != BZ_OK) {
        return params->rc;
    }
    if (id && !sp_id_ok(id)) {
        return BZ_EVALIDATION;
    }
    char path[64 + PAYMENTS_ID_MAX + 32];
    int n = snprintf(path, sizeof(path), "%s%s%s%s%s", prefix, id ? "/" : "", id ? id : "",
                     suffix ? "/" : "", suffix ? suffix : "");
    if (BZ_NEVER(n < 0 || (size_t)n >= sizeof(path))) {
        return BZ_EINTERNAL;
    }
    const stripe_call call = {.method = method,
                              .path = path,
                              .params = params ? params->form : NULL,
                              .idempotency_key = key};
    return stripe_request(sp->client, &call, out, err);
}

bool sp_card_failure(int rc)
{
    return rc == BZ_ECARDDECLINED || rc == BZ_EAUTHREQUIRED || rc == BZ_EPAYMENTFAILED;
}

int sp_card_rc(int rc, const stripe_error *err)
{
    return rc == BZ_ECARDDECLINED && strcmp(err->decline_code, "authentication_required") == 0
               ? BZ_EAUTHREQUIRED
               : rc;
}

int sp_answer(int rc, json_t *ans, bool read, const char *what)
{
    json_decref(ans);
    if (rc == BZ_OK && !read) {
        bz_warn("stripe: an answer that does not read as %s", what);
        return BZ_EUNAVAILABLE;
    }
    return rc;
}
