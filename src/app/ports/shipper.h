/*
 * app/ports/shipper.h - handing parcels to a carrier and hearing where they are (issue 11;
 * docs/shipping.md). Adapter: src/integrations/ninjavan (NinjaVan's v4.2 orders, waybills,
 * cancellation, signed webhooks).
 *
 * Carrier-neutral: the app decides what goes in a shipment (the domain's shipment rules and
 * shipping_combine's box); the adapter turns a request into the carrier's call and reads the
 * carrier's answers and webhooks back into the plain structs below. No carrier name leaks past
 * this header except the tracking numbers, which the app keeps as opaque text.
 *
 * Two kinds of operation, and where each may be called from:
 * - `event_read` is local (HMAC and JSON, no network): any thread, request handlers included.
 * - `create`, `label`, `cancel` call the carrier over the network and block through their
 *   retries: only the outbox worker calls them, so a request never waits on the carrier. A
 *   create is made safe to repeat by `tracking`, the number the caller derives from its
 *   shipment id: the carrier keeps one order per requested number, and a create that finds its
 *   number taken (a retry after a lost answer) is BZ_OK with `existed` set.
 *
 * Errors (the adapter's mapping of the carrier's answers):
 *   BZ_ESHIPREFUSED - the carrier refused (a 4xx: a bad postcode, overweight, a cancel after
 *     pickup): `note->title` and `note->message` keep its words for the seller; not retried;
 *   BZ_ESHIPAUTH - the carrier refused our credentials (also after one renewal of the token) or
 *     this account's access to the call (403);
 *   BZ_ENOTFOUND - the carrier does not know the tracking number;
 *   BZ_EUNAVAILABLE - network, 5xx, 429, an answer that does not read: after the adapter's own
 *     retries; the outbox retries later;
 *   BZ_ETOOLARGE - a waybill over the caller's buffer limit; a webhook body over
 *     SHIPPER_EVENT_MAX (event_read);
 *   BZ_ESHIPSIG - a webhook whose signature is missing or wrong (event_read only; checked before
 *     any byte of the body is parsed, in constant time);
 *   BZ_EBADREQUEST - a webhook that verifies but is not an event;
 *   BZ_EVALIDATION - arguments the adapter refuses before any call (a tracking number that
 *     cannot be one, a required field empty, a weight <= 0, a date or time not as below).
 *
 * Ownership: every pointer argument is borrowed for the call; results are written into the
 * caller's structs (fixed-size, NUL-terminated fields), zeroed first, and into the caller's
 * bz_buf (label). One `shipper` serves every thread: all functions are thread-safe (the
 * adapter's shared token cache has its own lock). `close` frees it.
 */
#ifndef APP_PORTS_SHIPPER_H
#define APP_PORTS_SHIPPER_H

#include "base/buf.h"
#include "domain/address.h"
#include "domain/shipping.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct shipper shipper;

#define SHIPPER_TRACKING_MAX 48  /* a tracking number, NUL included */
#define SHIPPER_REF_MAX      64  /* our reference (merchant order number), NUL included */
#define SHIPPER_TEXT_MAX     128 /* the carrier's status words, NUL included */
#define SHIPPER_REASON_MAX   256 /* a failure reason or a refusal's message, NUL included */
#define SHIPPER_ITEMS_MAX    50  /* item lines in one request */

/* The largest webhook body event_read takes (the webhook route reads no more). */
#define SHIPPER_EVENT_MAX (64u * 1024)

/* How fast: what the carrier's contract offers. DEFAULT is the adapter's configured one. */
typedef enum shipper_level {
    SHIPPER_LEVEL_DEFAULT = 0,
    SHIPPER_LEVEL_STANDARD,
    SHIPPER_LEVEL_EXPRESS,
    SHIPPER_LEVEL_SAMEDAY,
    SHIPPER_LEVEL_NEXTDAY,
} shipper_level;

/* Who sends or receives: a name (3..255 bytes), a phone (E.164) or an email or both, and a
 * Malaysian address (domain/address.h: five-digit postcode, canonical state). */
typedef struct shipper_contact {
    const char *name;
    const char *phone; /* "" when none */
    const char *email; /* "" when none */
    address_postal address;
} shipper_contact;

typedef struct shipper_item {
    const char *description; /* what the parcel holds, for the waybill and customs */
    int quantity;            /* >= 1 */
} shipper_item;

typedef struct shipper_request {
    const char *reference; /* ours, echoed in webhooks: 1..SHIPPER_REF_MAX-1 bytes */
    /* The number asked for: letters and digits with single hyphens between them, 1..20 bytes,
     * derived by the caller from its shipment id (so a retried create is the same order). The
     * carrier may prefix it: the number to use afterwards is shipper_created.tracking. */
    const char *tracking;
    shipper_level level;
    shipper_contact from; /* the seller, at their pickup address */
    shipper_contact to;   /* the buyer, at the order's delivery address */
    bool pickup;          /* true: the carrier collects; false: the seller drops it off */
    /* Malaysia time (Asia/Kuala_Lumpur): the pickup's "YYYY-MM-DD" and slot "HH:MM" .. "HH:MM"
     * (pickup only; the domain checks that the slot is one the carrier offers). For a drop-off
     * `date` may be "" or the day it is handed in; the times are not sent. */
    const char *date;
    const char *slot_start, *slot_end;
    shipping_parcel parcel; /* grams and millimetres (0 sizes: unknown, not sent) */
    const shipper_item *items;
    size_t n_items;      /* 0..SHIPPER_ITEMS_MAX */
    int64_t insured_sen; /* the declared value, 0 = none */
} shipper_request;

typedef struct shipper_created {
    char tracking[SHIPPER_TRACKING_MAX];
    /* the carrier had this requested number already: a create repeated after its answer was
     * lost; the order is the one made then */
    bool existed;
} shipper_created;

/* What the carrier said, for the seller and the logs: every network operation fills it
 * (zeroed first) when it is not NULL. */
typedef struct shipper_note {
    int http_status;                  /* of the last attempt; 0 when no answer came */
    int attempts;                     /* 1 + retries (a token renewal's retry included) */
    char request_id[64];              /* the carrier's id of the last answer, for support */
    char title[SHIPPER_TEXT_MAX];     /* a refusal's title */
    char message[SHIPPER_REASON_MAX]; /* a refusal's message: shown to the seller */
} shipper_note;

/* ---- tracking events ------------------------------------------------------------------------ */

typedef enum shipper_event_kind {
    SHIPPER_EV_INFO = 0,         /* measurements, anything unknown: the timeline only */
    SHIPPER_EV_PENDING_PICKUP,   /* created, waiting for the driver (or the drop-off) */
    SHIPPER_EV_PICKUP_FAILED,    /* a pickup attempt failed (reason) */
    SHIPPER_EV_PICKED_UP,        /* in the carrier's hands */
    SHIPPER_EV_IN_TRANSIT,       /* between hubs */
    SHIPPER_EV_OUT_FOR_DELIVERY, /* on the van, or waiting at a collection point */
    SHIPPER_EV_DELIVERY_FAILED,  /* an attempt failed (reason); more may follow */
    SHIPPER_EV_DELIVERED,        /* terminal */
    SHIPPER_EV_RTS_STARTED,      /* on its way back to the seller */
    SHIPPER_EV_RETURNED,         /* back with the seller: terminal */
    SHIPPER_EV_CANCELLED,        /* terminal */
    SHIPPER_EV_LOST,             /* lost or damaged: terminal */
} shipper_event_kind;

#define SHIPPER_EV_KIND_COUNT (SHIPPER_EV_LOST + 1)

/* "info", "pending_pickup", ... (the enum's names, lower case); "" out of range. */
static inline const char *shipper_event_kind_name(shipper_event_kind k)
{
    static const char *const names[SHIPPER_EV_KIND_COUNT] = {
        "info",        "pending_pickup",   "pickup_failed",   "picked_up",
        "in_transit",  "out_for_delivery", "delivery_failed", "delivered",
        "rts_started", "returned",         "cancelled",       "lost",
    };
    return (unsigned)k < SHIPPER_EV_KIND_COUNT ? names[k] : "";
}

typedef struct shipper_event {
    shipper_event_kind kind;
    char tracking[SHIPPER_TRACKING_MAX]; /* the carrier's number (as shipper_created's) */
    char reference[SHIPPER_REF_MAX];     /* ours, as sent in the request ("" if absent) */
    int64_t at;                          /* UTC ms, from the carrier's timestamp */
    char text[SHIPPER_TEXT_MAX];         /* the carrier's status words, for the timeline */
    char reason[SHIPPER_REASON_MAX];     /* a failure's reason, "" when none */
    bool rts_leg; /* the parcel is on its way back (its progress is the return's) */
} shipper_event;

/* ---- the port ----------------------------------------------------------------------------- */

struct shipper_ops {
    /* ---- local: any thread -------------------------------------------------------------- */

    /* Verify a webhook (`signature`: the carrier's signature header, may be NULL; `body`: the
     * raw bytes) and read it. BZ_ESHIPSIG, BZ_EBADREQUEST, BZ_ETOOLARGE as above. */
    int (*event_read)(shipper *s, const char *signature, const void *body, size_t len,
                      shipper_event *out);

    /* ---- the carrier: outbox worker only ------------------------------------------------ */

    /* Create the shipment `req` describes; *out its tracking number. */
    int (*create)(shipper *s, const shipper_request *req, shipper_created *out, shipper_note *note);
    /* The waybill of `tracking` as PDF bytes appended to `pdf` (capped by its limit; an
     * adapter caps an unlimited buffer at a size of its own). */
    int (*label)(shipper *s, const char *tracking, bz_buf *pdf, shipper_note *note);
    /* Cancel `tracking` (only before pickup: after it, BZ_ESHIPREFUSED with the carrier's
     * words). One cancelled already is BZ_OK. */
    int (*cancel)(shipper *s, const char *tracking, shipper_note *note);

    void (*close)(shipper *s);
};

struct shipper {
    const struct shipper_ops *ops;
};

/* The ops table of an adapter whose functions are prefix##_<operation>, one for every
 * operation: `static const struct shipper_ops x = SHIPPER_OPS_OF(nv);`. An operation added
 * above is added here, so that no adapter's table (nor a test's fake) leaves it NULL. */
#define SHIPPER_OPS_OF(prefix)                                                                     \
    {                                                                                              \
        .event_read = prefix##_event_read, .create = prefix##_create, .label = prefix##_label,     \
        .cancel = prefix##_cancel, .close = prefix##_close                                         \
    }

#endif
