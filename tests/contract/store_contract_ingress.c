/*
 * tests/contract/store_contract_ingress.c - a show's encoder endpoint (migration 0015): one
 * row per show; a request stands while pending or ready and starts over once failed; the
 * worker's writes hold only for the request they answer; taking the row deletes it once.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static int64_t make_show(void)
{
    int64_t seller = make_seller();
    int64_t p = make_product(seller, 0, "Lot", 1000, 1);
    return create_show(seller, "Ingress show", &p, 1, 1900000000000, 1700000000000, true);
}

/* The row of `show` while request `request`, made at `made_at`, stands: nothing from the provider
 * yet. Last written at `at`. */
static show_ingress pending_of(int64_t show, int64_t request, int64_t made_at, int64_t at)
{
    return (show_ingress){.stream_id = show,
                          .request_id = request,
                          .state = "pending",
                          .ingress_id = "",
                          .url = "",
                          .stream_key = "",
                          .error = "",
                          .created_at = made_at,
                          .updated_at = at};
}

static show_ingress ready_of(int64_t show, int64_t request, const char *id)
{
    return (show_ingress){.stream_id = show,
                          .request_id = request,
                          .ingress_id = id,
                          .url = "https://ingress.example/w",
                          .stream_key = "sk-secret",
                          .whip = true};
}

/* The show's row, read back, is `want`: every column. */
static void expect_ingress(int64_t show, const show_ingress *want)
{
    show_ingress in;
    OK(store_ingress_get(S, show, A, &in));
    assert_int_equal(in.stream_id, want->stream_id);
    assert_int_equal(in.request_id, want->request_id);
    assert_string_equal(in.state, want->state);
    assert_string_equal(in.ingress_id, want->ingress_id);
    assert_string_equal(in.url, want->url);
    assert_string_equal(in.stream_key, want->stream_key);
    assert_int_equal(in.whip, want->whip);
    assert_string_equal(in.error, want->error);
    assert_int_equal(in.created_at, want->created_at);
    assert_int_equal(in.updated_at, want->updated_at);
}

void test_ingress_request_and_ready(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t show = make_show(), r1 = new_id(), r2 = new_id();
    show_ingress in;
    assert_int_equal(store_ingress_get(S, show, A, &in), BZ_ENOTFOUND);
    bool added = false;
    OK(store_ingress_request(S, show, r1, 1000, &added));
    assert_true(added);
    show_ingress pending = pending_of(show, r1, 1000, 1000);
    expect_ingress(show, &pending);
    /* a pending request stands: asking again changes nothing */
    OK(store_ingress_request(S, show, r2, 2000, &added));
    assert_false(added);
    OK(store_ingress_get(S, show, A, &in));
    assert_int_equal(in.request_id, r1);
    /* only the request the row answers may fill it */
    show_ingress wrong = ready_of(show, r2, "IN_wrong");
    assert_int_equal(store_ingress_ready(S, &wrong, 3000), BZ_ENOTFOUND);
    show_ingress right = ready_of(show, r1, "IN_1");
    OK(store_ingress_ready(S, &right, 3000));
    show_ingress ready = right;
    ready.state = "ready";
    ready.error = "";
    ready.created_at = 1000;
    ready.updated_at = 3000;
    expect_ingress(show, &ready);
    /* once ready, neither a second fill nor a failure applies, and a request stands */
    assert_int_equal(store_ingress_ready(S, &right, 3500), BZ_ENOTFOUND);
    assert_int_equal(store_ingress_failed(S, show, r1, "late", 3500), BZ_ENOTFOUND);
    OK(store_ingress_request(S, show, r2, 4000, NULL));
    OK(store_ingress_get(S, show, A, &in));
    assert_string_equal(in.state, "ready");
    assert_int_equal(in.request_id, r1);
    /* a show that does not exist has no endpoint to ask for */
    assert_int_equal(store_ingress_request(S, show + 1000000, r2, 4000, &added), BZ_ENOTFOUND);
    assert_false(added);
}

void test_ingress_failed_starts_over(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t show = make_show(), r1 = new_id(), r2 = new_id();
    OK(store_ingress_request(S, show, r1, 1000, NULL));
    assert_int_equal(store_ingress_failed(S, show, r2, "not mine", 1500), BZ_ENOTFOUND);
    OK(store_ingress_failed(S, show, r1, "bad_request: refused", 2000));
    show_ingress in;
    OK(store_ingress_get(S, show, A, &in));
    assert_string_equal(in.state, "failed");
    assert_string_equal(in.error, "bad_request: refused");
    bool added = false;
    OK(store_ingress_request(S, show, r2, 3000, &added));
    assert_true(added);
    show_ingress again = pending_of(show, r2, 1000, 3000);
    expect_ingress(show, &again);
    /* the old request's result no longer lands */
    show_ingress old = ready_of(show, r1, "IN_old");
    assert_int_equal(store_ingress_ready(S, &old, 3500), BZ_ENOTFOUND);
}

void test_ingress_take(void **state)
{
    (void)state;
    bz_arena_reset(A);
    int64_t show = make_show(), other = make_show(), r1 = new_id(), r2 = new_id();
    show_ingress in;
    assert_int_equal(store_ingress_take(S, show, A, &in), BZ_ENOTFOUND);
    OK(store_ingress_request(S, show, r1, 1000, NULL));
    OK(store_ingress_request(S, other, r2, 1000, NULL));
    show_ingress ready = ready_of(show, r1, "IN_take");
    OK(store_ingress_ready(S, &ready, 2000));
    memset(&in, 0, sizeof(in));
    OK(store_ingress_take(S, show, A, &in));
    assert_int_equal(in.stream_id, show);
    assert_string_equal(in.state, "ready");
    assert_string_equal(in.ingress_id, "IN_take");
    assert_int_equal(store_ingress_take(S, show, A, &in), BZ_ENOTFOUND);
    assert_int_equal(store_ingress_get(S, show, A, &in), BZ_ENOTFOUND);
    assert_int_equal(store_ingress_ready(S, &ready, 2500), BZ_ENOTFOUND);
    OK(store_ingress_get(S, other, A, &in)); /* another show's row is untouched */
    /* inside a transaction that rolls back, the row stays */
    OK(store_begin(S));
    OK(store_ingress_take(S, other, A, &in));
    OK(store_rollback(S));
    OK(store_ingress_get(S, other, A, &in));
    /* a new request after a take is a new row */
    bool added = false;
    OK(store_ingress_request(S, show, new_id(), 3000, &added));
    assert_true(added);
}
