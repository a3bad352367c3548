/* Unit tests of app/video (who may watch and who may publish a show's video), over the real
 * SQLite adapter and a video port that records what it was asked to grant. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/moderation.h"
#include "app/streams.h"
#include "app/video.h"
#include "base/err.h"
#include "fixture.h"

/* Grants what it is asked, and remembers the request; counts the rooms it opens and closes. */
typedef struct recording_video {
    video base;
    video_grant_req last;
    char identity[VIDEO_IDENTITY_MAX];
    int calls;
    int fail; /* BZ_OK, or what grant returns */
    int opened, closed;
    int room_fail; /* BZ_OK, or what room_open returns */
    int64_t room;
    char publisher[VIDEO_IDENTITY_MAX];
} recording_video;

static int grant(video *v, const video_grant_req *req, video_grant *out)
{
    recording_video *r = (recording_video *)v;
    r->calls++;
    r->last = *req;
    snprintf(r->identity, sizeof(r->identity), "%s", req->identity);
    r->last.identity = r->identity;
    if (r->fail) {
        return r->fail;
    }
    memset(out, 0, sizeof(*out));
    snprintf(out->provider, sizeof(out->provider), "test");
    snprintf(out->identity, sizeof(out->identity), "%s", req->identity);
    out->role = req->role;
    out->expires_at = req->now_ms + 1000LL * req->ttl_s;
    return BZ_OK;
}

static int room_open(video *v, const video_room_req *req)
{
    recording_video *r = (recording_video *)v;
    if (r->room_fail) {
        return r->room_fail;
    }
    r->opened++;
    r->room = req->stream_id;
    snprintf(r->publisher, sizeof(r->publisher), "%s", req->publisher);
    assert_true(req->max_publishers >= 2);
    return BZ_OK;
}

static int room_close(video *v, int64_t stream_id)
{
    recording_video *r = (recording_video *)v;
    r->closed++;
    r->room = stream_id;
    return BZ_OK;
}

static const struct video_ops ops = {
    .grant = grant, .room_open = room_open, .room_close = room_close};

/* Run the due outbox rows with the video handlers; how many ran. */
static int run_outbox(fixture *f)
{
    return fixture_video_outbox(f, NULL, 0);
}

typedef struct cast {
    recording_video video;
    int64_t seller, show, ali;
} cast;

static void new_cast(fixture *f, cast *k, bool live)
{
    memset(k, 0, sizeof(*k));
    k->video.base.ops = &ops;
    f->env.video = &k->video.base;
    k->seller = fixture_seller(f, "kedai");
    k->show = fixture_lot(f, k->seller, live).show;
    k->ali = fixture_user(f, "ali");
}

static int ask(fixture *f, int64_t actor, int64_t show, video_role role, video_grant *g)
{
    return app_video_grant(&f->ctx, actor, show, role, g);
}

static void anyone_may_watch_a_live_show(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, true);
    video_grant g;
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_OK);
    assert_int_equal(k.video.last.role, VIDEO_VIEWER);
    assert_int_equal(k.video.last.stream_id, k.show);
    assert_int_equal(k.video.last.ttl_s, f->env.cfg.video_grant_ttl_s);
    assert_int_equal(k.video.last.now_ms, f->ctx.now);
    /* an anonymous viewer gets a random identity of its own */
    char first[VIDEO_IDENTITY_MAX];
    snprintf(first, sizeof(first), "%s", g.identity);
    assert_int_equal(strlen(first), 17);
    assert_int_equal(first[0], 'v');
    assert_int_equal(strspn(first + 1, "0123456789abcdef"), 16);
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_OK);
    assert_string_not_equal(g.identity, first);
    /* a signed-in one is named by their id and a session of their own: a second tab or device
     * must not push the first out of the room */
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_VIEWER, &g), BZ_OK);
    char want[32];
    snprintf(want, sizeof(want), "u%lld-v", (long long)k.ali);
    assert_memory_equal(g.identity, want, strlen(want));
    assert_int_equal(strspn(g.identity + strlen(want), "0123456789abcdef"), 16);
    assert_int_equal(strlen(g.identity), strlen(want) + 16);
    snprintf(first, sizeof(first), "%s", g.identity);
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_VIEWER, &g), BZ_OK);
    assert_string_not_equal(g.identity, first);
    /* the seller watching their own show is a viewer like any other, not their camera */
    assert_int_equal(ask(f, k.seller, k.show, VIDEO_VIEWER, &g), BZ_OK);
    snprintf(want, sizeof(want), "u%lld", (long long)k.seller);
    assert_string_not_equal(g.identity, want);
}

static void only_the_seller_publishes(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, true);
    video_grant g;
    assert_int_equal(ask(f, 0, k.show, VIDEO_PUBLISHER, &g), BZ_EUNAUTHORIZED);
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_PUBLISHER, &g), BZ_EFORBIDDEN);
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_COHOST, &g), BZ_EFORBIDDEN);
    int64_t other = fixture_seller(f, "lain");
    assert_int_equal(ask(f, other, k.show, VIDEO_PUBLISHER, &g), BZ_EFORBIDDEN);
    assert_int_equal(k.video.calls, 0); /* nothing refused reached the port */
    assert_int_equal(ask(f, k.seller, k.show, VIDEO_PUBLISHER, &g), BZ_OK);
    assert_int_equal(g.role, VIDEO_PUBLISHER);
    assert_int_equal(k.video.calls, 1);
}

static void a_show_that_is_not_live_has_no_video(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, false);
    video_grant g;
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_ECONFLICT);
    assert_int_equal(ask(f, k.seller, k.show, VIDEO_PUBLISHER, &g), BZ_ECONFLICT);
    assert_int_equal(ask(f, 0, k.show + 1000, VIDEO_VIEWER, &g), BZ_ENOTFOUND);
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_OK);
    assert_int_equal(app_stream_end(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_ECONFLICT);
    assert_int_equal(ask(f, k.seller, k.show, VIDEO_PUBLISHER, &g), BZ_ECONFLICT);
    assert_int_equal(k.video.calls, 1);
}

static void a_banned_viewer_is_refused(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, true);
    video_grant g;
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_VIEWER, &g), BZ_EBANNED);
    assert_int_equal(k.video.calls, 0);
}

static void without_a_port_or_a_signature_there_is_no_grant(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, true);
    video_grant g;
    k.video.fail = BZ_EINTERNAL;
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_EINTERNAL);
    f->env.video = NULL;
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_EUNAVAILABLE);
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_PUBLISHER, &g), BZ_EFORBIDDEN);
}

static void the_room_follows_the_show_through_the_outbox(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, false);
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(k.video.opened, 0); /* not from the request: from the worker */
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(k.video.opened, 1);
    assert_int_equal(k.video.room, k.show);
    char want[32];
    snprintf(want, sizeof(want), "u%lld", (long long)k.seller);
    assert_string_equal(k.video.publisher, want);
    /* going live again enqueues nothing more */
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 0);
    assert_int_equal(app_stream_end(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(k.video.closed, 1);
    assert_int_equal(k.video.opened, 1);
}

static void an_opening_that_waited_past_the_end_opens_nothing(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, false);
    app_stream_view v;
    k.video.room_fail = BZ_EUNAVAILABLE; /* the video server is down: the opening will retry */
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(app_stream_end(&f->ctx, k.seller, k.show, &v), BZ_OK);
    k.video.room_fail = BZ_OK;
    f->ctx.now += 24 * 3600 * 1000LL; /* every backoff has passed */
    while (run_outbox(f) > 0) {
    }
    assert_int_equal(k.video.opened, 0);
    assert_int_equal(k.video.closed, 1);
}

static void without_video_nothing_is_enqueued(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, false);
    f->env.video = NULL;
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(app_stream_end(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
UNIT_MAIN(T(anyone_may_watch_a_live_show), T(only_the_seller_publishes),
          T(a_show_that_is_not_live_has_no_video), T(a_banned_viewer_is_refused),
          T(without_a_port_or_a_signature_there_is_no_grant),
          T(the_room_follows_the_show_through_the_outbox),
          T(an_opening_that_waited_past_the_end_opens_nothing),
          T(without_video_nothing_is_enqueued))
