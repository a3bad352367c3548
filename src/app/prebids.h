/*
 * app/prebids.h - pre-bids (DESIGN §4): maximums a buyer places on a
 * scheduled (or live) show's lot before its auction opens. The auction's
 * start applies them, in creation order, as the auction's first bids inside
 * its own transaction (prebids_apply).
 */
#ifndef APP_PREBIDS_H
#define APP_PREBIDS_H

#include "app/app.h"
#include "app/room_events.h"
#include "domain/auction_lot.h"
#include "domain/prebid.h"

#include <stddef.h>
#include <stdint.h>

/* Place or replace the actor's pre-bid on lot `product_id` of show `stream_id`.
 * BZ_EUNAUTHORIZED (not signed in), BZ_EVALIDATION (max_amount below RM1 or above the price
 * cap; product_id not in the lineup), BZ_ENOTFOUND (no show), BZ_ENOTELIGIBLE (the seller),
 * BZ_ECONFLICT (show ended or cancelled), BZ_EAUCTIONRUNNING (that lot's auction runs),
 * BZ_EOUTOFSTOCK (the lot is sold out),
 * BZ_EBANNED, BZ_ECOOLOFF. *out is the stored pre-bid. */
int app_prebid_place(app_ctx *c, int64_t actor, int64_t stream_id, int64_t product_id,
                     int64_t max_amount, prebid *out);
/* The actor's pre-bids on a show, in creation order (in c->arena). */
int app_prebids_mine(app_ctx *c, int64_t actor, int64_t stream_id, prebid **out, size_t *n);
/* Withdraw the actor's own pre-bid on a lot. BZ_ENOTFOUND when there is none. */
int app_prebid_delete(app_ctx *c, int64_t actor, int64_t stream_id, int64_t product_id);

/* For app_auction_start, in its transaction, right after the auction was created: apply the
 * lot's pre-bids as maximums in creation order (through the engine batch's own code); refused
 * ones are skipped. *evs receives their room events (empty when there were none) for the caller
 * to publish after its commit. A store failure returns; the caller rolls back. */
int prebids_apply(app_ctx *c, const auction_lot *au, app_evbuf *evs);

#endif
