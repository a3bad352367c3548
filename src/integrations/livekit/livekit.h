/*
 * integrations/livekit/livekit.h - the video port on LiveKit (DESIGN §8;
 * the protocol facts are in docs/video.md).
 *
 * - grant: an HS256 JWT with the role's `video` grant for room
 *   "show-<stream id>" (publisher and co-host: camera, microphone, screen
 *   share; viewer: subscribe only), signed with the API secret. A request
 *   the app should not have made (no stream id or identity, a TTL outside
 *   1 s..24 h) is BZ_EVALIDATION, as are empty ids and identities elsewhere.
 * - webhook: the bare JWT in Authorization, HS256 with the API secret, issued
 *   by our API key, valid now (60 s leeway), whose `sha256` claim is the
 *   body's hash; only then is the body read.
 * - everything else: one Twirp call (two for publisher_revoke) to LiveKit's
 *   server API with libcurl, each with a fresh service token that carries only
 *   the grant that call needs and lives 10 minutes, as LiveKit's SDKs do.
 *   One easy handle per call: the video holds no connection and no mutable
 *   state, so it is thread-safe. Responses are capped at 1 MiB. No retries
 *   here: the outbox retries BZ_EUNAVAILABLE.
 * - recording: Egress composes the room into an MP4 and uploads it itself to
 *   the S3/R2 bucket configured here, at
 *   "<key_prefix>/show-<id>/<UTC start time>.mp4" (video_recording.file_key).
 */
#ifndef INTEGRATIONS_LIVEKIT_LIVEKIT_H
#define INTEGRATIONS_LIVEKIT_LIVEKIT_H

#include "app/ports/video.h"

/* Where Egress uploads recordings (an S3-compatible bucket: R2, S3, MinIO). All "" = no
 * recording: record_start is then BZ_EBADREQUEST. */
typedef struct livekit_s3 {
    char endpoint[256]; /* "https://<account>.r2.cloudflarestorage.com" ("" = AWS S3) */
    char bucket[64];
    char region[32]; /* "" = "auto" (R2) */
    char access_key[128];
    char secret[128];
    char key_prefix[128]; /* "" = "recordings" */
} livekit_s3;

/* Plain values copied by livekit_open; zero/empty fields take the defaults. */
typedef struct livekit_config {
    char url[256];     /* what browsers connect to: "wss://host" (ws:// for a local server) */
    char api_url[256]; /* the server API: "" = url with wss -> https, ws -> http */
    char api_key[128];
    char api_secret[256];
    livekit_s3 egress;
    int empty_timeout_s;    /* a room with nobody in it closes after this; 0 = 300 */
    int max_participants;   /* per room; 0 = no limit */
    int timeout_ms;         /* a whole Twirp call; 0 = 10000 */
    int connect_timeout_ms; /* 0 = 3000 */
} livekit_config;

/* Validate `cfg` and make a video (released with (*out)->ops->close(*out)). BZ_EVALIDATION
 * (logged, naming the field, never a secret) for a missing key or secret or a URL that is not
 * ws(s):// or http(s)://. Does no network I/O. */
int livekit_open(const livekit_config *cfg, video **out);

/* The room of a show: "show-<stream_id>". */
void livekit_room_name(int64_t stream_id, char out[VIDEO_NAME_MAX]);

#endif
