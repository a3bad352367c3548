/* Unit tests of app/video (who may watch and who may publish a show's video), over the real
 * SQLite adapter and the fixture's video port that records what it was asked (fake_video.h). */
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

/* Run the due outbox rows with the video handlers; how many ran. */
static int run_outbox(fixture *f)
{
    return fixture_video_outbox(f, NULL, 0);
}

static int ask(fixture *f, int64_t actor, int64_t show, video_role role, video_grant *g)
{
    return app_video_grant(&f->ctx, actor, show, role, g);
}

static void anyone_may_watch_a_live_show(void **state)
{
    fixture *f = *state;
    fix_video_cast k = fixture_video_cast(f, true);
    video_grant g;
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_OK);
    assert_int_equal(f->video.grant_req.role, VIDEO_VIEWER);
    assert_int_equal(f->video.grant_req.stream_id, k.show);
    assert_int_equal(f->video.grant_req.ttl_s, f->env.cfg.video_grant_ttl_s);
    assert_int_equal(f->video.grant_req.now_ms, f->ctx.now);
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
    fix_video_cast k = fixture_video_cast(f, true);
    video_grant g;
    assert_int_equal(ask(f, 0, k.show, VIDEO_PUBLISHER, &g), BZ_EUNAUTHORIZED);
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_PUBLISHER, &g), BZ_EFORBIDDEN);
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_COHOST, &g), BZ_EFORBIDDEN);
    int64_t other = fixture_seller(f, "lain");
    assert_int_equal(ask(f, other, k.show, VIDEO_PUBLISHER, &g), BZ_EFORBIDDEN);
    assert_int_equal(f->video.grants, 0); /* nothing refused reached the port */
    assert_int_equal(ask(f, k.seller, k.show, VIDEO_PUBLISHER, &g), BZ_OK);
    assert_int_equal(g.role, VIDEO_PUBLISHER);
    assert_int_equal(f->video.grants, 1);
}

static void a_show_that_is_not_live_has_no_video(void **state)
{
    fixture *f = *state;
    fix_video_cast k = fixture_video_cast(f, false);
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
    assert_int_equal(f->video.grants, 1);
}

static void a_banned_viewer_is_refused(void **state)
{
    fixture *f = *state;
    fix_video_cast k = fixture_video_cast(f, true);
    video_grant g;
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_VIEWER, &g), BZ_EBANNED);
    assert_int_equal(f->video.grants, 0);
}

static void without_a_port_or_a_signature_there_is_no_grant(void **state)
{
    fixture *f = *state;
    fix_video_cast k = fixture_video_cast(f, true);
    video_grant g;
    f->video.grant_rc = BZ_EINTERNAL;
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_EINTERNAL);
    f->env.video = NULL;
    assert_int_equal(ask(f, 0, k.show, VIDEO_VIEWER, &g), BZ_EUNAVAILABLE);
    assert_int_equal(ask(f, k.ali, k.show, VIDEO_PUBLISHER, &g), BZ_EFORBIDDEN);
}

static void the_room_follows_the_show_through_the_outbox(void **state)
{
    fixture *f = *state;
    fix_video_cast k = fixture_video_cast(f, false);
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(f->video.room_opens, 0); /* not from the request: from the worker */
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(f->video.room_opens, 1);
    assert_int_equal(f->video.room, k.show);
    char want[32];
    snprintf(want, sizeof(want), "u%lld", (long long)k.seller);
    assert_string_equal(f->video.room_publisher, want);
    /* going live again enqueues nothing more */
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 0);
    assert_int_equal(app_stream_end(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(f->video.room_closes, 1);
    assert_int_equal(f->video.room_opens, 1);
}

static void an_opening_that_waited_past_the_end_opens_nothing(void **state)
{
    fixture *f = *state;
    fix_video_cast k = fixture_video_cast(f, false);
    app_stream_view v;
    f->video.room_open_rc = BZ_EUNAVAILABLE; /* the video server is down: the opening will retry */
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(app_stream_end(&f->ctx, k.seller, k.show, &v), BZ_OK);
    f->video.room_open_rc = BZ_OK;
    f->ctx.now += 24 * 3600 * 1000LL; /* every backoff has passed */
    while (run_outbox(f) > 0) {
    }
    assert_int_equal(f->video.room_opens, 0);
    assert_int_equal(f->video.room_closes, 1);
}

static void without_video_nothing_is_enqueued(void **state)
{
    fixture *f = *state;
    fix_video_cast k = fixture_video_cast(f, false);
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
