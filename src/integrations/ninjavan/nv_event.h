/*
 * integrations/ninjavan/nv_event.h - reading a NinjaVan webhook's body into the
 * port's carrier-neutral shipper_event, once its signature has verified.
 *
 * Only the port's event_read calls it, after nv_webhook_verify accepted the
 * delivery; it still treats the bytes as hostile (fuzz/ninjavan_event.c). A
 * body is a JSON object with:
 *   tracking_id          the carrier's tracking number (required; nv_tracking_ok)
 *   status | event       the status words (required; `status` when both: some
 *                        senders key on one, some on the other)
 *   timestamp            ISO-8601 with an offset ("2026-12-01T10:15:30+08:00",
 *                        "+0800", "Z", fractions, a space for the T): required
 *   shipper_order_ref_no our reference (optional; refused when it does not fit)
 *   is_parcel_on_rts_leg true on the way back to the seller (optional)
 *   pickup_exception.failure_reason, delivery_exception.failure_reason
 *                        (optional; the reason of a failed attempt)
 * Anything else is ignored. The status words map to a kind by nv_status_kind;
 * on the return leg a forward step (picked up .. out for delivery, a failed
 * attempt) is RTS_STARTED and a delivery is RETURNED: the progress is the
 * return's, not the buyer's.
 */
#ifndef INTEGRATIONS_NINJAVAN_NV_EVENT_H
#define INTEGRATIONS_NINJAVAN_NV_EVENT_H

#include "app/ports/shipper.h"

#include <stddef.h>
#include <stdint.h>

/* Fill *out (zeroed first) from the `len` bytes of `body`. BZ_OK, or BZ_EBADREQUEST (with
 * *out zeroed) when it is not an event as above or is larger than SHIPPER_EVENT_MAX. Pure:
 * thread-safe. */
int nv_event_parse(const void *body, size_t len, shipper_event *out);

/* The kind of NinjaVan's status words: the v2 names and the legacy v1 ones, compared ignoring
 * case and spaces around commas ("Delivered, Received by Customer", "Successful Delivery");
 * SHIPPER_EV_INFO for anything else. docs/shipping.md has the table. */
shipper_event_kind nv_status_kind(const char *status, size_t len);

/* An ISO-8601 time with an offset (as above) to UTC ms. BZ_OK or BZ_EVALIDATION. */
int nv_time_parse(const char *s, size_t len, int64_t *ms_out);

#endif
