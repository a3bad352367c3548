/*
 * app/ports/store_types.h - the storage port's own types (app/ports/store.h): the model it
 * reads and writes is the domain's (account_user, catalog_product, show_stream, auction_lot,
 * ... in src/domain); what is left here are the port's mechanics: pages and cursors, query
 * parameters, records kept for the app's own bookkeeping (refresh tokens, revocations,
 * idempotency) and the few bulk reads of the engine. The use cases use them to talk to the
 * store; transports never see them. The rules of store.h hold: ids are int64, money is int64
 * sen, times are int64 UTC ms, and strings and arrays read from the store live in the
 * caller's arena.
 */
#ifndef APP_PORTS_STORE_TYPES_H
#define APP_PORTS_STORE_TYPES_H

#include "domain/account.h"
#include "domain/address.h"
#include "domain/auction_lot.h"
#include "domain/buyer.h"
#include "domain/catalog.h"
#include "domain/chat.h"
#include "domain/ingress.h"
#include "domain/cohost.h"
#include "domain/delivery.h"
#include "domain/notification.h"
#include "domain/order.h"
#include "domain/outbox.h"
#include "domain/payment.h"
#include "domain/receipt.h"
#include "domain/refund.h"
#include "domain/plan.h"
#include "domain/payout.h"
#include "domain/prebid.h"
#include "domain/shipment.h"
#include "domain/shipping.h"
#include "domain/recording.h"
#include "domain/show.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- accounts ---------------------------------------------------------- */

/* Refresh tokens are stored by SHA-256 of the token, never the token itself. */
typedef struct store_refresh {
    int64_t id;
    int64_t user_id;
    int64_t family_id; /* every token rotated from one login shares it */
    unsigned char hash[32];
    int64_t created_at;
    int64_t expires_at;
    int64_t used_at;    /* 0 = not yet rotated */
    int64_t revoked_at; /* 0 = not revoked */
} store_refresh;

/* An entry of the session revocation list: access tokens whose `sid` is `family_id` are
 * refused until `expires_at`, by when every access token of the family has expired anyway. */
typedef struct store_revocation {
    int64_t family_id;
    int64_t user_id;
    int64_t revoked_at;
    int64_t expires_at;
} store_revocation;

/* At most this many revocations are read per call (callers page with the cursor). */
#define STORE_REVOCATIONS_MAX 1000

/* ---- lists -------------------------------------------------------------- */

/* A page of results: newest first (id descending). next_cursor is 0 at the end. */
typedef struct store_page {
    size_t n;
    int64_t next_cursor;
} store_page;

/* ---- idempotency ------------------------------------------------------- */

typedef struct store_idem {
    int64_t user_id;
    const char *key;            /* client's Idempotency-Key */
    unsigned char req_hash[32]; /* SHA-256 of method, path and body */
    int status;
    const char *body; /* response body as sent */
    int64_t created_at;
} store_idem;

/* ---- streams (shows) ---------------------------------------------------- */

/* Where a stream list page ends: the last row's sort key (starts_at for scheduled, started_at
 * for live) and id. Opaque to callers; {0, 0} = the first page / no next page. */
typedef struct store_stream_cursor {
    int64_t at;
    int64_t id;
} store_stream_cursor;

typedef struct store_stream_query {
    const char *status; /* "scheduled": starts_at ascending; "live": started_at descending */
    int64_t seller_id;  /* 0 = any */
    store_stream_cursor cursor;
    int limit; /* 1..100 */
} store_stream_query;

typedef struct store_stream_page {
    size_t n;
    store_stream_cursor next; /* {0, 0} at the end */
} store_stream_page;

/* ---- auctions, bids -------------------------------------------------------- */

/* An accepted bid's Idempotency-Key, per (auction, bidder, key). */
typedef struct store_bid_key {
    int64_t auction_id;
    int64_t bidder_id;
    const char *key;
    int64_t bid_id; /* the bidder's own step; 0 when the placement made none */
    int64_t amount;
    int64_t max_amount; /* 0 = plain bid */
    int64_t created_at;
} store_bid_key;

/* A running auction's closing time, for the engine's timers. */
typedef struct store_auction_due {
    int64_t id;
    int64_t ends_at;
} store_auction_due;

/* ---- bid batches ---------------------------------------------------------- */

/* What a bid batch checks of one bidder (read for all its bidders at once, at most
 * STORE_FACTS_MAX of them). */
#define STORE_FACTS_MAX 256
typedef struct store_bidder_facts {
    int64_t user_id;
    bool exists;
    const char *username;      /* "" when the user does not exist */
    bool banned;               /* from the batch's show */
    buyer_limits limits;       /* all zero (but user_id) when never set */
    int64_t bid_blocked_until; /* UTC ms: unpaid orders keep them from bidding until then */
    bool has_card;             /* a default card on file (app/cards.h) */
    bool card_required;        /* the show's seller asks bidders for one */
} store_bidder_facts;

/* At most this many pre-bids of one lot are read: one engine batch applies them. */
#define STORE_PREBIDS_MAX 256

/* ---- outbox (domain/outbox.h, docs/outbox.md) ---------------------------------------- */

/* A row of the outbox. A claimed row's (id, attempts, lease_until) is the claim: recording
 * an outcome needs it unchanged, so a worker whose lease ran out and was overtaken cannot
 * overwrite what the next claimer records. */
typedef struct store_outbox_row {
    int64_t id;
    const char *kind;       /* "video.room_open" */
    const char *dedupe_key; /* unique: a second row with it is not added */
    const char *payload;    /* JSON text */
    const char *state;      /* OUTBOX_PENDING | OUTBOX_DONE | OUTBOX_PARKED */
    int32_t attempts;       /* attempts started */
    int64_t next_at;        /* when a pending row is due */
    int64_t lease_until;    /* the claim's end; 0 = not claimed */
    const char *last_error; /* "" = none */
    int64_t created_at;
    int64_t updated_at;
} store_outbox_row;

/* At most this many rows per claim and per list page. */
#define STORE_OUTBOX_CLAIM_MAX 100
#define STORE_OUTBOX_PAGE_MAX  100

/* What /metrics shows of the outbox. */
typedef struct store_outbox_counts {
    int64_t pending;
    int64_t parked;
    int64_t oldest_pending_at; /* created_at of the oldest pending row; 0 = none */
} store_outbox_counts;

#endif
