#include "fake_video.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"

static int fv_grant(video *base, const video_grant_req *req, video_grant *out)
{
    fake_video *v = (fake_video *)base;
    if (v->grant_rc) {
        return v->grant_rc;
    }
    v->grants++;
    snprintf(v->grant_identity, sizeof(v->grant_identity), "%s", req->identity);
    snprintf(v->grant_display_name, sizeof(v->grant_display_name), "%s",
             req->display_name ? req->display_name : "");
    v->grant_req = *req;
    v->grant_req.identity = v->grant_identity;
    v->grant_req.display_name = v->grant_display_name;
    memset(out, 0, sizeof(*out));
    snprintf(out->provider, sizeof(out->provider), "test");
    snprintf(out->identity, sizeof(out->identity), "%s", req->identity);
    out->role = req->role;
    out->expires_at = req->now_ms + 1000LL * req->ttl_s;
    return BZ_OK;
}

static int fv_webhook(video *base, const char *authorization, const void *body, size_t len,
                      int64_t now_ms, video_event *out)
{
    fake_video *v = (fake_video *)base;
    (void)authorization, (void)body, (void)len, (void)now_ms;
    memset(out, 0, sizeof(*out));
    if (v->webhook_rc) {
        return v->webhook_rc;
    }
    v->webhooks++;
    out->kind = VIDEO_EVENT_OTHER;
    return BZ_OK;
}

static int fv_room_open(video *base, const video_room_req *req)
{
    fake_video *v = (fake_video *)base;
    if (v->room_open_rc) {
        return v->room_open_rc;
    }
    v->room_opens++;
    v->room = req->stream_id;
    snprintf(v->room_publisher, sizeof(v->room_publisher), "%s", req->publisher);
    v->room_is_open = true;
    assert_true(req->max_publishers >= 2);
    return BZ_OK;
}

static int fv_room_close(video *base, int64_t stream_id)
{
    fake_video *v = (fake_video *)base;
    v->room_closes++;
    v->room = stream_id;
    v->room_is_open = false;
    return BZ_OK;
}

static void log_publisher(fake_video *v, char sign, const char *identity)
{
    assert_true(v->publisher_n < FAKE_VIDEO_LOG);
    snprintf(v->publisher_log[v->publisher_n++], sizeof(v->publisher_log[0]), "%c%s", sign,
             identity);
}

static int fv_publisher_allow(video *base, int64_t stream_id, const char *identity)
{
    fake_video *v = (fake_video *)base;
    (void)stream_id;
    if (v->allow_rc) {
        return v->allow_rc;
    }
    if (!v->room_is_open) {
        return BZ_ENOTFOUND; /* as Janus answers before the room exists */
    }
    log_publisher(v, '+', identity);
    return BZ_OK;
}

static int fv_publisher_revoke(video *base, int64_t stream_id, const char *identity)
{
    (void)stream_id;
    log_publisher((fake_video *)base, '-', identity);
    return BZ_OK;
}

static int fv_participant_remove(video *base, int64_t stream_id, const char *identity)
{
    fake_video *v = (fake_video *)base;
    (void)stream_id;
    v->removes++;
    snprintf(v->removed, sizeof(v->removed), "%s", identity);
    return BZ_OK;
}

static int fv_participant_count(video *base, int64_t stream_id, int *out)
{
    fake_video *v = (fake_video *)base;
    (void)stream_id;
    v->counts++;
    *out = v->participants;
    return BZ_OK;
}

static int fv_record_start(video *base, int64_t stream_id, int64_t now_ms, video_recording *out)
{
    fake_video *v = (fake_video *)base;
    memset(out, 0, sizeof(*out));
    if (v->record_start_rc) {
        return v->record_start_rc;
    }
    v->record_starts++;
    snprintf(out->id, sizeof(out->id), "s%" PRId64 "-%" PRId64, stream_id, now_ms);
    out->stream_id = stream_id;
    out->started_at = now_ms;
    if (v->during_record_start) {
        v->during_record_start(v, stream_id);
    }
    return BZ_OK;
}

static int fv_record_stop(video *base, const video_recording *rec)
{
    fake_video *v = (fake_video *)base;
    assert_true(rec->id[0] == 's'); /* one record_start answered */
    v->record_stops++;
    return BZ_OK;
}

static int fv_record_finish(video *base, const video_recording *rec, const char *key,
                            video_recording_files *out)
{
    fake_video *v = (fake_video *)base;
    memset(out, 0, sizeof(*out));
    if (v->record_finish_rc) {
        return v->record_finish_rc;
    }
    v->record_finishes++;
    snprintf(v->finish_key, sizeof(v->finish_key), "%s", key);
    snprintf(out->video_key, sizeof(out->video_key), "%s", key);
    snprintf(out->video_type, sizeof(out->video_type), "video/webm");
    snprintf(out->audio_key, sizeof(out->audio_key), "%.*s.opus", (int)(strlen(key) - 5), key);
    snprintf(out->audio_type, sizeof(out->audio_type), "audio/ogg");
    out->started_at = rec->started_at + 1500;
    out->audio_offset_ms = 20;
    return BZ_OK;
}

static int fv_ingress_delete(video *base, const char *ingress_id)
{
    fake_video *v = (fake_video *)base;
    v->ingress_deletes++;
    snprintf(v->deleted_ingress, sizeof(v->deleted_ingress), "%s", ingress_id);
    return BZ_OK;
}

static int fv_ingress_create(video *base, int64_t stream_id, const char *identity,
                             video_ingress *out)
{
    fake_video *v = (fake_video *)base;
    *out = (video_ingress){0};
    if (v->ingress_create_rc) {
        return v->ingress_create_rc;
    }
    v->ingress_creates++;
    v->ingress_stream = stream_id;
    snprintf(v->ingress_identity, sizeof(v->ingress_identity), "%s", identity);
    snprintf(out->id, sizeof(out->id), "IN_%d", v->ingress_creates);
    snprintf(out->url, sizeof(out->url), "https://ingress.example/w");
    snprintf(out->stream_key, sizeof(out->stream_key), FAKE_VIDEO_STREAM_KEY);
    out->whip = true;
    if (v->during_ingress_create) {
        v->during_ingress_create(v, stream_id);
    }
    return BZ_OK;
}

static void fv_close(video *base)
{
    (void)base; /* the fixture owns it */
}

const struct video_ops fake_video_ops = VIDEO_OPS_OF(fv, VIDEO_CAP_INGRESS);
const struct video_ops fake_video_ops_without_ingress = VIDEO_OPS_OF(fv, 0);

void fake_video_init(fake_video *v, struct fixture *f)
{
    memset(v, 0, sizeof(*v));
    v->base.ops = &fake_video_ops;
    v->f = f;
}
