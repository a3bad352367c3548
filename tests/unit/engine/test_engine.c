/*
 * tests/unit/engine/test_engine.c - the auction engine over a real SQLite
 * file: batching (a queue drained in one transaction), arrival order,
 * completions, synchronous callers, closing timers with a test clock
 * (re-armed after a soft-close extension), and exactly one close (one order)
 * with two engines on one database.
 */
#include "app/auctions.h"
#include "base/err.h"
#include "base/rand.h"
#include "base/time.h"
#include "crypto/crypto_impl.h"
#include "domain/increment.h"
#include "engine/engine.h"
#include "engine/timer_heap.h"
#include "store/sqlite/sqlite_store.h"
#include "wire/events.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "test_util.h"
#include "unit_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEY     "t1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define BIDDERS 10

typedef struct fx {
    char dir[64], path[128];
    app_env env;
    app_ctx ctx; /* the test's own connection */
    int64_t seller, stream, product, bidders[BIDDERS];
    _Atomic int64_t clock_ms;
    bool use_clock;
    atomic_int closed;
} fx;

static int64_t test_clock(void *udata)
{
    return atomic_load(&((fx *)udata)->clock_ms);
}

static int open_ctx(void *udata, app_ctx **out)
{
    fx *f = udata;
    app_ctx *c = calloc(1, sizeof(*c));
    c->env = &f->env;
    c->arena = bz_arena_new(16384);
    int rc = sqlite_store_open(f->path, &c->store);
    *out = c;
    return rc;
}

static void close_ctx(void *udata, app_ctx *c)
{
    (void)udata;
    store_close(c->store);
    bz_arena_free(c->arena);
    free(c);
}

static void on_closed(void *udata, int64_t auction_id)
{
    (void)auction_id;
    atomic_fetch_add(&((fx *)udata)->closed, 1);
}

static engine *new_engine(fx *f, int batch_max)
{
    engine_config cfg;
    engine_config_defaults(&cfg);
    cfg.batch_max = batch_max;
    cfg.open = open_ctx;
    cfg.close = close_ctx;
    cfg.udata = f;
    cfg.on_closed = on_closed;
    if (f->use_clock) {
        cfg.clock = test_clock;
    }
    engine *e = NULL;
    assert_int_equal(engine_new(&cfg, &e), BZ_OK);
    assert_int_equal(engine_start(e), BZ_OK);
    return e;
}

static int64_t make_user(fx *f, const char *name)
{
    char email[64];
    snprintf(email, sizeof(email), "%s@example.my", name);
    account_user u = {.id = bz_id_new(bz_now_ms()),
                      .email = email,
                      .username = name,
                      .display_name = "",
                      .bio = "",
                      .password_hash = "x",
                      .created_at = 1,
                      .updated_at = 1};
    assert_int_equal(store_user_create(f->ctx.store, &u), BZ_OK);
    return u.id;
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/bz-engine-test.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
    crypto_keyring ring;
    crypto_password_cost cost = crypto_password_cost_min();
    assert_int_equal(crypto_keyring_parse(KEY, &ring, NULL, 0), BZ_OK);
    assert_int_equal(crypto_open_with_cost(&ring, &cost, &f->env.crypto), BZ_OK);
    assert_int_equal(crypto_set_log_keys(f->env.crypto, &ring, NULL, 0), BZ_OK); /* bid log */
    app_config_defaults(&f->env.cfg);
    f->env.encoder = wire_encoder();
    f->ctx.env = &f->env;
    f->ctx.arena = bz_arena_new(16384);
    assert_int_equal(sqlite_store_open(f->path, &f->ctx.store), BZ_OK);
    assert_int_equal(store_migrate(f->ctx.store, NULL), BZ_OK);
    f->seller = make_user(f, "seller");
    catalog_seller sl = {.id = f->seller,
                         .shop_name = "Kedai",
                         .description = "",
                         .pickup = {"1 Jalan", "", "Kuching", "Sarawak", "93000"},
                         .created_at = 1};
    assert_int_equal(store_seller_create(f->ctx.store, &sl), BZ_OK);
    for (int i = 0; i < BIDDERS; i++) {
        char name[16];
        snprintf(name, sizeof(name), "bidder%d", i);
        f->bidders[i] = make_user(f, name);
    }
    catalog_product p = {.id = bz_id_new(bz_now_ms()),
                         .seller_id = f->seller,
                         .title = "Lot",
                         .description = "",
                         .condition = "good",
                         .quantity = 1,
                         .created_at = 1,
                         .updated_at = 1};
    assert_int_equal(store_product_create(f->ctx.store, &p), BZ_OK);
    f->product = p.id;
    show_stream st = {.id = bz_id_new(bz_now_ms()),
                      .seller_id = f->seller,
                      .title = "Show",
                      .starts_at = 1,
                      .created_at = 1,
                      .updated_at = 1,
                      .product_ids = &f->product,
                      .n_products = 1};
    assert_int_equal(store_stream_create(f->ctx.store, &st), BZ_OK);
    assert_int_equal(store_stream_set_status(f->ctx.store, st.id, "scheduled", "live", 1), BZ_OK);
    f->stream = st.id;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    store_close(f->ctx.store);
    bz_arena_free(f->ctx.arena);
    crypto_close(f->env.crypto);
    test_sqlite_unlink(f->path);
    rmdir(f->dir);
    free(f);
    return 0;
}

static int64_t start_auction(fx *f, int64_t now, int64_t duration_s, const char *mode)
{
    app_auction_input in = {
        .product_id = f->product, .starting_bid = 1000, .duration_s = duration_s, .mode = mode};
    app_auction_view v;
    f->ctx.now = now;
    assert_int_equal(app_auction_start(&f->ctx, f->seller, f->stream, &in, &v), BZ_OK);
    return v.auction.id;
}

static void assert_log_valid(fx *f, int64_t auction_id, size_t want)
{
    app_auction_log log;
    bz_arena_reset(f->ctx.arena);
    assert_int_equal(app_auction_log_read(&f->ctx, auction_id, &log), BZ_OK);
    assert_true(log.valid);
    assert_int_equal(log.n, want);
    for (size_t i = 1; i < log.n; i++) {
        assert_true(log.entries[i].amount > log.entries[i - 1].amount);
    }
}

/* ---- batching, order, completions ------------------------------------------------------ */

enum { ASYNC_BIDS = 120 };

typedef struct collector {
    pthread_mutex_t mu;
    sem_t gate; /* the first completion waits here until every bid is queued */
    sem_t all;  /* posted when the last completion ran */
    int order[ASYNC_BIDS];
    int codes[ASYNC_BIDS];
    int n;
} collector;

typedef struct tag {
    collector *col;
    int index;
} tag;

static void collect(void *udata, const app_bid_result *r)
{
    tag *t = udata;
    collector *col = t->col;
    if (t->index == 0) {
        sem_wait(&col->gate);
    }
    pthread_mutex_lock(&col->mu);
    col->order[col->n] = t->index;
    col->codes[col->n++] = r->code;
    bool last = col->n == ASYNC_BIDS;
    pthread_mutex_unlock(&col->mu);
    if (last) {
        sem_post(&col->all);
    }
}

static void test_batches_keep_arrival_order(void **state)
{
    fx *f = *state;
    int64_t id = start_auction(f, bz_now_ms(), 300, NULL);
    engine *e = new_engine(f, APP_BID_BATCH_MAX);
    collector col = {.n = 0};
    pthread_mutex_init(&col.mu, NULL);
    sem_init(&col.gate, 0, 0);
    sem_init(&col.all, 0, 0);
    static tag tags[ASYNC_BIDS];
    int64_t amount = 1000;
    for (int i = 0; i < ASYNC_BIDS; i++) {
        app_bid_req req = {.bidder_id = f->bidders[i % BIDDERS], .amount = amount};
        tags[i] = (tag){&col, i};
        assert_int_equal(engine_submit(e, id, &req, collect, &tags[i]), BZ_OK);
        amount = increment_min_next_bid(true, amount, 1000);
    }
    sem_post(&col.gate);
    sem_wait(&col.all);
    for (int i = 0; i < ASYNC_BIDS; i++) {
        assert_int_equal(col.order[i], i);     /* completions in arrival order */
        assert_int_equal(col.codes[i], BZ_OK); /* applied in arrival order: all accepted */
    }
    engine_stats st;
    engine_get_stats(e, &st);
    assert_int_equal(st.bids, ASYNC_BIDS);
    /* The engine may take bid 0 alone or with a few that were already queued; its completion
     * then holds the engine until every bid is queued, so all the rest commit together. */
    assert_true(st.batches <= 2);
    assert_true(st.max_batch >= ASYNC_BIDS / 2);
    engine_free(e);
    assert_log_valid(f, id, ASYNC_BIDS);
    sem_destroy(&col.gate);
    sem_destroy(&col.all);
    pthread_mutex_destroy(&col.mu);
}

/* ---- synchronous callers --------------------------------------------------------------- */

typedef struct caller {
    engine *e;
    int64_t auction_id, bidder;
    int accepted;
} caller;

static void *bid_loop(void *arg)
{
    caller *cl = arg;
    int64_t next = 1000;
    for (int i = 0; i < 25; i++) {
        app_bid_req req = {.bidder_id = cl->bidder, .amount = next};
        app_bid_result r;
        if (engine_submit_wait(cl->e, cl->auction_id, &req, &r) != BZ_OK) {
            break;
        }
        cl->accepted += r.code == BZ_OK;
        next = r.auction.min_next_bid;
    }
    return NULL;
}

static void test_submit_wait_from_threads(void **state)
{
    fx *f = *state;
    int64_t id = start_auction(f, bz_now_ms(), 300, NULL);
    engine *e = new_engine(f, 64);
    pthread_t t[BIDDERS];
    caller cl[BIDDERS];
    int accepted = 0;
    for (int i = 0; i < BIDDERS; i++) {
        cl[i] = (caller){e, id, f->bidders[i], 0};
        assert_int_equal(pthread_create(&t[i], NULL, bid_loop, &cl[i]), 0);
    }
    for (int i = 0; i < BIDDERS; i++) {
        pthread_join(t[i], NULL);
        accepted += cl[i].accepted;
    }
    assert_true(accepted > 0);
    engine_free(e);
    assert_log_valid(f, id, (size_t)accepted);
    /* a low bid from whoever is not leading (the leader would get already_highest_bidder) */
    app_bid_req req = {.bidder_id = f->bidders[0], .amount = 1};
    app_bid_result r;
    assert_int_equal(engine_submit_wait(e = new_engine(f, 8), id, &req, &r), BZ_OK);
    if (r.code == BZ_EALREADYLEADING) {
        assert_int_equal(r.auction.leader_id, f->bidders[0]);
        req.bidder_id = f->bidders[1];
        assert_int_equal(engine_submit_wait(e, id, &req, &r), BZ_OK);
    }
    assert_int_equal(r.code, BZ_EBIDTOOLOW);
    engine_stop(e);
    assert_int_equal(engine_submit_wait(e, id, &req, &r), BZ_EUNAVAILABLE);
    engine_free(e);
}

/* ---- closing ---------------------------------------------------------------------------- */

static void wait_closed(fx *f, int want)
{
    for (int i = 0; i < 400 && atomic_load(&f->closed) < want; i++) {
        usleep(5000);
    }
    usleep(50000); /* a second close, if any, would land in this time */
}

static void test_two_engines_close_once(void **state)
{
    fx *f = *state;
    f->use_clock = true;
    int64_t t0 = 1800000000000;
    atomic_store(&f->clock_ms, t0);
    int64_t id = start_auction(f, t0, 5, NULL); /* standard: 10 s soft close */
    engine *a = new_engine(f, 16), *b = new_engine(f, 16);
    engine_watch(b, id, t0 + 5000); /* b also loaded it from the store: duplicates are fine */

    /* a late bid (1 s left) moves ends_at to now + 10 s: the old timer must re-arm */
    atomic_store(&f->clock_ms, t0 + 4000);
    app_bid_req req = {.bidder_id = f->bidders[0], .amount = 1500};
    app_bid_result r;
    assert_int_equal(engine_submit_wait(a, id, &req, &r), BZ_OK);
    assert_int_equal(r.code, BZ_OK);
    assert_true(r.extended);
    assert_int_equal(r.auction.ends_at, t0 + 14000);

    atomic_store(&f->clock_ms, t0 + 6000); /* past the old end: nothing closes */
    usleep(60000);
    assert_int_equal(atomic_load(&f->closed), 0);

    atomic_store(&f->clock_ms, t0 + 14000);
    wait_closed(f, 1);
    assert_int_equal(atomic_load(&f->closed), 1); /* exactly one of the two engines */
    engine_free(a);
    engine_free(b);

    auction_lot au;
    bz_arena_reset(f->ctx.arena);
    assert_int_equal(store_auction_get(f->ctx.store, id, false, f->ctx.arena, &au), BZ_OK);
    assert_string_equal(au.status, "ended");
    assert_int_equal(au.winner_id, f->bidders[0]);
    assert_int_equal(au.ended_at, t0 + 14000);
    order_record o;
    assert_int_equal(store_order_by_auction(f->ctx.store, id, f->ctx.arena, &o), BZ_OK);
    assert_int_equal(o.amount, 1500);
    catalog_product p;
    assert_int_equal(store_product_get(f->ctx.store, f->product, f->ctx.arena, &p), BZ_OK);
    assert_int_equal(p.quantity, 0);
}

static void test_engine_restart_loads_running(void **state)
{
    fx *f = *state;
    f->use_clock = true;
    int64_t t0 = 1800000000000;
    atomic_store(&f->clock_ms, t0);
    int64_t id = start_auction(f, t0, 5, "sudden_death"); /* nobody calls engine_watch */
    engine *e = new_engine(f, 16);
    atomic_store(&f->clock_ms, t0 + 5000);
    wait_closed(f, 1);
    assert_int_equal(atomic_load(&f->closed), 1);
    engine_free(e);
    auction_lot au;
    assert_int_equal(store_auction_get(f->ctx.store, id, false, f->ctx.arena, &au), BZ_OK);
    assert_string_equal(au.status, "ended");
    assert_int_equal(au.winner_id, 0); /* no bids: unsold, no order */
    order_record o;
    assert_int_equal(store_order_by_auction(f->ctx.store, id, f->ctx.arena, &o), BZ_ENOTFOUND);
}

static void test_timer_heap(void **state)
{
    (void)state;
    timer_heap h = {0};
    const int64_t at[] = {50, 10, 40, 10, 30, 20};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(timer_heap_push(&h, at[i], i), BZ_OK);
    }
    engine_timer t, prev = {0, 0};
    for (int i = 0; i < 6; i++) {
        assert_true(timer_heap_pop(&h, &t));
        assert_true(t.at >= prev.at);
        prev = t;
    }
    assert_false(timer_heap_pop(&h, &t));
    timer_heap_free(&h);
}

UNIT_MAIN(cmocka_unit_test(test_timer_heap),
          cmocka_unit_test_setup_teardown(test_batches_keep_arrival_order, setup, teardown),
          cmocka_unit_test_setup_teardown(test_submit_wait_from_threads, setup, teardown),
          cmocka_unit_test_setup_teardown(test_two_engines_close_once, setup, teardown),
          cmocka_unit_test_setup_teardown(test_engine_restart_loads_running, setup, teardown))
