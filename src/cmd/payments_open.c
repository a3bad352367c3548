/*
 * The configured payments port (cmd/payments_open.h).
 */
#include "cmd/payments_open.h"

#include "base/err.h"
#include "integrations/stripe/stripe_payments.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int cmd_payments_open(const blytz_config *cfg, payments **out)
{
    *out = NULL;
    if (!cfg->stripe_secret_key[0]) {
        return 0;
    }
    stripe_payments_config sc;
    memset(&sc, 0, sizeof(sc));
    sc.api.secret_key = cfg->stripe_secret_key;
    sc.api.api_base = cfg->stripe_api_base[0] ? cfg->stripe_api_base : NULL;
    sc.api.max_retries = 2; /* within one call; the outbox retries the row after that */
    if (stripe_payments_config_secrets(&sc, cfg->stripe_webhook_secret) != BZ_OK) {
        fprintf(stderr,
                "blytz: STRIPE_WEBHOOK_SECRET: expected the webhook endpoint's signing secret "
                "(whsec_...), or up to %d of them comma-separated during a rotation\n",
                STRIPE_WEBHOOK_SECRETS_MAX);
        return 2;
    }
    int rc = stripe_payments_new(&sc, out);
    memset(&sc, 0, sizeof(sc));
    if (rc != BZ_OK) {
        fprintf(stderr, "blytz: STRIPE_SECRET_KEY: %s\n", bz_err_message(rc));
        return 2;
    }
    return 0;
}

void cmd_payments_csp_origins(const char *js_url, char *out, size_t size)
{
    size_t scheme = !strncmp(js_url, "https://", 8) ? 8 : !strncmp(js_url, "http://", 7) ? 7 : 0;
    size_t n = scheme + strcspn(js_url + scheme, "/?#");
    out[0] = '\0';
    if (!scheme || n == scheme) {
        return;
    }
    bool stripe = n == 21 && !strncmp(js_url, "https://js.stripe.com", n);
    int w =
        snprintf(out, size, "%.*s%s", (int)n, js_url, stripe ? " https://hooks.stripe.com" : "");
    if (w < 0 || (size_t)w >= size) {
        out[0] = '\0';
    }
}
