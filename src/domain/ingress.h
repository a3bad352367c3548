/*
 * domain/ingress.h - a show's encoder endpoint: OBS (or any WHIP encoder) publishing into the
 * show's video room through the provider's ingress (app/video_ingress.h, docs/video.md).
 *
 * Plain data, as every model type of the domain: ids are int64, times UTC ms; strings are
 * borrowed (from a store read: the caller's arena).
 *
 * States: "pending" (asked for; the outbox worker has not created it yet), "ready" (created:
 * url and stream_key are set), "failed" (the provider refused: error says why; asking again
 * starts over). Dropping an endpoint deletes its row: there is no "deleted" state.
 */
#ifndef DOMAIN_INGRESS_H
#define DOMAIN_INGRESS_H

#include <stdbool.h>
#include <stdint.h>

#define INGRESS_PENDING "pending"
#define INGRESS_READY   "ready"
#define INGRESS_FAILED  "failed"

typedef struct show_ingress {
    int64_t stream_id;
    int64_t request_id;     /* the request this row answers: a new one after each drop */
    const char *state;      /* INGRESS_* */
    const char *ingress_id; /* the provider's; "" until ready */
    const char *url;        /* where the encoder publishes; "" until ready */
    const char *stream_key; /* the encoder's secret (WHIP bearer token): the seller's alone */
    bool whip;              /* url is a WHIP endpoint (else RTMP) */
    const char *error;      /* why it failed; "" */
    int64_t created_at;
    int64_t updated_at;
} show_ingress;

#endif
