/* Unit tests of app/cohosts (a show's co-hosts: the rules of inviting and removing, the room's
 * show:stage event, co-host grants, and the provider's side through the outbox), over the real
 * SQLite adapter and the fixture's video port that records what it was asked (fake_video.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/cohosts.h"
#include "app/moderation.h"
#include "app/streams.h"
#include "app/video.h"
#include "base/err.h"
#include "fixture.h"

/* Run the due outbox rows with the video and co-host handlers; how many ran. */
static int run_outbox(fixture *f)
{
    return fixture_video_outbox(f, app_cohost_handlers, app_cohost_n_handlers);
}

typedef struct cast {
    int64_t seller, show, ali, bala, chong, dewi;
    char u_ali[32], u_bala[32];
} cast;

static void new_cast(fixture *f, cast *k, bool live)
{
    fix_video_cast c = fixture_video_cast(f, false);
    *k = (cast){.seller = c.seller, .show = c.show, .ali = c.ali};
    k->bala = fixture_user(f, "bala");
    k->chong = fixture_user(f, "chong");
    k->dewi = fixture_user(f, "dewi");
    snprintf(k->u_ali, sizeof(k->u_ali), "u%lld", (long long)k->ali);
    snprintf(k->u_bala, sizeof(k->u_bala), "u%lld", (long long)k->bala);
    if (live) {
        app_stream_view v;
        assert_int_equal(app_stream_go_live(&f->ctx, k->seller, k->show, &v), BZ_OK);
        assert_int_equal(run_outbox(f), 1); /* the room opens */
    }
}

static int invite(fixture *f, int64_t actor, int64_t show, const char *username, bool *created)
{
    show_cohost c;
    bool dummy;
    return app_cohost_invite(&f->ctx, actor, show, username, &c, created ? created : &dummy);
}

static int cohost_grant(fixture *f, int64_t actor, int64_t show)
{
    video_grant g;
    return app_video_grant(&f->ctx, actor, show, VIDEO_COHOST, &g);
}

static void only_the_seller_invites_by_username(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, true);
    bool created = false;
    assert_int_equal(invite(f, 0, k.show, "ali", NULL), BZ_EUNAUTHORIZED);
    assert_int_equal(invite(f, k.bala, k.show, "ali", NULL), BZ_EFORBIDDEN);
    assert_int_equal(invite(f, k.seller, k.show + 999, "ali", NULL), BZ_ENOTFOUND);
    assert_int_equal(invite(f, k.seller, k.show, "nobody", NULL), BZ_ENOTFOUND);
    assert_string_equal(f->ctx.err.field, "username");
    assert_int_equal(invite(f, k.seller, k.show, "", NULL), BZ_EVALIDATION);
    assert_int_equal(invite(f, k.seller, k.show, "kedai", NULL), BZ_ECOHOSTSELF);
    show_cohost c;
    assert_int_equal(app_cohost_invite(&f->ctx, k.seller, k.show, "@ALI", &c, &created), BZ_OK);
    assert_true(created);
    assert_int_equal(c.user_id, k.ali);
    assert_string_equal(c.username, "ali");
    assert_int_equal(c.invited_at, f->ctx.now);
    assert_int_equal(app_cohost_invite(&f->ctx, k.seller, k.show, "ali", &c, &created), BZ_OK);
    assert_false(created); /* once is enough */
    assert_int_equal(c.user_id, k.ali);
    show_cohost *list;
    size_t n;
    assert_int_equal(app_cohosts_list(&f->ctx, k.show, &list, &n), BZ_OK);
    assert_int_equal(n, 1);
    assert_int_equal(app_cohosts_list(&f->ctx, k.show + 999, &list, &n), BZ_ENOTFOUND);
}

static void banned_users_and_a_fourth_are_refused(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, false); /* a scheduled show takes co-hosts too */
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_ECOHOSTBANNED);
    (void)fixture_user(f, "eka");
    assert_int_equal(invite(f, k.seller, k.show, "bala", NULL), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "chong", NULL), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "dewi", NULL), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "eka", NULL), BZ_ECOHOSTLIMIT);
    assert_int_equal(invite(f, k.seller, k.show, "dewi", NULL), BZ_OK); /* one of them again */
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.dewi), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "eka", NULL), BZ_OK);
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(app_stream_end(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "dewi", NULL), BZ_ECONFLICT); /* over */
}

static void the_seller_removes_a_cohost_steps_down_nobody_else(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, true);
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "bala", NULL), BZ_OK);
    assert_int_equal(app_cohost_remove(&f->ctx, 0, k.show, k.ali), BZ_EUNAUTHORIZED);
    assert_int_equal(app_cohost_remove(&f->ctx, k.bala, k.show, k.ali), BZ_EFORBIDDEN);
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show + 999, k.ali), BZ_ENOTFOUND);
    assert_int_equal(app_cohost_remove(&f->ctx, k.bala, k.show, k.bala), BZ_OK); /* steps down */
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.ali), BZ_OK); /* no-op */
    show_cohost *list;
    size_t n = 9;
    assert_int_equal(app_cohosts_list(&f->ctx, k.show, &list, &n), BZ_OK);
    assert_int_equal(n, 0);
}

static void the_room_hears_every_change_of_the_stage(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, true);
    fixture_events_clear(f);
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "bala", NULL), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "bala", NULL), BZ_OK); /* nothing new */
    assert_int_equal(fixture_events_named(f, "show:stage"), 2);
    const fix_event *e = fixture_last_event(f, "show:stage");
    assert_int_equal(e->scope, EVENT_STREAM);
    assert_int_equal(e->target, k.show);
    assert_true(e->seq > 0); /* logged, so a reconnecting socket is replayed it */
    char want[256];
    snprintf(want, sizeof(want), "{\"stream_id\":\"%lld\",\"cohosts\":[{\"id\":\"%lld\"",
             (long long)k.show, (long long)k.ali);
    assert_non_null(strstr(e->json, want));
    assert_non_null(strstr(e->json, "\"username\":\"bala\""));
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.ali), BZ_OK); /* no-op */
    assert_int_equal(fixture_events_named(f, "show:stage"), 3);
    e = fixture_last_event(f, "show:stage");
    assert_null(strstr(e->json, "\"username\":\"ali\""));
    assert_non_null(strstr(e->json, "\"username\":\"bala\""));
}

static void a_cohost_grant_only_for_a_current_cohost_of_a_live_show(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, false);
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    assert_int_equal(cohost_grant(f, k.ali, k.show), BZ_ECONFLICT); /* not live yet */
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(cohost_grant(f, k.ali, k.show), BZ_OK);
    assert_int_equal(cohost_grant(f, 0, k.show), BZ_EUNAUTHORIZED);
    assert_int_equal(cohost_grant(f, k.bala, k.show), BZ_EFORBIDDEN);
    assert_int_equal(cohost_grant(f, k.seller, k.show), BZ_EFORBIDDEN); /* the seller publishes */
    int grants = f->video.grants;
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(cohost_grant(f, k.ali, k.show), BZ_EFORBIDDEN); /* at once, not later */
    assert_int_equal(f->video.grants, grants);
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    assert_int_equal(cohost_grant(f, k.ali, k.show), BZ_OK);
    assert_int_equal(app_mod_ban(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(cohost_grant(f, k.ali, k.show), BZ_EBANNED);
}

static void the_provider_learns_through_the_outbox(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, true);
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    assert_int_equal(f->video.publisher_n, 0); /* not from the request: from the worker */
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(f->video.publisher_n, 1);
    assert_string_equal(f->video.publisher_log[0] + 1, k.u_ali);
    assert_int_equal(f->video.publisher_log[0][0], '+');
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    assert_int_equal(run_outbox(f), 0); /* a co-host already: nothing more */
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(f->video.publisher_n, 2);
    assert_string_equal(f->video.publisher_log[1] + 1, k.u_ali);
    assert_int_equal(f->video.publisher_log[1][0], '-');
    /* invited again: allowed again (a new change, not the first one's dedupe key) */
    f->ctx.now += 1000;
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(f->video.publisher_n, 3);
    assert_int_equal(f->video.publisher_log[2][0], '+');
}

static void going_live_allows_the_cohosts_invited_before(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, false);
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    assert_int_equal(invite(f, k.seller, k.show, "bala", NULL), BZ_OK);
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.bala), BZ_OK);
    assert_int_equal(run_outbox(f), 0); /* no room yet: nothing for the provider */
    assert_int_equal(invite(f, k.seller, k.show, "chong", NULL), BZ_OK);
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 3); /* the room, then ali and chong */
    assert_true(f->video.room_is_open);
    assert_int_equal(f->video.publisher_n, 2);
    assert_string_equal(f->video.publisher_log[0] + 1, k.u_ali);
    assert_int_equal(f->video.publisher_log[1][0], '+');
}

static void an_allow_before_the_room_waits_and_one_after_removal_does_nothing(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, true);
    f->video.room_is_open = false; /* the room's opening has not happened yet */
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    assert_int_equal(run_outbox(f), 1); /* not found: retried later, not parked */
    assert_int_equal(f->video.publisher_n, 0);
    f->video.room_is_open = true;
    f->ctx.now += 3600 * 1000LL;
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(f->video.publisher_n, 1);
    assert_int_equal(f->video.publisher_log[0][0], '+');
    assert_string_equal(f->video.publisher_log[0] + 1, k.u_ali);
    /* the provider is down when Bala is invited; Bala is removed before it comes back */
    f->video.allow_rc = BZ_EUNAVAILABLE;
    assert_int_equal(invite(f, k.seller, k.show, "bala", NULL), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.bala), BZ_OK);
    f->video.allow_rc = BZ_OK;
    f->ctx.now += 3600 * 1000LL;
    while (run_outbox(f) > 0) {
    }
    assert_int_equal(f->video.publisher_n, 2); /* no allow for Bala; the revocation ran */
    assert_int_equal(f->video.publisher_log[1][0], '-');
    assert_string_equal(f->video.publisher_log[1] + 1, k.u_bala);
}

static void without_video_nothing_is_enqueued(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k, false);
    f->env.video = NULL;
    assert_int_equal(invite(f, k.seller, k.show, "ali", NULL), BZ_OK);
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(app_cohost_remove(&f->ctx, k.seller, k.show, k.ali), BZ_OK);
    assert_int_equal(run_outbox(f), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
UNIT_MAIN(T(only_the_seller_invites_by_username), T(banned_users_and_a_fourth_are_refused),
          T(the_seller_removes_a_cohost_steps_down_nobody_else),
          T(the_room_hears_every_change_of_the_stage),
          T(a_cohost_grant_only_for_a_current_cohost_of_a_live_show),
          T(the_provider_learns_through_the_outbox),
          T(going_live_allows_the_cohosts_invited_before),
          T(an_allow_before_the_room_waits_and_one_after_removal_does_nothing),
          T(without_video_nothing_is_enqueued))
