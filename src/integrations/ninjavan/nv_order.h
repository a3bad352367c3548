/*
 * integrations/ninjavan/nv_order.h - the JSON body of a v4.2 create-order call
 * (POST /4.2/orders) made from the port's shipper_request.
 *
 * What is sent: service_type "Parcel"; service_level (the request's, else the
 * configured one); requested_tracking_number; reference.merchant_order_number;
 * from and to as {name, phone_number, email, address{address1, address2, city,
 * state, postcode, country, address_type}} (office for the seller, home for the
 * buyer; an empty phone or email is left out); parcel_job with
 * is_pickup_required, and for a pickup pickup_service_type "Scheduled",
 * pickup_service_level "Standard", pickup_date, pickup_timeslot {start_time,
 * end_time, timezone "Asia/Kuala_Lumpur"} and pickup_address (the seller);
 * delivery_start_date (the request's date, when it has one) and
 * delivery_timeslot 09:00-22:00; allow_weekend_delivery; insured_value in RM
 * (sen / 100, written exactly: "12.3" for 1230 sen) when there is one;
 * dimensions {weight kg (g / 1000), length, width, height cm (mm / 10)}; items
 * [{item_description, quantity, is_dangerous_good false}].
 *
 * Checked before anything is sent (BZ_EVALIDATION): the reference (1..
 * SHIPPER_REF_MAX-1 bytes), the requested number (nv_requested_ok), names
 * 3..255 bytes, a phone or an email on each side, address1, city, state and a
 * postcode of five digits on each side, a weight > 0 and sizes >= 0, at most
 * SHIPPER_ITEMS_MAX items each with a description and a quantity >= 1, an
 * insured value >= 0, and for a pickup a date "YYYY-MM-DD" and a slot "HH:MM".
 * Whether the slot is one NinjaVan offers and the date a working day in reach
 * are the domain's rules (domain/shipment.h), not repeated here.
 */
#ifndef INTEGRATIONS_NINJAVAN_NV_ORDER_H
#define INTEGRATIONS_NINJAVAN_NV_ORDER_H

#include "app/ports/shipper.h"
#include "base/buf.h"

#define NV_TIMEZONE "Asia/Kuala_Lumpur"

/* NinjaVan's name of `level` ("Standard", "Express", "Sameday", "Nextday"); `dflt` for
 * SHIPPER_LEVEL_DEFAULT. */
const char *nv_level_name(shipper_level level, const char *dflt);

/* The body for `req` into `out` (appended), with `level_default` for SHIPPER_LEVEL_DEFAULT and
 * `country` (upper case, "MY") in both addresses. BZ_OK, BZ_EVALIDATION (nothing appended),
 * BZ_ENOMEM, BZ_ETOOLARGE. */
int nv_order_body(const shipper_request *req, const char *level_default, const char *country,
                  bz_buf *out);

#endif
