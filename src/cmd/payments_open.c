/*
 * The configured payments port (cmd/payments_open.h).
 */
#include "cmd/payments_open.h"

#include "base/err.h"
#include "integrations/stripe/stripe_payments.h"

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
