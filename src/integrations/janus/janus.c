/*
 * integrations/janus/janus.c - the video port on Janus's VideoRoom over its
 * HTTP API with libcurl (see janus.h for the security model).
 *
 * Invariants: a janus_video is immutable after janus_open (so every thread may
 * use it without a lock); every response body is read into a capped buffer;
 * a room's number is the show's id, always > 0.
 */
#include "integrations/janus/janus.h"

#include "integrations/httpc/httpc.h"

#include "base/buf.h"
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/rand.h"
#include "base/str.h"
#include "integrations/janus/janus_rec.h"

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DEFAULT_TIMEOUT_MS 5000
#define RESPONSE_MAX                                                                               \
    (64u * 1024)            /* VideoRoom answers are small; listparticipants of                    \
                               a room of a few publishers is < 2 KiB */
#define CALL_TOKEN_TTL_S 60 /* blytz's own token for one call */
#define PLUGIN           "janus.plugin.videoroom"

/* Janus's own error codes (core) and the VideoRoom's (plugin), from their docs. */
#define JANUS_ERR_UNAUTHORIZED 403
#define VR_ERR_NO_SUCH_ROOM    426
#define VR_ERR_ROOM_EXISTS     427
#define VR_ERR_NO_SUCH_FEED    428 /* also "no such user" for kick */

typedef struct janus_video {
    video base; /* first, so a video * is a janus_video * */
    janus_config cfg;
} janus_video;

/* ---- tokens and keys (pure) ------------------------------------------------------------ */

int janus_sign_token(const char *secret, int64_t expiry_s, char out[JANUS_TOKEN_MAX])
{
    char data[64];
    int n = snprintf(data, sizeof(data), "%" PRId64 ",janus," PLUGIN, expiry_s);
    if (n <= 0 || (size_t)n >= sizeof(data) || expiry_s <= 0) {
        return BZ_EINTERNAL;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int maclen = 0;
    if (!HMAC(EVP_sha1(), secret, (int)strlen(secret), (const unsigned char *)data, (size_t)n, mac,
              &maclen)) {
        return BZ_EINTERNAL;
    }
    char sig[64]; /* base64 of 20 bytes: 28 characters */
    int siglen = EVP_EncodeBlock((unsigned char *)sig, mac, (int)maclen);
    OPENSSL_cleanse(mac, sizeof(mac));
    if (siglen <= 0 || snprintf(out, JANUS_TOKEN_MAX, "%s:%s", data, sig) >= JANUS_TOKEN_MAX) {
        return BZ_EINTERNAL;
    }
    return BZ_OK;
}

/* hex(HMAC-SHA256(secret, label '\n' room '\n' identity)): labels keep the derived values of
 * different purposes apart, the newlines keep (room, identity) pairs from colliding. */
static int derive(const char *secret, const char *label, int64_t room, const char *identity,
                  char hex[65])
{
    char msg[256];
    int n = snprintf(msg, sizeof(msg), "%s\n%" PRId64 "\n%s", label, room, identity);
    if (n <= 0 || (size_t)n >= sizeof(msg)) {
        return BZ_EVALIDATION;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int maclen = 0;
    if (!HMAC(EVP_sha256(), secret, (int)strlen(secret), (const unsigned char *)msg, (size_t)n, mac,
              &maclen) ||
        maclen != 32) {
        return BZ_EINTERNAL;
    }
    bz_hex_encode(mac, 32, hex);
    OPENSSL_cleanse(mac, sizeof(mac));
    return BZ_OK;
}

/* An identity goes into JSON, an HMAC message and Janus's `display`: printable ASCII
 * without quotes or backslashes keeps all three simple. */
static bool identity_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n >= VIDEO_IDENTITY_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c >= 0x7f || c == '"' || c == '\\') {
            return false;
        }
    }
    return true;
}

int janus_publish_key(const char *secret, int64_t room, const char *identity,
                      char out[VIDEO_KEY_MAX])
{
    if (room <= 0 || !identity_valid(identity)) {
        return BZ_EVALIDATION;
    }
    char hex[65];
    int rc = derive(secret, "blytz janus publish key", room, identity, hex);
    if (rc == BZ_OK) {
        snprintf(out, VIDEO_KEY_MAX, "pk%s", hex);
    }
    return rc;
}

static int room_secret(const janus_video *j, int64_t room, char out[65])
{
    return derive(j->cfg.token_secret, "blytz janus room secret", room, "", out);
}

int janus_audio_key(const char *blob_key, char *out, size_t size)
{
    const char *slash = strrchr(blob_key, '/');
    const char *dot = strrchr(blob_key, '.');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - blob_key) : strlen(blob_key);
    int n = snprintf(out, size, "%.*s.opus", (int)stem, blob_key);
    return n > 0 && (size_t)n < size ? BZ_OK : BZ_EVALIDATION;
}

/* ---- the HTTP API ---------------------------------------------------------------------- */

/* POST `req` (its "transaction" and "token" added here) to `url`; *resp is the parsed
 * answer (caller decrefs). BZ_EUNAVAILABLE for a transport failure, a non-200 status or
 * an answer that is not a JSON object. */
static int post_json(const janus_video *j, const char *url, json_t *req, json_t **resp)
{
    unsigned char rnd[9];
    char txn[19], token[JANUS_TOKEN_MAX];
    bz_random_bytes(rnd, sizeof(rnd));
    bz_hex_encode(rnd, sizeof(rnd), txn);
    int rc = janus_sign_token(j->cfg.token_secret, (int64_t)time(NULL) + CALL_TOKEN_TTL_S, token);
    if (rc) {
        return rc;
    }
    if (json_object_set_new(req, "transaction", json_string(txn)) ||
        json_object_set_new(req, "token", json_string(token))) {
        return BZ_ENOMEM;
    }
    char *body = json_dumps(req, JSON_COMPACT);
    if (!body) {
        return BZ_ENOMEM;
    }
    bz_buf out;
    bz_buf_init(&out, RESPONSE_MAX);
    struct curl_slist *headers = NULL;
    long status = 0;
    rc = httpc_add_header(&headers, "Content-Type", "application/json") ? BZ_OK : BZ_ENOMEM;
    if (rc == BZ_OK) {
        httpc_req hr = {.who = "janus",
                        .method = "POST",
                        .url = url,
                        .headers = headers,
                        .body = body,
                        .body_len = strlen(body),
                        .connect_timeout_ms = j->cfg.timeout_ms,
                        .timeout_ms = j->cfg.timeout_ms};
        rc = httpc_perform(&hr, &out, &status);
    }
    curl_slist_free_all(headers);
    OPENSSL_cleanse(body, strlen(body)); /* it carried a token */
    free(body);
    if (rc == BZ_ETOOLARGE) {
        bz_warn("janus: answer over %u bytes from %s", RESPONSE_MAX, url);
        rc = BZ_EUNAVAILABLE;
    } else if (rc != BZ_OK) {
        rc = rc == BZ_ENOMEM ? rc : BZ_EUNAVAILABLE; /* httpc logged the network failure */
    } else if (status != 200) {
        bz_warn("janus: %s: HTTP %ld", url, status);
        rc = BZ_EUNAVAILABLE;
    } else {
        *resp = json_loadb(out.data ? out.data : "", out.len, 0, NULL);
        if (!json_is_object(*resp)) {
            json_decref(*resp);
            *resp = NULL;
            bz_warn("janus: %s: the answer is not a JSON object", url);
            rc = BZ_EUNAVAILABLE;
        }
    }
    bz_buf_free(&out);
    return rc;
}

/* post_json, stealing `req` (NULL, a json_pack that failed: BZ_ENOMEM). */
static int post(const janus_video *j, const char *url, json_t *req, json_t **resp)
{
    *resp = NULL;
    int rc = req ? post_json(j, url, req, resp) : BZ_ENOMEM;
    json_decref(req);
    return rc;
}

/* The core's verdict on an answer: BZ_OK when "janus" is `want`, else the mapped error. */
static int core_result(json_t *resp, const char *want, const char *what)
{
    const char *kind = json_string_value(json_object_get(resp, "janus"));
    if (kind && strcmp(kind, want) == 0) {
        return BZ_OK;
    }
    json_t *err = json_object_get(resp, "error");
    json_int_t code = json_integer_value(json_object_get(err, "code"));
    const char *reason = json_string_value(json_object_get(err, "reason"));
    bz_warn("janus: %s: %s %" JSON_INTEGER_FORMAT " %s", what, kind ? kind : "(no kind)", code,
            reason ? reason : "");
    /* A refused token is our configuration (secrets out of step with Janus's): retrying
     * does not fix it. Anything else of the core (session gone, handle gone) is transient. */
    return code == JANUS_ERR_UNAUTHORIZED ? BZ_EBADREQUEST : BZ_EUNAVAILABLE;
}

/* Post `req` (stolen, as post) that makes a session or a handle: *id is N of the answer
 * {"janus":"success","data":{"id":N}}. */
static int create(const janus_video *j, const char *url, json_t *req, const char *what,
                  json_int_t *id)
{
    json_t *resp;
    int rc = post(j, url, req, &resp);
    if (rc == BZ_OK) {
        rc = core_result(resp, "success", what);
    }
    if (rc == BZ_OK) {
        *id = json_integer_value(json_object_get(json_object_get(resp, "data"), "id"));
        rc = *id > 0 ? BZ_OK : BZ_EUNAVAILABLE;
    }
    json_decref(resp);
    return rc;
}

/* One synchronous VideoRoom request on a session of its own. *data is the plugin's answer
 * ({"videoroom": ..., "error_code"?: ...}; caller decrefs). Steals `body`. */
static int videoroom(janus_video *j, json_t *body, json_t **data)
{
    *data = NULL;
    json_t *resp = NULL;
    json_int_t session = 0, handle = 0;
    char url[VIDEO_URL_MAX + 64];
    int rc =
        create(j, j->cfg.api_url, json_pack("{ss}", "janus", "create"), "create session", &session);
    if (rc == BZ_OK) {
        snprintf(url, sizeof(url), "%s/%" JSON_INTEGER_FORMAT, j->cfg.api_url, session);
        rc = create(j, url, json_pack("{ssss}", "janus", "attach", "plugin", PLUGIN), "attach",
                    &handle);
    }
    if (rc == BZ_OK) {
        char hurl[sizeof(url) + 24];
        snprintf(hurl, sizeof(hurl), "%s/%" JSON_INTEGER_FORMAT, url, handle);
        json_t *req = json_pack("{ssso}", "janus", "message", "body", body);
        body = NULL; /* the request owns it now */
        rc = post(j, hurl, req, &resp);
        if (rc == BZ_OK) {
            rc = core_result(resp, "success", "videoroom request");
        }
        if (rc == BZ_OK) {
            json_t *pd = json_object_get(json_object_get(resp, "plugindata"), "data");
            if (json_is_object(pd)) {
                *data = json_incref(pd);
            } else {
                rc = BZ_EUNAVAILABLE;
            }
        }
        json_decref(resp);
    }
    if (session > 0) { /* best effort: the session would time out anyway */
        if (post(j, url, json_pack("{ss}", "janus", "destroy"), &resp) == BZ_OK) {
            json_decref(resp);
        }
    }
    json_decref(body);
    return rc;
}

/* The VideoRoom's error code in an answer (0 when it succeeded). */
static json_int_t vr_error(json_t *data, const char *what, int64_t room)
{
    json_int_t code = json_integer_value(json_object_get(data, "error_code"));
    if (code) {
        const char *why = json_string_value(json_object_get(data, "error"));
        bz_info("janus: %s room %" PRId64 ": VideoRoom error %" JSON_INTEGER_FORMAT " %s", what,
                room, code, why ? why : "");
    }
    return code;
}

/* What a VideoRoom refusal means for the outbox: `gone_ok` says whether "no such room or
 * participant" is already success for this call. */
static int vr_map(json_int_t code, bool gone_ok)
{
    if (code == 0) {
        return BZ_OK;
    }
    if (code == VR_ERR_NO_SUCH_ROOM || code == VR_ERR_NO_SUCH_FEED) {
        return gone_ok ? BZ_OK : BZ_ENOTFOUND;
    }
    return BZ_EBADREQUEST;
}

/* A room's id on the wire: the show's id as a decimal string. Janus runs with the VideoRoom's
 * string_ids, because a show's id does not fit a JavaScript number (53 bits) and the browser
 * names the room too. */
static json_t *room_id(int64_t room)
{
    char text[24];
    snprintf(text, sizeof(text), "%" PRId64, room);
    return json_string(text);
}

/* A request on room `room` with its secret: {"request": request, "room": room, "secret": ...}
 * plus whatever the caller adds. */
static json_t *room_request(janus_video *j, const char *request, int64_t room)
{
    char secret[65];
    if (room <= 0 || room_secret(j, room, secret) != BZ_OK) {
        return NULL;
    }
    json_t *body =
        json_pack("{sssoss}", "request", request, "room", room_id(room), "secret", secret);
    OPENSSL_cleanse(secret, sizeof(secret));
    return body;
}

static int simple(janus_video *j, json_t *body, const char *what, int64_t room, bool gone_ok)
{
    if (!body) {
        return room <= 0 ? BZ_EVALIDATION : BZ_ENOMEM;
    }
    json_t *data;
    int rc = videoroom(j, body, &data);
    if (rc == BZ_OK) {
        rc = vr_map(vr_error(data, what, room), gone_ok);
    }
    json_decref(data);
    return rc;
}

/* ---- the port -------------------------------------------------------------------------- */

static int j_grant(video *v, const video_grant_req *req, video_grant *out)
{
    janus_video *j = (janus_video *)v;
    memset(out, 0, sizeof(*out));
    if (req->stream_id <= 0 || req->ttl_s <= 0 || !identity_valid(req->identity) ||
        !video_role_name(req->role)) {
        return BZ_EVALIDATION;
    }
    int64_t expiry_s = req->now_ms / 1000 + req->ttl_s;
    char token[JANUS_TOKEN_MAX];
    int rc = janus_sign_token(j->cfg.token_secret, expiry_s, token);
    if (rc) {
        return rc;
    }
    if (req->role != VIDEO_VIEWER) {
        rc =
            janus_publish_key(j->cfg.token_secret, req->stream_id, req->identity, out->publish_key);
        if (rc) {
            return rc == BZ_EVALIDATION ? rc : BZ_EINTERNAL;
        }
    }
    bz_strlcpy(out->provider, "janus", sizeof(out->provider));
    bz_strlcpy(out->url, j->cfg.public_url[0] ? j->cfg.public_url : j->cfg.api_url,
               sizeof(out->url));
    bz_strlcpy(out->token, token, sizeof(out->token));
    snprintf(out->room, sizeof(out->room), "%" PRId64, req->stream_id);
    bz_strlcpy(out->identity, req->identity, sizeof(out->identity));
    out->role = req->role;
    out->expires_at = expiry_s * 1000;
    OPENSSL_cleanse(token, sizeof(token));
    return BZ_OK;
}

static int j_webhook(video *v, const char *authorization, const void *body, size_t len,
                     int64_t now_ms, video_event *out)
{
    (void)v, (void)authorization, (void)body, (void)len, (void)now_ms;
    memset(out, 0, sizeof(*out));
    return BZ_EUNAUTHORIZED; /* Janus signs nothing: see janus.h */
}

static int j_room_open(video *v, const video_room_req *req)
{
    janus_video *j = (janus_video *)v;
    char key[VIDEO_KEY_MAX];
    if (req->max_publishers <= 0 || req->max_publishers > 100) {
        return BZ_EVALIDATION;
    }
    int rc = janus_publish_key(j->cfg.token_secret, req->stream_id, req->publisher, key);
    if (rc) {
        return rc;
    }
    json_t *body = room_request(j, "create", req->stream_id);
    char desc[128];
    snprintf(desc, sizeof(desc), "blytz show %" PRId64, req->stream_id);
    /* permanent false: the room lives as long as this Janus; VP8 and Opus only, what the
     * recording converter turns into WebM and Ogg; lock_record: only blytz (with the room's
     * secret) starts and stops recording; is_private: `list` does not show it. */
    json_t *more = json_pack("{sssbsisssbsbsbsssss[s]}", "admin_key", j->cfg.admin_key, "permanent",
                             0, "publishers", req->max_publishers, "description", desc,
                             "is_private", 1, "lock_record", 1, "record", 0, "videocodec", "vp8",
                             "audiocodec", "opus", "allowed", key);
    if (body && (!more || json_object_update(body, more) != 0)) {
        json_decref(body);
        body = NULL;
    }
    json_decref(more);
    OPENSSL_cleanse(key, sizeof(key));
    if (!body) {
        return BZ_ENOMEM;
    }
    json_t *data;
    rc = videoroom(j, body, &data);
    if (rc == BZ_OK) {
        json_int_t code = vr_error(data, "create", req->stream_id);
        /* Already there: an earlier attempt made it (same secret and seller, derived). */
        rc = code == VR_ERR_ROOM_EXISTS ? BZ_OK : vr_map(code, false);
    }
    json_decref(data);
    return rc;
}

static int j_room_close(video *v, int64_t stream_id)
{
    janus_video *j = (janus_video *)v;
    return simple(j, room_request(j, "destroy", stream_id), "destroy", stream_id, true);
}

static int acl(janus_video *j, int64_t stream_id, const char *identity, const char *action)
{
    char key[VIDEO_KEY_MAX];
    int rc = janus_publish_key(j->cfg.token_secret, stream_id, identity, key);
    if (rc) {
        return rc;
    }
    json_t *body = room_request(j, "allowed", stream_id);
    if (body && (json_object_set_new(body, "action", json_string(action)) ||
                 json_object_set_new(body, "allowed", json_pack("[s]", key)))) {
        json_decref(body);
        body = NULL;
    }
    OPENSSL_cleanse(key, sizeof(key));
    return simple(j, body, "allowed", stream_id, false);
}

/* The participants of a room (an array, owned by the caller). */
static int participants(janus_video *j, int64_t stream_id, json_t **out)
{
    *out = NULL;
    json_t *body = json_pack("{ssso}", "request", "listparticipants", "room", room_id(stream_id));
    if (!body) {
        return BZ_ENOMEM;
    }
    json_t *data;
    int rc = videoroom(j, body, &data);
    if (rc == BZ_OK) {
        rc = vr_map(vr_error(data, "listparticipants", stream_id), false);
    }
    if (rc == BZ_OK) {
        json_t *list = json_object_get(data, "participants");
        if (json_is_array(list)) {
            *out = json_incref(list);
        } else {
            rc = BZ_EUNAVAILABLE;
        }
    }
    json_decref(data);
    return rc;
}

/* Kick every participant whose display is `identity` (its camera and its screen share). */
static int kick(janus_video *j, int64_t stream_id, const char *identity)
{
    if (stream_id <= 0 || !identity_valid(identity)) {
        return BZ_EVALIDATION;
    }
    json_t *list;
    int rc = participants(j, stream_id, &list);
    if (rc) {
        return rc == BZ_ENOTFOUND ? BZ_OK : rc; /* no room: nobody to remove */
    }
    size_t i;
    json_t *p;
    json_array_foreach(list, i, p)
    {
        const char *display = json_string_value(json_object_get(p, "display"));
        json_t *id = json_object_get(p, "id"); /* a string, as rooms are (string_ids) */
        if (!display || strcmp(display, identity) != 0 || !json_is_string(id)) {
            continue;
        }
        json_t *body = room_request(j, "kick", stream_id);
        if (body && json_object_set(body, "id", id)) {
            json_decref(body);
            body = NULL;
        }
        rc = simple(j, body, "kick", stream_id, true); /* gone meanwhile: fine */
        if (rc) {
            break;
        }
    }
    json_decref(list);
    return rc;
}

static int j_publisher_allow(video *v, int64_t stream_id, const char *identity)
{
    return acl((janus_video *)v, stream_id, identity, "add");
}

static int j_publisher_revoke(video *v, int64_t stream_id, const char *identity)
{
    janus_video *j = (janus_video *)v;
    int rc = acl(j, stream_id, identity, "remove");
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK; /* no room: nobody can publish in it anyway */
    }
    return rc ? rc : kick(j, stream_id, identity);
}

static int j_participant_remove(video *v, int64_t stream_id, const char *identity)
{
    return kick((janus_video *)v, stream_id, identity);
}

static int j_participant_count(video *v, int64_t stream_id, int *out)
{
    *out = 0;
    json_t *list;
    int rc = participants((janus_video *)v, stream_id, &list);
    if (rc == BZ_OK) {
        *out = (int)json_array_size(list);
        json_decref(list);
    }
    return rc;
}

/* A recording id is a directory name under rec_dir: "s<stream>-<ms>", nothing else. */
static bool recording_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n < 2 || n >= VIDEO_NAME_MAX || id[0] != 's') {
        return false;
    }
    for (size_t i = 1; i < n; i++) {
        if (!((id[i] >= '0' && id[i] <= '9') || id[i] == '-')) {
            return false;
        }
    }
    return true;
}

static int j_record_start(video *v, int64_t stream_id, int64_t now_ms, video_recording *out)
{
    janus_video *j = (janus_video *)v;
    memset(out, 0, sizeof(*out));
    if (stream_id <= 0) {
        return BZ_EVALIDATION;
    }
    char dir[JANUS_PATH_MAX + VIDEO_NAME_MAX];
    snprintf(out->id, sizeof(out->id), "s%" PRId64 "-%" PRId64, stream_id, now_ms);
    snprintf(dir, sizeof(dir), "%s/%s", j->cfg.rec_dir, out->id);
    /* Ours to make: Janus writes into it, and only blytz names it. */
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
        bz_warn("janus: mkdir %s: %s", dir, strerror(errno));
        return BZ_EUNAVAILABLE;
    }
    json_t *body = room_request(j, "edit", stream_id);
    if (body && json_object_set_new(body, "new_rec_dir", json_string(dir))) {
        json_decref(body);
        body = NULL;
    }
    int rc = simple(j, body, "edit", stream_id, false);
    if (rc == BZ_OK) {
        body = room_request(j, "enable_recording", stream_id);
        if (body && json_object_set_new(body, "record", json_true())) {
            json_decref(body);
            body = NULL;
        }
        rc = simple(j, body, "enable_recording", stream_id, false);
    }
    if (rc == BZ_OK) {
        out->stream_id = stream_id;
        out->started_at = now_ms;
    }
    return rc;
}

static int j_record_stop(video *v, const video_recording *rec)
{
    janus_video *j = (janus_video *)v;
    json_t *body = room_request(j, "enable_recording", rec->stream_id);
    if (body && json_object_set_new(body, "record", json_false())) {
        json_decref(body);
        body = NULL;
    }
    /* A room that is gone records nothing any more. */
    return simple(j, body, "enable_recording", rec->stream_id, true);
}

static int j_record_finish(video *v, const video_recording *rec, const char *blob_key)
{
    janus_video *j = (janus_video *)v;
    if (!j->cfg.blob) {
        return BZ_EBADREQUEST;
    }
    if (!recording_id_valid(rec->id)) {
        return BZ_EVALIDATION;
    }
    char dir[JANUS_PATH_MAX + VIDEO_NAME_MAX], audio_key[600];
    snprintf(dir, sizeof(dir), "%s/%s", j->cfg.rec_dir, rec->id);
    int rc = janus_audio_key(blob_key, audio_key, sizeof(audio_key));
    if (rc) {
        return rc;
    }
    janus_rec_job job = {
        .dir = dir,
        .pp_rec = j->cfg.pp_rec,
        .blob = j->cfg.blob,
        .video_key = blob_key,
        .audio_key = audio_key,
        .timeout_ms = j->cfg.convert_timeout_ms,
        .max_bytes = j->cfg.max_recording_bytes,
    };
    return janus_rec_convert(&job);
}

static int j_ingress_create(video *v, int64_t stream_id, const char *identity, video_ingress *out)
{
    (void)v, (void)stream_id, (void)identity;
    memset(out, 0, sizeof(*out));
    return BZ_EBADREQUEST; /* no WHIP endpoint for this Janus: docs/video.md */
}

static int j_ingress_delete(video *v, const char *ingress_id)
{
    (void)v, (void)ingress_id;
    return BZ_EBADREQUEST;
}

static void j_close(video *v)
{
    janus_video *j = (janus_video *)v;
    if (j) {
        OPENSSL_cleanse(&j->cfg, sizeof(j->cfg));
        free(j);
    }
}

static const struct video_ops janus_ops = VIDEO_OPS_OF(j);

static bool url_ok(const char *u)
{
    return strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0;
}

int janus_open(const janus_config *cfg, video **out)
{
    *out = NULL;
    if (!url_ok(cfg->api_url) || (cfg->public_url[0] && !url_ok(cfg->public_url)) ||
        strlen(cfg->admin_key) < 16 || strlen(cfg->token_secret) < 16 || !cfg->rec_dir[0] ||
        cfg->api_url[strlen(cfg->api_url) - 1] == '/') {
        bz_warn("janus: config: api_url (http[s]://..., no trailing '/'), admin_key and "
                "token_secret (16+ characters) and rec_dir are required");
        return BZ_EVALIDATION;
    }
    if (httpc_init() != BZ_OK) {
        return BZ_EINTERNAL;
    }
    janus_video *j = calloc(1, sizeof(*j));
    if (!j) {
        return BZ_ENOMEM;
    }
    j->base.ops = &janus_ops;
    j->cfg = *cfg;
    if (!j->cfg.pp_rec[0]) {
        bz_strlcpy(j->cfg.pp_rec, "janus-pp-rec", sizeof(j->cfg.pp_rec));
    }
    if (j->cfg.timeout_ms <= 0) {
        j->cfg.timeout_ms = DEFAULT_TIMEOUT_MS;
    }
    BZ_CHECK(j->cfg.timeout_ms > 0);
    *out = &j->base;
    return BZ_OK;
}
