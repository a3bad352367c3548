/*
 * cmd/payments_open.h - the payments port the configuration names: Stripe when
 * STRIPE_SECRET_KEY is set (with STRIPE_WEBHOOK_SECRET, and STRIPE_API_BASE for a
 * local fake), else none (the app then refuses payment routes with
 * BZ_EUNAVAILABLE).
 */
#ifndef CMD_PAYMENTS_OPEN_H
#define CMD_PAYMENTS_OPEN_H

#include "app/ports/payments.h"
#include "cmd/config.h"

/* *out = the configured payments port, or NULL when STRIPE_SECRET_KEY is empty. 0, or 2 after
 * printing why to stderr (a webhook secret missing or malformed, a key Stripe's client
 * refuses); secrets are never printed. */
int cmd_payments_open(const blytz_config *cfg, payments **out);

/* The origins the web app's CSP must allow for Stripe.js loaded from `js_url` (its script,
 * its frames, its calls), space-separated, into out[size]: the origin of js_url, and for
 * Stripe's own https://js.stripe.com also https://hooks.stripe.com, where Stripe.js frames
 * 3-D Secure pages. "" when js_url is empty or not http(s)://host... or does not fit. */
void cmd_payments_csp_origins(const char *js_url, char *out, size_t size);

#endif
