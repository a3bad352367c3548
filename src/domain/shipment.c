/* domain/shipment.c - shipment states, the tracking rule and the pickup rule of shipment.h. */
#include "domain/shipment.h"

#include "base/check.h"
#include "base/err.h"
#include "base/time.h"

#include <string.h>

static const char *const state_names[SHIPMENT_STATE_COUNT] = {
    [SHIPMENT_REQUESTED] = "requested",
    [SHIPMENT_REFUSED] = "refused",
    [SHIPMENT_PENDING_PICKUP] = "pending_pickup",
    [SHIPMENT_PICKED_UP] = "picked_up",
    [SHIPMENT_IN_TRANSIT] = "in_transit",
    [SHIPMENT_OUT_FOR_DELIVERY] = "out_for_delivery",
    [SHIPMENT_DELIVERY_EXCEPTION] = "delivery_exception",
    [SHIPMENT_DELIVERED] = "delivered",
    [SHIPMENT_RETURNING] = "returning",
    [SHIPMENT_RETURNED] = "returned",
    [SHIPMENT_CANCELLED] = "cancelled",
    [SHIPMENT_LOST] = "lost",
};

static const char *const event_names[SHIPMENT_EVENT_COUNT] = {
    [SHIPMENT_EV_PENDING_PICKUP] = "pending_pickup",
    [SHIPMENT_EV_PICKUP_FAILED] = "pickup_failed",
    [SHIPMENT_EV_PICKED_UP] = "picked_up",
    [SHIPMENT_EV_IN_TRANSIT] = "in_transit",
    [SHIPMENT_EV_OUT_FOR_DELIVERY] = "out_for_delivery",
    [SHIPMENT_EV_DELIVERY_FAILED] = "delivery_failed",
    [SHIPMENT_EV_DELIVERED] = "delivered",
    [SHIPMENT_EV_RTS_STARTED] = "rts_started",
    [SHIPMENT_EV_RETURNED] = "returned",
    [SHIPMENT_EV_CANCELLED] = "cancelled",
    [SHIPMENT_EV_LOST] = "lost",
    [SHIPMENT_EV_INFO] = "info",
};

/* The state an event asks for; NONE for INFO (the timeline only). */
static const shipment_state event_target[SHIPMENT_EVENT_COUNT] = {
    [SHIPMENT_EV_PENDING_PICKUP] = SHIPMENT_PENDING_PICKUP,
    [SHIPMENT_EV_PICKUP_FAILED] = SHIPMENT_PENDING_PICKUP,
    [SHIPMENT_EV_PICKED_UP] = SHIPMENT_PICKED_UP,
    [SHIPMENT_EV_IN_TRANSIT] = SHIPMENT_IN_TRANSIT,
    [SHIPMENT_EV_OUT_FOR_DELIVERY] = SHIPMENT_OUT_FOR_DELIVERY,
    [SHIPMENT_EV_DELIVERY_FAILED] = SHIPMENT_DELIVERY_EXCEPTION,
    [SHIPMENT_EV_DELIVERED] = SHIPMENT_DELIVERED,
    [SHIPMENT_EV_RTS_STARTED] = SHIPMENT_RETURNING,
    [SHIPMENT_EV_RETURNED] = SHIPMENT_RETURNED,
    [SHIPMENT_EV_CANCELLED] = SHIPMENT_CANCELLED,
    [SHIPMENT_EV_LOST] = SHIPMENT_LOST,
};

/* The forward-only rank of the non-terminal states. */
static const int state_rank[SHIPMENT_STATE_COUNT] = {
    [SHIPMENT_REQUESTED] = 0,  [SHIPMENT_PENDING_PICKUP] = 1,   [SHIPMENT_PICKED_UP] = 2,
    [SHIPMENT_IN_TRANSIT] = 3, [SHIPMENT_OUT_FOR_DELIVERY] = 4, [SHIPMENT_DELIVERY_EXCEPTION] = 4,
    [SHIPMENT_RETURNING] = 5,
};

static bool state_valid(shipment_state s)
{
    return s > SHIPMENT_STATE_NONE && s < SHIPMENT_STATE_COUNT;
}

const char *shipment_state_name(shipment_state s)
{
    return state_valid(s) ? state_names[s] : "";
}

shipment_state shipment_state_parse(const char *s)
{
    for (int i = SHIPMENT_STATE_NONE + 1; s && i < SHIPMENT_STATE_COUNT; i++) {
        if (strcmp(s, state_names[i]) == 0) {
            return (shipment_state)i;
        }
    }
    return SHIPMENT_STATE_NONE;
}

bool shipment_state_final(shipment_state s)
{
    return s == SHIPMENT_DELIVERED || s == SHIPMENT_RETURNED || s == SHIPMENT_LOST ||
           s == SHIPMENT_REFUSED || s == SHIPMENT_CANCELLED;
}

bool shipment_state_active(shipment_state s)
{
    return state_valid(s) && s != SHIPMENT_REFUSED && s != SHIPMENT_CANCELLED &&
           s != SHIPMENT_RETURNED;
}

const char *shipment_event_name(shipment_event_kind k)
{
    return k > SHIPMENT_EV_NONE && k < SHIPMENT_EVENT_COUNT ? event_names[k] : "";
}

shipment_event_kind shipment_event_parse(const char *s)
{
    for (int i = SHIPMENT_EV_NONE + 1; s && i < SHIPMENT_EVENT_COUNT; i++) {
        if (strcmp(s, event_names[i]) == 0) {
            return (shipment_event_kind)i;
        }
    }
    return SHIPMENT_EV_NONE;
}

order_event shipment_effect_order_event(shipment_effect e)
{
    switch (e) {
    case SHIPMENT_EFFECT_SHIP:
        return ORDER_EV_PICKED_UP;
    case SHIPMENT_EFFECT_DELIVER:
        return ORDER_EV_DELIVERED;
    case SHIPMENT_EFFECT_RETURNED:
        return ORDER_EV_RETURNED;
    default:
        return ORDER_EV_NONE;
    }
}

static void stay(shipment_state from, int64_t last_event_at, shipment_step *out)
{
    *out =
        (shipment_step){.code = BZ_OK, .reason = "", .next = from, .last_event_at = last_event_at};
}

static int refuse(shipment_step *out, int code, const char *reason)
{
    out->code = code;
    out->reason = reason;
    return code;
}

/* Whether the parcel is still with the seller in state `s` (non-terminal). */
static bool before_pickup(shipment_state s)
{
    return state_rank[s] < state_rank[SHIPMENT_PICKED_UP];
}

/* May a non-terminal `from` move to `to` (the rank rule of shipment.h)? */
static bool may_move(shipment_state from, shipment_state to)
{
    switch (to) {
    case SHIPMENT_DELIVERED:
        return from != SHIPMENT_RETURNING; /* a return's delivery is RETURNED */
    case SHIPMENT_RETURNED:
    case SHIPMENT_LOST:
        return true;
    case SHIPMENT_CANCELLED:
        return before_pickup(from);
    case SHIPMENT_REFUSED:
        return false;
    default:
        return state_rank[to] > state_rank[from] ||
               (state_rank[to] == state_rank[from] && to != from);
    }
}

/* What the orders undergo when the status moves from `from` to `to`. */
static shipment_effect effect_of(shipment_state from, shipment_state to)
{
    switch (to) {
    case SHIPMENT_DELIVERED:
        return SHIPMENT_EFFECT_DELIVER;
    case SHIPMENT_RETURNED:
        return SHIPMENT_EFFECT_RETURNED;
    case SHIPMENT_CANCELLED:
    case SHIPMENT_REFUSED:
        return SHIPMENT_EFFECT_RELEASE;
    case SHIPMENT_LOST: /* the carrier had it: the order left the seller */
        return before_pickup(from) ? SHIPMENT_EFFECT_SHIP : SHIPMENT_EFFECT_NONE;
    default:
        return before_pickup(from) && !before_pickup(to) ? SHIPMENT_EFFECT_SHIP
                                                         : SHIPMENT_EFFECT_NONE;
    }
}

static void move(shipment_state from, shipment_state to, int64_t at, shipment_step *out)
{
    out->next = to;
    out->moved = true;
    out->last_event_at = at;
    out->effect = effect_of(from, to);
}

int shipment_apply(shipment_state from, int64_t last_event_at, const shipment_event *ev,
                   shipment_step *out)
{
    stay(from, last_event_at, out);
    if (!state_valid(from)) {
        return refuse(out, BZ_EINTERNAL, "Unknown shipment state");
    }
    if (ev->kind <= SHIPMENT_EV_NONE || ev->kind >= SHIPMENT_EVENT_COUNT || ev->at < 0) {
        return refuse(out, BZ_EVALIDATION, "Unknown tracking event");
    }
    out->stale = ev->at < last_event_at;
    shipment_state to = event_target[ev->kind];
    if (to == SHIPMENT_STATE_NONE || out->stale || shipment_state_final(from) ||
        !may_move(from, to)) {
        return BZ_OK;
    }
    move(from, to, ev->at, out);
    BZ_ALWAYS(out->last_event_at >= last_event_at);
    return BZ_OK;
}

int shipment_booked(shipment_state from, shipment_step *out)
{
    stay(from, 0, out);
    if (!shipment_state_active(from)) {
        return refuse(out, BZ_ESHIPMENTSTATE, "This shipment is no longer being booked");
    }
    if (from == SHIPMENT_REQUESTED) {
        move(from, SHIPMENT_PENDING_PICKUP, 0, out);
    }
    return BZ_OK;
}

int shipment_refuse(shipment_state from, shipment_step *out)
{
    stay(from, 0, out);
    if (from != SHIPMENT_REQUESTED) {
        return refuse(out, BZ_ESHIPMENTSTATE, "Only a shipment being booked can be refused");
    }
    move(from, SHIPMENT_REFUSED, 0, out);
    return BZ_OK;
}

int shipment_cancel(shipment_state from, shipment_step *out)
{
    stay(from, 0, out);
    if (!state_valid(from)) {
        return refuse(out, BZ_EINTERNAL, "Unknown shipment state");
    }
    if (from == SHIPMENT_CANCELLED) {
        return refuse(out, BZ_ESHIPMENTSTATE, "This shipment is already cancelled");
    }
    if (shipment_state_final(from)) {
        return refuse(out, BZ_ESHIPMENTSTATE, "This shipment is over: nothing to cancel");
    }
    if (!before_pickup(from)) {
        return refuse(out, BZ_ESHIPMENTSTATE,
                      "The carrier has picked this parcel up: it can no longer be cancelled");
    }
    move(from, SHIPMENT_CANCELLED, 0, out);
    return BZ_OK;
}

/* ---- pickup ----------------------------------------------------------------------------- */

static const struct {
    const char *start, *end;
    int start_min; /* minutes after midnight, KL time */
} slots[SHIPMENT_SLOT_COUNT] = {
    [SHIPMENT_SLOT_09_12] = {"09:00", "12:00", 9 * 60},
    [SHIPMENT_SLOT_09_18] = {"09:00", "18:00", 9 * 60},
    [SHIPMENT_SLOT_09_22] = {"09:00", "22:00", 9 * 60},
    [SHIPMENT_SLOT_12_15] = {"12:00", "15:00", 12 * 60},
    [SHIPMENT_SLOT_15_18] = {"15:00", "18:00", 15 * 60},
    [SHIPMENT_SLOT_18_22] = {"18:00", "22:00", 18 * 60},
};

#define DAY_MS    (24LL * 3600 * 1000)
#define MINUTE_MS (60LL * 1000)

static bool slot_valid(shipment_slot t)
{
    return t > SHIPMENT_SLOT_NONE && t < SHIPMENT_SLOT_COUNT;
}

const char *shipment_slot_start(shipment_slot t)
{
    return slot_valid(t) ? slots[t].start : "";
}

const char *shipment_slot_end(shipment_slot t)
{
    return slot_valid(t) ? slots[t].end : "";
}

static shipment_slot slot_find(const char *start, const char *end)
{
    for (int i = SHIPMENT_SLOT_NONE + 1; start && end && i < SHIPMENT_SLOT_COUNT; i++) {
        if (strcmp(start, slots[i].start) == 0 && strcmp(end, slots[i].end) == 0) {
            return (shipment_slot)i;
        }
    }
    return SHIPMENT_SLOT_NONE;
}

/* Floor division for times before the epoch too. */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int shipment_pickup_check(const shipment_pickup *p, int64_t now, shipment_slot *slot,
                          field_error *err)
{
    *slot = SHIPMENT_SLOT_NONE;
    if (!p->pickup) {
        return BZ_OK;
    }
    int64_t day;
    if (bz_date_parse(p->date, &day) != BZ_OK) {
        return field_fail(err, BZ_EPICKUPSLOT, "pickup_date", "The pickup date must be YYYY-MM-DD");
    }
    shipment_slot t = slot_find(p->start, p->end);
    if (t == SHIPMENT_SLOT_NONE) {
        return field_fail(err, BZ_EPICKUPSLOT, "timeslot",
                          "Choose a pickup timeslot: 09:00-12:00, 09:00-18:00, 09:00-22:00, "
                          "12:00-15:00, 15:00-18:00 or 18:00-22:00");
    }
    const int64_t kl = now + BZ_MYT_OFFSET_MS;
    const int64_t today = floor_div(kl, DAY_MS);
    const int64_t minute = (kl - today * DAY_MS) / MINUTE_MS;
    if (day < today) {
        return field_fail(err, BZ_EPICKUPSLOT, "pickup_date", "The pickup date is in the past");
    }
    if (day > today + SHIPMENT_PICKUP_DAYS) {
        return field_fail(err, BZ_EPICKUPSLOT, "pickup_date",
                          "A pickup can be booked at most 7 days ahead");
    }
    if (((day % 7) + 7 + 4) % 7 == 0) { /* 1970-01-01 was a Thursday: 4 days after Sunday */
        return field_fail(err, BZ_EPICKUPSLOT, "pickup_date", "There are no pickups on Sundays");
    }
    if (day == today && minute >= slots[t].start_min) {
        return field_fail(err, BZ_EPICKUPSLOT, "timeslot",
                          "This timeslot has already started today: choose a later one or "
                          "another day");
    }
    *slot = t;
    return BZ_OK;
}

/* ---- which orders may go as one shipment ------------------------------------------------- */

/* Why order `o` cannot ship now, or NULL if it can (its buyer checked by the caller). */
static const char *unshippable(const order_record *o, bool busy, int64_t seller_id)
{
    if (o->seller_id != seller_id) {
        return "One of these orders is not yours";
    }
    if (busy) {
        return "One of these orders is in a shipment already";
    }
    order_state s = order_state_parse(o->status);
    if (s == ORDER_PAID || (s == ORDER_SHIPPED && o->returned_at != 0)) {
        return NULL;
    }
    return s == ORDER_AWAITING_PAYMENT ? "One of these orders is not paid yet"
                                       : "One of these orders cannot be shipped any more";
}

int shipment_orders_check(const order_record *o, const bool *busy, size_t n, int64_t seller_id,
                          size_t *bad, field_error *err)
{
    if (n == 0 || n > SHIPMENT_ORDERS_MAX) {
        return field_fail(err, BZ_EVALIDATION, "order_ids", "A shipment holds 1 to 100 orders");
    }
    for (size_t i = 0; i < n; i++) {
        const char *why = o[i].buyer_id != o[0].buyer_id
                              ? "One parcel goes to one buyer: these orders have different buyers"
                              : unshippable(&o[i], busy[i], seller_id);
        if (why) {
            if (bad) {
                *bad = i;
            }
            return field_fail(err, BZ_ENOTSHIPPABLE, "order_ids", why);
        }
    }
    return BZ_OK;
}
