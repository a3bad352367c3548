/*
 * app/video.h - who may see and who may publish a show's video (DESIGN §8).
 *
 * The server is the only authority over a show's room: this use case decides
 * whether a caller gets a grant, and the video port (app/ports/video.h) turns
 * the decision into the provider's credentials, locally (no network call).
 *
 * Rules:
 * - a viewer grant: anyone, signed in or not, for a live show; a user banned
 *   from the show gets none (BZ_EBANNED). Anonymous viewers get a random
 *   identity ("v" and 16 hex digits), signed-in ones "u<user id>".
 * - a publisher grant: the show's seller, only while the show is live.
 *   Anyone else is BZ_EFORBIDDEN (anonymous callers BZ_EUNAUTHORIZED).
 * - a co-host grant: a current co-host of the live show (app/cohosts.h), not banned from it
 *   (BZ_EBANNED); anyone else BZ_EFORBIDDEN. A removed co-host gets none from then on.
 * - a show that is not live: BZ_ECONFLICT ("show is not live"), for both roles.
 * - grants last app_config.video_grant_ttl_s; the browser asks again before then.
 * - no video port configured: BZ_EUNAVAILABLE, for a caller the rules above admit.
 */
#ifndef APP_VIDEO_H
#define APP_VIDEO_H

#include "app/app.h"
#include "app/outbox.h"
#include "app/ports/video.h"
#include "domain/show.h"

#include <stdint.h>

/* Grant `actor` (0 = not signed in) `role` in show `stream_id`'s room: *out is the port's
 * grant. BZ_ENOTFOUND, BZ_ECONFLICT, BZ_EUNAUTHORIZED, BZ_EFORBIDDEN, BZ_EBANNED,
 * BZ_EUNAVAILABLE, as above; BZ_EINTERNAL if the port cannot sign. */
int app_video_grant(app_ctx *c, int64_t actor, int64_t stream_id, video_role role,
                    video_grant *out);

/* ---- the room follows the show (video_rooms.c) ---------------------------------------- */

/* Outbox kinds: a show's room opened when it goes live, closed when it ends. */
#define APP_VIDEO_ROOM_OPEN  "video.room_open"
#define APP_VIDEO_ROOM_CLOSE "video.room_close"

/* Inside the transaction that moves show `st` to `to`: enqueue its room's opening ("live") or
 * closing ("ended"), once per show (deduplicated), when this server has video; nothing
 * otherwise. BZ_OK or app_outbox_enqueue's failure. */
int app_video_on_status(app_ctx *c, const show_stream *st, const char *to);

/* The outbox handlers of those kinds, for the composition root to register when video is
 * configured. They read the show when they run: an opening whose show is no longer live
 * opens nothing. */
extern const app_outbox_handler app_video_handlers[];
extern const size_t app_video_n_handlers;

#endif
