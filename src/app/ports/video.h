/*
 * app/ports/video.h - live video rooms (DESIGN §8; docs/video.md). Adapters:
 * src/integrations/livekit (production: JWT grants, Twirp RoomService, Egress,
 * Ingress, signed webhooks) and src/integrations/janus (the embedded default:
 * Debian's janus with its VideoRoom plugin on loopback beside blytz).
 *
 * A show has at most one room. The server is the only authority over it: it
 * opens and closes rooms, says who may publish, and mints each browser a
 * short-lived grant for one room and one role. The app decides *whether* a
 * caller gets a grant (the show's seller and invited co-hosts publish, only
 * while the show is live; anyone who may watch gets a viewer grant); the
 * adapter only turns that decision into the provider's credentials.
 *
 * Two kinds of operation, and where each may be called from:
 * - `grant` and `webhook` are local (crypto and parsing, no network): any thread,
 *   request handlers included.
 * - everything else calls the provider over the network: only the outbox worker
 *   calls them (DESIGN §7), so a request handler never waits on a video server
 *   and a failed call is retried. They are idempotent: opening an open room,
 *   closing a closed one, allowing an allowed publisher all return BZ_OK, so a
 *   retried outbox row is harmless.
 *
 * Errors: BZ_EUNAVAILABLE for a network failure or a provider's 5xx (the
 * outbox retries), BZ_ENOTFOUND for a room or participant the provider does
 * not know (where "gone" is not already success), BZ_EBADREQUEST for a refusal
 * retrying cannot fix (a 4xx: the outbox parks the row), BZ_EUNAUTHORIZED for a
 * webhook whose signature does not verify.
 *
 * Ownership: every pointer argument is borrowed for the call; results are
 * written into the caller's structs (fixed-size fields, NUL-terminated). One
 * `video` serves every thread: all functions are thread-safe. `close` frees it.
 */
#ifndef APP_PORTS_VIDEO_H
#define APP_PORTS_VIDEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct video video;

#define VIDEO_TOKEN_MAX    2048 /* a grant's token, NUL included */
#define VIDEO_URL_MAX      512  /* a URL the browser connects to, NUL included */
#define VIDEO_NAME_MAX     96   /* a room name, an identity, a provider id, NUL included */
#define VIDEO_KEY_MAX      128  /* a publish key or stream key, NUL included */
#define VIDEO_IDENTITY_MAX VIDEO_NAME_MAX

typedef enum video_role {
    VIDEO_VIEWER,    /* subscribe only */
    VIDEO_PUBLISHER, /* the show's seller: camera, microphone, screen share */
    VIDEO_COHOST,    /* a user the seller invited: camera, microphone, screen share */
} video_role;

/* The wire's names: "viewer", "publisher", "cohost"; NULL for another value. */
static inline const char *video_role_name(video_role role)
{
    switch (role) {
    case VIDEO_VIEWER:
        return "viewer";
    case VIDEO_PUBLISHER:
        return "publisher";
    case VIDEO_COHOST:
        return "cohost";
    }
    return NULL;
}

/* What the app decided to grant. */
typedef struct video_grant_req {
    int64_t stream_id;
    video_role role;
    /* Who: "u<user id>" for a signed-in user, "v<random>" for an anonymous viewer; unique in
     * the room (the provider replaces an earlier participant with the same identity). */
    const char *identity;
    const char *display_name; /* shown to the room; may be "" */
    int64_t now_ms;
    int ttl_s; /* the grant's lifetime: the browser asks for a new one before it ends */
} video_grant_req;

/* What the browser needs to connect ({"video": {...}} in the REST answer). */
typedef struct video_grant {
    char provider[16]; /* "livekit" | "janus" */
    char url[VIDEO_URL_MAX];
    char token[VIDEO_TOKEN_MAX];
    char room[VIDEO_NAME_MAX];
    char identity[VIDEO_IDENTITY_MAX];
    video_role role;
    int64_t expires_at; /* UTC ms */
    /* Janus only: the room's ACL token a publisher or co-host joins with (LiveKit's JWT carries
     * the grant itself; then ""). */
    char publish_key[VIDEO_KEY_MAX];
} video_grant;

/* Opening a show's room. */
typedef struct video_room_req {
    int64_t stream_id;
    const char *title;     /* for the provider's logs and dashboards; may be "" */
    int max_publishers;    /* seller + co-hosts + a screen share each (e.g. 6) */
    const char *publisher; /* the seller's identity ("u<id>"), allowed to publish at once */
} video_room_req;

/* A recording in progress or done. */
typedef struct video_recording {
    char id[VIDEO_NAME_MAX]; /* the provider's (LiveKit egress id; Janus: the room's recording
                              * directory name) */
    int64_t stream_id;
    int64_t started_at; /* UTC ms */
    /* Where the file will land in the blob store when the provider writes it there itself
     * (LiveKit: the key Egress uploads to, chosen by record_start); "" when record_finish
     * writes it (Janus). The app passes it to record_finish as `blob_key` when it is set. */
    char file_key[VIDEO_URL_MAX];
} video_recording;

/* Streaming from OBS or another encoder (LiveKit Ingress; Janus: WHIP). */
typedef struct video_ingress {
    char id[VIDEO_NAME_MAX];
    char url[VIDEO_URL_MAX];        /* the encoder's server URL (WHIP endpoint or RTMP URL) */
    char stream_key[VIDEO_KEY_MAX]; /* the encoder's stream key / WHIP bearer token */
    bool whip;                      /* true: WHIP; false: RTMP */
} video_ingress;

typedef enum video_event_kind {
    VIDEO_EVENT_OTHER, /* verified, but nothing Blytz acts on */
    VIDEO_EVENT_ROOM_STARTED,
    VIDEO_EVENT_ROOM_FINISHED,
    VIDEO_EVENT_PARTICIPANT_JOINED,
    VIDEO_EVENT_PARTICIPANT_LEFT,
    VIDEO_EVENT_TRACK_PUBLISHED,
    VIDEO_EVENT_TRACK_UNPUBLISHED,
    VIDEO_EVENT_RECORDING_STARTED,
    VIDEO_EVENT_RECORDING_ENDED, /* file_key is where it landed ("" when it failed) */
    VIDEO_EVENT_INGRESS_STARTED,
    VIDEO_EVENT_INGRESS_ENDED,
} video_event_kind;

/* A provider's webhook, verified and read. */
typedef struct video_event {
    video_event_kind kind;
    char id[VIDEO_NAME_MAX]; /* the provider's event id: process each once */
    int64_t stream_id;       /* the show whose room it is about; 0 = not one of ours */
    char identity[VIDEO_IDENTITY_MAX];
    char recording_id[VIDEO_NAME_MAX];
    char file_key[VIDEO_URL_MAX];
    bool failed; /* recording or ingress ended in error */
    int64_t at;  /* UTC ms, the provider's time (0 = not given) */
} video_event;

struct video_ops {
    /* ---- local: any thread ----------------------------------------------------------- */

    /* Mint the credentials for `req` (the app has already decided it may have them).
     * Viewers get subscribe-only grants; publishers and co-hosts may publish camera,
     * microphone and screen share in that room only. BZ_EINTERNAL if signing fails. */
    int (*grant)(video *v, const video_grant_req *req, video_grant *out);
    /* Verify a webhook from the provider (`authorization`: the Authorization header, may be
     * NULL; `body`: the raw bytes) and read it. BZ_EUNAUTHORIZED when the signature, its age
     * or the body's hash does not verify; BZ_EBADREQUEST when it verifies but does not parse.
     * Nothing is trusted before the signature is checked. */
    int (*webhook)(video *v, const char *authorization, const void *body, size_t len,
                   int64_t now_ms, video_event *out);

    /* ---- the provider: outbox worker only --------------------------------------------- */

    /* Open the room of `req->stream_id`, with the seller allowed to publish. */
    int (*room_open)(video *v, const video_room_req *req);
    /* Close it: every participant is disconnected. A room that is gone is BZ_OK. */
    int (*room_close)(video *v, int64_t stream_id);
    /* Allow `identity` to publish (a co-host), or take that back and remove them from the
     * room. */
    int (*publisher_allow)(video *v, int64_t stream_id, const char *identity);
    int (*publisher_revoke)(video *v, int64_t stream_id, const char *identity);
    /* Remove a participant (the seller kicked them); one not in the room is BZ_OK. */
    int (*participant_remove)(video *v, int64_t stream_id, const char *identity);
    /* How many are in the room now (publishers included). */
    int (*participant_count)(video *v, int64_t stream_id, int *out);
    /* Start recording the room; *out says which recording. */
    int (*record_start)(video *v, int64_t stream_id, int64_t now_ms, video_recording *out);
    /* Stop it. */
    int (*record_stop)(video *v, const video_recording *rec);
    /* Make a stopped recording a playable file in the blob store under `blob_key` (Janus:
     * janus-pp-rec, then the blob port; LiveKit: Egress already wrote it at rec->file_key, so
     * BZ_OK once it has and blob_key is that key, BZ_EUNAVAILABLE while it is still ending,
     * BZ_EBADREQUEST when it failed or lies elsewhere). */
    int (*record_finish)(video *v, const video_recording *rec, const char *blob_key);
    /* An encoder endpoint that publishes into the room as `identity`; BZ_EBADREQUEST when the
     * adapter has none. */
    int (*ingress_create)(video *v, int64_t stream_id, const char *identity, video_ingress *out);
    int (*ingress_delete)(video *v, const char *ingress_id);

    void (*close)(video *v);
};

struct video {
    const struct video_ops *ops;
};

/* The ops table of an adapter whose functions are prefix##_<operation>, one for every
 * operation (janus.c: j_grant, j_webhook, ...): `static const struct video_ops x =
 * VIDEO_OPS_OF(j);`. An operation added above is added here, so that no adapter's table
 * leaves it NULL unseen. */
#define VIDEO_OPS_OF(prefix)                                                                       \
    {                                                                                              \
        .grant = prefix##_grant, .webhook = prefix##_webhook, .room_open = prefix##_room_open,     \
        .room_close = prefix##_room_close, .publisher_allow = prefix##_publisher_allow,            \
        .publisher_revoke = prefix##_publisher_revoke,                                             \
        .participant_remove = prefix##_participant_remove,                                         \
        .participant_count = prefix##_participant_count, .record_start = prefix##_record_start,    \
        .record_stop = prefix##_record_stop, .record_finish = prefix##_record_finish,              \
        .ingress_create = prefix##_ingress_create, .ingress_delete = prefix##_ingress_delete,      \
        .close = prefix##_close                                                                    \
    }

#endif
