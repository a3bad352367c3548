/*
 * integrations/livekit/lk_webhook.c - WebhookEvent JSON -> video_event (see
 * lk_webhook.h).
 */
#include "integrations/livekit/lk_webhook.h"

#include "base/err.h"

#include <jansson.h>

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The member `camel` or, failing that, `snake` (the protobuf JSON parser accepts both). */
static json_t *member(const json_t *obj, const char *camel, const char *snake)
{
    json_t *v = json_object_get(obj, camel);
    return v || !snake ? v : json_object_get(obj, snake);
}

/* Copies an optional string member; false when present but not a string, or too long. */
static bool copy_str(const json_t *obj, const char *camel, const char *snake, char *out,
                     size_t size)
{
    json_t *v = member(obj, camel, snake);
    if (!v || json_is_null(v)) {
        return true;
    }
    if (!json_is_string(v) || json_string_length(v) >= size ||
        strlen(json_string_value(v)) != json_string_length(v)) { /* no NUL inside */
        return false;
    }
    memcpy(out, json_string_value(v), json_string_length(v) + 1);
    return true;
}

/* An optional object member; false when present but something else. */
static bool get_obj(const json_t *obj, const char *camel, const char *snake, json_t **out)
{
    json_t *v = member(obj, camel, snake);
    *out = v && json_is_object(v) ? v : NULL;
    return !v || json_is_null(v) || json_is_object(v);
}

/* An int64 as protobuf JSON writes it: a decimal string or a number; false otherwise. */
static bool get_int64(const json_t *obj, const char *camel, const char *snake, int64_t *out)
{
    json_t *v = member(obj, camel, snake);
    *out = 0;
    if (!v || json_is_null(v)) {
        return true;
    }
    if (json_is_integer(v)) {
        *out = (int64_t)json_integer_value(v);
        return true;
    }
    const char *s = json_string_value(v);
    if (!s || !*s || strlen(s) != json_string_length(v) || strlen(s) > 20) {
        return false;
    }
    char *end = NULL;
    errno = 0;
    long long n = strtoll(s, &end, 10);
    if (errno || *end || !(*s == '-' || (*s >= '0' && *s <= '9'))) {
        return false;
    }
    *out = n;
    return true;
}

/* An enum as protobuf JSON writes it: its name, or its number. -1 when absent, -2 when
 * malformed; names are looked up in `names` (index = number). */
static int get_enum(const json_t *obj, const char *camel, const char *snake,
                    const char *const *names, int count)
{
    json_t *v = member(obj, camel, snake);
    if (!v || json_is_null(v)) {
        return -1;
    }
    if (json_is_integer(v)) {
        json_int_t n = json_integer_value(v);
        return n >= 0 && n < 1000 ? (int)n : -2;
    }
    const char *s = json_string_value(v);
    if (!s) {
        return -2;
    }
    for (int i = 0; i < count; i++) {
        if (strcmp(s, names[i]) == 0) {
            return i;
        }
    }
    return 1000; /* a name this build does not know: a value, but none of ours */
}

int64_t lk_webhook_room_stream(const char *room)
{
    if (!room || strncmp(room, "show-", 5) != 0) {
        return 0;
    }
    const char *d = room + 5;
    size_t n = strlen(d);
    if (n == 0 || n > 19 || d[0] == '0' || strspn(d, "0123456789") != n) {
        return 0;
    }
    errno = 0;
    long long id = strtoll(d, NULL, 10);
    return errno ? 0 : (int64_t)id;
}

static const struct {
    const char *name;
    video_event_kind kind;
} event_kinds[] = {
    {"room_started", VIDEO_EVENT_ROOM_STARTED},
    {"room_finished", VIDEO_EVENT_ROOM_FINISHED},
    {"participant_joined", VIDEO_EVENT_PARTICIPANT_JOINED},
    {"participant_left", VIDEO_EVENT_PARTICIPANT_LEFT},
    /* a participant that never finished connecting has left as far as Blytz cares */
    {"participant_connection_aborted", VIDEO_EVENT_PARTICIPANT_LEFT},
    {"track_published", VIDEO_EVENT_TRACK_PUBLISHED},
    {"track_unpublished", VIDEO_EVENT_TRACK_UNPUBLISHED},
    {"egress_started", VIDEO_EVENT_RECORDING_STARTED},
    {"egress_ended", VIDEO_EVENT_RECORDING_ENDED},
    {"ingress_started", VIDEO_EVENT_INGRESS_STARTED},
    {"ingress_ended", VIDEO_EVENT_INGRESS_ENDED},
};

/* livekit.EgressStatus, by number. */
static const char *const egress_status[] = {
    "EGRESS_STARTING", "EGRESS_ACTIVE",  "EGRESS_ENDING",        "EGRESS_COMPLETE",
    "EGRESS_FAILED",   "EGRESS_ABORTED", "EGRESS_LIMIT_REACHED",
};
#define EGRESS_COMPLETE 3

/* livekit.IngressState.Status, by number. */
static const char *const ingress_status[] = {
    "ENDPOINT_INACTIVE", "ENDPOINT_BUFFERING", "ENDPOINT_PUBLISHING",
    "ENDPOINT_ERROR",    "ENDPOINT_COMPLETE",
};
#define INGRESS_ERROR 3

/* The egress's file: the first of fileResults, else the deprecated single `file`. The key is
 * `filename` (the object key Egress wrote, which is the filepath record_start asked for);
 * `location` (a URL) only when no filename is given. */
static bool read_egress_file(const json_t *egress, char *out, size_t size)
{
    json_t *results = member(egress, "fileResults", "file_results");
    json_t *file = NULL;
    if (results && !json_is_null(results)) {
        if (!json_is_array(results)) {
            return false;
        }
        file = json_array_get(results, 0);
        if (file && !json_is_object(file)) {
            return false;
        }
    }
    if (!file && !get_obj(egress, "file", NULL, &file)) {
        return false;
    }
    if (!file) {
        return true;
    }
    if (!copy_str(file, "filename", NULL, out, size)) {
        return false;
    }
    return out[0] || copy_str(file, "location", NULL, out, size);
}

static bool read_egress(const json_t *egress, video_event *out, char *room, size_t room_size)
{
    int status = get_enum(egress, "status", NULL, egress_status,
                          (int)(sizeof(egress_status) / sizeof(egress_status[0])));
    if (status == -2 ||
        !copy_str(egress, "egressId", "egress_id", out->recording_id, sizeof(out->recording_id)) ||
        (!room[0] && !copy_str(egress, "roomName", "room_name", room, room_size)) ||
        !read_egress_file(egress, out->file_key, sizeof(out->file_key))) {
        return false;
    }
    if (out->kind == VIDEO_EVENT_RECORDING_ENDED && status != EGRESS_COMPLETE) {
        out->failed = true;
        out->file_key[0] = '\0'; /* the port: "" when it failed */
    }
    return true;
}

static bool read_ingress(const json_t *ingress, video_event *out, char *room, size_t room_size)
{
    json_t *state = NULL;
    if ((!room[0] && !copy_str(ingress, "roomName", "room_name", room, room_size)) ||
        (!out->identity[0] && !copy_str(ingress, "participantIdentity", "participant_identity",
                                        out->identity, sizeof(out->identity))) ||
        !get_obj(ingress, "state", NULL, &state)) {
        return false;
    }
    if (state) {
        int status = get_enum(state, "status", NULL, ingress_status,
                              (int)(sizeof(ingress_status) / sizeof(ingress_status[0])));
        json_t *err = member(state, "error", NULL);
        if (status == -2 || (err && !json_is_string(err) && !json_is_null(err))) {
            return false;
        }
        out->failed = status == INGRESS_ERROR || (json_is_string(err) && json_string_length(err));
    }
    return true;
}

int lk_webhook_parse(const void *body, size_t len, video_event *out)
{
    memset(out, 0, sizeof(*out));
    if (len > LK_WEBHOOK_BODY_MAX) {
        return BZ_EBADREQUEST;
    }
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
    const char *event = json_string_value(json_object_get(root, "event"));
    if (!json_is_object(root) || !event) {
        json_decref(root);
        return BZ_EBADREQUEST;
    }
    out->kind = VIDEO_EVENT_OTHER;
    for (size_t i = 0; i < sizeof(event_kinds) / sizeof(event_kinds[0]); i++) {
        if (strcmp(event, event_kinds[i].name) == 0) {
            out->kind = event_kinds[i].kind;
        }
    }
    char room_name[VIDEO_NAME_MAX] = "";
    json_t *room = NULL, *participant = NULL, *egress = NULL, *ingress = NULL;
    int64_t created_at = 0;
    bool ok = copy_str(root, "id", NULL, out->id, sizeof(out->id)) &&
              get_obj(root, "room", NULL, &room) &&
              (!room || copy_str(room, "name", NULL, room_name, sizeof(room_name))) &&
              get_obj(root, "participant", NULL, &participant) &&
              (!participant ||
               copy_str(participant, "identity", NULL, out->identity, sizeof(out->identity))) &&
              get_obj(root, "egressInfo", "egress_info", &egress) &&
              (!egress || read_egress(egress, out, room_name, sizeof(room_name))) &&
              get_obj(root, "ingressInfo", "ingress_info", &ingress) &&
              (!ingress || read_ingress(ingress, out, room_name, sizeof(room_name))) &&
              get_int64(root, "createdAt", "created_at", &created_at) && created_at >= 0 &&
              created_at <= INT64_MAX / 1000;
    json_decref(root);
    if (!ok) {
        memset(out, 0, sizeof(*out));
        return BZ_EBADREQUEST;
    }
    out->stream_id = lk_webhook_room_stream(room_name);
    out->at = created_at * 1000;
    return BZ_OK;
}
