/*
 * A show's recording follows the show (app/recordings.h): going live makes it and enqueues
 * its start, ending the show enqueues its stop, the stop enqueues the making of its files; the
 * outbox worker calls the video provider for each.
 *
 * Payloads name only the show ({"stream_id":"<id>"}); each handler reads the recording when it
 * runs and acts on its state then, and moves it on only from the state it read
 * (store_recording_update), so that a row that runs twice, or a start and a stop that overlap
 * on two nodes, never undo each other:
 * - a start finding the show over marks the recording skipped; a stop finding it still
 *   pending does the same (and a start that then runs does nothing);
 * - a start that lost that race (it started the provider's recording, then found it skipped)
 *   stops what it started.
 * A start that runs twice after the provider acted but before the state was written would
 * start a second recording (the first is ended by the room's closing): the outbox's rare
 * double run, accepted.
 */
#include "app/recordings.h"

#include "app/app_util.h"
#include "base/err.h"
#include "base/str.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define WHY_ENDED_FIRST "the show ended before recording started"
#define WHY_NOTHING     "nothing was recorded: no picture or sound reached the video server"
#define WHY_BROKEN      "the recording could not be made playable"

static int enqueue(app_ctx *c, const char *kind, int64_t stream_id)
{
    char key[64], payload[48];
    snprintf(key, sizeof(key), "%s:stream:%" PRId64, kind, stream_id);
    snprintf(payload, sizeof(payload), "{\"stream_id\":\"%" PRId64 "\"}", stream_id);
    return app_outbox_enqueue(c, kind, key, payload);
}

int app_recording_on_status(app_ctx *c, const show_stream *st, const char *to)
{
    if (!c->env->video) {
        return BZ_OK;
    }
    if (strcmp(to, "live") == 0) {
        if (!st->record) {
            return BZ_OK;
        }
        show_recording r = {.stream_id = st->id,
                            .state = RECORDING_PENDING,
                            .created_at = c->now,
                            .updated_at = c->now};
        int rc = store_recording_create(c->store, &r);
        if (rc != BZ_OK && rc != BZ_ECONFLICT) { /* a show goes live once: never has one */
            return app_fail(c, rc, NULL, NULL);
        }
        return enqueue(c, APP_VIDEO_RECORD_START, st->id);
    }
    if (strcmp(to, "ended") != 0) {
        return BZ_OK;
    }
    show_recording r;
    int rc = store_recording_get(c->store, st->id, c->arena, &r);
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    bool running = !strcmp(r.state, RECORDING_PENDING) || !strcmp(r.state, RECORDING_RECORDING);
    return running ? enqueue(c, APP_VIDEO_RECORD_STOP, st->id) : BZ_OK;
}

/* ---- the handlers ------------------------------------------------------------------------ */

/* The recording a job is about; BZ_ENOTFOUND when the show has none (nothing to do). */
static int recording_of_job(app_ctx *c, const app_outbox_job *job, show_recording *r, char *why,
                            size_t len)
{
    int64_t id = app_outbox_payload_id(job->payload, "stream_id");
    if (!id) {
        snprintf(why, len, "no stream_id in the payload");
        return BZ_EBADREQUEST;
    }
    int rc = store_recording_get(c->store, id, c->arena, r);
    if (rc != BZ_OK && rc != BZ_ENOTFOUND) {
        snprintf(why, len, "reading the recording of show %" PRId64, id);
    }
    return rc;
}

/* Move `r` from `from` to its state now (r->state and the fields set by the caller). */
static int advance(app_ctx *c, show_recording *r, const char *from)
{
    r->updated_at = c->now;
    return store_recording_update(c->store, r, from);
}

static int skip(app_ctx *c, show_recording *r)
{
    r->state = RECORDING_SKIPPED;
    r->reason = WHY_ENDED_FIRST;
    return advance(c, r, RECORDING_PENDING);
}

/* The port's view of a stored recording. */
static void port_recording(const show_recording *r, video_recording *out)
{
    memset(out, 0, sizeof(*out));
    bz_strlcpy(out->id, r->provider_id, sizeof(out->id));
    out->stream_id = r->stream_id;
    out->started_at = r->started_at;
    bz_strlcpy(out->file_key, r->video_key, sizeof(out->file_key));
}

static int fail_call(int rc, char *why, size_t len, const char *what, int64_t id)
{
    snprintf(why, len, "%s the recording of show %" PRId64 ": %s", what, id, bz_err_message(rc));
    return rc;
}

/* Where the files go: the provider's key when it writes them itself (LiveKit), else ours. */
static const char *video_key_of(app_ctx *c, const video_recording *vr)
{
    if (vr->file_key[0]) {
        return bz_arena_strndup(c->arena, vr->file_key, strlen(vr->file_key));
    }
    return bz_arena_printf(c->arena, "recordings/show-%" PRId64 "/%s.webm", vr->stream_id, vr->id);
}

static int record_start(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    show_recording r;
    int rc = recording_of_job(c, job, &r, why, len);
    if (rc != BZ_OK || strcmp(r.state, RECORDING_PENDING) != 0) {
        return rc == BZ_ENOTFOUND ? BZ_OK : rc; /* none wanted, or started or skipped already */
    }
    show_stream st;
    rc = store_stream_get(c->store, r.stream_id, c->arena, &st);
    if (rc != BZ_OK || strcmp(st.status, "live") != 0) {
        rc = rc == BZ_OK || rc == BZ_ENOTFOUND ? skip(c, &r) : rc;
        return rc == BZ_ECONFLICT ? BZ_OK : rc;
    }
    video *v = c->env->video;
    video_recording vr;
    rc = v ? v->ops->record_start(v, r.stream_id, c->now, &vr) : BZ_EUNAVAILABLE;
    if (rc == BZ_ENOTFOUND) {
        /* The room is not open yet (its opening is another row): try again shortly. */
        snprintf(why, len, "the room of show %" PRId64 " is not open yet", r.stream_id);
        return BZ_EUNAVAILABLE;
    }
    if (rc != BZ_OK) {
        return fail_call(rc, why, len, "starting", r.stream_id);
    }
    r.state = RECORDING_RECORDING;
    r.provider_id = vr.id;
    r.started_at = vr.started_at ? vr.started_at : c->now;
    r.video_key = video_key_of(c, &vr);
    rc = r.video_key ? advance(c, &r, RECORDING_PENDING) : BZ_ENOMEM;
    if (rc == BZ_ECONFLICT) {
        /* Skipped meanwhile: the show ended while we were starting. Stop what we started. */
        rc = v->ops->record_stop(v, &vr);
        return rc == BZ_OK ? BZ_OK : fail_call(rc, why, len, "stopping", r.stream_id);
    }
    return rc;
}

static int record_stop(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    show_recording r;
    int rc = recording_of_job(c, job, &r, why, len);
    if (rc != BZ_OK) {
        return rc == BZ_ENOTFOUND ? BZ_OK : rc;
    }
    if (strcmp(r.state, RECORDING_PENDING) == 0) {
        rc = skip(c, &r);
        /* Started meanwhile (a start on another node): stop it on the next attempt. */
        return rc == BZ_ECONFLICT ? BZ_EUNAVAILABLE : rc;
    }
    if (strcmp(r.state, RECORDING_RECORDING) != 0) {
        return BZ_OK; /* stopped already */
    }
    video *v = c->env->video;
    video_recording vr;
    port_recording(&r, &vr);
    rc = v ? v->ops->record_stop(v, &vr) : BZ_EUNAVAILABLE;
    if (rc != BZ_OK) {
        return fail_call(rc, why, len, "stopping", r.stream_id);
    }
    r.state = RECORDING_PROCESSING;
    r.stopped_at = c->now;
    if ((rc = store_begin(c->store)) != BZ_OK) {
        return rc;
    }
    rc = advance(c, &r, RECORDING_RECORDING);
    if (rc == BZ_OK) {
        rc = enqueue(c, APP_VIDEO_RECORD_FINISH, r.stream_id);
    }
    if (rc != BZ_OK) {
        store_rollback(c->store);
        return rc == BZ_ECONFLICT ? BZ_OK : rc; /* another run moved it on */
    }
    rc = store_commit(c->store);
    app_outbox_kick(c);
    return rc;
}

/* The files are stored: the recording is ready, its time 0 the files' own when known. */
static int ready(app_ctx *c, show_recording *r, const video_recording_files *f, const char *from)
{
    r->state = RECORDING_READY;
    r->reason = "";
    r->video_key = f->video_key;
    r->video_type = f->video_type;
    r->audio_key = f->audio_key;
    r->audio_type = f->audio_type;
    r->audio_offset_ms = f->audio_offset_ms;
    r->duration_ms = f->duration_ms > 0 ? f->duration_ms : 0;
    if (f->started_at > 0) {
        r->started_at = f->started_at;
    }
    int rc = advance(c, r, from);
    return rc == BZ_ECONFLICT ? BZ_OK : rc;
}

static int failed(app_ctx *c, show_recording *r, const char *reason, const char *from)
{
    r->state = RECORDING_FAILED;
    r->reason = reason;
    int rc = advance(c, r, from);
    return rc == BZ_ECONFLICT ? BZ_OK : rc;
}

static int record_finish(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    show_recording r;
    int rc = recording_of_job(c, job, &r, why, len);
    /* A failed one is tried again when an operator retries the parked row. */
    bool due = rc == BZ_OK && (strcmp(r.state, RECORDING_PROCESSING) == 0 ||
                               strcmp(r.state, RECORDING_FAILED) == 0);
    if (!due) {
        return rc == BZ_ENOTFOUND ? BZ_OK : rc;
    }
    const char *from = r.state;
    video *v = c->env->video;
    video_recording vr;
    video_recording_files files;
    port_recording(&r, &vr);
    rc = v ? v->ops->record_finish(v, &vr, r.video_key, &files) : BZ_EUNAVAILABLE;
    if (rc == BZ_OK) {
        return ready(c, &r, &files, from);
    }
    if (rc == BZ_ENOTFOUND) {
        return failed(c, &r, WHY_NOTHING, from); /* an outcome, not an operator's problem */
    }
    bool last = job->attempts >= c->env->cfg.outbox.max_attempts;
    if ((rc != BZ_EUNAVAILABLE && rc != BZ_ETIMEOUT) || last) {
        /* Parked: the show says so (the row keeps the provider's why), and an operator can
         * retry the row. */
        int frc = failed(c, &r, WHY_BROKEN, from);
        if (frc != BZ_OK) {
            return frc;
        }
    }
    return fail_call(rc, why, len, "finishing", r.stream_id);
}

const app_outbox_handler app_recording_handlers[] = {
    {APP_VIDEO_RECORD_START, record_start, NULL},
    {APP_VIDEO_RECORD_STOP, record_stop, NULL},
    {APP_VIDEO_RECORD_FINISH, record_finish, NULL},
};
const size_t app_recording_n_handlers =
    sizeof(app_recording_handlers) / sizeof(app_recording_handlers[0]);
