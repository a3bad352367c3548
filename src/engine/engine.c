/*
 * The auction engine (engine/engine.h): per-auction queues drained in
 * batches, and closing timers, on one thread.
 *
 * Locking: one mutex guards the queues, the timer heap and the flags; the
 * thread holds it only to take work, never during a transaction. The
 * condition variable `wake` is signalled by every submit and watch; the
 * thread sleeps on it until the earliest timer (CLOCK_REALTIME, the clock
 * of ends_at; with a test clock in slices of 5 ms).
 *
 * Queues are an array scanned round-robin: one running auction per live
 * show keeps it short; an emptied queue is removed.
 */
#include "engine/engine.h"

#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/time.h"
#include "engine/timer_heap.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RETRY_MS 100 /* a close that found the store unavailable tries again after this */

typedef struct engine_item {
    struct engine_item *next;
    app_bid_req req;
    engine_done_fn done;
    void *udata;
    bool heap_owned; /* freed by the engine after done (engine_submit); not for waiters */
} engine_item;

typedef struct auction_queue {
    int64_t auction_id;
    engine_item *head, *tail;
} auction_queue;

struct engine {
    engine_config cfg;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t wake;
    pthread_cond_t started_cv;
    bool started, running, stopping;
    int open_rc;
    app_ctx *ctx;
    auction_queue *queues;
    size_t n_queues, cap_queues, rr;
    timer_heap timers;
    engine_stats stats;
    app_bid_req *reqs; /* batch scratch, batch_max each */
    app_bid_result *results;
    engine_item **items;
};

void engine_config_defaults(engine_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->batch_max = APP_BID_BATCH_MAX;
    cfg->load_running = true;
}

static int64_t clock_now(engine *e)
{
    return e->cfg.clock ? e->cfg.clock(e->cfg.udata) : bz_now_ms();
}

/* ---- queues (mutex held) --------------------------------------------------------- */

static auction_queue *queue_of(engine *e, int64_t auction_id)
{
    for (size_t i = 0; i < e->n_queues; i++) {
        if (e->queues[i].auction_id == auction_id) {
            return &e->queues[i];
        }
    }
    if (e->n_queues == e->cap_queues) {
        size_t cap = e->cap_queues ? e->cap_queues * 2 : 8;
        auction_queue *q = realloc(e->queues, cap * sizeof(*q));
        if (!q) {
            return NULL;
        }
        e->queues = q;
        e->cap_queues = cap;
    }
    e->queues[e->n_queues] = (auction_queue){.auction_id = auction_id};
    return &e->queues[e->n_queues++];
}

/* Take up to batch_max items of the next non-empty queue (round-robin); 0 when idle. */
static size_t take_batch(engine *e, int64_t *auction_id)
{
    if (e->n_queues == 0) {
        return 0;
    }
    size_t i = e->rr % e->n_queues;
    auction_queue *q = &e->queues[i];
    BZ_CHECK(q->head != NULL); /* a queue is dropped from the array when it empties */
    size_t n = 0;
    while (q->head && n < (size_t)e->cfg.batch_max) {
        engine_item *it = q->head;
        q->head = it->next;
        e->items[n] = it;
        e->reqs[n++] = it->req;
    }
    *auction_id = q->auction_id;
    if (!q->head) {
        e->queues[i] = e->queues[--e->n_queues]; /* emptied: drop it */
    } else {
        e->rr = i + 1; /* fairness: the next auction goes first next time */
    }
    return n;
}

/* ---- work (mutex not held) -------------------------------------------------------- */

static void run_batch(engine *e, int64_t auction_id, size_t n)
{
    BZ_CHECK(n >= 1 && n <= (size_t)e->cfg.batch_max); /* the scratch arrays hold batch_max */
    app_ctx *c = e->ctx;
    bz_arena_reset(c->arena);
    app_err_clear(c);
    c->now = clock_now(e);
    int rc = app_auction_bid_batch(c, auction_id, e->reqs, n, e->results);
    if (rc != BZ_OK && rc != BZ_ENOTFOUND) {
        bz_warn("engine: batch of %zu bids on auction %lld failed: %s", n, (long long)auction_id,
                bz_err_message(rc));
    }
    int64_t extended_to = 0;
    for (size_t i = 0; i < n; i++) {
        if (e->results[i].code == BZ_OK && e->results[i].extended) {
            extended_to = e->results[i].auction.ends_at;
        }
    }
    pthread_mutex_lock(&e->mu);
    e->stats.batches++;
    e->stats.bids += n;
    if (n > e->stats.max_batch) {
        e->stats.max_batch = n;
    }
    if (extended_to) {
        timer_heap_push(&e->timers, extended_to, auction_id);
    }
    pthread_mutex_unlock(&e->mu);
    for (size_t i = 0; i < n; i++) {
        engine_item *it = e->items[i];
        bool owned = it->heap_owned;
        it->done(it->udata, &e->results[i]); /* a waiter's item is gone after this */
        if (owned) {
            free(it);
        }
    }
}

static void run_close(engine *e, int64_t auction_id)
{
    app_ctx *c = e->ctx;
    bz_arena_reset(c->arena);
    app_err_clear(c);
    c->now = clock_now(e);
    int64_t ends_at = 0;
    int rc = app_auction_close(c, auction_id, &ends_at);
    int64_t rearm = rc == BZ_ECONFLICT ? ends_at : rc == BZ_EUNAVAILABLE ? c->now + RETRY_MS : 0;
    pthread_mutex_lock(&e->mu);
    if (rc == BZ_OK) {
        e->stats.closes++;
    }
    if (rearm) {
        timer_heap_push(&e->timers, rearm, auction_id);
    }
    pthread_mutex_unlock(&e->mu);
    if (rc == BZ_OK && e->cfg.on_closed) {
        e->cfg.on_closed(e->cfg.udata, auction_id);
    }
    if (rc != BZ_OK && rc != BZ_ECONFLICT && rc != BZ_EAUCTIONENDED && rc != BZ_ENOTFOUND) {
        bz_warn("engine: closing auction %lld: %s", (long long)auction_id, bz_err_message(rc));
    }
}

static void load_running(engine *e)
{
    app_ctx *c = e->ctx;
    store_auction_due *due = NULL;
    size_t n = 0;
    bz_arena_reset(c->arena);
    if (store_auctions_running(c->store, c->arena, &due, &n) != BZ_OK) {
        bz_warn("engine: cannot load the running auctions; their timers start with new bids");
        return;
    }
    pthread_mutex_lock(&e->mu);
    for (size_t i = 0; i < n; i++) {
        timer_heap_push(&e->timers, due[i].ends_at, due[i].id);
    }
    pthread_mutex_unlock(&e->mu);
}

/* Sleep (mutex held) until woken or the earliest timer is due. */
static void sleep_until_timer(engine *e)
{
    engine_timer t;
    if (!timer_heap_peek(&e->timers, &t)) {
        pthread_cond_wait(&e->wake, &e->mu);
        return;
    }
    int64_t at = t.at;
    if (e->cfg.clock) { /* a test clock: re-check it often */
        at = bz_now_ms() + 5;
    }
    struct timespec ts = {.tv_sec = (time_t)(at / 1000), .tv_nsec = (long)(at % 1000) * 1000000L};
    pthread_cond_timedwait(&e->wake, &e->mu, &ts);
}

static void *engine_main(void *arg)
{
    engine *e = arg;
    int rc = e->cfg.open(e->cfg.udata, &e->ctx);
    pthread_mutex_lock(&e->mu);
    e->open_rc = rc;
    e->started = true;
    e->running = rc == BZ_OK;
    pthread_cond_broadcast(&e->started_cv);
    pthread_mutex_unlock(&e->mu);
    if (rc != BZ_OK) {
        return NULL;
    }
    if (e->cfg.load_running) {
        load_running(e);
    }
    pthread_mutex_lock(&e->mu);
    for (;;) {
        engine_timer t;
        int64_t auction_id = 0;
        size_t n = 0;
        if (!e->stopping && timer_heap_peek(&e->timers, &t) && t.at <= clock_now(e)) {
            timer_heap_pop(&e->timers, &t);
            pthread_mutex_unlock(&e->mu);
            run_close(e, t.auction_id);
            pthread_mutex_lock(&e->mu);
        } else if ((n = take_batch(e, &auction_id)) > 0) {
            pthread_mutex_unlock(&e->mu);
            run_batch(e, auction_id, n);
            pthread_mutex_lock(&e->mu);
        } else if (e->stopping) {
            break;
        } else {
            sleep_until_timer(e);
        }
    }
    /* Stopping finishes every queued bid first: no waiter is left without its answer. */
    BZ_CHECK(e->n_queues == 0);
    e->running = false;
    pthread_mutex_unlock(&e->mu);
    if (e->cfg.close) {
        e->cfg.close(e->cfg.udata, e->ctx);
    }
    e->ctx = NULL;
    return NULL;
}

/* ---- lifecycle ------------------------------------------------------------------- */

int engine_new(const engine_config *cfg, engine **out)
{
    *out = NULL;
    if (!cfg->open || cfg->batch_max < 1 || cfg->batch_max > APP_BID_BATCH_MAX) {
        return BZ_EVALIDATION;
    }
    engine *e = calloc(1, sizeof(*e));
    if (!e) {
        return BZ_ENOMEM;
    }
    e->cfg = *cfg;
    size_t m = (size_t)cfg->batch_max;
    e->reqs = calloc(m, sizeof(*e->reqs));
    e->results = calloc(m, sizeof(*e->results));
    e->items = calloc(m, sizeof(*e->items));
    if (!e->reqs || !e->results || !e->items) {
        engine_free(e);
        return BZ_ENOMEM;
    }
    pthread_mutex_init(&e->mu, NULL);
    pthread_cond_init(&e->wake, NULL);
    pthread_cond_init(&e->started_cv, NULL);
    *out = e;
    return BZ_OK;
}

int engine_start(engine *e)
{
    BZ_CHECK(!e->started); /* one thread per engine: start again only after engine_stop */
    if (pthread_create(&e->thread, NULL, engine_main, e) != 0) {
        return BZ_EINTERNAL;
    }
    pthread_mutex_lock(&e->mu);
    while (!e->started) {
        pthread_cond_wait(&e->started_cv, &e->mu);
    }
    int rc = e->open_rc;
    pthread_mutex_unlock(&e->mu);
    if (rc != BZ_OK) {
        pthread_join(e->thread, NULL);
        e->started = false;
    }
    return rc;
}

void engine_stop(engine *e)
{
    if (!e || !e->started) {
        return;
    }
    pthread_mutex_lock(&e->mu);
    e->stopping = true;
    pthread_cond_signal(&e->wake);
    pthread_mutex_unlock(&e->mu);
    pthread_join(e->thread, NULL);
    e->started = false;
}

void engine_free(engine *e)
{
    if (!e) {
        return;
    }
    engine_stop(e);
    if (e->reqs && e->results && e->items) {
        pthread_mutex_destroy(&e->mu);
        pthread_cond_destroy(&e->wake);
        pthread_cond_destroy(&e->started_cv);
    }
    free(e->queues);
    timer_heap_free(&e->timers);
    free(e->reqs);
    free(e->results);
    free(e->items);
    free(e);
}

/* ---- submitting ------------------------------------------------------------------- */

static int enqueue(engine *e, int64_t auction_id, engine_item *it)
{
    pthread_mutex_lock(&e->mu);
    auction_queue *q = e->running && !e->stopping ? queue_of(e, auction_id) : NULL;
    int rc = q ? BZ_OK : e->running && !e->stopping ? BZ_ENOMEM : BZ_EUNAVAILABLE;
    if (q) {
        it->next = NULL;
        if (q->tail && q->head) {
            q->tail->next = it;
        } else {
            q->head = it;
        }
        q->tail = it;
        pthread_cond_signal(&e->wake);
    }
    pthread_mutex_unlock(&e->mu);
    return rc;
}

int engine_submit(engine *e, int64_t auction_id, const app_bid_req *req, engine_done_fn done,
                  void *udata)
{
    engine_item *it = malloc(sizeof(*it));
    if (!it) {
        return BZ_ENOMEM;
    }
    *it = (engine_item){.req = *req, .done = done, .udata = udata, .heap_owned = true};
    int rc = enqueue(e, auction_id, it);
    if (rc != BZ_OK) {
        free(it);
    }
    return rc;
}

typedef struct waiter {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool done;
    app_bid_result *out;
} waiter;

static void wake_waiter(void *udata, const app_bid_result *r)
{
    waiter *w = udata;
    pthread_mutex_lock(&w->mu);
    *w->out = *r;
    w->done = true;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

int engine_submit_wait(engine *e, int64_t auction_id, const app_bid_req *req, app_bid_result *out)
{
    waiter w = {.out = out};
    pthread_mutex_init(&w.mu, NULL);
    pthread_cond_init(&w.cv, NULL);
    engine_item it = {.req = *req, .done = wake_waiter, .udata = &w, .heap_owned = false};
    int rc = enqueue(e, auction_id, &it);
    if (rc == BZ_OK) {
        pthread_mutex_lock(&w.mu);
        while (!w.done) {
            pthread_cond_wait(&w.cv, &w.mu);
        }
        pthread_mutex_unlock(&w.mu);
    }
    pthread_cond_destroy(&w.cv);
    pthread_mutex_destroy(&w.mu);
    return rc;
}

void engine_watch(engine *e, int64_t auction_id, int64_t ends_at)
{
    pthread_mutex_lock(&e->mu);
    timer_heap_push(&e->timers, ends_at, auction_id);
    pthread_cond_signal(&e->wake);
    pthread_mutex_unlock(&e->mu);
}

void engine_get_stats(engine *e, engine_stats *out)
{
    pthread_mutex_lock(&e->mu);
    *out = e->stats;
    pthread_mutex_unlock(&e->mu);
}
