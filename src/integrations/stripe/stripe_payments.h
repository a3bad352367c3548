/*
 * integrations/stripe/stripe_payments.h - the payments port (app/ports/payments.h)
 * on Stripe's v1 API: MYR in sen, Connect (separate charges and transfers),
 * Billing for the sellers' plans, signed webhooks. docs/payments.md, "Stripe
 * adapter", says which call each operation makes.
 *
 * Every operation is one call of stripe_api (two when a refusal needs a look:
 * detaching a detached method, cancelling a cancelled intent or subscription),
 * with its retries; every POST carries the caller's key as Idempotency-Key
 * (account_link, which has none in the port, a fresh random one: each link is
 * single-use). Ids the app passes are checked before they go into a path
 * ([A-Za-z0-9_], 1..PAYMENTS_ID_MAX-1 bytes; else BZ_EVALIDATION). What Blytz
 * writes into Stripe's metadata: blytz_user (customers), blytz_payment (intents),
 * blytz_refund (refunds), blytz_order (transfers and reversals), blytz_seller
 * (accounts and subscriptions). An answer that does not read as its object is
 * BZ_EUNAVAILABLE (as stripe_api treats a 2xx that is not JSON).
 *
 * Webhooks: stripe_webhook_verify with every secret held (1..
 * STRIPE_WEBHOOK_SECRETS_MAX, for rotation), then stripe_event_parse.
 *
 * The payments is immutable once made: thread-safe.
 */
#ifndef INTEGRATIONS_STRIPE_STRIPE_PAYMENTS_H
#define INTEGRATIONS_STRIPE_STRIPE_PAYMENTS_H

#include "app/ports/payments.h"
#include "integrations/stripe/stripe_api.h"
#include "integrations/stripe/stripe_webhook.h"

#include <stddef.h>

#define STRIPE_WEBHOOK_SECRET_MAX 128 /* one endpoint secret ("whsec_..."), NUL included */

typedef struct stripe_payments_config {
    /* the transport: api_base (NULL = Stripe's), secret_key (required), version (NULL = the
     * pinned STRIPE_API_VERSION), retries and timeouts (0 = stripe_api's defaults) */
    stripe_config api;
    /* the webhook endpoint's signing secrets, 1..STRIPE_WEBHOOK_SECRETS_MAX: during a rotation
     * the old and the new (stripe_payments_config_secrets fills them from a list) */
    char webhook_secrets[STRIPE_WEBHOOK_SECRETS_MAX][STRIPE_WEBHOOK_SECRET_MAX];
    size_t n_webhook_secrets;
} stripe_payments_config;

/* Fill cfg->webhook_secrets from `list`, secrets separated by commas (spaces around each are
 * ignored): "whsec_new,whsec_old". BZ_OK; BZ_EVALIDATION (cfg's secrets left empty) for an
 * empty list or item, more than STRIPE_WEBHOOK_SECRETS_MAX, one too long or with a byte that
 * is not printable ASCII. */
int stripe_payments_config_secrets(stripe_payments_config *cfg, const char *list);

/* A payments port for `cfg` (copied; released with (*out)->ops->close(*out)). BZ_OK;
 * BZ_EVALIDATION for a missing secret key, no webhook secret, or what stripe_client_new
 * refuses; BZ_ENOMEM; BZ_EINTERNAL. Does no network I/O. */
int stripe_payments_new(const stripe_payments_config *cfg, payments **out);

#endif
