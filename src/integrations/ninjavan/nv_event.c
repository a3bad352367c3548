/*
 * integrations/ninjavan/nv_event.c - NinjaVan's webhook bodies read (see
 * nv_event.h).
 */
#include "integrations/ninjavan/nv_event.h"

#include "base/err.h"
#include "base/str.h"
#include "base/time.h"
#include "integrations/ninjavan/nv_read.h"

#include <jansson.h>

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

/* Status words, normalised (lower case, one space after a comma, none before), and their
 * kind. v2 first, then the legacy v1 names still sent by some accounts. Reference: the
 * integration facts sheet, section 3.4 (the whole list is uncertain: docs/shipping.md). */
static const struct {
    const char *words;
    shipper_event_kind kind;
} statuses[] = {
    {"pending pickup", SHIPPER_EV_PENDING_PICKUP},
    {"pending pickup, shipper dropoff", SHIPPER_EV_PENDING_PICKUP},
    {"driver dispatched for pickup", SHIPPER_EV_PENDING_PICKUP},
    {"picked up, in transit to origin hub", SHIPPER_EV_PICKED_UP},
    {"pickup exception, pending reschedule", SHIPPER_EV_PICKUP_FAILED},
    {"pickup exception, reattempt scheduled", SHIPPER_EV_PICKUP_FAILED},
    {"pickup exception, max attempts reached", SHIPPER_EV_PICKUP_FAILED},
    {"arrived at origin hub", SHIPPER_EV_IN_TRANSIT},
    {"in transit to next sorting hub", SHIPPER_EV_IN_TRANSIT},
    {"arrived at transit hub", SHIPPER_EV_IN_TRANSIT},
    {"arrived at destination hub", SHIPPER_EV_IN_TRANSIT},
    {"on vehicle for delivery", SHIPPER_EV_OUT_FOR_DELIVERY},
    {"at pudo, pending customer collection", SHIPPER_EV_OUT_FOR_DELIVERY},
    {"delivered, received by customer", SHIPPER_EV_DELIVERED},
    {"delivered, left at doorstep", SHIPPER_EV_DELIVERED},
    {"delivered, collected by customer", SHIPPER_EV_DELIVERED},
    {"delivery exception, pending reschedule", SHIPPER_EV_DELIVERY_FAILED},
    {"delivery exception, reattempt scheduled", SHIPPER_EV_DELIVERY_FAILED},
    {"delivery exception, max attempts reached", SHIPPER_EV_DELIVERY_FAILED},
    {"delivery exception, parcel overstayed at pudo", SHIPPER_EV_DELIVERY_FAILED},
    {"delivery exception, return to sender initiated", SHIPPER_EV_RTS_STARTED},
    {"delivery exception, parcel lost", SHIPPER_EV_LOST},
    {"delivery exception, parcel damaged", SHIPPER_EV_LOST},
    {"returned to sender", SHIPPER_EV_RETURNED},
    {"cancelled", SHIPPER_EV_CANCELLED},
    {"parcel measurements update", SHIPPER_EV_INFO},
    /* legacy v1 */
    {"successful pickup", SHIPPER_EV_PICKED_UP},
    {"arrived at sorting hub", SHIPPER_EV_IN_TRANSIT},
    {"completed", SHIPPER_EV_DELIVERED},
    {"successful delivery", SHIPPER_EV_DELIVERED},
    {"first attempt delivery fail", SHIPPER_EV_DELIVERY_FAILED},
};

/* Cross-border steps ("International Transit, Customs Cleared", ...) are transit. */
#define INTERNATIONAL "international transit"

/* `s` normalised as the table's words into out[size]; false when it does not fit. */
static bool normalise(const char *s, size_t len, char *out, size_t size)
{
    size_t n = 0;
    while (len && isspace((unsigned char)*s)) {
        s++, len--;
    }
    while (len && isspace((unsigned char)s[len - 1])) {
        len--;
    }
    for (size_t i = 0; i < len; i++) {
        char c = (char)tolower((unsigned char)s[i]);
        if (isspace((unsigned char)c)) {
            if (n && (out[n - 1] == ' ')) {
                continue; /* one space */
            }
            c = ' ';
        }
        if (c == ',' && n && out[n - 1] == ' ') {
            n--; /* none before a comma */
        }
        if (n + 2 >= size) {
            return false;
        }
        out[n++] = c;
        if (c == ',') {
            out[n++] = ' ';
            while (i + 1 < len && isspace((unsigned char)s[i + 1])) {
                i++;
            }
        }
    }
    out[n] = '\0';
    return true;
}

shipper_event_kind nv_status_kind(const char *status, size_t len)
{
    char words[SHIPPER_TEXT_MAX];
    if (!normalise(status, len, words, sizeof(words))) {
        return SHIPPER_EV_INFO;
    }
    for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
        if (strcmp(words, statuses[i].words) == 0) {
            return statuses[i].kind;
        }
    }
    if (strncmp(words, INTERNATIONAL, sizeof(INTERNATIONAL) - 1) == 0) {
        return SHIPPER_EV_IN_TRANSIT;
    }
    return SHIPPER_EV_INFO;
}

int nv_time_parse(const char *s, size_t len, int64_t *ms_out)
{
    /* bz_time_parse takes RFC 3339; NinjaVan's variants are made into it first */
    char t[48];
    if (len < 20 || len + 2 > sizeof(t)) {
        return BZ_EVALIDATION;
    }
    memcpy(t, s, len);
    t[len] = '\0';
    if (t[10] == ' ') {
        t[10] = 'T';
    }
    size_t n = len;
    /* "+0800" -> "+08:00" */
    if (n >= 5 && (t[n - 5] == '+' || t[n - 5] == '-') && isdigit((unsigned char)t[n - 4]) &&
        isdigit((unsigned char)t[n - 3]) && isdigit((unsigned char)t[n - 2]) &&
        isdigit((unsigned char)t[n - 1]) && n - 5 >= 19) {
        memmove(t + n - 1, t + n - 2, 3);
        t[n - 2] = ':';
        n++;
    }
    return bz_time_parse(t, n, ms_out);
}

/* obj[key] as a string: false when present and not a string, or holding a NUL. */
static bool string_member(const json_t *obj, const char *key, const char **s, size_t *n)
{
    json_t *v = json_object_get(obj, key);
    *s = "";
    *n = 0;
    if (!v || json_is_null(v)) {
        return true;
    }
    if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v)) {
        return false;
    }
    *s = json_string_value(v);
    *n = json_string_length(v);
    return true;
}

/* The failure reason of the event's exception object, if any. */
static bool reason_of(const json_t *root, shipper_event *out)
{
    static const char *const objects[] = {"delivery_exception", "pickup_exception"};
    for (size_t i = 0; i < 2; i++) {
        json_t *e = json_object_get(root, objects[i]);
        const char *s;
        size_t n;
        if (json_is_object(e) && string_member(e, "failure_reason", &s, &n) && n) {
            nv_copy_text(out->reason, sizeof(out->reason), s, n);
            return true;
        }
    }
    return true;
}

/* A forward step on the way back is the return's progress. */
static shipper_event_kind on_rts_leg(shipper_event_kind k)
{
    switch (k) {
    case SHIPPER_EV_PICKED_UP:
    case SHIPPER_EV_IN_TRANSIT:
    case SHIPPER_EV_OUT_FOR_DELIVERY:
    case SHIPPER_EV_DELIVERY_FAILED:
        return SHIPPER_EV_RTS_STARTED;
    case SHIPPER_EV_DELIVERED:
        return SHIPPER_EV_RETURNED;
    default:
        return k;
    }
}

static bool read_event(const json_t *root, shipper_event *out)
{
    const char *tracking, *ref, *status, *event, *ts;
    size_t tn, rn, sn, en, tsn;
    json_t *rts = json_object_get(root, "is_parcel_on_rts_leg");
    if (!json_is_object(root) || !string_member(root, "tracking_id", &tracking, &tn) ||
        !string_member(root, "shipper_order_ref_no", &ref, &rn) ||
        !string_member(root, "status", &status, &sn) ||
        !string_member(root, "event", &event, &en) ||
        !string_member(root, "timestamp", &ts, &tsn) || (rts && !json_is_boolean(rts))) {
        return false;
    }
    if (!sn) {
        status = event, sn = en;
    }
    if (!tn || tn >= SHIPPER_TRACKING_MAX || !sn || rn >= SHIPPER_REF_MAX ||
        nv_time_parse(ts, tsn, &out->at) != BZ_OK || out->at < 0) {
        return false;
    }
    memcpy(out->tracking, tracking, tn + 1);
    if (!nv_tracking_ok(out->tracking)) {
        return false;
    }
    nv_copy_text(out->reference, sizeof(out->reference), ref, rn);
    nv_copy_text(out->text, sizeof(out->text), status, sn);
    out->rts_leg = json_is_true(rts);
    out->kind = nv_status_kind(status, sn);
    if (out->rts_leg) {
        out->kind = on_rts_leg(out->kind);
    }
    return reason_of(root, out);
}

int nv_event_parse(const void *body, size_t len, shipper_event *out)
{
    memset(out, 0, sizeof(*out));
    if (len > SHIPPER_EVENT_MAX) {
        return BZ_EBADREQUEST;
    }
    json_t *root = json_loadb(body ? body : "", len, JSON_REJECT_DUPLICATES, NULL);
    bool ok = read_event(root, out);
    json_decref(root);
    if (!ok) {
        memset(out, 0, sizeof(*out));
        return BZ_EBADREQUEST;
    }
    return BZ_OK;
}
