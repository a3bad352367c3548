/*
 * integrations/janus/janus.h - the video port on Janus's VideoRoom plugin
 * (Debian's janus 1.1.2, run on loopback beside blytz: the embedded default).
 *
 * Who may do what, and how Janus enforces it:
 * - Janus runs with `token_auth` and a `token_auth_secret` only blytz knows, so
 *   every Janus API request needs a token blytz signed. Janus's signed-token
 *   format is `<expiry>,janus,janus.plugin.videoroom:<signature>`, the signature
 *   being base64(HMAC-SHA1(secret, everything before the ':')) and the expiry
 *   Unix seconds. Each browser gets one that expires after the grant's ttl;
 *   blytz mints itself a short one for each of its own calls.
 * - Creating rooms needs the VideoRoom `admin_key`, which only blytz has; each
 *   room has a `secret` (HMAC of the token secret and the room id) that
 *   destroy, kick, allowed and recording need, so a browser holding a valid
 *   token can join rooms but not manage them.
 * - Publishing needs a key in the room's `allowed` ACL: the publish key,
 *   "pk" + hex(HMAC-SHA256(token secret, room, identity)), is derived rather
 *   than stored, so the seller's key exists from room_open on, a co-host's is
 *   added by publisher_allow and removed by publisher_revoke. Viewers get no
 *   key: the VideoRoom checks the ACL on a publisher's `join` only.
 * - Kicking finds a participant by its `display`: the browser joins with
 *   display = the grant's identity (each of its feeds: camera, screen share).
 *
 * Every call to Janus opens a session, attaches the VideoRoom, sends one
 * synchronous request and destroys the session: no keepalive thread, no state
 * shared between threads, and a restarted Janus costs nothing but the call in
 * flight. Those calls are rare (the outbox worker, a few per show) and on
 * loopback, so the three extra round trips do not matter.
 *
 * Recording: record_start points the room's rec_dir at a new directory under
 * `rec_dir` (its name is the recording id) and enables recording, which
 * writes one .mjr per publisher and medium; record_finish converts the
 * largest video track to WebM (VP8) and the largest audio track to Ogg Opus
 * with janus-pp-rec and puts both in the blob store: the video under
 * `blob_key`, the audio beside it (janus_audio_key). janus-pp-rec does not
 * mux, and no muxer is installed, so they stay two files that a player
 * plays together (<video> + <audio>, or a MediaSource with both).
 *
 * Webhooks: Janus signs nothing it sends (its HTTP event handler posts plain
 * JSON), and blytz already is the authority over every room: it opens,
 * closes and records them itself. So `webhook` refuses everything
 * (BZ_EUNAUTHORIZED) and no Janus event is ever trusted.
 *
 * Ingress: no WHIP endpoint works with this Janus (docs/video.md says
 * why), so ingress_create and ingress_delete are BZ_EBADREQUEST.
 *
 * Ownership and threads: see app/ports/video.h. janus_open copies the config.
 */
#ifndef INTEGRATIONS_JANUS_JANUS_H
#define INTEGRATIONS_JANUS_JANUS_H

#include "app/ports/blob.h"
#include "app/ports/video.h"

#include <stddef.h>
#include <stdint.h>

#define JANUS_SECRET_MAX 128 /* admin_key, token secret: NUL included */
#define JANUS_PATH_MAX   512

typedef struct janus_config {
    char api_url[VIDEO_URL_MAX];    /* "http://127.0.0.1:PORT/janus": blytz's calls */
    char public_url[VIDEO_URL_MAX]; /* what browsers use; "" = api_url */
    char admin_key[JANUS_SECRET_MAX];
    char token_secret[JANUS_SECRET_MAX];
    char rec_dir[JANUS_PATH_MAX]; /* Janus's recordings; blytz reads them (same host) */
    char pp_rec[JANUS_PATH_MAX];  /* janus-pp-rec; "" = "janus-pp-rec" on PATH */
    blob *blob;                   /* where record_finish puts files; borrowed, may be NULL
                                     (then record_finish is BZ_EBADREQUEST) */
    int timeout_ms;               /* each HTTP request; 0 = 5000 */
    int convert_timeout_ms;       /* each janus-pp-rec run; 0 = 600000 */
    size_t max_recording_bytes;   /* a converted file larger than this fails; 0 = 1 GiB */
} janus_config;

/* Check `cfg` and make the video port (released with (*out)->ops->close(*out)).
 * BZ_EVALIDATION for a missing or malformed field. No network I/O. */
int janus_open(const janus_config *cfg, video **out);

#define JANUS_TOKEN_MAX 160 /* a signed token, NUL included */

/* A Janus signed token for the VideoRoom expiring at `expiry_s` (Unix seconds), signed
 * with `secret`; written into out. BZ_EINTERNAL if signing fails. Pure. */
int janus_sign_token(const char *secret, int64_t expiry_s, char out[JANUS_TOKEN_MAX]);

/* The publish key of `identity` in room `room` (what the room's ACL holds). Pure. */
int janus_publish_key(const char *secret, int64_t room, const char *identity,
                      char out[VIDEO_KEY_MAX]);

/* The blob key of a recording's audio for video key `blob_key`: its extension (if any)
 * replaced by ".opus". BZ_EVALIDATION when it does not fit `size`. */
int janus_audio_key(const char *blob_key, char *out, size_t size);

#endif
