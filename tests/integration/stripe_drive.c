/*
 * stripe_drive - one call of the Stripe client (src/integrations/stripe/stripe_api),
 * printed as one line of JSON, for tests/integration/stripe_api.test.mjs, which points it
 * at the local fake Stripe.
 *
 *   stripe_drive METHOD PATH KEY|- ACCOUNT|- [name=value ...]
 *   stripe_drive form [name=value ...]        (prints the encoded parameters only)
 *
 * KEY is the Idempotency-Key ("-" for none), ACCOUNT the Stripe-Account ("-" for none).
 * Configuration from the environment: STRIPE_API_BASE, STRIPE_SECRET_KEY, STRIPE_VERSION,
 * STRIPE_MAX_RETRIES, STRIPE_BACKOFF_MS, STRIPE_TIMEOUT_MS.
 * Output: {"rc":"ok"|<error code>,"body":<answer>|null,"error":{...}} or {"rc":...,"form":"..."}.
 * Exit 0 when the call ran, 2 on bad usage.
 */
#include "base/err.h"
#include "integrations/stripe/stripe_api.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int env_int(const char *name, int dflt)
{
    const char *v = getenv(name);
    return v && *v ? atoi(v) : dflt;
}

/* The name=value arguments into a form; BZ_OK or the first failure. */
static int build(stripe_form *f, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) {
            return BZ_EBADREQUEST;
        }
        *eq = '\0';
        int rc = stripe_form_add(f, argv[i], eq + 1);
        if (rc != BZ_OK) {
            return rc;
        }
    }
    return BZ_OK;
}

static json_t *error_json(const stripe_error *e)
{
    return json_pack("{s:i, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "http_status", e->http_status,
                     "attempts", e->attempts, "type", e->type, "code", e->code, "decline_code",
                     e->decline_code, "param", e->param, "message", e->message, "payment_intent",
                     e->payment_intent, "request_id", e->request_id);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stripe_drive METHOD PATH KEY|- ACCOUNT|- [k=v ...] | form ...\n");
        return 2;
    }
    stripe_form *f = stripe_form_new();
    json_t *out = NULL;
    if (strcmp(argv[1], "form") == 0) {
        int rc = build(f, argc - 2, argv + 2);
        size_t len;
        out = json_pack("{s:s, s:s}", "rc", bz_err_code(rc), "form", stripe_form_text(f, &len));
        if (rc == BZ_OK) {
            json_object_set_new(out, "rc", json_string("ok"));
        }
    } else {
        if (argc < 5) {
            stripe_form_free(f);
            return 2;
        }
        const char *key = strcmp(argv[3], "-") ? argv[3] : NULL;
        const char *account = strcmp(argv[4], "-") ? argv[4] : NULL;
        stripe_config cfg = {.api_base = getenv("STRIPE_API_BASE"),
                             .secret_key = getenv("STRIPE_SECRET_KEY"),
                             .version = getenv("STRIPE_VERSION"),
                             .max_retries = env_int("STRIPE_MAX_RETRIES", 2),
                             .backoff_ms = env_int("STRIPE_BACKOFF_MS", 10),
                             .timeout_ms = env_int("STRIPE_TIMEOUT_MS", 0)};
        stripe_client *c = NULL;
        int rc = build(f, argc - 5, argv + 5);
        if (rc == BZ_OK) {
            rc = stripe_client_new(&cfg, &c);
        }
        json_t *answer = NULL;
        stripe_error e = {0};
        if (rc == BZ_OK) {
            stripe_call call = {argv[1], argv[2], f, key, account};
            rc = stripe_request(c, &call, &answer, &e);
        }
        out = json_pack("{s:s, s:o, s:o}", "rc", rc == BZ_OK ? "ok" : bz_err_code(rc), "body",
                        answer ? answer : json_null(), "error", error_json(&e));
        stripe_client_free(c);
    }
    char *text = json_dumps(out, JSON_COMPACT);
    puts(text);
    free(text);
    json_decref(out);
    stripe_form_free(f);
    return 0;
}
