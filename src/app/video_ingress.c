/*
 * Streaming from an encoder into a show (app/video_ingress.h).
 *
 * Races, and why each ends well:
 * - a request and the show's end: both lock the show's row first (store_stream_next_seq), so
 *   an end either sees the pending row (and deletes it) or comes after it and the request is
 *   refused;
 * - a creation that finishes after its row was dropped (or dropped and asked for again): the
 *   row no longer answers its request (store_ingress_ready: BZ_ENOTFOUND), so the worker
 *   enqueues the deletion of what it created instead of storing it;
 * - a worker that dies between the provider's creation and the store's write leaves one
 *   ingress behind (the row runs again and creates another): LiveKit's CreateIngress takes no
 *   idempotency key. It is idle (nobody holds its key) and is the operator's to delete.
 *
 * Payloads name the show and the request ({"stream_id":"1","request_id":"2"}) or the
 * provider's id ({"ingress_id":"IN_x"}), never the stream key. Provider ids are stored only
 * when they are made of [A-Za-z0-9_.:-], so they go into a payload without escaping.
 */
#include "app/video_ingress.h"

#include "app/app_util.h"
#include "base/err.h"
#include "base/rand.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_ingress_identity(int64_t seller_id, char out[VIDEO_IDENTITY_MAX])
{
    snprintf(out, VIDEO_IDENTITY_MAX, "obs-u%" PRId64, seller_id);
}

/* ---- who may ---------------------------------------------------------------------------- */

/* Video configured, the show `*st` (read into c->arena) exists, `actor` sells it and, when
 * `capable` is asked, the provider has ingress. */
static int check_seller(app_ctx *c, int64_t actor, int64_t stream_id, bool capable, show_stream *st)
{
    if (!c->env->video) {
        return app_fail(c, BZ_EUNAVAILABLE, NULL, "video is not configured on this server");
    }
    int rc = store_stream_get(c->store, stream_id, c->arena, st);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, "sign in to stream from an encoder");
    }
    if (st->seller_id != actor) {
        return app_fail(c, BZ_EFORBIDDEN, NULL, "only the show's seller may do this");
    }
    if (capable && !video_can(c->env->video, VIDEO_CAP_INGRESS)) {
        return app_fail(c, BZ_EUNSUPPORTED, NULL,
                        "Streaming from OBS or another encoder needs the LiveKit video provider. "
                        "This server's video goes live from the browser only.");
    }
    return BZ_OK;
}

/* Enqueue the provider's deletion of ingress `id` (an id_safe one). */
static int enqueue_delete(app_ctx *c, const char *id)
{
    char key[160], payload[144];
    snprintf(key, sizeof(key), "%s:%s", APP_VIDEO_INGRESS_DELETE, id);
    snprintf(payload, sizeof(payload), "{\"ingress_id\":\"%s\"}", id);
    return app_outbox_enqueue(c, APP_VIDEO_INGRESS_DELETE, key, payload);
}

/* A step of a use case that runs inside one transaction. */
typedef int (*locked_step)(app_ctx *c, int64_t stream_id, show_ingress *out);

/* `step` in a transaction of its own; the worker is woken after the commit. */
static int in_transaction(app_ctx *c, locked_step step, int64_t stream_id, show_ingress *out)
{
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if ((rc = step(c, stream_id, out)) != BZ_OK) {
        store_rollback(c->store);
        return rc;
    }
    if ((rc = store_commit(c->store)) != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    app_outbox_kick(c);
    return BZ_OK;
}

/* ---- request, read, drop ---------------------------------------------------------------- */

/* Inside the transaction: the show's row locked (and read), its status allowing a request. */
static int lock_open_show(app_ctx *c, int64_t stream_id, show_stream *st)
{
    int rc = app_show_lock(c, stream_id, st);
    if (rc != BZ_OK) {
        return rc;
    }
    if (strcmp(st->status, "scheduled") != 0 && strcmp(st->status, "live") != 0) {
        return app_fail(c, BZ_ECONFLICT, NULL, "the show is %s", st->status);
    }
    return BZ_OK;
}

/* Inside the transaction: record the request and enqueue its creation when it is new. */
static int request_locked(app_ctx *c, int64_t stream_id, show_ingress *out)
{
    show_stream st;
    int rc = lock_open_show(c, stream_id, &st);
    if (rc != BZ_OK) {
        return rc;
    }
    int64_t request_id = bz_id_new(c->now);
    bool added = false;
    if ((rc = store_ingress_request(c->store, stream_id, request_id, c->now, &added)) != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (added) {
        char key[96], payload[96];
        snprintf(key, sizeof(key), "%s:stream:%" PRId64 ":%" PRId64, APP_VIDEO_INGRESS_CREATE,
                 stream_id, request_id);
        snprintf(payload, sizeof(payload),
                 "{\"stream_id\":\"%" PRId64 "\",\"request_id\":\"%" PRId64 "\"}", stream_id,
                 request_id);
        if ((rc = app_outbox_enqueue(c, APP_VIDEO_INGRESS_CREATE, key, payload)) != BZ_OK) {
            return rc;
        }
    }
    rc = store_ingress_get(c->store, stream_id, c->arena, out);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

int app_ingress_request(app_ctx *c, int64_t actor, int64_t stream_id, show_ingress *out)
{
    show_stream st;
    int rc = check_seller(c, actor, stream_id, true, &st);
    return rc == BZ_OK ? in_transaction(c, request_locked, stream_id, out) : rc;
}

int app_ingress_get(app_ctx *c, int64_t actor, int64_t stream_id, show_ingress *out)
{
    show_stream st;
    int rc = check_seller(c, actor, stream_id, true, &st);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = store_ingress_get(c->store, stream_id, c->arena, out);
    if (rc == BZ_ENOTFOUND) {
        return app_fail(c, rc, NULL, "this show has no encoder endpoint: ask for one");
    }
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

int app_ingress_on_end(app_ctx *c, int64_t stream_id)
{
    show_ingress in;
    int rc = store_ingress_take(c->store, stream_id, c->arena, &in);
    if (rc == BZ_ENOTFOUND || (rc == BZ_OK && !in.ingress_id[0])) {
        return BZ_OK; /* none, or not created yet: its creation will find no row */
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    return enqueue_delete(c, in.ingress_id);
}

static int drop_locked(app_ctx *c, int64_t stream_id, show_ingress *unused)
{
    (void)unused;
    return app_ingress_on_end(c, stream_id);
}

int app_ingress_drop(app_ctx *c, int64_t actor, int64_t stream_id)
{
    show_stream st;
    int rc = check_seller(c, actor, stream_id, false, &st);
    return rc == BZ_OK ? in_transaction(c, drop_locked, stream_id, NULL) : rc;
}

/* ---- the worker ------------------------------------------------------------------------- */

/* The row the job was for, if it still waits for this very request; false when there is
 * nothing left to create (dropped, asked anew, or the show is over). */
static int still_wanted(app_ctx *c, int64_t stream_id, int64_t request_id, show_stream *st,
                        bool *wanted)
{
    show_ingress row;
    *wanted = false;
    int rc = store_ingress_get(c->store, stream_id, c->arena, &row);
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc == BZ_OK) {
        rc = store_stream_get(c->store, stream_id, c->arena, st);
    }
    if (rc != BZ_OK) {
        return rc == BZ_ENOTFOUND ? BZ_OK : rc;
    }
    *wanted = row.request_id == request_id && strcmp(row.state, INGRESS_PENDING) == 0 &&
              (strcmp(st->status, "scheduled") == 0 || strcmp(st->status, "live") == 0);
    return BZ_OK;
}

/* Store what the provider made; when the row went meanwhile, enqueue its deletion instead. */
static int keep_created(app_ctx *c, int64_t stream_id, int64_t request_id, const video_ingress *ing,
                        char *why, size_t len)
{
    show_ingress row = {.stream_id = stream_id,
                        .request_id = request_id,
                        .ingress_id = ing->id,
                        .url = ing->url,
                        .stream_key = ing->stream_key,
                        .whip = ing->whip};
    int rc = store_ingress_ready(c->store, &row, c->now);
    if (rc == BZ_ENOTFOUND) {
        rc = enqueue_delete(c, ing->id);
    }
    if (rc != BZ_OK) {
        snprintf(why, len, "storing the ingress of show %" PRId64 ": %s", stream_id,
                 bz_err_message(rc));
    }
    return rc;
}

static int ingress_create(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    video *v = c->env->video;
    int64_t stream_id = app_outbox_payload_id(job->payload, "stream_id");
    int64_t request_id = app_outbox_payload_id(job->payload, "request_id");
    if (!stream_id || !request_id) {
        snprintf(why, len, "no stream_id or request_id in the payload");
        return BZ_EBADREQUEST;
    }
    show_stream st;
    bool wanted = false;
    int rc = still_wanted(c, stream_id, request_id, &st, &wanted);
    if (rc != BZ_OK) {
        snprintf(why, len, "reading the ingress of show %" PRId64 ": %s", stream_id,
                 bz_err_message(rc));
        return rc;
    }
    if (!wanted) {
        return BZ_OK; /* dropped, asked for anew, or the show is over: nothing to create */
    }
    char identity[VIDEO_IDENTITY_MAX];
    app_ingress_identity(st.seller_id, identity);
    video_ingress ing;
    rc = v ? v->ops->ingress_create(v, stream_id, identity, &ing) : BZ_EUNAVAILABLE;
    if (rc == BZ_OK && !app_id_safe(ing.id, VIDEO_NAME_MAX)) {
        rc = BZ_EBADREQUEST; /* not an id we can keep; it is not deleted: operators see why */
    }
    if (rc == BZ_OK) {
        return keep_created(c, stream_id, request_id, &ing, why, len);
    }
    snprintf(why, len, "creating the ingress of show %" PRId64 ": %s", stream_id,
             bz_err_message(rc));
    if (rc != BZ_EUNAVAILABLE && rc != BZ_ETIMEOUT) { /* no retry fixes it: the seller sees it */
        store_ingress_failed(c->store, stream_id, request_id,
                             "the video provider refused to create the endpoint", c->now);
    }
    return rc;
}

static int ingress_delete(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    video *v = c->env->video;
    char id[VIDEO_NAME_MAX];
    if (!app_outbox_payload_str(job->payload, "ingress_id", id, sizeof(id))) {
        snprintf(why, len, "no ingress_id in the payload");
        return BZ_EBADREQUEST;
    }
    int rc = v ? v->ops->ingress_delete(v, id) : BZ_EUNAVAILABLE;
    if (rc != BZ_OK) {
        snprintf(why, len, "deleting ingress %s: %s", id, bz_err_message(rc));
    }
    return rc;
}

const app_outbox_handler app_ingress_handlers[] = {
    {APP_VIDEO_INGRESS_CREATE, ingress_create, NULL},
    {APP_VIDEO_INGRESS_DELETE, ingress_delete, NULL},
};
const size_t app_ingress_n_handlers =
    sizeof(app_ingress_handlers) / sizeof(app_ingress_handlers[0]);
