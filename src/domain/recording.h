/*
 * domain/recording.h - a show's recording (show_recording: at most one per show, made when
 * a show the seller lets be recorded goes live) and the lots of a show as its replay marks
 * them (recording_lot), with the pure rules that place a moment of the show on the
 * recording's timeline.
 *
 * A recording's life (the app drives it through the outbox: app/recordings.h):
 *
 *   pending ──started──► recording ──stopped──► processing ──files stored──► ready
 *      │                                            │
 *      └─ the show ended first ─► skipped           └─ nothing recorded / broken ─► failed
 *
 * Invariants: started_at is set from "recording" on (and is the files' time 0 once ready);
 * a ready recording has a video or an audio key; skipped and failed ones carry a reason.
 *
 * Plain data, as every model type of the domain: ids are int64, money int64 sen, times
 * UTC ms; strings are borrowed (from a store read: the caller's arena).
 */
#ifndef DOMAIN_RECORDING_H
#define DOMAIN_RECORDING_H

#include "domain/order.h"

#include <stdbool.h>
#include <stdint.h>

#define RECORDING_PENDING    "pending"
#define RECORDING_RECORDING  "recording"
#define RECORDING_PROCESSING "processing"
#define RECORDING_READY      "ready"
#define RECORDING_FAILED     "failed"
#define RECORDING_SKIPPED    "skipped"

typedef struct show_recording {
    int64_t stream_id;
    const char *state;       /* one of the RECORDING_* names */
    const char *provider_id; /* the video provider's recording id; "" while pending */
    int64_t started_at;      /* UTC ms; 0 while pending. Once ready: the files' time 0 */
    int64_t stopped_at;      /* 0 until stopped */
    /* Where the files are (blob keys) and what they are; "" = none. While recording,
     * video_key is where the video will be stored. */
    const char *video_key, *video_type;
    const char *audio_key, *audio_type; /* the sound as a file of its own (Janus) */
    int64_t audio_offset_ms;            /* where the audio's time 0 falls on the video's */
    int64_t duration_ms;                /* 0 = not known */
    const char *reason;                 /* why failed or skipped; "" otherwise */
    int64_t created_at, updated_at;
} show_recording;

/* Whether `state` is one of the names above. */
bool recording_state_ok(const char *state);

/* Whether the recording has files to play: ready, with a video or an audio key. */
bool recording_playable(const show_recording *r);

/* Where moment `at` (UTC ms) of the show falls in the recording, in ms from its time 0:
 * before the recording started is 0, and past its end (when the duration is known) its end. */
int64_t recording_offset_ms(const show_recording *r, int64_t at);

/* A lot of a show as the replay marks it: one auction, when it ran, and its sale if it sold
 * (the order: its price, and the winner as order_sale keeps them; order_sale_public decides
 * what anyone may see of them). */
typedef struct recording_lot {
    int64_t auction_id;
    int64_t product_id;
    const char *title;  /* the product's title */
    const char *status; /* the auction's: "running" | "ended" | "cancelled" */
    int64_t started_at;
    int64_t ended_at; /* 0 while running */
    bool sold;        /* an order of it stands (not cancelled or refunded) */
    order_sale sale;  /* when sold */
} recording_lot;

/* When the lot's outcome was decided: its end (the hammer, a buy-now, a cancel), or its
 * start while it runs. */
int64_t recording_lot_decided_at(const recording_lot *lot);

#endif
