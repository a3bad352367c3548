/*
 * Video grants (app/video.h).
 */
#include "app/video.h"

#include "app/app_util.h"
#include "app/chat_room.h"
#include "app/cohosts.h"
#include "base/err.h"
#include "base/rand.h"
#include "base/str.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* "u<id>" for a user, "v<16 hex digits>" for an anonymous viewer: unique in the room, since
 * the provider replaces an earlier participant of the same identity. */
static void identity_of(int64_t actor, char out[VIDEO_IDENTITY_MAX])
{
    if (actor > 0) {
        snprintf(out, VIDEO_IDENTITY_MAX, "u%" PRId64, actor);
        return;
    }
    unsigned char r[8];
    bz_random_bytes(r, sizeof(r));
    out[0] = 'v';
    bz_hex_encode(r, sizeof(r), out + 1);
    out[1 + 2 * sizeof(r)] = '\0';
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
    identity_of(actor, identity);
    video_grant_req req = {.stream_id = stream_id,
                           .role = role,
                           .identity = identity,
                           .display_name = "",
                           .now_ms = c->now,
                           .ttl_s = c->env->cfg.video_grant_ttl_s};
    rc = v->ops->grant(v, &req, out);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, "the video grant could not be signed");
}
