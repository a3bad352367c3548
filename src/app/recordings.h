/*
 * app/recordings.h - recording a show and playing it back (DESIGN §8; docs/video.md,
 * "Recording in the app"). The recording's states are domain/recording.h's.
 *
 * Rules:
 * - A show is recorded unless its seller says not: when scheduling, or in the control room
 *   while the show is scheduled. Once it goes live the choice is fixed.
 * - A recorded show that goes live on a server with video gets a recording ("pending") in
 *   that transaction, and the outbox starts it (video.record_start) after the room opens:
 *   the provider's "no such room" is retried, so the start may overtake the opening (two
 *   nodes) without failing. Ending the show stops it (video.record_stop), which enqueues
 *   turning it into files in the blob store (video.record_finish; retried while the provider
 *   is still writing them).
 * - A show that ends before its recording started records nothing: "skipped", with the
 *   reason. A recording that leaves nothing to play is "failed", with the reason.
 * - Janus's files are stored under recordings/show-<id>/<recording id>.webm (and .opus for
 *   the sound); LiveKit's where Egress put them (video_recording.file_key).
 * - Times on a recording are ms from its time 0 (the first frame written): a lot of the show
 *   is placed at when it started and when it was decided (domain/recording.h).
 * - The replay of a show (anyone): its recording's state, the files' URLs once it is ready
 *   (the blob store's URLs, valid APP_REPLAY_URL_TTL_S), and its lots with their places on
 *   the recording; a winner is named only if they allow it (order_sale_public).
 * - A video receipt: an order of an auction of a show that has a recording (being made or
 *   ready) points at the moment its lot was decided on that recording.
 *
 * Results live in c->arena.
 */
#ifndef APP_RECORDINGS_H
#define APP_RECORDINGS_H

#include "app/app.h"
#include "app/orders.h"
#include "app/outbox.h"
#include "app/streams.h"
#include "domain/recording.h"
#include "domain/show.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Outbox kinds of a show's recording. */
#define APP_VIDEO_RECORD_START  "video.record_start"
#define APP_VIDEO_RECORD_STOP   "video.record_stop"
#define APP_VIDEO_RECORD_FINISH "video.record_finish"

/* How long the replay's URLs work (presigned ones expire): a long show watched slowly. */
#define APP_REPLAY_URL_TTL_S (6 * 3600)

/* ---- the seller's choice, and the recording following the show (recordings.c) --------- */

/* Record show `id` or not (its seller, while it is scheduled); *out is the show as it is then.
 * BZ_ENOTFOUND, BZ_EFORBIDDEN (not its seller), BZ_ECONFLICT (no longer scheduled). */
int app_stream_set_record(app_ctx *c, int64_t actor, int64_t id, bool record, app_stream_view *out);

/* Inside the transaction that moves show `st` to `to`: "live" makes its recording and
 * enqueues its start (a recorded show, a server with video); "ended" enqueues the stop of a
 * recording that is pending or running. Nothing otherwise. BZ_OK or the store's failure. */
int app_recording_on_status(app_ctx *c, const show_stream *st, const char *to);

/* The outbox handlers of the three kinds (video_recordings.c), for the composition root to
 * register when video is configured. */
extern const app_outbox_handler app_recording_handlers[];
extern const size_t app_recording_n_handlers;

/* ---- the replay (recordings.c) --------------------------------------------------------- */

/* One lot of the show, placed on the recording: ms from its time 0 to the lot's start and to
 * when it was decided; both -1 when the show has no recording to play. */
typedef struct app_replay_lot {
    recording_lot lot; /* lot.sale as anyone may see it */
    int64_t start_ms, decided_ms;
} app_replay_lot;

typedef struct app_replay {
    show_stream stream;
    bool has_recording; /* false: the show has none (not recorded, or never went live) */
    show_recording rec; /* when has_recording */
    /* The files' URLs, when the show has ended and its recording is playable; else NULL.
     * audio_url: the sound as a file of its own, played beside the video (Janus). */
    const char *video_url, *audio_url;
    app_replay_lot *lots; /* the show's auctions in the order they started */
    size_t n_lots;
} app_replay;

/* The replay of show `stream_id`, for anyone. BZ_ENOTFOUND. */
int app_replay_get(app_ctx *c, int64_t stream_id, app_replay *out);

/* ---- video receipts (receipts.c) -------------------------------------------------------- */

/* Fill page->receipts (one per order, in c->arena) with each order's video receipt. */
int app_order_receipts(app_ctx *c, app_order_page *page);

#endif
