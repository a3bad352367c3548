/*
 * app/video_ingress.h - streaming from OBS (or any WHIP encoder) into a show: its seller asks
 * for an encoder endpoint, the provider's ingress (docs/video.md "OBS and WHIP").
 *
 * Only the outbox worker calls the provider, so a request records the wish and the worker
 * acts:
 *   request (seller) ── row pending, video.ingress_create enqueued ──► worker: ingress_create
 *     ──► row ready (url, stream_key)   or   row failed (the provider refused: error)
 *   drop (seller) or the show ending ── row deleted, video.ingress_delete enqueued (when the
 *     provider had created one) ──► worker: ingress_delete
 *
 * Rules, checked in this order:
 * - video configured on this server (BZ_EUNAVAILABLE);
 * - the show exists (BZ_ENOTFOUND) and the caller is its seller (BZ_EUNAUTHORIZED when not
 *   signed in, BZ_EFORBIDDEN for anyone else): the stream key is a secret only the seller
 *   ever reads;
 * - the provider has ingress (VIDEO_CAP_INGRESS, known without a call): else BZ_EUNSUPPORTED,
 *   saying that encoder streaming needs LiveKit;
 * - a request needs a show that is scheduled or live (BZ_ECONFLICT), so that a seller can set
 *   OBS up before going live.
 *
 * The encoder publishes into the show's room as "obs-u<seller id>" (app_ingress_identity):
 * an identity of its own, so that it and the seller's browser (u<id>) never replace each
 * other, and one no grant is ever minted for (users are u<id>, anonymous viewers v<hex>).
 *
 * A show has at most one endpoint. Asking again while it is pending or ready answers the
 * same one; after a failure, asking starts over. The stream key is never logged, never put in
 * an outbox payload or an error, and only its seller reads it.
 */
#ifndef APP_VIDEO_INGRESS_H
#define APP_VIDEO_INGRESS_H

#include "app/app.h"
#include "app/outbox.h"
#include "app/ports/video.h"
#include "domain/ingress.h"

#include <stddef.h>
#include <stdint.h>

/* Outbox kinds. */
#define APP_VIDEO_INGRESS_CREATE "video.ingress_create"
#define APP_VIDEO_INGRESS_DELETE "video.ingress_delete"

/* The identity the encoder of `seller_id`'s shows publishes as: "obs-u<id>". */
void app_ingress_identity(int64_t seller_id, char out[VIDEO_IDENTITY_MAX]);

/* Ask for show `stream_id`'s endpoint (its seller `actor`). *out is the row as it stands after
 * the request (pending when just asked for, ready when it exists already); its strings in
 * c->arena. Errors as the rules above. */
int app_ingress_request(app_ctx *c, int64_t actor, int64_t stream_id, show_ingress *out);

/* Read it (its seller only). BZ_ENOTFOUND when the show has none; other errors as above. */
int app_ingress_get(app_ctx *c, int64_t actor, int64_t stream_id, show_ingress *out);

/* Drop it (its seller only): the row goes, and the provider's ingress is deleted through the
 * outbox. BZ_OK also when there was none. Errors as above, except that dropping works on any
 * show status and whatever the provider. */
int app_ingress_drop(app_ctx *c, int64_t actor, int64_t stream_id);

/* Inside the transaction that ends show `stream_id`: drop its endpoint as above. BZ_OK (also
 * when it had none) or the store's failure. */
int app_ingress_on_end(app_ctx *c, int64_t stream_id);

/* The outbox handlers of both kinds, for the composition root to register when video is
 * configured. */
extern const app_outbox_handler app_ingress_handlers[];
extern const size_t app_ingress_n_handlers;

#endif
