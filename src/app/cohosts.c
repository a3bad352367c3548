/*
 * Co-hosts (app/cohosts.h): invitations and removals, each one transaction on
 * the show's locked row with its `show:stage` event and, while the show is
 * live, its outbox row for the video provider; and the handlers of those rows.
 */
#include "app/cohosts.h"

#include "app/app_util.h"
#include "app/chat_room.h"
#include "app/room_events.h"
#include "base/err.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inside the transaction, for a live show on a server with video: a row of `kind` for the
 * provider about co-host `user_id`, keyed by the change's time `at` (an invitation again, or a
 * removal again, is another change). */
static int enqueue_video(app_ctx *c, const show_stream *st, const char *kind, int64_t user_id,
                         int64_t at)
{
    if (!c->env->video || strcmp(st->status, "live") != 0) {
        return BZ_OK;
    }
    char key[128], payload[96];
    snprintf(key, sizeof(key), "%s:stream:%" PRId64 ":user:%" PRId64 ":at:%" PRId64, kind, st->id,
             user_id, at);
    snprintf(payload, sizeof(payload),
             "{\"stream_id\":\"%" PRId64 "\",\"user_id\":\"%" PRId64 "\"}", st->id, user_id);
    return app_outbox_enqueue(c, kind, key, payload);
}

/* Inside the transaction: `show:stage` with the co-hosts as they are now (ev_commit logs it). */
static int log_stage(app_ctx *c, app_evbuf *evs, int64_t stream_id)
{
    app_event ev = {.kind = APP_EVENT_SHOW_STAGE};
    show_cohost *list = NULL;
    int rc = store_cohosts(c->store, stream_id, c->arena, &list, &ev.u.stage.n);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    ev.u.stage.cohosts = list;
    return ev_add(c, evs, &ev);
}

/* ---- inviting ------------------------------------------------------------------------- */

/* The facts of inviting `username` to the locked show `st`: *who is the invitee, *mine their
 * row when current (else user_id 0). */
static int invite_facts(app_ctx *c, int64_t actor, const show_stream *st, const char *username,
                        account_user *who, show_cohost *mine, cohost_invite_facts *f)
{
    int rc = store_user_by_username(c->store, username, c->arena, who);
    if (rc != BZ_OK) {
        return rc == BZ_ENOTFOUND ? app_fail(c, rc, "username", "no user has that username")
                                  : app_fail(c, rc, NULL, NULL);
    }
    *f = (cohost_invite_facts){
        .status = st->status, .seller_id = st->seller_id, .actor = actor, .invitee = who->id};
    show_cohost *list = NULL;
    if ((rc = chat_room_is_banned(c, st->id, who->id, &f->banned)) != BZ_OK ||
        (rc = store_cohosts(c->store, st->id, c->arena, &list, &f->n_current)) != BZ_OK) {
        return c->err.code == rc ? rc : app_fail(c, rc, NULL, NULL);
    }
    memset(mine, 0, sizeof(*mine));
    for (size_t i = 0; i < f->n_current; i++) {
        if (list[i].user_id == who->id) {
            *mine = list[i];
            f->current = true;
        }
    }
    field_error fe;
    rc = cohost_check_invite(f, &fe);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, fe.field, "%s", fe.reason);
}

int app_cohost_invite(app_ctx *c, int64_t actor, int64_t stream_id, const char *username,
                      show_cohost *out, bool *created)
{
    *created = false;
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, NULL);
    }
    username += username && username[0] == '@';
    if (!username || !*username) {
        return app_fail(c, BZ_EVALIDATION, "username", "whom to invite: a username");
    }
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    show_stream st;
    account_user who;
    cohost_invite_facts f;
    app_evbuf evs;
    ev_init(&evs, stream_id);
    rc = app_show_lock(c, stream_id, &st);
    if (rc == BZ_OK) {
        rc = invite_facts(c, actor, &st, username, &who, out, &f);
    }
    if (rc != BZ_OK || f.current) {
        store_rollback(c->store); /* refused, or a co-host already: nothing to change */
        return rc;
    }
    bool added = false;
    if ((rc = store_cohost_invite(c->store, stream_id, who.id, actor, c->now, &added)) != BZ_OK) {
        rc = app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (rc == BZ_OK) {
        rc = enqueue_video(c, &st, APP_VIDEO_PUBLISHER_ALLOW, who.id, c->now);
    }
    if (rc == BZ_OK) {
        rc = log_stage(c, &evs, stream_id);
    }
    *out = (show_cohost){.stream_id = stream_id,
                         .user_id = who.id,
                         .username = who.username,
                         .invited_by = actor,
                         .invited_at = c->now};
    *created = rc == BZ_OK && added;
    return ev_commit(c, &evs, rc);
}

/* ---- removing ------------------------------------------------------------------------- */

int app_cohost_remove(app_ctx *c, int64_t actor, int64_t stream_id, int64_t user_id)
{
    if (actor <= 0) {
        return app_fail(c, BZ_EUNAUTHORIZED, NULL, NULL);
    }
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    show_stream st;
    app_evbuf evs;
    ev_init(&evs, stream_id);
    bool removed = false;
    rc = app_show_lock(c, stream_id, &st);
    field_error fe;
    if (rc == BZ_OK && (rc = cohost_check_remove(st.seller_id, actor, user_id, &fe)) != BZ_OK) {
        rc = app_fail(c, rc, fe.field, "%s", fe.reason);
    }
    if (rc == BZ_OK &&
        (rc = store_cohost_remove(c->store, stream_id, user_id, c->now, &removed)) != BZ_OK) {
        rc = app_fail(c, rc, NULL, NULL);
    }
    if (rc != BZ_OK || !removed) {
        store_rollback(c->store); /* refused, or not a co-host: nothing to change */
        return rc;
    }
    rc = enqueue_video(c, &st, APP_VIDEO_PUBLISHER_REVOKE, user_id, c->now);
    if (rc == BZ_OK) {
        rc = log_stage(c, &evs, stream_id);
    }
    return ev_commit(c, &evs, rc);
}

/* ---- reading -------------------------------------------------------------------------- */

int app_cohosts_list(app_ctx *c, int64_t stream_id, show_cohost **out, size_t *n)
{
    show_stream st;
    int rc = chat_room_load(c, stream_id, &st);
    if (rc == BZ_OK && (rc = store_cohosts(c->store, stream_id, c->arena, out, n)) != BZ_OK) {
        rc = app_fail(c, rc, NULL, NULL);
    }
    return rc;
}

int app_cohost_check_publish(app_ctx *c, int64_t actor, const show_stream *st)
{
    show_cohost co;
    int rc = store_cohost_get(c->store, st->id, actor, c->arena, &co);
    if (rc != BZ_OK && rc != BZ_ENOTFOUND) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (rc == BZ_ENOTFOUND || !cohost_may_publish(st->status, &co)) {
        return app_fail(c, BZ_EFORBIDDEN, "role", "only a co-host the seller invited");
    }
    return chat_room_check_not_banned(c, st->id, actor);
}

/* ---- going live ----------------------------------------------------------------------- */

int app_cohosts_on_status(app_ctx *c, const show_stream *st, const char *to)
{
    if (!c->env->video || strcmp(to, "live") != 0) {
        return BZ_OK;
    }
    show_cohost *list = NULL;
    size_t n = 0;
    int rc = store_cohosts(c->store, st->id, c->arena, &list, &n);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    show_stream now_live = *st;
    now_live.status = "live"; /* `st` was read before the change */
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        rc = enqueue_video(c, &now_live, APP_VIDEO_PUBLISHER_ALLOW, list[i].user_id,
                           list[i].invited_at);
    }
    return rc;
}

/* ---- the outbox's handlers ------------------------------------------------------------ */

/* Member `name` of a payload we wrote ({"stream_id":"1","user_id":"2"}); 0 when absent. */
static int64_t payload_id(const char *payload, const char *name)
{
    char pattern[32];
    snprintf(pattern, sizeof(pattern), "\"%s\":\"", name);
    const char *p = payload ? strstr(payload, pattern) : NULL;
    if (!p) {
        return 0;
    }
    char *end;
    long long id = strtoll(p + strlen(pattern), &end, 10);
    return *end == '"' && id > 0 ? (int64_t)id : 0;
}

/* What a row names, as it stands now: the show and the co-host's row. BZ_ENOTFOUND when either
 * is gone (nothing to do), BZ_EBADREQUEST for a payload we did not write. */
static int job_facts(app_ctx *c, const app_outbox_job *job, show_stream *st, show_cohost *co,
                     char identity[VIDEO_IDENTITY_MAX], char *why, size_t len)
{
    int64_t stream_id = payload_id(job->payload, "stream_id");
    int64_t user_id = payload_id(job->payload, "user_id");
    if (!stream_id || !user_id) {
        snprintf(why, len, "no stream_id or user_id in the payload");
        return BZ_EBADREQUEST;
    }
    int rc = store_stream_get(c->store, stream_id, c->arena, st);
    if (rc == BZ_OK) {
        rc = store_cohost_get(c->store, stream_id, user_id, c->arena, co);
    }
    if (rc != BZ_OK && rc != BZ_ENOTFOUND) {
        snprintf(why, len, "reading co-host %" PRId64 " of show %" PRId64, user_id, stream_id);
    }
    snprintf(identity, VIDEO_IDENTITY_MAX, "u%" PRId64, user_id);
    return rc;
}

static int publisher_allow(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t len)
{
    (void)data;
    show_stream st;
    show_cohost co;
    char identity[VIDEO_IDENTITY_MAX];
    int rc = job_facts(c, job, &st, &co, identity, why, len);
    if (rc == BZ_ENOTFOUND || (rc == BZ_OK && !cohost_may_publish(st.status, &co))) {
        return BZ_OK; /* removed since, or the show is over: nothing to allow */
    }
    video *v = c->env->video;
    if (rc == BZ_OK) {
        rc = v ? v->ops->publisher_allow(v, st.id, identity) : BZ_EUNAVAILABLE;
        if (rc == BZ_ENOTFOUND) {
            rc = BZ_EUNAVAILABLE; /* the room's opening has not run yet: try again after it */
        }
        if (rc != BZ_OK) {
            snprintf(why, len, "allowing %s in show %" PRId64 ": %s", identity, st.id,
                     bz_err_message(rc));
        }
    }
    return rc;
}

static int publisher_revoke(void *data, app_ctx *c, const app_outbox_job *job, char *why,
                            size_t len)
{
    (void)data;
    show_stream st;
    show_cohost co;
    char identity[VIDEO_IDENTITY_MAX];
    int rc = job_facts(c, job, &st, &co, identity, why, len);
    if (rc == BZ_ENOTFOUND ||
        (rc == BZ_OK && (strcmp(st.status, "live") != 0 || cohost_may_publish(st.status, &co)))) {
        return BZ_OK; /* the room is closed, or they were invited again since */
    }
    video *v = c->env->video;
    if (rc == BZ_OK) {
        rc = v ? v->ops->publisher_revoke(v, st.id, identity) : BZ_EUNAVAILABLE;
        if (rc != BZ_OK) {
            snprintf(why, len, "revoking %s in show %" PRId64 ": %s", identity, st.id,
                     bz_err_message(rc));
        }
    }
    return rc;
}

const app_outbox_handler app_cohost_handlers[] = {
    {APP_VIDEO_PUBLISHER_ALLOW, publisher_allow, NULL},
    {APP_VIDEO_PUBLISHER_REVOKE, publisher_revoke, NULL},
};
const size_t app_cohost_n_handlers = sizeof(app_cohost_handlers) / sizeof(app_cohost_handlers[0]);
