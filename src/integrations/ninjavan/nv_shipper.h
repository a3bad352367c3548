/*
 * integrations/ninjavan/nv_shipper.h - the shipping port (app/ports/shipper.h)
 * on NinjaVan's API. docs/shipping.md says which call each operation makes.
 *
 *   create   POST /4.2/orders (nv_order.h's body); the answer's tracking_number.
 *            A 4xx saying the requested number exists already is the order made
 *            by an earlier attempt whose answer was lost: BZ_OK, `existed`.
 *   label    GET /2.0/reports/waybill?tid=<tracking>: application/pdf, "%PDF-"
 *            first, capped by the caller's buffer (BZ_ETOOLARGE over it).
 *   cancel   DELETE /2.2/orders/<tracking>; a refusal saying it is cancelled
 *            already is BZ_OK (a repeated cancel), any other 4xx BZ_ESHIPREFUSED.
 *   event_read  nv_webhook_verify with the webhook secret, then nv_event_parse.
 *
 * Tracking numbers the app passes are checked (nv_tracking_ok) before they go
 * into a path or a query (else BZ_EVALIDATION). A 2xx answer that does not read
 * is BZ_EUNAVAILABLE. The shipper is immutable once made except the client's
 * token cache, which has its own lock: thread-safe.
 */
#ifndef INTEGRATIONS_NINJAVAN_NV_SHIPPER_H
#define INTEGRATIONS_NINJAVAN_NV_SHIPPER_H

#include "app/ports/shipper.h"
#include "integrations/ninjavan/nv_api.h"

typedef struct nv_shipper_config {
    nv_config api;              /* base, country, client id and secret, retries, timeouts */
    const char *webhook_secret; /* NULL or "": the client secret */
    const char *service_level;  /* NULL or "": "Standard" (SHIPPER_LEVEL_DEFAULT's name) */
} nv_shipper_config;

/* A shipping port for `cfg` (copied; released with (*out)->ops->close(*out)). BZ_OK;
 * BZ_EVALIDATION for what nv_client_new refuses, a webhook secret or service level too long or
 * not printable ASCII; BZ_ENOMEM; BZ_EINTERNAL. No network I/O. */
int nv_shipper_new(const nv_shipper_config *cfg, shipper **out);

/* How many token grants `s` (made by nv_shipper_new) has made. For tests. */
uint64_t nv_shipper_grants(shipper *s);

#endif
