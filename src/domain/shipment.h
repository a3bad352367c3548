/*
 * domain/shipment.h - a shipment: one parcel a seller sends one buyer, holding one or more of
 * their paid orders, and the carrier's tracking of it (DESIGN §7, docs/shipping.md).
 * Carrier-neutral: an adapter maps its carrier's words onto shipment_event_kind.
 *
 * States (S = terminal; "active" = its orders cannot go in another shipment):
 *
 *   requested ----carrier said no-----------------------------------> refused (S)
 *   requested / pending_pickup ----cancel (seller or carrier)-------> cancelled (S)
 *   requested -> pending_pickup -> picked_up -> in_transit -> out_for_delivery -> delivered (S)
 *                                                                 <-> delivery_exception
 *   any non-terminal ----return to sender started---> returning ---> returned (S)
 *   any non-terminal ----parcel lost or damaged-----> lost (S)
 *
 * Applying a tracking event (shipment_apply): every event belongs to the timeline; the status
 * moves only forward by rank (requested 0 < pending_pickup 1 < picked_up 2 < in_transit 3 <
 * out_for_delivery = delivery_exception 4 < returning 5), the two states of rank 4 replace
 * each other (a failed attempt, then a reattempt); delivered, returned and lost are reached
 * from any non-terminal state but delivered not from returning (the parcel is going back);
 * cancelled only before pickup; terminal states never change; an event older than the one
 * that set the current status never moves it (a late "arrived at sorting hub" after
 * "delivered"). Moving tells the app what to do to the orders (shipment_effect).
 *
 * Invariants: shipment_step.next is a valid state; a terminal `from` is never left;
 * last_event_at never decreases. Pure: no I/O, no allocation, time passed in.
 */
#ifndef DOMAIN_SHIPMENT_H
#define DOMAIN_SHIPMENT_H

#include "domain/field.h"
#include "domain/order.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHIPMENT_ORDERS_MAX  100 /* orders one parcel may hold (= CHECKOUT_ORDERS_MAX) */
#define SHIPMENT_PICKUP_DAYS 7   /* a pickup may be booked up to today + 7 (KL time) */
#define SHIPMENT_TEXT_MAX    200 /* carrier's status words kept for the timeline */

typedef enum shipment_state {
    SHIPMENT_STATE_NONE = 0,
    SHIPMENT_REQUESTED,      /* our row; the outbox is creating it at the carrier */
    SHIPMENT_REFUSED,        /* the carrier said no (reason in failure); terminal */
    SHIPMENT_PENDING_PICKUP, /* booked: waiting for the pickup or the drop-off */
    SHIPMENT_PICKED_UP,
    SHIPMENT_IN_TRANSIT,
    SHIPMENT_OUT_FOR_DELIVERY,
    SHIPMENT_DELIVERY_EXCEPTION, /* an attempt failed; the carrier tries again */
    SHIPMENT_DELIVERED,          /* terminal */
    SHIPMENT_RETURNING,          /* return to sender started */
    SHIPMENT_RETURNED,           /* back with the seller; terminal */
    SHIPMENT_CANCELLED,          /* before pickup; terminal */
    SHIPMENT_LOST,               /* lost or damaged by the carrier; terminal */
    SHIPMENT_STATE_COUNT
} shipment_state;

/* "requested", "refused", "pending_pickup", "picked_up", "in_transit", "out_for_delivery",
 * "delivery_exception", "delivered", "returning", "returned", "cancelled", "lost"; "" for
 * NONE or out of range. */
const char *shipment_state_name(shipment_state s);

/* The stored name -> state (exact); SHIPMENT_STATE_NONE if unknown or NULL. */
shipment_state shipment_state_parse(const char *s);

/* delivered, returned, lost, refused, cancelled: nothing moves it any more. */
bool shipment_state_final(shipment_state s);

/* Whether its orders are held by it (they may not go in another shipment): every state but
 * refused, cancelled and returned, which hand the orders back to the seller. */
bool shipment_state_active(shipment_state s);

typedef enum shipment_event_kind {
    SHIPMENT_EV_NONE = 0,
    SHIPMENT_EV_PENDING_PICKUP,
    SHIPMENT_EV_PICKUP_FAILED, /* a pickup attempt failed; still waiting for one */
    SHIPMENT_EV_PICKED_UP,
    SHIPMENT_EV_IN_TRANSIT,
    SHIPMENT_EV_OUT_FOR_DELIVERY,
    SHIPMENT_EV_DELIVERY_FAILED,
    SHIPMENT_EV_DELIVERED,
    SHIPMENT_EV_RTS_STARTED,
    SHIPMENT_EV_RETURNED,
    SHIPMENT_EV_CANCELLED,
    SHIPMENT_EV_LOST,
    SHIPMENT_EV_INFO, /* measurements and the like: the timeline only */
    SHIPMENT_EVENT_COUNT
} shipment_event_kind;

/* "pending_pickup", "pickup_failed", "picked_up", "in_transit", "out_for_delivery",
 * "delivery_failed", "delivered", "rts_started", "returned", "cancelled", "lost", "info"; ""
 * for NONE or out of range. */
const char *shipment_event_name(shipment_event_kind k);

/* The stored name -> kind (exact); SHIPMENT_EV_NONE if unknown or NULL. */
shipment_event_kind shipment_event_parse(const char *s);

/* One tracking event, as an adapter reads it from its carrier (strings borrowed). */
typedef struct shipment_event {
    shipment_event_kind kind;
    int64_t at;         /* UTC ms, from the carrier's timestamp */
    const char *text;   /* the carrier's status words, for the timeline */
    const char *reason; /* a failure's reason; "" when none */
} shipment_event;

/* What the app does to each order of the shipment when the status moved (order_decide). */
typedef enum shipment_effect {
    SHIPMENT_EFFECT_NONE = 0,
    SHIPMENT_EFFECT_SHIP,     /* ORDER_EV_PICKED_UP: the parcel left the seller */
    SHIPMENT_EFFECT_DELIVER,  /* ORDER_EV_DELIVERED at the event's time */
    SHIPMENT_EFFECT_RETURNED, /* ORDER_EV_RETURNED: back with the seller, never completes */
    SHIPMENT_EFFECT_RELEASE,  /* refused or cancelled: the orders are shippable again */
} shipment_effect;

/* The order event of an effect; ORDER_EV_NONE for NONE and RELEASE (nothing to decide). */
order_event shipment_effect_order_event(shipment_effect e);

typedef struct shipment_step {
    int code;              /* BZ_OK or why refused */
    const char *reason;    /* human words for a refusal; "" on success */
    shipment_state next;   /* the status afterwards (= from when it did not move) */
    bool moved;            /* next != from */
    bool stale;            /* the event is older than the last applied one */
    int64_t last_event_at; /* shipment_apply: the time of the event that set `next` (kept
                            * when not moved); booked, refuse, cancel: 0 (keep the stored) */
    shipment_effect effect;
} shipment_step;

/* Apply tracking event `ev` to a shipment in state `from` whose status was last set by an
 * event at `last_event_at` (0 = none yet), per the rule of this header. BZ_OK (moved or not:
 * the event still belongs to the timeline); BZ_EVALIDATION for an unknown kind or a negative
 * time; BZ_EINTERNAL for an unknown `from`. On refusal next = from and nothing moves. */
int shipment_apply(shipment_state from, int64_t last_event_at, const shipment_event *ev,
                   shipment_step *out);

/* The carrier booked the parcel (its create call answered with a tracking number):
 * requested -> pending_pickup; any later state (a webhook came first) stays. BZ_OK;
 * BZ_ESHIPMENTSTATE when cancelled, refused or unknown. */
int shipment_booked(shipment_state from, shipment_step *out);

/* The carrier refused the parcel: requested -> refused, RELEASE. BZ_ESHIPMENTSTATE otherwise
 * (a booked or cancelled shipment is not refused after the fact). */
int shipment_refuse(shipment_state from, shipment_step *out);

/* The seller cancels: requested or pending_pickup -> cancelled, RELEASE. BZ_ESHIPMENTSTATE
 * with the reason otherwise ("picked up already", "already cancelled", ...). */
int shipment_cancel(shipment_state from, shipment_step *out);

/* ---- pickup ----------------------------------------------------------------------------- */

typedef enum shipment_slot {
    SHIPMENT_SLOT_NONE = 0,
    SHIPMENT_SLOT_09_12,
    SHIPMENT_SLOT_09_18,
    SHIPMENT_SLOT_09_22,
    SHIPMENT_SLOT_12_15,
    SHIPMENT_SLOT_15_18,
    SHIPMENT_SLOT_18_22,
    SHIPMENT_SLOT_COUNT
} shipment_slot;

/* The slot's "HH:MM" start and end (KL time); "" for NONE or out of range. */
const char *shipment_slot_start(shipment_slot t);
const char *shipment_slot_end(shipment_slot t);

/* What a seller asks for: a pickup (date "YYYY-MM-DD" and a timeslot "HH:MM".."HH:MM" in KL
 * time) or a drop-off at the carrier's point (pickup false; the rest ignored). */
typedef struct shipment_pickup {
    bool pickup;
    const char *date;
    const char *start, *end;
} shipment_pickup;

/* Check `p` at `now` (UTC ms): the date is a real day, not a Sunday, from today (KL time) if
 * the slot's start is still ahead, else from tomorrow, up to today + SHIPMENT_PICKUP_DAYS; the
 * slot one of the six. BZ_OK with *slot (NONE for a drop-off); BZ_EPICKUPSLOT with field
 * "pickup_date" or "timeslot" and the reason. */
int shipment_pickup_check(const shipment_pickup *p, int64_t now, shipment_slot *slot,
                          field_error *err);

/* ---- which orders may go as one shipment ------------------------------------------------- */

/* Orders `o[0..n)` sent by seller `seller_id` in one parcel, `busy[i]` telling whether o[i] is
 * in an active shipment already. They may when n is 1..SHIPMENT_ORDERS_MAX, each is the
 * seller's, all have one buyer, none is busy and each is paid, or shipped and returned (back
 * with the seller, to ship again). BZ_OK; BZ_EVALIDATION (n out of range, field "order_ids");
 * BZ_ENOTSHIPPABLE with field "order_ids", the reason and *bad = the offending index (may be
 * NULL). */
int shipment_orders_check(const order_record *o, const bool *busy, size_t n, int64_t seller_id,
                          size_t *bad, field_error *err);

/* ---- stored rows ------------------------------------------------------------------------- */

/* A shipment as the store keeps it; strings borrowed (a store read: the caller's arena); ""
 * or 0 when unset. */
typedef struct shipment_record {
    int64_t id;
    int64_t seller_id;
    int64_t buyer_id;
    const char *status;                /* shipment_state_name() */
    const char *tracking_number;       /* the carrier's; "" until booked */
    const char *requested_tracking;    /* ours, unique: what we ask the carrier to use */
    const char *service_level;         /* "standard", ... */
    bool pickup;                       /* false = drop-off */
    const char *pickup_date;           /* "YYYY-MM-DD" or "" */
    const char *slot_start, *slot_end; /* "HH:MM" or "" */
    int64_t weight_g;
    int64_t length_mm, width_mm, height_mm;
    const char *label_key; /* the cached label PDF in the blob store; "" until fetched */
    const char *failure;   /* the carrier's refusal reason; "" */
    int64_t last_event_at; /* UTC ms of the event that set status; 0 = none */
    int64_t created_at;
    int64_t updated_at;
} shipment_record;

/* One step of a shipment's timeline. */
typedef struct shipment_event_rec {
    int64_t id;
    int64_t shipment_id;
    const char *kind; /* shipment_event_name() */
    int64_t at;
    const char *text;
    const char *reason;
} shipment_event_rec;

/* An order of the seller waiting to ship (paid, or returned, in no active shipment), with its
 * buyer's name: the fulfilment page groups them by buyer. */
typedef struct shipment_pending {
    order_record order;
    const char *buyer_username;
} shipment_pending;

#endif
