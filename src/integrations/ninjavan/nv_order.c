/*
 * integrations/ninjavan/nv_order.c - the create-order body (see nv_order.h).
 */
#include "integrations/ninjavan/nv_order.h"

#include "base/err.h"
#include "integrations/ninjavan/nv_read.h"

#include <jansson.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

const char *nv_level_name(shipper_level level, const char *dflt)
{
    switch (level) {
    case SHIPPER_LEVEL_STANDARD:
        return "Standard";
    case SHIPPER_LEVEL_EXPRESS:
        return "Express";
    case SHIPPER_LEVEL_SAMEDAY:
        return "Sameday";
    case SHIPPER_LEVEL_NEXTDAY:
        return "Nextday";
    case SHIPPER_LEVEL_DEFAULT:
        break;
    }
    return dflt;
}

static bool filled(const char *s)
{
    return s && s[0];
}

/* `s` has the shape of `shape`, where '9' is a digit and any other byte stands for itself. */
static bool shaped(const char *s, const char *shape)
{
    if (!s || strlen(s) != strlen(shape)) {
        return false;
    }
    for (size_t i = 0; shape[i]; i++) {
        if (shape[i] == '9' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i]) {
            return false;
        }
    }
    return true;
}

static bool contact_ok(const shipper_contact *c)
{
    size_t name = c->name ? strlen(c->name) : 0;
    return name >= 3 && name <= 255 && (filled(c->phone) || filled(c->email)) &&
           filled(c->address.line1) && filled(c->address.city) && filled(c->address.state) &&
           shaped(c->address.postcode, "99999");
}

static bool request_ok(const shipper_request *r)
{
    size_t ref = r->reference ? strlen(r->reference) : 0;
    const shipping_parcel *p = &r->parcel;
    bool ok = ref > 0 && ref < SHIPPER_REF_MAX && nv_requested_ok(r->tracking) &&
              contact_ok(&r->from) && contact_ok(&r->to) && p->weight_g > 0 && p->length_mm >= 0 &&
              p->width_mm >= 0 && p->height_mm >= 0 && r->n_items <= SHIPPER_ITEMS_MAX &&
              (r->n_items == 0 || r->items) && r->insured_sen >= 0 &&
              (!filled(r->date) || shaped(r->date, "9999-99-99"));
    if (ok && r->pickup) {
        ok = shaped(r->date, "9999-99-99") && shaped(r->slot_start, "99:99") &&
             shaped(r->slot_end, "99:99");
    }
    for (size_t i = 0; ok && i < r->n_items; i++) {
        ok = filled(r->items[i].description) && r->items[i].quantity >= 1;
    }
    return ok;
}

/* A decimal of `v` / `div` (sen to RM, g to kg, mm to cm): exact as written with 15
 * significant digits, which the body is dumped with. */
static json_t *decimal(int64_t v, int div)
{
    return json_real((double)v / div);
}

static json_t *contact_json(const shipper_contact *c, const char *type, const char *country)
{
    json_t *addr = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "address1", c->address.line1,
                             "address2", c->address.line2 ? c->address.line2 : "", "city",
                             c->address.city, "state", c->address.state, "postcode",
                             c->address.postcode, "country", country, "address_type", type);
    json_t *o = json_pack("{s:s, s:o}", "name", c->name, "address", addr);
    if (o && filled(c->phone)) {
        json_object_set_new(o, "phone_number", json_string(c->phone));
    }
    if (o && filled(c->email)) {
        json_object_set_new(o, "email", json_string(c->email));
    }
    return o;
}

static json_t *slot(const char *start, const char *end)
{
    return json_pack("{s:s, s:s, s:s}", "start_time", start, "end_time", end, "timezone",
                     NV_TIMEZONE);
}

static json_t *parcel_job(const shipper_request *r, const char *country)
{
    json_t *job = json_pack("{s:b, s:o, s:b}", "is_pickup_required", r->pickup, "delivery_timeslot",
                            slot("09:00", "22:00"), "allow_weekend_delivery", 1);
    if (!job) {
        return NULL;
    }
    if (r->pickup) {
        json_object_set_new(job, "pickup_service_type", json_string("Scheduled"));
        json_object_set_new(job, "pickup_service_level", json_string("Standard"));
        json_object_set_new(job, "pickup_date", json_string(r->date));
        json_object_set_new(job, "pickup_timeslot", slot(r->slot_start, r->slot_end));
        json_object_set_new(job, "pickup_address", contact_json(&r->from, "office", country));
    }
    if (filled(r->date)) {
        json_object_set_new(job, "delivery_start_date", json_string(r->date));
    }
    if (r->insured_sen > 0) {
        json_object_set_new(job, "insured_value", decimal(r->insured_sen, 100));
    }
    const shipping_parcel *p = &r->parcel;
    json_t *dims = json_pack("{s:o}", "weight", decimal(p->weight_g, 1000));
    if (dims && p->length_mm > 0 && p->width_mm > 0 && p->height_mm > 0) {
        json_object_set_new(dims, "length", decimal(p->length_mm, 10));
        json_object_set_new(dims, "width", decimal(p->width_mm, 10));
        json_object_set_new(dims, "height", decimal(p->height_mm, 10));
    }
    json_object_set_new(job, "dimensions", dims);
    json_t *items = json_array();
    for (size_t i = 0; items && i < r->n_items; i++) {
        json_array_append_new(items, json_pack("{s:s, s:i, s:b}", "item_description",
                                               r->items[i].description, "quantity",
                                               r->items[i].quantity, "is_dangerous_good", 0));
    }
    json_object_set_new(job, "items", items);
    return job;
}

int nv_order_body(const shipper_request *req, const char *level_default, const char *country,
                  bz_buf *out)
{
    if (!request_ok(req)) {
        return BZ_EVALIDATION;
    }
    json_t *body =
        json_pack("{s:s, s:s, s:s, s:{s:s}, s:o, s:o, s:o}", "service_type", "Parcel",
                  "service_level", nv_level_name(req->level, level_default),
                  "requested_tracking_number", req->tracking, "reference", "merchant_order_number",
                  req->reference, "from", contact_json(&req->from, "office", country), "to",
                  contact_json(&req->to, "home", country), "parcel_job", parcel_job(req, country));
    /* 15 significant digits: n/100 and n/1000 print as the decimal they are ("12.3") */
    if (!body) { /* a text that is not UTF-8 (jansson refuses it), or out of memory */
        return BZ_EVALIDATION;
    }
    char *text = json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(body);
    if (!text) {
        return BZ_ENOMEM;
    }
    int rc = bz_buf_puts(out, text);
    free(text);
    return rc;
}
