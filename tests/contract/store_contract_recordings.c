/*
 * tests/contract/store_contract_recordings.c - whether a show is recorded (only while it is
 * scheduled), a show's recording (one per show, changed only from the state its writer
 * read), and a show's lots as the replay marks them.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#define T0 1900000000000

static int64_t scheduled_show(int64_t seller, int64_t *product)
{
    *product = make_product(seller, 0, "Canon AE-1", 85000, 2);
    return create_show(seller, "Film cameras", product, 1, T0, T0 - 1000, false);
}

void test_stream_set_record(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller(), product;
    int64_t id = scheduled_show(seller, &product);
    show_stream st;
    OK(store_stream_get(S, id, A, &st));
    assert_false(st.record); /* as created: the caller chose */
    OK(store_stream_set_record(S, id, true, T0 - 500));
    OK(store_stream_get(S, id, A, &st));
    assert_true(st.record);
    assert_int_equal(st.updated_at, T0 - 500);
    OK(store_stream_set_record(S, id, false, T0 - 400));
    OK(store_stream_get(S, id, A, &st));
    assert_false(st.record);

    OK(store_stream_set_status(S, id, "scheduled", "live", T0));
    assert_int_equal(store_stream_set_record(S, id, true, T0 + 1), BZ_ECONFLICT);
    OK(store_stream_get(S, id, A, &st));
    assert_false(st.record);
    assert_int_equal(store_stream_set_record(S, new_id(), true, T0), BZ_ENOTFOUND);

    /* created recorded */
    show_stream rec = {.id = new_id(),
                       .seller_id = seller,
                       .title = "Recorded",
                       .description = "",
                       .starts_at = T0,
                       .record = true,
                       .created_at = T0,
                       .updated_at = T0,
                       .product_ids = &product,
                       .n_products = 1};
    OK(store_stream_create(S, &rec));
    OK(store_stream_get(S, rec.id, A, &st));
    assert_true(st.record);
}

void test_recording_lifecycle(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller(), product;
    int64_t id = scheduled_show(seller, &product);
    show_recording got;
    assert_int_equal(store_recording_get(S, id, A, &got), BZ_ENOTFOUND);

    show_recording r = {
        .stream_id = id, .state = RECORDING_PENDING, .created_at = T0, .updated_at = T0};
    OK(store_recording_create(S, &r));
    assert_int_equal(store_recording_create(S, &r), BZ_ECONFLICT);
    show_recording orphan = {.stream_id = new_id(), .state = RECORDING_PENDING};
    assert_int_equal(store_recording_create(S, &orphan), BZ_ENOTFOUND);

    OK(store_recording_get(S, id, A, &got));
    assert_string_equal(got.state, RECORDING_PENDING);
    assert_string_equal(got.provider_id, "");
    assert_string_equal(got.video_key, "");
    assert_string_equal(got.reason, "");
    assert_int_equal(got.started_at, 0);
    assert_int_equal(got.created_at, T0);

    /* started */
    r.state = RECORDING_RECORDING;
    r.provider_id = "s1-1900000000100";
    r.started_at = T0 + 100;
    r.video_key = "recordings/show-1/s1-1900000000100.webm";
    r.updated_at = T0 + 100;
    OK(store_recording_update(S, &r, RECORDING_PENDING));
    /* a second writer that read "pending" too loses */
    assert_int_equal(store_recording_update(S, &r, RECORDING_PENDING), BZ_ECONFLICT);

    /* stopped, then ready with its files */
    r.state = RECORDING_PROCESSING;
    r.stopped_at = T0 + 60000;
    OK(store_recording_update(S, &r, RECORDING_RECORDING));
    r.state = RECORDING_READY;
    r.started_at = T0 + 1500;
    r.video_type = "video/webm";
    r.audio_key = "recordings/show-1/s1-1900000000100.opus";
    r.audio_type = "audio/ogg";
    r.audio_offset_ms = -40;
    r.duration_ms = 58000;
    r.created_at = 1; /* not written */
    r.updated_at = T0 + 61000;
    OK(store_recording_update(S, &r, RECORDING_PROCESSING));
    OK(store_recording_get(S, id, A, &got));
    assert_string_equal(got.state, RECORDING_READY);
    assert_string_equal(got.provider_id, "s1-1900000000100");
    assert_int_equal(got.started_at, T0 + 1500);
    assert_int_equal(got.stopped_at, T0 + 60000);
    assert_string_equal(got.video_key, "recordings/show-1/s1-1900000000100.webm");
    assert_string_equal(got.video_type, "video/webm");
    assert_string_equal(got.audio_key, "recordings/show-1/s1-1900000000100.opus");
    assert_string_equal(got.audio_type, "audio/ogg");
    assert_int_equal(got.audio_offset_ms, -40);
    assert_int_equal(got.duration_ms, 58000);
    assert_int_equal(got.created_at, T0);
    assert_int_equal(got.updated_at, T0 + 61000);
    assert_true(recording_playable(&got));

    r.stream_id = new_id();
    assert_int_equal(store_recording_update(S, &r, RECORDING_READY), BZ_ENOTFOUND);
}

/* An ended auction of `product` in show `stream`, started at `at`, ended 30 s later. */
static int64_t ended_auction(int64_t seller, int64_t stream, int64_t product, int64_t at,
                             int64_t winner, bool cancelled)
{
    auction_lot au = new_auction(seller, stream, product, "standard", at);
    OK(store_auction_create(S, &au));
    end_auction(au.id, cancelled ? "cancelled" : "ended", at + 30000, winner);
    return au.id;
}

void test_stream_lots(void **state)
{
    bz_arena_reset(A);
    int64_t seller = make_seller();
    int64_t camera = make_product(seller, 0, "Canon AE-1", 85000, 2);
    int64_t watch = make_product(seller, 0, "Seiko 5", 45000, 1);
    const int64_t lineup[] = {camera, watch};
    int64_t show = create_show(seller, "Film cameras", lineup, 2, T0, T0 - 1000, true);
    int64_t named = make_user(), quiet = make_user();
    OK(store_user_update(S, named, NULL, NULL, 1, T0));

    int64_t a1 = ended_auction(seller, show, camera, T0 + 10000, named, false);
    int64_t a2 = ended_auction(seller, show, watch, T0 + 50000, 0, true);
    int64_t a3 = ended_auction(seller, show, camera, T0 + 90000, quiet, false);
    const int64_t buyers[] = {named, quiet};
    const int64_t sold[] = {a1, a3};
    for (int i = 0; i < 2; i++) {
        order_record o = {.id = new_id(),
                          .auction_id = sold[i],
                          .buyer_id = buyers[i],
                          .seller_id = seller,
                          .product_id = camera,
                          .amount = 1200 + i,
                          .created_at = T0 + 40000 + 80000 * i,
                          .updated_at = T0 + 40000 + 80000 * i};
        OK(store_order_create(S, &o));
    }

    recording_lot *lots = NULL;
    size_t n = 0;
    OK(store_stream_lots(S, show, A, &lots, &n));
    assert_int_equal(n, 3);
    assert_int_equal(lots[0].auction_id, a1);
    assert_int_equal(lots[0].product_id, camera);
    assert_string_equal(lots[0].title, "Canon AE-1");
    assert_string_equal(lots[0].status, "ended");
    assert_int_equal(lots[0].started_at, T0 + 10000);
    assert_int_equal(lots[0].ended_at, T0 + 40000);
    assert_true(lots[0].sold);
    assert_int_equal(lots[0].sale.auction_id, a1);
    assert_int_equal(lots[0].sale.stream_id, show);
    assert_int_equal(lots[0].sale.amount, 1200);
    assert_int_equal(lots[0].sale.sold_at, T0 + 40000);
    assert_int_equal(lots[0].sale.buyer_id, named);
    assert_non_null(lots[0].sale.buyer_username);
    assert_true(lots[0].sale.buyer_shows_name);

    assert_int_equal(lots[1].auction_id, a2);
    assert_string_equal(lots[1].title, "Seiko 5");
    assert_string_equal(lots[1].status, "cancelled");
    assert_false(lots[1].sold);
    assert_int_equal(lots[1].sale.amount, 0);
    assert_int_equal(lots[1].sale.buyer_id, 0);

    assert_int_equal(lots[2].auction_id, a3);
    assert_true(lots[2].sold);
    assert_int_equal(lots[2].sale.amount, 1201);
    assert_int_equal(lots[2].sale.buyer_id, quiet);
    assert_false(lots[2].sale.buyer_shows_name);

    OK(store_stream_lots(S, new_id(), A, &lots, &n));
    assert_int_equal(n, 0);
}
