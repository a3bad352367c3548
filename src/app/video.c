/*
 * Video grants (app/video.h).
 */
#include "app/video.h"

#include "app/app_util.h"
#include "app/chat_room.h"
#include "app/cohosts.h"
#include "base/check.h"
#include "base/err.h"
#include "base/rand.h"
#include "base/str.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Who joins the room. The provider replaces an earlier participant of the same identity
 * (LiveKit disconnects it), so an identity is one connection's:
 *   - a publisher or co-host is "u<id>": the stage, the publish key and a kick name them;
 *   - a viewer is "v<16 hex>" when anonymous and "u<id>-v<16 hex>" when signed in, fresh for
 *     every grant, so that a seller watching their own show in a second tab, or a buyer with
 *     two devices, never pushes their other connection out. */
static void identity_of(int64_t actor, video_role role, char out[VIDEO_IDENTITY_MAX])
{
    if (role != VIDEO_VIEWER) {
        BZ_CHECK(actor > 0);
        snprintf(out, VIDEO_IDENTITY_MAX, "u%" PRId64, actor);
        return;
    }
    unsigned char r[8];
    bz_random_bytes(r, sizeof(r));
    char hex[2 * sizeof(r) + 1];
    bz_hex_encode(r, sizeof(r), hex);
    hex[2 * sizeof(r)] = '\0';
    if (actor > 0) {
        snprintf(out, VIDEO_IDENTITY_MAX, "u%" PRId64 "-v%s", actor, hex);
    } else {
        snprintf(out, VIDEO_IDENTITY_MAX, "v%s", hex);
    }
}

/* May `actor` have `role` in show `st`? */
static int check_role(app_ctx *c, int64_t actor, const show_stream *st, video_role role)
{
    if (strcmp(st->status, "live") != 0) {
        return app_fail(c, BZ_ECONFLICT, NULL, "show is not live");
    }
    if (role == VIDEO_VIEWER) {
        return actor > 0 ? chat_room_check_not_banned(c, st->id, actor) : BZ_OK;
    }
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, "sign in to publish");
    }
    if (role == VIDEO_COHOST) {
        return app_cohost_check_publish(c, actor, st);
    }
    if (role != VIDEO_PUBLISHER || st->seller_id != actor) {
        return app_fail(c, BZ_EFORBIDDEN, "role", "only the show's seller may publish");
    }
    return BZ_OK;
}

int app_video_grant(app_ctx *c, int64_t actor, int64_t stream_id, video_role role, video_grant *out)
{
    show_stream st;
    int rc = store_stream_get(c->store, stream_id, c->arena, &st);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if ((rc = check_role(c, actor, &st, role)) != BZ_OK) {
        return rc;
    }
    video *v = c->env->video; /* last: the rules hold whether or not video is configured */
    if (!v) {
        return app_fail(c, BZ_EUNAVAILABLE, NULL, "video is not configured on this server");
    }
    char identity[VIDEO_IDENTITY_MAX];
    identity_of(actor, role, identity);
    video_grant_req req = {.stream_id = stream_id,
                           .role = role,
                           .identity = identity,
                           .display_name = "",
                           .now_ms = c->now,
                           .ttl_s = c->env->cfg.video_grant_ttl_s};
    rc = v->ops->grant(v, &req, out);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, "the video grant could not be signed");
}
