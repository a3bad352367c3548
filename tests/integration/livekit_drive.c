/*
 * livekit_drive - runs one operation of the LiveKit adapter and prints what it
 * returned as one line of JSON, for tests/integration/livekit.test.mjs, which
 * points it at a local fake LiveKit that checks every request it receives.
 *
 *   livekit_drive OP ARGS...     configuration from the environment:
 *   LIVEKIT_URL, LIVEKIT_API_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET,
 *   LIVEKIT_EGRESS_{ENDPOINT,BUCKET,REGION,ACCESS_KEY,SECRET,PREFIX}.
 *
 * Ops: open | grant ID ROLE IDENTITY NAME TTL NOW_MS | webhook NOW_MS AUTH|- (body on stdin)
 * | room_open ID TITLE MAX_PUBLISHERS PUBLISHER | room_close ID | publisher_allow ID IDENTITY
 * | publisher_revoke ID IDENTITY | participant_remove ID IDENTITY | participant_count ID
 * | record_start ID NOW_MS | record_stop EGRESS_ID | record_finish EGRESS_ID BLOB_KEY
 * | ingress_create ID IDENTITY | ingress_delete INGRESS_ID
 * Output: {"rc":"ok"|<error code>, ...the results}. Exit 0 when the op ran, 2 on bad usage.
 */
#include "base/err.h"
#include "base/str.h"
#include "integrations/livekit/livekit.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void env(const char *name, char *out, size_t size)
{
    const char *v = getenv(name);
    bz_strlcpy(out, v ? v : "", size);
}

static int usage(void)
{
    fprintf(stderr, "usage: livekit_drive OP ARGS... (see the file's header)\n");
    return 2;
}

static video_role role_of(const char *s)
{
    return strcmp(s, "publisher") == 0 ? VIDEO_PUBLISHER
           : strcmp(s, "cohost") == 0  ? VIDEO_COHOST
                                       : VIDEO_VIEWER;
}

static const char *kind_name(video_event_kind k)
{
    static const char *const names[] = {
        "other",
        "room_started",
        "room_finished",
        "participant_joined",
        "participant_left",
        "track_published",
        "track_unpublished",
        "recording_started",
        "recording_ended",
        "ingress_started",
        "ingress_ended",
    };
    return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

/* The whole of stdin (a webhook body), capped well above LiveKit's bodies. */
static char *read_stdin(size_t *len)
{
    size_t cap = 4u << 20, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && n < cap && (got = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += got;
    }
    *len = n;
    return buf;
}

static int run(video *v, int argc, char **argv, json_t *out)
{
    const char *op = argv[1];
#define NEED(n)                                                                                    \
    if (argc != (n) + 2) {                                                                         \
        return 2;                                                                                  \
    }
    if (strcmp(op, "open") == 0) {
        return BZ_OK;
    }
    if (strcmp(op, "grant") == 0) {
        NEED(6);
        video_grant_req req = {
            .stream_id = atoll(argv[2]),
            .role = role_of(argv[3]),
            .identity = argv[4],
            .display_name = argv[5],
            .ttl_s = atoi(argv[6]),
            .now_ms = atoll(argv[7]),
        };
        video_grant g;
        int rc = v->ops->grant(v, &req, &g);
        if (!rc) {
            json_object_set_new(out, "grant",
                                json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "provider",
                                          g.provider, "url", g.url, "token", g.token, "room",
                                          g.room, "identity", g.identity, "role",
                                          video_role_name(g.role), "expires_at",
                                          (json_int_t)g.expires_at, "publish_key", g.publish_key));
        }
        return rc;
    }
    if (strcmp(op, "webhook") == 0) {
        NEED(2);
        size_t len = 0;
        char *body = read_stdin(&len);
        if (!body) {
            return BZ_ENOMEM;
        }
        video_event e;
        int rc = v->ops->webhook(v, strcmp(argv[3], "-") == 0 ? NULL : argv[3], body, len,
                                 atoll(argv[2]), &e);
        free(body);
        if (!rc) {
            json_object_set_new(out, "event",
                                json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:b, s:I}", "kind",
                                          kind_name(e.kind), "id", e.id, "stream_id",
                                          (json_int_t)e.stream_id, "identity", e.identity,
                                          "recording_id", e.recording_id, "file_key", e.file_key,
                                          "failed", e.failed, "at", (json_int_t)e.at));
        }
        return rc;
    }
    if (strcmp(op, "room_open") == 0) {
        NEED(4);
        video_room_req req = {atoll(argv[2]), argv[3], atoi(argv[4]), argv[5]};
        return v->ops->room_open(v, &req);
    }
    if (strcmp(op, "room_close") == 0) {
        NEED(1);
        return v->ops->room_close(v, atoll(argv[2]));
    }
    if (strcmp(op, "publisher_allow") == 0) {
        NEED(2);
        return v->ops->publisher_allow(v, atoll(argv[2]), argv[3]);
    }
    if (strcmp(op, "publisher_revoke") == 0) {
        NEED(2);
        return v->ops->publisher_revoke(v, atoll(argv[2]), argv[3]);
    }
    if (strcmp(op, "participant_remove") == 0) {
        NEED(2);
        return v->ops->participant_remove(v, atoll(argv[2]), argv[3]);
    }
    if (strcmp(op, "participant_count") == 0) {
        NEED(1);
        int n = -1;
        int rc = v->ops->participant_count(v, atoll(argv[2]), &n);
        json_object_set_new(out, "count", json_integer(n));
        return rc;
    }
    if (strcmp(op, "record_start") == 0) {
        NEED(2);
        video_recording rec;
        int rc = v->ops->record_start(v, atoll(argv[2]), atoll(argv[3]), &rec);
        if (!rc) {
            json_object_set_new(out, "recording",
                                json_pack("{s:s, s:I, s:I, s:s}", "id", rec.id, "stream_id",
                                          (json_int_t)rec.stream_id, "started_at",
                                          (json_int_t)rec.started_at, "file_key", rec.file_key));
        }
        return rc;
    }
    if (strcmp(op, "record_stop") == 0 || strcmp(op, "record_finish") == 0) {
        bool finish = op[7] == 'f';
        if (argc != (finish ? 4 : 3)) {
            return 2;
        }
        video_recording rec = {.stream_id = 1};
        bz_strlcpy(rec.id, argv[2], sizeof(rec.id));
        if (!finish) {
            return v->ops->record_stop(v, &rec);
        }
        video_recording_files f;
        int rc = v->ops->record_finish(v, &rec, argv[3], &f);
        if (!rc) {
            json_object_set_new(out, "files",
                                json_pack("{s:s, s:s, s:s, s:I, s:I}", "video_key", f.video_key,
                                          "video_type", f.video_type, "audio_key", f.audio_key,
                                          "started_at", (json_int_t)f.started_at, "duration_ms",
                                          (json_int_t)f.duration_ms));
        }
        return rc;
    }
    if (strcmp(op, "ingress_create") == 0) {
        NEED(2);
        video_ingress in;
        int rc = v->ops->ingress_create(v, atoll(argv[2]), argv[3], &in);
        if (!rc) {
            json_object_set_new(out, "ingress",
                                json_pack("{s:s, s:s, s:s, s:b}", "id", in.id, "url", in.url,
                                          "stream_key", in.stream_key, "whip", in.whip));
        }
        return rc;
    }
    if (strcmp(op, "ingress_delete") == 0) {
        NEED(1);
        return v->ops->ingress_delete(v, argv[2]);
    }
#undef NEED
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        return usage();
    }
    livekit_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    env("LIVEKIT_URL", cfg.url, sizeof(cfg.url));
    env("LIVEKIT_API_URL", cfg.api_url, sizeof(cfg.api_url));
    env("LIVEKIT_API_KEY", cfg.api_key, sizeof(cfg.api_key));
    env("LIVEKIT_API_SECRET", cfg.api_secret, sizeof(cfg.api_secret));
    env("LIVEKIT_EGRESS_ENDPOINT", cfg.egress.endpoint, sizeof(cfg.egress.endpoint));
    env("LIVEKIT_EGRESS_BUCKET", cfg.egress.bucket, sizeof(cfg.egress.bucket));
    env("LIVEKIT_EGRESS_REGION", cfg.egress.region, sizeof(cfg.egress.region));
    env("LIVEKIT_EGRESS_ACCESS_KEY", cfg.egress.access_key, sizeof(cfg.egress.access_key));
    env("LIVEKIT_EGRESS_SECRET", cfg.egress.secret, sizeof(cfg.egress.secret));
    env("LIVEKIT_EGRESS_PREFIX", cfg.egress.key_prefix, sizeof(cfg.egress.key_prefix));
    cfg.timeout_ms = 5000;
    video *v = NULL;
    int rc = livekit_open(&cfg, &v);
    json_t *out = json_object();
    if (!rc) {
        rc = run(v, argc, argv, out);
        v->ops->close(v);
    }
    if (rc == 2) {
        json_decref(out);
        return usage();
    }
    json_object_set_new(out, "rc", json_string(rc ? bz_err_code(rc) : "ok"));
    json_dumpf(out, stdout, JSON_COMPACT);
    fputc('\n', stdout);
    json_decref(out);
    return 0;
}
