/*
 * A show's video room follows the show (app/video.h): the transaction that
 * takes a show live enqueues its room's opening, the one that ends it the
 * closing, and the outbox worker calls the provider. A request never waits on
 * the video server, and a call that fails is retried.
 *
 * The payload names only the show ({"stream_id":"<id>"}); the handler reads the
 * show when it runs, so it acts on what is true then: a room whose show ended
 * before the opening ran (it failed and waited for a retry) is not opened.
 */
#include "app/video.h"

#include "app/app_util.h"
#include "app/video_ingress.h"
#include "base/err.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PUBLISHERS 6 /* the seller and co-hosts, a camera and a screen each */

int app_video_on_status(app_ctx *c, const show_stream *st, const char *to)
{
    bool live = strcmp(to, "live") == 0;
    if (!c->env->video || (!live && strcmp(to, "ended") != 0)) {
        return BZ_OK;
    }
    int rc = live ? BZ_OK : app_ingress_on_end(c, st->id); /* the encoder's endpoint goes too */
    if (rc != BZ_OK) {
        return rc;
    }
    const char *kind = live ? APP_VIDEO_ROOM_OPEN : APP_VIDEO_ROOM_CLOSE;
    char key[64], payload[48];
    snprintf(key, sizeof(key), "%s:stream:%" PRId64, kind, st->id);
    snprintf(payload, sizeof(payload), "{\"stream_id\":\"%" PRId64 "\"}", st->id);
    return app_outbox_enqueue(c, kind, key, payload);
}

/* The show a payload names: we wrote it, so anything else is a bug (0). */
static int64_t payload_stream(const char *payload)
{
    const char *p = payload ? strstr(payload, "\"stream_id\":\"") : NULL;
    if (!p) {
        return 0;
    }
    char *end;
    long long id = strtoll(p + strlen("\"stream_id\":\""), &end, 10);
    return *end == '"' && id > 0 ? (int64_t)id : 0;
}

static int room_open(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    video *v = c->env->video;
    int64_t id = payload_stream(job->payload);
    show_stream st;
    int rc = id ? store_stream_get(c->store, id, c->arena, &st) : BZ_EBADREQUEST;
    if (rc == BZ_ENOTFOUND || (rc == BZ_OK && strcmp(st.status, "live") != 0)) {
        return BZ_OK; /* gone or over: nothing to open */
    }
    if (rc != BZ_OK) {
        snprintf(why, len, id ? "reading the show" : "no stream_id in the payload");
        return rc;
    }
    char publisher[VIDEO_IDENTITY_MAX];
    snprintf(publisher, sizeof(publisher), "u%" PRId64, st.seller_id);
    video_room_req req = {.stream_id = id,
                          .title = st.title,
                          .max_publishers = MAX_PUBLISHERS,
                          .publisher = publisher};
    rc = v ? v->ops->room_open(v, &req) : BZ_EUNAVAILABLE;
    if (rc != BZ_OK) {
        snprintf(why, len, "opening the room of show %" PRId64 ": %s", id, bz_err_message(rc));
    }
    return rc;
}

static int room_close(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    video *v = c->env->video;
    int64_t id = payload_stream(job->payload);
    int rc = !id ? BZ_EBADREQUEST : v ? v->ops->room_close(v, id) : BZ_EUNAVAILABLE;
    if (rc != BZ_OK) {
        snprintf(why, len, "closing the room of show %" PRId64 ": %s", id, bz_err_message(rc));
    }
    return rc;
}

const app_outbox_handler app_video_handlers[] = {
    {APP_VIDEO_ROOM_OPEN, room_open, NULL},
    {APP_VIDEO_ROOM_CLOSE, room_close, NULL},
};
const size_t app_video_n_handlers = sizeof(app_video_handlers) / sizeof(app_video_handlers[0]);
