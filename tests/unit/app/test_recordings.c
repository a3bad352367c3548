/* Unit tests of app/recordings (the seller's choice, the recording following the show through
 * the outbox, the replay and video receipts), over the real SQLite adapter and the fixture's
 * video port that records what it was asked and answers as a test tells it (fake_video.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/orders.h"
#include "app/recordings.h"
#include "app/streams.h"
#include "app/video.h"
#include "base/err.h"
#include "fixture.h"

#define S_MS 1000LL

/* Run the due outbox rows with the video and recording handlers; how many ran. */
static int run_outbox(fixture *f)
{
    return fixture_video_outbox(f, app_recording_handlers, app_recording_n_handlers);
}

typedef struct cast {
    int64_t seller, product, show, ali, bala;
} cast;

/* The fixture's video port; a seller's scheduled show of one lot, recorded; two buyers. */
static void new_cast(fixture *f, cast *k)
{
    fixture_video(f);
    k->seller = fixture_seller(f, "kedai");
    k->product = fixture_product(f, k->seller, 2);
    k->show = fixture_show(f, k->seller, &k->product, 1, false);
    app_stream_view v;
    assert_int_equal(app_stream_set_record(&f->ctx, k->seller, k->show, true, &v), BZ_OK);
    assert_true(v.stream.record);
    k->ali = fixture_user(f, "ali");
    k->bala = fixture_user(f, "bala");
}

static void go_live(fixture *f, cast *k)
{
    app_stream_view v;
    assert_int_equal(app_stream_go_live(&f->ctx, k->seller, k->show, &v), BZ_OK);
}

static void end_show(fixture *f, cast *k)
{
    app_stream_view v;
    assert_int_equal(app_stream_end(&f->ctx, k->seller, k->show, &v), BZ_OK);
}

static show_recording recording(fixture *f, int64_t show)
{
    show_recording r;
    assert_int_equal(store_recording_get(f->ctx.store, show, f->ctx.arena, &r), BZ_OK);
    return r;
}

/* The show's replay, as the page asks for it (asserts it answers). */
static app_replay replay(fixture *f, int64_t show)
{
    app_replay rp;
    assert_int_equal(app_replay_get(&f->ctx, show, &rp), BZ_OK);
    return rp;
}

/* The outbox rows parked for an operator. */
static int64_t parked(fixture *f)
{
    store_outbox_counts counts;
    assert_int_equal(store_outbox_stats(f->ctx.store, &counts), BZ_OK);
    return counts.parked;
}

/* The cast's show went live, recorded and ended; the provider answers the recording's finishing
 * with `finish_rc`. The room's closing, the stop and the first finishing have run. */
static void recorded_and_ended(fixture *f, cast *k, int finish_rc)
{
    new_cast(f, k);
    go_live(f, k);
    run_outbox(f);
    f->video.record_finish_rc = finish_rc;
    end_show(f, k);
    assert_int_equal(run_outbox(f), 3);
}

/* An auction of the show's lot won by `winner` for `amount`, closed 30 s later. */
static int64_t sell(fixture *f, cast *k, int64_t winner, int64_t amount)
{
    app_auction_input in = {.product_id = k->product, .starting_bid = amount, .duration_s = 30};
    int64_t a = 0;
    assert_int_equal(fixture_start(f, k->seller, k->show, &in, &a), BZ_OK);
    fixture_bid(f, a, winner, amount);
    f->ctx.now += 30 * S_MS;
    assert_int_equal(app_auction_close(&f->ctx, a, NULL), BZ_OK);
    return a;
}

static void the_seller_chooses_before_going_live(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k);
    app_stream_view v;
    /* scheduling records by default */
    app_stream_input in = {.title = "Malam kamera",
                           .starts_at = f->ctx.now + 3600 * S_MS,
                           .product_ids = &k.product,
                           .n_products = 1};
    assert_int_equal(app_stream_create(&f->ctx, k.seller, &in, &v), BZ_OK);
    assert_true(v.stream.record);
    int64_t other = v.stream.id;
    assert_int_equal(app_stream_set_record(&f->ctx, k.seller, other, false, &v), BZ_OK);
    assert_false(v.stream.record);
    assert_int_equal(app_stream_set_record(&f->ctx, k.ali, other, true, &v), BZ_EFORBIDDEN);
    assert_int_equal(app_stream_set_record(&f->ctx, k.seller, 424242, true, &v), BZ_ENOTFOUND);
    /* settled once live */
    go_live(f, &k);
    assert_int_equal(app_stream_set_record(&f->ctx, k.seller, k.show, false, &v), BZ_ECONFLICT);
    assert_string_equal(f->ctx.err.field, "record");
    /* a show that is not recorded gets no recording */
    assert_int_equal(app_stream_go_live(&f->ctx, k.seller, other, &v), BZ_OK);
    run_outbox(f);
    assert_int_equal(f->video.record_starts, 1); /* the recorded one only */
    show_recording r;
    assert_int_equal(store_recording_get(f->ctx.store, other, f->ctx.arena, &r), BZ_ENOTFOUND);
    app_replay rp = replay(f, other);
    assert_false(rp.has_recording);
    assert_false(rp.stream.record);
}

static void a_show_is_recorded_stored_and_replayed(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k);
    go_live(f, &k);
    assert_string_equal(recording(f, k.show).state, RECORDING_PENDING);
    int64_t live_at = f->ctx.now;
    assert_int_equal(run_outbox(f), 2); /* the room, then the recording */
    assert_int_equal(f->video.room_opens, 1);
    assert_int_equal(f->video.record_starts, 1);
    show_recording r = recording(f, k.show);
    assert_string_equal(r.state, RECORDING_RECORDING);
    char id[64], key[128];
    snprintf(id, sizeof(id), "s%" PRId64 "-%" PRId64, k.show, live_at);
    snprintf(key, sizeof(key), "recordings/show-%" PRId64 "/%s.webm", k.show, id);
    assert_string_equal(r.provider_id, id);
    assert_string_equal(r.video_key, key);
    assert_int_equal(r.started_at, live_at);

    /* a lot sells while it records; a viewer receipt points at it */
    f->ctx.now += 10 * S_MS;
    int64_t lot_at = f->ctx.now;
    int64_t a = sell(f, &k, k.ali, 1200);
    app_order_page page;
    assert_int_equal(app_order_list(&f->ctx, k.ali, false, 0, 10, &page), BZ_OK);
    assert_int_equal(page.n, 1);
    assert_int_equal(page.receipts[0].stream_id, k.show);
    assert_int_equal(page.receipts[0].at_ms, lot_at + 30 * S_MS - live_at);
    assert_false(page.receipts[0].ready);

    /* the end stops it; the stop enqueues the files; the replay plays them */
    f->ctx.now += 5 * S_MS;
    end_show(f, &k);
    assert_int_equal(run_outbox(f), 3); /* room closed, stopped, finished */
    assert_int_equal(f->video.room_closes, 1);
    assert_int_equal(f->video.record_stops, 1);
    assert_int_equal(f->video.record_finishes, 1);
    assert_string_equal(f->video.finish_key, key);
    r = recording(f, k.show);
    assert_string_equal(r.state, RECORDING_READY);
    assert_int_equal(r.started_at, live_at + 1500); /* the files' own time 0 */
    assert_int_equal(r.stopped_at, f->ctx.now);
    assert_string_equal(r.video_type, "video/webm");
    assert_string_equal(r.audio_type, "audio/ogg");
    assert_int_equal(r.audio_offset_ms, 20);
    assert_string_equal(r.reason, "");
    assert_int_equal(run_outbox(f), 0);

    app_replay rp = replay(f, k.show);
    assert_true(rp.has_recording);
    char url[160];
    snprintf(url, sizeof(url), "/media/%s", key);
    assert_string_equal(rp.video_url, url);
    assert_non_null(strstr(rp.audio_url, ".opus"));
    assert_int_equal(rp.n_lots, 1);
    assert_int_equal(rp.lots[0].lot.auction_id, a);
    assert_int_equal(rp.lots[0].start_ms, lot_at - live_at - 1500);
    assert_int_equal(rp.lots[0].decided_ms, lot_at + 30 * S_MS - live_at - 1500);
    assert_true(rp.lots[0].lot.sold);
    assert_int_equal(rp.lots[0].lot.sale.amount, 1200);
    assert_int_equal(rp.lots[0].lot.sale.buyer_id, 0); /* ali does not show their name */
    assert_null(rp.lots[0].lot.sale.buyer_username);

    /* the receipt, buyer's and seller's, now on the files' timeline */
    assert_int_equal(app_order_list(&f->ctx, k.ali, false, 0, 10, &page), BZ_OK);
    assert_int_equal(page.receipts[0].at_ms, rp.lots[0].decided_ms);
    assert_true(page.receipts[0].ready);
    assert_int_equal(app_order_list(&f->ctx, k.seller, true, 0, 10, &page), BZ_OK);
    assert_int_equal(page.receipts[0].stream_id, k.show);
    assert_true(page.receipts[0].ready);
}

static void a_show_that_ends_first_records_nothing(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k);
    f->video.record_start_rc = BZ_ENOTFOUND; /* the room is not there yet */
    go_live(f, &k);
    assert_int_equal(run_outbox(f), 2);
    assert_string_equal(recording(f, k.show).state, RECORDING_PENDING);
    end_show(f, &k);
    f->video.record_start_rc = BZ_OK;
    run_outbox(f); /* the close and the stop are due; the start waits for its retry */
    show_recording r = recording(f, k.show);
    assert_string_equal(r.state, RECORDING_SKIPPED);
    assert_string_equal(r.reason, "the show ended before recording started");
    f->ctx.now += 3600 * S_MS; /* the start's retry: nothing to start any more */
    assert_int_equal(run_outbox(f), 1);
    assert_int_equal(f->video.record_starts, 0);
    assert_int_equal(f->video.record_stops, 0);
    app_replay rp = replay(f, k.show);
    assert_null(rp.video_url);
    assert_string_equal(rp.rec.state, RECORDING_SKIPPED);
}

/* A stop on another node skips the recording while this start talks to the provider. */
static void skip_meanwhile(fake_video *v, int64_t stream_id)
{
    show_recording r = recording(v->f, stream_id);
    r.state = RECORDING_SKIPPED;
    r.reason = "the show ended before recording started";
    assert_int_equal(store_recording_update(v->f->ctx.store, &r, RECORDING_PENDING), BZ_OK);
}

static void a_start_that_loses_the_race_stops_what_it_started(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k);
    f->video.during_record_start = skip_meanwhile;
    go_live(f, &k);
    assert_int_equal(run_outbox(f), 2);
    assert_int_equal(f->video.record_starts, 1);
    assert_int_equal(f->video.record_stops, 1);
    assert_string_equal(recording(f, k.show).state, RECORDING_SKIPPED);
}

static void finishing_waits_for_the_provider_and_says_why_it_failed(void **state)
{
    fixture *f = *state;
    cast k;
    recorded_and_ended(f, &k, BZ_EUNAVAILABLE); /* LiveKit: the egress is still ending */
    assert_string_equal(recording(f, k.show).state, RECORDING_PROCESSING);
    f->video.record_finish_rc = BZ_EBADREQUEST; /* then it failed: parked, and the show says so */
    f->ctx.now += 3600 * S_MS;
    assert_int_equal(run_outbox(f), 1);
    show_recording r = recording(f, k.show);
    assert_string_equal(r.state, RECORDING_FAILED);
    assert_non_null(strstr(r.reason, "could not be made playable"));
    assert_int_equal(parked(f), 1);
    /* an operator retries the parked row once the cause is fixed */
    store_outbox_row *rows = NULL;
    store_page pg = {0};
    assert_int_equal(store_outbox_list(f->ctx.store, "parked", 0, 10, f->ctx.arena, &rows, &pg),
                     BZ_OK);
    assert_int_equal(store_outbox_requeue(f->ctx.store, rows[0].id, f->ctx.now), BZ_OK);
    f->video.record_finish_rc = BZ_OK;
    assert_int_equal(run_outbox(f), 1);
    r = recording(f, k.show);
    assert_string_equal(r.state, RECORDING_READY);
    assert_string_equal(r.reason, "");
}

static void nothing_recorded_is_a_failure_that_says_so(void **state)
{
    fixture *f = *state;
    cast k;
    recorded_and_ended(f, &k, BZ_ENOTFOUND); /* the seller never published */
    show_recording r = recording(f, k.show);
    assert_string_equal(r.state, RECORDING_FAILED);
    assert_non_null(strstr(r.reason, "nothing was recorded"));
    assert_int_equal(parked(f), 0); /* an outcome, not an operator's problem */
    app_replay rp = replay(f, k.show);
    assert_null(rp.video_url);
    assert_int_equal(rp.n_lots, 0);
}

static void without_video_nothing_is_recorded(void **state)
{
    fixture *f = *state;
    cast k;
    new_cast(f, &k);
    f->env.video = NULL;
    go_live(f, &k);
    sell(f, &k, k.bala, 1500);
    end_show(f, &k);
    show_recording r;
    assert_int_equal(store_recording_get(f->ctx.store, k.show, f->ctx.arena, &r), BZ_ENOTFOUND);
    assert_int_equal(run_outbox(f), 0);
    app_order_page page;
    assert_int_equal(app_order_list(&f->ctx, k.bala, false, 0, 10, &page), BZ_OK);
    assert_int_equal(page.receipts[0].stream_id, 0);
    app_replay rp = replay(f, k.show);
    assert_false(rp.has_recording);
    assert_int_equal(rp.n_lots, 1);
    assert_int_equal(rp.lots[0].start_ms, -1); /* nothing to place them on */
}

static void the_timeline_clamps(void **state)
{
    (void)state;
    show_recording r = {.state = RECORDING_READY, .started_at = 1000, .video_key = "k"};
    assert_int_equal(recording_offset_ms(&r, 500), 0);
    assert_int_equal(recording_offset_ms(&r, 4000), 3000);
    r.duration_ms = 2000;
    assert_int_equal(recording_offset_ms(&r, 4000), 2000);
    assert_true(recording_playable(&r));
    r.video_key = "";
    assert_false(recording_playable(&r));
    r.audio_key = "a.opus";
    assert_true(recording_playable(&r));
    r.state = RECORDING_PROCESSING;
    assert_false(recording_playable(&r));
    assert_true(recording_state_ok("skipped"));
    assert_false(recording_state_ok("done"));
    assert_false(recording_state_ok(NULL));
    recording_lot lot = {.started_at = 10, .ended_at = 0};
    assert_int_equal(recording_lot_decided_at(&lot), 10);
    lot.ended_at = 40;
    assert_int_equal(recording_lot_decided_at(&lot), 40);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
UNIT_MAIN(T(the_seller_chooses_before_going_live), T(a_show_is_recorded_stored_and_replayed),
          T(a_show_that_ends_first_records_nothing),
          T(a_start_that_loses_the_race_stops_what_it_started),
          T(finishing_waits_for_the_provider_and_says_why_it_failed),
          T(nothing_recorded_is_a_failure_that_says_so), T(without_video_nothing_is_recorded),
          cmocka_unit_test(the_timeline_clamps))
