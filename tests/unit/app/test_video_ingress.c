/* Unit tests of app/video_ingress (streaming from OBS into a show): who may ask, the request
 * going through the outbox to the provider, the endpoint dropped by its seller or by the end of
 * the show, the races between them, and the stream key kept out of every payload and error.
 * Over the real SQLite adapter and the fixture's video port that records what it is asked
 * (fake_video.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/streams.h"
#include "app/video.h"
#include "app/video_ingress.h"
#include "base/err.h"
#include "fixture.h"

#define KEY FAKE_VIDEO_STREAM_KEY /* what the fixture's video port answers */

/* Run the due outbox rows with the room's and the ingress's handlers; how many ran. */
static int run_outbox(fixture *f)
{
    return fixture_video_outbox(f, app_ingress_handlers, app_ingress_n_handlers);
}

typedef fix_video_cast cast;

static cast new_cast(fixture *f, bool live)
{
    cast k = fixture_video_cast(f, live);
    run_outbox(f); /* a live show's room opening: not under test */
    return k;
}

static int ask(fixture *f, int64_t who, int64_t show, show_ingress *out)
{
    return app_ingress_request(&f->ctx, who, show, out);
}

/* Ask for the show's endpoint and let the worker create it. */
static void make_ready(fixture *f, const cast *k)
{
    show_ingress in;
    assert_int_equal(ask(f, k->seller, k->show, &in), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(app_ingress_get(&f->ctx, k->seller, k->show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_READY);
}

/* End the show and run what that enqueued: the ingress's deletion and the room's closing. */
static void end_show(fixture *f, const cast *k)
{
    app_stream_view v;
    assert_int_equal(app_stream_end(&f->ctx, k->seller, k->show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 2);
}

static void the_worker_creates_it_and_the_seller_reads_it(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f, false); /* a scheduled show: OBS is set up before going live */
    show_ingress in;
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_PENDING);
    assert_string_equal(in.url, "");
    assert_int_equal(f->video.ingress_creates, 0); /* not from the request: from the worker */
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_PENDING);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(f->video.ingress_creates, 1);
    assert_int_equal(f->video.ingress_stream, k.show);
    char want[VIDEO_IDENTITY_MAX];
    snprintf(want, sizeof(want), "obs-u%lld", (long long)k.seller);
    assert_string_equal(f->video.ingress_identity, want);
    app_ingress_identity(k.seller, want);
    assert_string_equal(f->video.ingress_identity, want);
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_READY);
    assert_string_equal(in.ingress_id, "IN_1");
    assert_string_equal(in.url, "https://ingress.example/w");
    assert_string_equal(in.stream_key, KEY);
    assert_true(in.whip);
    /* asking again answers the same endpoint and creates nothing */
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_READY);
    assert_int_equal(run_outbox(f), 0);
    assert_int_equal(f->video.ingress_creates, 1);
    /* it outlives going live */
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(run_outbox(f), 1); /* the room's opening */
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_READY);
}

static void only_its_seller_and_only_with_ingress(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f, true);
    show_ingress in;
    assert_int_equal(ask(f, 0, k.show, &in), BZ_EUNAUTHORIZED);
    assert_int_equal(ask(f, k.ali, k.show, &in), BZ_EFORBIDDEN);
    int64_t other = fixture_seller(f, "lain");
    assert_int_equal(ask(f, other, k.show, &in), BZ_EFORBIDDEN);
    assert_int_equal(ask(f, k.seller, k.show + 1000, &in), BZ_ENOTFOUND);
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_ENOTFOUND);
    assert_int_equal(app_ingress_drop(&f->ctx, k.ali, k.show), BZ_EFORBIDDEN);
    /* a provider without ingress (Janus) is refused up front, with why */
    f->video.base.ops = &fake_video_ops_without_ingress;
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_EUNSUPPORTED);
    assert_non_null(strstr(f->ctx.err.message, "LiveKit"));
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_EUNSUPPORTED);
    assert_int_equal(ask(f, k.ali, k.show, &in), BZ_EFORBIDDEN); /* who comes first */
    /* no video at all */
    f->env.video = NULL;
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_EUNAVAILABLE);
    f->env.video = &f->video.base;
    f->video.base.ops = &fake_video_ops;
    /* an ended show takes none */
    app_stream_view v;
    assert_int_equal(app_stream_end(&f->ctx, k.seller, k.show, &v), BZ_OK);
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_ECONFLICT);
    assert_int_equal(run_outbox(f), 1); /* the room's closing, nothing else */
    assert_int_equal(f->video.ingress_creates, 0);
}

static void the_end_of_the_show_deletes_it(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f, true);
    make_ready(f, &k);
    end_show(f, &k);
    show_ingress in;
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_ENOTFOUND);
    assert_int_equal(f->video.ingress_deletes, 1);
    assert_string_equal(f->video.deleted_ingress, "IN_1");
    assert_int_equal(f->video.room_closes, 1);
}

static void the_seller_drops_it(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f, true);
    show_ingress in;
    assert_int_equal(app_ingress_drop(&f->ctx, k.seller, k.show), BZ_OK); /* none: fine */
    make_ready(f, &k);
    assert_int_equal(app_ingress_drop(&f->ctx, k.seller, k.show), BZ_OK);
    assert_int_equal(app_ingress_drop(&f->ctx, k.seller, k.show), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(f->video.ingress_deletes, 1);
    /* asking again makes a new one */
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_PENDING);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.ingress_id, "IN_2");
    /* a pending one dropped is never created */
    assert_int_equal(app_ingress_drop(&f->ctx, k.seller, k.show), BZ_OK);
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_OK);
    assert_int_equal(app_ingress_drop(&f->ctx, k.seller, k.show), BZ_OK);
    while (run_outbox(f) > 0) {
    }
    assert_int_equal(f->video.ingress_creates, 2);
    assert_int_equal(f->video.ingress_deletes, 2);
}

/* The seller drops the endpoint while the provider creates it. */
static void drop_meanwhile(fake_video *v, int64_t stream_id)
{
    (void)stream_id;
    fixture_sql(v->f, "DELETE FROM stream_ingresses");
}

static void one_created_after_its_drop_is_deleted(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f, true);
    show_ingress in;
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_OK);
    f->video.during_ingress_create = drop_meanwhile;
    assert_int_equal(run_outbox(f), 2); /* the creation, then the deletion it enqueued */
    assert_int_equal(f->video.ingress_creates, 1);
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_ENOTFOUND);
    assert_int_equal(f->video.ingress_deletes, 1);
    assert_string_equal(f->video.deleted_ingress, "IN_1");
}

static void a_refusal_is_shown_and_asking_again_starts_over(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f, true);
    show_ingress in;
    f->video.ingress_create_rc = BZ_EUNAVAILABLE; /* passing: retried */
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_OK);
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_PENDING);
    f->video.ingress_create_rc = BZ_EBADREQUEST; /* for good: parked, and the seller sees it */
    f->ctx.now += 3600 * 1000LL;
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_FAILED);
    assert_true(strlen(in.error) > 0);
    f->video.ingress_create_rc = BZ_OK;
    assert_int_equal(ask(f, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_PENDING);
    assert_string_equal(in.error, "");
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(app_ingress_get(&f->ctx, k.seller, k.show, &in), BZ_OK);
    assert_string_equal(in.state, INGRESS_READY);
}

static void the_stream_key_stays_out_of_the_outbox(void **state)
{
    fixture *f = *state;
    cast k = new_cast(f, true);
    make_ready(f, &k);
    end_show(f, &k);
    store_outbox_row *rows = NULL;
    store_page page;
    assert_int_equal(store_outbox_list(f->ctx.store, NULL, 0, 100, f->ctx.arena, &rows, &page),
                     BZ_OK);
    assert_true(page.n >= 3);
    for (size_t i = 0; i < page.n; i++) {
        assert_null(strstr(rows[i].payload, KEY));
        assert_null(strstr(rows[i].last_error, KEY));
    }
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
UNIT_MAIN(T(the_worker_creates_it_and_the_seller_reads_it),
          T(only_its_seller_and_only_with_ingress), T(the_end_of_the_show_deletes_it),
          T(the_seller_drops_it), T(one_created_after_its_drop_is_deleted),
          T(a_refusal_is_shown_and_asking_again_starts_over),
          T(the_stream_key_stays_out_of_the_outbox))
