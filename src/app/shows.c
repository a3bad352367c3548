/*
 * Going live and ending a show. Each runs in one transaction whose first
 * write takes the show's event counter (store_stream_next_seq), which locks
 * the show's row: ending a show and starting an auction on it (auctions.c)
 * therefore serialise, and "no running auction" checked here stays true
 * until the commit.
 */
#include "app/streams.h"

#include "app/app_util.h"
#include "app/auction_internal.h"
#include "app/cohosts.h"
#include "app/notifications.h"
#include "app/recordings.h"
#include "app/video.h"
#include "base/err.h"

#include <inttypes.h>
#include <string.h>

/* Inside the transaction: the show, locked, and its seller checked. */
static int lock_show(app_ctx *c, int64_t actor, int64_t id, show_stream *st)
{
    int rc = app_show_lock(c, id, st);
    if (rc == BZ_OK && st->seller_id != actor) {
        rc = app_fail(c, BZ_EFORBIDDEN, NULL, "only the show's seller may do this");
    }
    return rc;
}

static int no_running_auction(app_ctx *c, int64_t id)
{
    auction_lot au;
    int rc = store_auction_running_of_stream(c->store, id, c->arena, &au);
    if (rc == BZ_OK) {
        return app_fail(c, BZ_EAUCTIONRUNNING, NULL,
                        "an auction is running: end the show after it closes");
    }
    return rc == BZ_ENOTFOUND ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

/* Followers' notifications of a go-live, made in the transaction, published after it. */
typedef struct notif_out {
    notification *rows;
    size_t n;
} notif_out;

/* Move the locked show from `from` to `to`; *same is set when it is in `to` already. */
static int transition(app_ctx *c, const show_stream *st, const char *from, const char *to,
                      app_evbuf *evs, bool *same, notif_out *notifs)
{
    *same = strcmp(st->status, to) == 0;
    if (*same) {
        return BZ_OK;
    }
    if (strcmp(st->status, from) != 0) {
        return app_fail(c, BZ_ECONFLICT, NULL, "the show is %s", st->status);
    }
    if (strcmp(to, "ended") == 0) {
        int rc = no_running_auction(c, st->id);
        if (rc != BZ_OK) {
            return rc;
        }
    }
    int rc = store_stream_set_status(c->store, st->id, from, to, c->now);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (strcmp(to, "live") == 0 &&
        (rc = notify_followers_live(c, st->id, &notifs->rows, &notifs->n)) != BZ_OK) {
        return rc;
    }
    if ((rc = app_video_on_status(c, st, to)) != BZ_OK ||
        (rc = app_recording_on_status(c, st, to)) != BZ_OK ||
        (rc = app_cohosts_on_status(c, st, to)) != BZ_OK) {
        return rc;
    }
    app_event ev = {.kind = APP_EVENT_STREAM_STATUS, .u.status = to};
    return ev_add(c, evs, &ev);
}

static int change_status(app_ctx *c, int64_t actor, int64_t id, const char *from, const char *to,
                         app_stream_view *out)
{
    show_stream st;
    app_evbuf evs;
    bool same = false;
    notif_out notifs = {NULL, 0};
    ev_init(&evs, id);
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = lock_show(c, actor, id, &st);
    if (rc == BZ_OK) {
        rc = transition(c, &st, from, to, &evs, &same, &notifs);
    }
    if ((rc = ev_commit(c, &evs, rc)) != BZ_OK) {
        return rc;
    }
    notify_publish(c, notifs.rows, notifs.n);
    return app_stream_get(c, id, out);
}

int app_stream_go_live(app_ctx *c, int64_t actor, int64_t id, app_stream_view *out)
{
    return change_status(c, actor, id, "scheduled", "live", out);
}

int app_stream_end(app_ctx *c, int64_t actor, int64_t id, app_stream_view *out)
{
    return change_status(c, actor, id, "live", "ended", out);
}
