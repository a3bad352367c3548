/*
 * The seller's choice to record a show, and a show's replay (app/recordings.h). The recording
 * itself follows the show through the outbox: video_recordings.c.
 */
#include "app/recordings.h"

#include "app/app_util.h"
#include "base/err.h"

#include <string.h>

int app_stream_set_record(app_ctx *c, int64_t actor, int64_t id, bool record, app_stream_view *out)
{
    show_stream st;
    int rc = app_own_show(c, actor, id, "only the show's seller may do this", &st);
    if (rc != BZ_OK) {
        return rc;
    }
    if (strcmp(st.status, "scheduled") == 0) {
        rc = store_stream_set_record(c->store, id, record, c->now);
    } else {
        rc = BZ_ECONFLICT;
    }
    if (rc == BZ_ECONFLICT) {
        return app_fail(c, BZ_ECONFLICT, "record",
                        "whether a show is recorded is settled when it goes live");
    }
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    return app_stream_get(c, id, out);
}

/* ---- the replay --------------------------------------------------------------------------- */

/* The blob store's URL of `key` in c->arena; NULL for "" (no such file). */
static int url_of(app_ctx *c, const char *key, const char **out)
{
    *out = NULL;
    blob *b = c->env->blob;
    if (!key || !*key || !b) {
        return BZ_OK;
    }
    char *url = bz_arena_alloc(c->arena, 2048);
    if (!url) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    int rc = b->ops->url(b, key, c->now, APP_REPLAY_URL_TTL_S, url, 2048);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    *out = url;
    return BZ_OK;
}

static int lots_of(app_ctx *c, app_replay *out, bool placed)
{
    recording_lot *lots = NULL;
    size_t n = 0;
    int rc = store_stream_lots(c->store, out->stream.id, c->arena, &lots, &n);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    out->lots = bz_arena_calloc(c->arena, n ? n : 1, sizeof(*out->lots));
    if (!out->lots) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        app_replay_lot *l = &out->lots[i];
        l->lot = lots[i];
        order_sale_public(&l->lot.sale);
        l->start_ms = placed ? recording_offset_ms(&out->rec, lots[i].started_at) : -1;
        l->decided_ms =
            placed ? recording_offset_ms(&out->rec, recording_lot_decided_at(&lots[i])) : -1;
    }
    out->n_lots = n;
    return BZ_OK;
}

int app_replay_get(app_ctx *c, int64_t stream_id, app_replay *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_stream_get(c->store, stream_id, c->arena, &out->stream);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    rc = store_recording_get(c->store, stream_id, c->arena, &out->rec);
    if (rc != BZ_OK && rc != BZ_ENOTFOUND) {
        return app_fail(c, rc, NULL, NULL);
    }
    out->has_recording = rc == BZ_OK;
    bool playable = out->has_recording && recording_playable(&out->rec) &&
                    strcmp(out->stream.status, "ended") == 0;
    if (playable && ((rc = url_of(c, out->rec.video_key, &out->video_url)) != BZ_OK ||
                     (rc = url_of(c, out->rec.audio_key, &out->audio_url)) != BZ_OK)) {
        return rc;
    }
    return lots_of(c, out, playable);
}
