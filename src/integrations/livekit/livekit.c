/*
 * integrations/livekit/livekit.c - the video port on LiveKit (see livekit.h).
 *
 * Invariants: after livekit_open the struct is never written again (every op
 * reads cfg and api_base only), which is what makes one video safe on every
 * thread; the API secret leaves it only as HMAC keys and is wiped on close.
 */
#include "integrations/livekit/livekit.h"

#include "base/buf.h"
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "integrations/livekit/lk_jwt.h"
#include "integrations/livekit/lk_webhook.h"

#include "integrations/httpc/httpc.h"
#include <jansson.h>
#include <openssl/crypto.h>

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_EMPTY_TIMEOUT_S    300
#define DEFAULT_TIMEOUT_MS         10000
#define DEFAULT_CONNECT_TIMEOUT_MS 3000
#define RESPONSE_MAX               (1024u * 1024)
#define SERVICE_TOKEN_TTL_S        600 /* what LiveKit's SDKs give a service call's token */
#define WEBHOOK_LEEWAY_S           60  /* LiveKit's own server allows a minute of skew */
#define GRANT_TTL_MAX_S            (24 * 3600)

typedef struct livekit {
    video base; /* first, so a video * is a livekit * */
    livekit_config cfg;
    char api_base[256]; /* "http(s)://authority", no trailing '/' */
} livekit;

void livekit_room_name(int64_t stream_id, char out[VIDEO_NAME_MAX])
{
    snprintf(out, VIDEO_NAME_MAX, "show-%" PRId64, stream_id);
}

/* ---- grants ---------------------------------------------------------------------------- */

static bool identity_ok(const char *s)
{
    return s && *s && strlen(s) < VIDEO_IDENTITY_MAX;
}

static int lk_grant(video *base, const video_grant_req *req, video_grant *out)
{
    const livekit *k = (const livekit *)base;
    const char *role = video_role_name(req->role);
    memset(out, 0, sizeof(*out));
    if (!role || req->stream_id <= 0 || !identity_ok(req->identity) || req->ttl_s <= 0 ||
        req->ttl_s > GRANT_TTL_MAX_S || req->now_ms < 0) {
        return BZ_EVALIDATION;
    }
    char room[VIDEO_NAME_MAX];
    livekit_room_name(req->stream_id, room);
    int64_t nbf = req->now_ms / 1000, exp = nbf + req->ttl_s;
    bool publishes = req->role != VIDEO_VIEWER;
    json_t *grant =
        json_pack("{s:b, s:s, s:b, s:b, s:b}", "roomJoin", 1, "room", room, "canSubscribe", 1,
                  "canPublish", publishes, "canPublishData", publishes);
    if (grant && publishes) {
        /* Sources are listed so that a publisher can never publish anything else. */
        json_object_set_new(
            grant, "canPublishSources",
            json_pack("[s,s,s,s]", "camera", "microphone", "screen_share", "screen_share_audio"));
    }
    json_t *metadata = json_pack("{s:s}", "role", role);
    char *metadata_text = metadata ? json_dumps(metadata, JSON_COMPACT) : NULL;
    json_t *claims =
        grant && metadata_text
            ? json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:O}", "iss", k->cfg.api_key, "sub",
                        req->identity, "name", req->display_name ? req->display_name : "", "nbf",
                        (json_int_t)nbf, "exp", (json_int_t)exp, "metadata", metadata_text, "video",
                        grant)
            : NULL;
    int rc =
        claims ? lk_jwt_sign(k->cfg.api_secret, claims, out->token, sizeof(out->token)) : BZ_ENOMEM;
    json_decref(claims);
    json_decref(grant);
    json_decref(metadata);
    free(metadata_text);
    if (rc) {
        memset(out, 0, sizeof(*out));
        return BZ_EINTERNAL;
    }
    bz_strlcpy(out->provider, "livekit", sizeof(out->provider));
    bz_strlcpy(out->url, k->cfg.url, sizeof(out->url));
    bz_strlcpy(out->room, room, sizeof(out->room));
    bz_strlcpy(out->identity, req->identity, sizeof(out->identity));
    out->role = req->role;
    out->expires_at = exp * 1000;
    out->publish_key[0] = '\0'; /* the JWT carries the grant */
    return BZ_OK;
}

/* ---- webhooks -------------------------------------------------------------------------- */

static int lk_webhook(video *base, const char *authorization, const void *body, size_t len,
                      int64_t now_ms, video_event *out)
{
    const livekit *k = (const livekit *)base;
    memset(out, 0, sizeof(*out));
    /* LiveKit sends the bare token; "Bearer <jwt>" is not its format, and LiveKit's own
     * receiver refuses it too, so a prefixed header is not guessed at. */
    if (!authorization || !*authorization || strncmp(authorization, "Bearer ", 7) == 0) {
        return BZ_EUNAUTHORIZED;
    }
    json_t *claims = NULL;
    if (lk_jwt_verify(authorization, k->cfg.api_secret, k->cfg.api_key, now_ms / 1000,
                      WEBHOOK_LEEWAY_S, &claims) != BZ_OK) {
        return BZ_EUNAUTHORIZED;
    }
    char hash[LK_SHA256_B64_LEN];
    lk_sha256_b64(body, len, hash);
    json_t *claim = json_object_get(claims, "sha256");
    bool body_ok = json_is_string(claim) && json_string_length(claim) == strlen(hash) &&
                   CRYPTO_memcmp(json_string_value(claim), hash, strlen(hash)) == 0;
    json_decref(claims);
    if (!body_ok) {
        return BZ_EUNAUTHORIZED;
    }
    return lk_webhook_parse(body, len, out);
}

/* ---- Twirp ----------------------------------------------------------------------------- */

/* A service token: no identity, only `grant` (stolen), 10 minutes. */
static int service_token(const livekit *k, json_t *grant, char *out, size_t size)
{
    int64_t now = (int64_t)time(NULL);
    json_t *claims =
        grant ? json_pack("{s:s, s:I, s:I, s:o}", "iss", k->cfg.api_key, "nbf", (json_int_t)now,
                          "exp", (json_int_t)(now + SERVICE_TOKEN_TTL_S), "video", grant)
              : NULL;
    int rc = claims ? lk_jwt_sign(k->cfg.api_secret, claims, out, size) : BZ_ENOMEM;
    json_decref(claims);
    return rc;
}

/* Maps a finished exchange to a Blytz code: 2xx OK; Twirp's not_found BZ_ENOTFOUND; 5xx,
 * resource_exhausted (429) and deadline_exceeded (408) BZ_EUNAVAILABLE (waiting may fix
 * them); any other refusal BZ_EBADREQUEST. `code` receives Twirp's code ("" if none). */
static int twirp_status(long status, const bz_buf *body, char *code, size_t code_size)
{
    code[0] = '\0';
    if (status >= 200 && status < 300) {
        return BZ_OK;
    }
    json_t *err = body->len ? json_loadb(body->data, body->len, 0, NULL) : NULL;
    const char *c = json_string_value(json_object_get(err, "code"));
    snprintf(code, code_size, "%s", c && strlen(c) < 40 ? c : "");
    json_decref(err);
    if (strcmp(code, "not_found") == 0) {
        return BZ_ENOTFOUND;
    }
    if (status >= 500 || status == 429 || status == 408) {
        return BZ_EUNAVAILABLE;
    }
    return BZ_EBADREQUEST;
}

/* POST /twirp/livekit.<service>/<method> with `request` under a service token with `grant`
 * (both stolen, either may be NULL after a failed json_pack: BZ_ENOMEM). On BZ_OK, *response
 * (if asked for) is the answer's JSON object (the caller releases it). */
static int twirp(const livekit *k, const char *service, const char *method, json_t *grant,
                 json_t *request, json_t **response)
{
    if (response) {
        *response = NULL;
    }
    char *payload = request ? json_dumps(request, JSON_COMPACT) : NULL;
    json_decref(request); /* it may hold a secret (Egress's S3 credentials): gone at once */
    char token[VIDEO_TOKEN_MAX], url[512];
    int rc = payload && grant ? service_token(k, grant, token, sizeof(token)) : BZ_ENOMEM;
    if (!payload || !grant) {
        json_decref(grant);
    }
    rc = rc == BZ_ETOOLARGE ? BZ_EINTERNAL : rc; /* our own key or grant is too long */
    struct curl_slist *headers = NULL;
    char bearer[VIDEO_TOKEN_MAX + 8];
    if (!rc) {
        snprintf(bearer, sizeof(bearer), "Bearer %s", token);
        rc = httpc_add_header(&headers, "Content-Type", "application/json") &&
                     httpc_add_header(&headers, "Authorization", bearer) &&
                     httpc_add_header(&headers, "Expect", NULL)
                 ? BZ_OK
                 : BZ_ENOMEM;
        OPENSSL_cleanse(bearer, sizeof(bearer));
    }
    OPENSSL_cleanse(token, sizeof(token));
    bz_buf body;
    bz_buf_init(&body, RESPONSE_MAX);
    long status = 0;
    if (!rc) {
        snprintf(url, sizeof(url), "%s/twirp/livekit.%s/%s", k->api_base, service, method);
        const httpc_req req = {.who = "livekit",
                               .method = "POST",
                               .url = url,
                               .headers = headers,
                               .body = payload,
                               .body_len = strlen(payload),
                               .connect_timeout_ms = k->cfg.connect_timeout_ms,
                               .timeout_ms = k->cfg.timeout_ms};
        rc = httpc_perform(&req, &body, &status);
        /* An answer over the cap is not LiveKit's: a proxy's, or a fault that may pass. */
        rc = rc == BZ_ETOOLARGE ? BZ_EUNAVAILABLE : rc;
    }
    curl_slist_free_all(headers);
    free(payload);
    char code[48] = "";
    if (!rc) {
        rc = twirp_status(status, &body, code, sizeof(code));
        if (rc && rc != BZ_ENOTFOUND) {
            bz_warn("livekit: %s/%s: HTTP %ld %s", service, method, status, code);
        }
    }
    if (!rc && response) {
        *response = json_loadb(body.data ? body.data : "{}", body.data ? body.len : 2, 0, NULL);
        if (!json_is_object(*response)) {
            bz_warn("livekit: %s/%s: answer is not a JSON object", service, method);
            json_decref(*response);
            *response = NULL;
            rc = BZ_EUNAVAILABLE; /* a proxy's error page, most likely: try again later */
        }
    }
    bz_buf_free(&body);
    return rc;
}

/* A grant of one API permission ("roomCreate", "roomList", "roomRecord", "ingressAdmin"). */
static json_t *api_grant(const char *permission)
{
    return json_pack("{s:b}", permission, 1);
}

/* The RoomService grant for one room's admin calls. */
static json_t *room_admin(const char *room)
{
    return json_pack("{s:b, s:s}", "roomAdmin", 1, "room", room);
}

/* Copies a string member of a Twirp answer; false when absent, not a string or too long. */
static bool answer_str(const json_t *obj, const char *name, char *out, size_t size)
{
    const char *s = json_string_value(json_object_get(obj, name));
    if (!s || !*s || strlen(s) >= size) {
        return false;
    }
    memcpy(out, s, strlen(s) + 1);
    return true;
}

/* A string member that a call's answer must carry, and where it goes (answer_str). */
typedef struct answer_field {
    const char *name;
    char *out;
    size_t size;
} answer_field;

/* twirp() for a call whose answer must carry the string members `fields` (the list ends with
 * a NULL name), each copied to its place; one missing is BZ_EUNAVAILABLE (logged). */
static int twirp_strs(const livekit *k, const char *service, const char *method, json_t *grant,
                      json_t *request, const answer_field *fields)
{
    json_t *answer = NULL;
    int rc = twirp(k, service, method, grant, request, &answer);
    for (const answer_field *f = fields; rc == BZ_OK && f->name; f++) {
        if (!answer_str(answer, f->name, f->out, f->size)) {
            bz_warn("livekit: %s/%s: no %s in the answer", service, method, f->name);
            rc = BZ_EUNAVAILABLE;
        }
    }
    json_decref(answer);
    return rc;
}

/* ---- rooms and participants ------------------------------------------------------------ */

static int lk_room_open(video *base, const video_room_req *req)
{
    const livekit *k = (const livekit *)base;
    if (req->stream_id <= 0) {
        return BZ_EVALIDATION;
    }
    char room[VIDEO_NAME_MAX];
    livekit_room_name(req->stream_id, room);
    /* The room's metadata is for LiveKit's dashboards and logs: who may publish is in each
     * participant's grant, not here. */
    json_t *meta =
        json_pack("{s:I, s:s, s:s, s:i}", "stream_id", (json_int_t)req->stream_id, "title",
                  req->title ? req->title : "", "publisher", req->publisher ? req->publisher : "",
                  "max_publishers", req->max_publishers);
    char *meta_text = meta ? json_dumps(meta, JSON_COMPACT) : NULL;
    json_t *body = meta_text ? json_pack("{s:s, s:i, s:i, s:s}", "name", room, "empty_timeout",
                                         k->cfg.empty_timeout_s, "max_participants",
                                         k->cfg.max_participants, "metadata", meta_text)
                             : NULL;
    /* CreateRoom answers with the existing room when it is already open: idempotent. */
    int rc = twirp(k, "RoomService", "CreateRoom", api_grant("roomCreate"), body, NULL);
    json_decref(meta);
    free(meta_text);
    return rc;
}

static int lk_room_close(video *base, int64_t stream_id)
{
    const livekit *k = (const livekit *)base;
    char room[VIDEO_NAME_MAX];
    livekit_room_name(stream_id, room);
    json_t *body = json_pack("{s:s}", "room", room);
    int rc = twirp(k, "RoomService", "DeleteRoom", api_grant("roomCreate"), body, NULL);
    return rc == BZ_ENOTFOUND ? BZ_OK : rc; /* gone already: what closing wanted */
}

/* A RoomService call on one participant of the show's room: {room, identity} and the
 * members of `more` (stolen; NULL, a json_pack that failed, is BZ_ENOMEM). */
static int participant_call(const livekit *k, const char *method, int64_t stream_id,
                            const char *identity, json_t *more)
{
    if (!identity_ok(identity)) {
        json_decref(more);
        return BZ_EVALIDATION;
    }
    char room[VIDEO_NAME_MAX];
    livekit_room_name(stream_id, room);
    json_t *body = json_pack("{s:s, s:s}", "room", room, "identity", identity);
    if (body && (!more || json_object_update(body, more) != 0)) {
        json_decref(body);
        body = NULL;
    }
    json_decref(more);
    return twirp(k, "RoomService", method, room_admin(room), body, NULL);
}

static int lk_participant_remove(video *base, int64_t stream_id, const char *identity)
{
    int rc = participant_call((const livekit *)base, "RemoveParticipant", stream_id, identity,
                              json_object());
    return rc == BZ_ENOTFOUND ? BZ_OK : rc; /* not in the room (or no room): removed */
}

/* Nothing to call: in LiveKit, what a participant may publish is in the grant they join with,
 * and the app mints a co-host's grant (lk_grant, VIDEO_COHOST) only after deciding it may
 * publish. LiveKit has no per-room list of allowed publishers to add them to. */
static int lk_publisher_allow(video *base, int64_t stream_id, const char *identity)
{
    (void)base;
    return stream_id > 0 && identity_ok(identity) ? BZ_OK : BZ_EVALIDATION;
}

/* Take publishing away at once (UpdateParticipant: tracks stop even if the removal below
 * fails and is retried), then disconnect them. Their grant stays valid until it expires, so
 * the app must stop minting them publisher grants first; grants are short-lived. */
static int lk_publisher_revoke(video *base, int64_t stream_id, const char *identity)
{
    /* A permission update replaces the whole permission: say what they may still do. */
    json_t *permission = json_pack("{s:{s:b, s:b, s:b}}", "permission", "can_subscribe", 1,
                                   "can_publish", 0, "can_publish_data", 0);
    int rc = participant_call((const livekit *)base, "UpdateParticipant", stream_id, identity,
                              permission);
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK; /* not in the room: nothing is published, nobody to remove */
    }
    return rc ? rc : lk_participant_remove(base, stream_id, identity);
}

/* Counted by ListRooms (num_participants) rather than ListParticipants: the answer's size does
 * not grow with the audience, so a show with thousands of viewers stays far under the 1 MiB
 * cap (a ParticipantInfo is a few hundred bytes). */
static int lk_participant_count(video *base, int64_t stream_id, int *out)
{
    const livekit *k = (const livekit *)base;
    *out = 0;
    char room[VIDEO_NAME_MAX];
    livekit_room_name(stream_id, room);
    json_t *body = json_pack("{s:[s]}", "names", room), *answer = NULL;
    int rc = twirp(k, "RoomService", "ListRooms", api_grant("roomList"), body, &answer);
    if (rc) {
        return rc;
    }
    json_t *rooms = json_object_get(answer, "rooms"), *found = NULL, *r;
    size_t i;
    json_array_foreach(rooms, i, r)
    {
        const char *name = json_string_value(json_object_get(r, "name"));
        if (name && strcmp(name, room) == 0) {
            found = r;
        }
    }
    json_t *n = json_object_get(found, "num_participants");
    if (!found) {
        rc = BZ_ENOTFOUND; /* not open (or closed when empty) */
    } else if (!n) {
        *out = 0; /* Twirp omits nothing, but a zero is a zero */
    } else if (json_is_integer(n) && json_integer_value(n) >= 0 &&
               json_integer_value(n) <= INT32_MAX) {
        *out = (int)json_integer_value(n);
    } else {
        rc = BZ_EUNAVAILABLE;
    }
    json_decref(answer);
    return rc;
}

/* ---- recording ------------------------------------------------------------------------- */

static int lk_record_start(video *base, int64_t stream_id, int64_t now_ms, video_recording *out)
{
    const livekit *k = (const livekit *)base;
    const livekit_s3 *s3 = &k->cfg.egress;
    memset(out, 0, sizeof(*out));
    if (!s3->bucket[0]) {
        bz_warn("livekit: record_start: no egress bucket configured");
        return BZ_EBADREQUEST;
    }
    if (stream_id <= 0 || now_ms < 0) {
        return BZ_EVALIDATION;
    }
    char room[VIDEO_NAME_MAX], stamp[32];
    livekit_room_name(stream_id, room);
    time_t secs = (time_t)(now_ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
    int n =
        snprintf(out->file_key, sizeof(out->file_key), "%s/%s/%s.mp4", s3->key_prefix, room, stamp);
    if (n < 0 || (size_t)n >= sizeof(out->file_key)) {
        return BZ_EVALIDATION;
    }
    json_t *s3_json =
        json_pack("{s:s, s:s, s:s, s:s, s:b}", "access_key", s3->access_key, "secret", s3->secret,
                  "region", s3->region, "bucket", s3->bucket, "force_path_style", 1);
    if (s3_json && s3->endpoint[0]) {
        json_object_set_new(s3_json, "endpoint", json_string(s3->endpoint));
    }
    json_t *body = s3_json ? json_pack("{s:s, s:s, s:[{s:s, s:s, s:o}]}", "room_name", room,
                                       "layout", "speaker", "file_outputs", "file_type", "MP4",
                                       "filepath", out->file_key, "s3", s3_json)
                           : NULL;
    const answer_field id[] = {{"egress_id", out->id, sizeof(out->id)}, {NULL, NULL, 0}};
    int rc = twirp_strs(k, "Egress", "StartRoomCompositeEgress", api_grant("roomRecord"), body, id);
    if (rc) {
        memset(out, 0, sizeof(*out));
    } else {
        out->stream_id = stream_id;
        out->started_at = now_ms;
    }
    return rc;
}

static int lk_record_stop(video *base, const video_recording *rec)
{
    const livekit *k = (const livekit *)base;
    if (!rec->id[0]) {
        return BZ_EVALIDATION;
    }
    json_t *body = json_pack("{s:s}", "egress_id", rec->id);
    int rc = twirp(k, "Egress", "StopEgress", api_grant("roomRecord"), body, NULL);
    /* Unknown to LiveKit (long gone) is stopped; an egress already ending or ended is refused
     * with failed_precondition (a 4xx, BZ_EBADREQUEST here), and record_finish tells whether
     * it completed: for a retried stop, both are success. */
    return rc == BZ_ENOTFOUND || rc == BZ_EBADREQUEST ? BZ_OK : rc;
}

/* livekit.EgressStatus names as Twirp writes them (enum names). */
static int egress_state(const json_t *status)
{
    static const char *const names[] = {
        "EGRESS_STARTING", "EGRESS_ACTIVE",  "EGRESS_ENDING",        "EGRESS_COMPLETE",
        "EGRESS_FAILED",   "EGRESS_ABORTED", "EGRESS_LIMIT_REACHED",
    };
    if (json_is_integer(status)) {
        return (int)json_integer_value(status);
    }
    const char *s = json_string_value(status);
    for (int i = 0; s && i < (int)(sizeof(names) / sizeof(names[0])); i++) {
        if (strcmp(s, names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* An int64 of LiveKit's protobuf JSON: a string of digits, or a number; 0 when neither. */
static int64_t answer_i64(const json_t *o, const char *name)
{
    const json_t *v = json_object_get(o, name);
    if (json_is_integer(v)) {
        return json_integer_value(v);
    }
    const char *s = json_string_value(v);
    char *end = NULL;
    long long n = s && *s ? strtoll(s, &end, 10) : 0;
    return end && !*end ? (int64_t)n : 0;
}

/* The file Egress uploaded: one MP4 with sound and picture; its times are in ns. */
static void egress_file(const json_t *info, const json_t *file, const char *key,
                        video_recording_files *out)
{
    bz_strlcpy(out->video_key, key, sizeof(out->video_key));
    bz_strlcpy(out->video_type, "video/mp4", sizeof(out->video_type));
    int64_t started = answer_i64(file, "started_at");
    out->started_at = (started ? started : answer_i64(info, "started_at")) / 1000000;
    out->duration_ms = answer_i64(file, "duration") / 1000000;
}

static int lk_record_finish(video *base, const video_recording *rec, const char *blob_key,
                            video_recording_files *out)
{
    const livekit *k = (const livekit *)base;
    memset(out, 0, sizeof(*out));
    if (!rec->id[0] || !blob_key || !*blob_key) {
        return BZ_EVALIDATION;
    }
    json_t *body = json_pack("{s:s}", "egress_id", rec->id), *answer = NULL;
    int rc = twirp(k, "Egress", "ListEgress", api_grant("roomRecord"), body, &answer);
    if (rc) {
        return rc;
    }
    json_t *info = NULL, *item;
    size_t i;
    json_array_foreach(json_object_get(answer, "items"), i, item)
    {
        const char *id = json_string_value(json_object_get(item, "egress_id"));
        if (id && strcmp(id, rec->id) == 0) {
            info = item;
        }
    }
    int state = egress_state(json_object_get(info, "status"));
    json_t *file = json_array_get(json_object_get(info, "file_results"), 0);
    const char *filename = json_string_value(json_object_get(file, "filename"));
    const char *location = json_string_value(json_object_get(file, "location"));
    if (!info) {
        rc = BZ_ENOTFOUND;
    } else if (state >= 0 && state <= 2) { /* starting, active, ending */
        rc = BZ_EUNAVAILABLE;
    } else if (state == 3 || (state == 6 && filename)) {
        /* Complete, or stopped at LiveKit's time limit, which still uploads what it has. */
        if (filename && strcmp(filename, blob_key) == 0) {
            egress_file(info, file, blob_key, out);
            rc = BZ_OK;
        } else {
            bz_warn("livekit: egress %s wrote %s (%s), not %s", rec->id,
                    filename ? filename : "no file", location ? location : "-", blob_key);
            rc = BZ_EBADREQUEST;
        }
    } else {
        const char *error = json_string_value(json_object_get(info, "error"));
        bz_warn("livekit: egress %s ended without a file: %s", rec->id, error ? error : "?");
        rc = BZ_EBADREQUEST;
    }
    json_decref(answer);
    return rc;
}

/* ---- ingress --------------------------------------------------------------------------- */

static int lk_ingress_create(video *base, int64_t stream_id, const char *identity,
                             video_ingress *out)
{
    const livekit *k = (const livekit *)base;
    memset(out, 0, sizeof(*out));
    if (stream_id <= 0 || !identity_ok(identity)) {
        return BZ_EVALIDATION;
    }
    char room[VIDEO_NAME_MAX];
    livekit_room_name(stream_id, room);
    /* WHIP: the encoder's WebRTC goes through untouched (no transcoding), and the stream key
     * is the WHIP bearer token. */
    json_t *body =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "input_type", "WHIP_INPUT", "name", room,
                  "room_name", room, "participant_identity", identity, "participant_name", identity,
                  "participant_metadata", "{\"role\":\"publisher\"}", "enable_transcoding", 0);
    const answer_field fields[] = {{"ingress_id", out->id, sizeof(out->id)},
                                   {"url", out->url, sizeof(out->url)},
                                   {"stream_key", out->stream_key, sizeof(out->stream_key)},
                                   {NULL, NULL, 0}};
    int rc = twirp_strs(k, "Ingress", "CreateIngress", api_grant("ingressAdmin"), body, fields);
    if (rc) {
        memset(out, 0, sizeof(*out));
    }
    out->whip = rc == BZ_OK;
    return rc;
}

static int lk_ingress_delete(video *base, const char *ingress_id)
{
    const livekit *k = (const livekit *)base;
    if (!ingress_id || !*ingress_id) {
        return BZ_EVALIDATION;
    }
    json_t *body = json_pack("{s:s}", "ingress_id", ingress_id);
    int rc = twirp(k, "Ingress", "DeleteIngress", api_grant("ingressAdmin"), body, NULL);
    return rc == BZ_ENOTFOUND ? BZ_OK : rc;
}

/* ---- lifecycle ------------------------------------------------------------------------- */

static void lk_close(video *base)
{
    livekit *k = (livekit *)base;
    OPENSSL_cleanse(&k->cfg, sizeof(k->cfg));
    free(k);
}

static const struct video_ops livekit_ops = VIDEO_OPS_OF(lk, VIDEO_CAP_INGRESS);

/* "scheme://authority[/]" with a known scheme, no user info, path or query; the scheme is
 * mapped through `map` ({from, to} pairs) into `out`. */
static bool base_url(const char *url, const char *const map[][2], size_t nmap, char *out,
                     size_t size)
{
    for (size_t i = 0; i < nmap; i++) {
        size_t n = strlen(map[i][0]);
        if (strncmp(url, map[i][0], n) != 0) {
            continue;
        }
        const char *auth = url + n;
        size_t auth_len = strcspn(auth, "/?#");
        if (auth_len == 0 || memchr(auth, '@', auth_len) ||
            (auth[auth_len] && strcmp(auth + auth_len, "/") != 0)) {
            return false;
        }
        for (size_t j = 0; j < auth_len; j++) {
            if ((unsigned char)auth[j] <= ' ' || (unsigned char)auth[j] >= 0x7f) {
                return false;
            }
        }
        int w = snprintf(out, size, "%s%.*s", map[i][1], (int)auth_len, auth);
        return w > 0 && (size_t)w < size;
    }
    return false;
}

int livekit_open(const livekit_config *cfg, video **out)
{
    if (httpc_init() != BZ_OK) {
        return BZ_EINTERNAL;
    }
    livekit *k = calloc(1, sizeof(*k));
    if (!k) {
        return BZ_ENOMEM;
    }
    k->cfg = *cfg;
    livekit_config *c = &k->cfg;
    /* Fixed arrays from the caller may lack a terminator; force one. */
    c->url[sizeof(c->url) - 1] = '\0';
    c->api_url[sizeof(c->api_url) - 1] = '\0';
    c->api_key[sizeof(c->api_key) - 1] = '\0';
    c->api_secret[sizeof(c->api_secret) - 1] = '\0';
    livekit_s3 *s3 = &c->egress;
    s3->endpoint[sizeof(s3->endpoint) - 1] = '\0';
    s3->bucket[sizeof(s3->bucket) - 1] = '\0';
    s3->region[sizeof(s3->region) - 1] = '\0';
    s3->access_key[sizeof(s3->access_key) - 1] = '\0';
    s3->secret[sizeof(s3->secret) - 1] = '\0';
    s3->key_prefix[sizeof(s3->key_prefix) - 1] = '\0';
    if (!s3->region[0]) {
        bz_strlcpy(s3->region, "auto", sizeof(s3->region));
    }
    size_t plen = strlen(s3->key_prefix);
    while (plen > 0 && s3->key_prefix[plen - 1] == '/') {
        s3->key_prefix[--plen] = '\0';
    }
    if (!s3->key_prefix[0]) {
        bz_strlcpy(s3->key_prefix, "recordings", sizeof(s3->key_prefix));
    }
    size_t ulen = strlen(c->url);
    if (ulen > 0 && c->url[ulen - 1] == '/') {
        c->url[ulen - 1] = '\0';
    }
    c->empty_timeout_s = c->empty_timeout_s > 0 ? c->empty_timeout_s : DEFAULT_EMPTY_TIMEOUT_S;
    c->max_participants = c->max_participants > 0 ? c->max_participants : 0;
    c->timeout_ms = c->timeout_ms > 0 ? c->timeout_ms : DEFAULT_TIMEOUT_MS;
    c->connect_timeout_ms =
        c->connect_timeout_ms > 0 ? c->connect_timeout_ms : DEFAULT_CONNECT_TIMEOUT_MS;

    static const char *const client_schemes[][2] = {{"wss://", "https://"}, {"ws://", "http://"}};
    static const char *const api_schemes[][2] = {{"https://", "https://"}, {"http://", "http://"}};
    char scratch[256];
    const char *bad = NULL;
    if (!base_url(c->url, client_schemes, 2, scratch, sizeof(scratch)) &&
        !base_url(c->url, api_schemes, 2, scratch, sizeof(scratch))) {
        bad = "url";
    } else if (!(c->api_url[0]
                     ? base_url(c->api_url, api_schemes, 2, k->api_base, sizeof(k->api_base))
                     : base_url(c->url, client_schemes, 2, k->api_base, sizeof(k->api_base)) ||
                           base_url(c->url, api_schemes, 2, k->api_base, sizeof(k->api_base)))) {
        bad = "api_url";
    } else if (!c->api_key[0]) {
        bad = "api_key";
    } else if (!c->api_secret[0]) {
        bad = "api_secret";
    } else if (s3->bucket[0] && (!s3->access_key[0] || !s3->secret[0])) {
        bad = "egress credentials";
    }
    if (bad) {
        bz_warn("livekit: invalid %s", bad);
        lk_close(&k->base);
        return BZ_EVALIDATION;
    }
    BZ_CHECK(k->api_base[0] != '\0');
    k->base.ops = &livekit_ops;
    *out = &k->base;
    return BZ_OK;
}
