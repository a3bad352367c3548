/* The thread that runs this node's outbox (cmd/outbox_worker.h). */
#include "cmd/outbox_worker.h"

#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"
#include "base/time.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#define HANDLERS_MAX   64
#define PRUNE_EVERY_MS (60 * 60 * 1000)

struct outbox_worker {
    outbox_worker_config cfg;
    app_outbox_handler handlers[HANDLERS_MAX];
    char kinds[HANDLERS_MAX][OUTBOX_KIND_MAX + 1];
    size_t n_handlers;
    app_ctx ctx; /* the thread's: its own connection and arena */
    uv_thread_t thread;
    uv_mutex_t mu; /* guards stop and kicked; the condition wakes the thread */
    uv_cond_t cond;
    bool stop, kicked, started;
    bool failing; /* the store failed the last run: said once per outage */
    int64_t stats_at, pruned_at, chore_at;
    /* for /metrics, written by the thread */
    atomic_llong pending, parked, oldest_pending_at;
    atomic_bool stats_ok;
    atomic_ullong rows_run, failures;
};

void outbox_worker_config_defaults(outbox_worker_config *cfg)
{
    *cfg = (outbox_worker_config){
        .batch = 16,
        .idle_ms = 1000,
        .stats_ms = 5000,
        .keep_done_ms = 7LL * 24 * 3600 * 1000,
        .chore_ms = 30000,
    };
}

outbox_worker *outbox_worker_new(const outbox_worker_config *cfg)
{
    outbox_worker *w = calloc(1, sizeof(*w));
    if (!w) {
        return NULL;
    }
    w->cfg = *cfg;
    if (uv_mutex_init(&w->mu)) {
        free(w);
        return NULL;
    }
    if (uv_cond_init(&w->cond)) {
        uv_mutex_destroy(&w->mu);
        free(w);
        return NULL;
    }
    return w;
}

int outbox_worker_register(outbox_worker *w, const char *kind, app_outbox_fn run, void *data)
{
    if (w->started) {
        return BZ_EINTERNAL;
    }
    if (!outbox_kind_ok(kind)) {
        return BZ_EVALIDATION;
    }
    for (size_t i = 0; i < w->n_handlers; i++) {
        if (!strcmp(w->kinds[i], kind)) {
            return BZ_ECONFLICT;
        }
    }
    if (w->n_handlers == HANDLERS_MAX) {
        return BZ_ENOMEM;
    }
    size_t i = w->n_handlers++;
    memcpy(w->kinds[i], kind, strlen(kind) + 1);
    w->handlers[i] = (app_outbox_handler){.kind = w->kinds[i], .run = run, .data = data};
    return BZ_OK;
}

/* The counts for /metrics, and now and then the pruning of done rows. Failures only leave
 * the gauges as they were (stats_ok says whether they are current). */
static void housekeeping(outbox_worker *w, int64_t now)
{
    app_ctx *c = &w->ctx;
    if (now - w->stats_at >= (int64_t)w->cfg.stats_ms) {
        w->stats_at = now;
        store_outbox_counts n;
        bool ok = store_outbox_stats(c->store, &n) == BZ_OK;
        if (ok) {
            atomic_store(&w->pending, n.pending);
            atomic_store(&w->parked, n.parked);
            atomic_store(&w->oldest_pending_at, n.oldest_pending_at);
        }
        atomic_store(&w->stats_ok, ok);
    }
    if (w->cfg.chore && now - w->chore_at >= (int64_t)w->cfg.chore_ms) {
        w->chore_at = now;
        bz_arena_reset(c->arena);
        app_err_clear(c);
        c->now = now;
        w->cfg.chore(c);
    }
    if (now - w->pruned_at >= PRUNE_EVERY_MS) {
        w->pruned_at = now;
        int deleted = 0;
        if (store_outbox_prune(c->store, now - w->cfg.keep_done_ms, &deleted) == BZ_OK &&
            deleted > 0) {
            bz_info("outbox: deleted %d done rows older than %lld h", deleted,
                    (long long)(w->cfg.keep_done_ms / 3600000));
        }
    }
}

/* One pass: run what is due; how long to sleep afterwards (ms). */
static int64_t pass(outbox_worker *w)
{
    app_ctx *c = &w->ctx;
    bz_arena_reset(c->arena);
    app_err_clear(c);
    c->now = bz_now_ms();
    int64_t next = 0;
    int n = app_outbox_run(c, w->handlers, w->n_handlers, w->cfg.batch, &next);
    if (n < 0) {
        atomic_fetch_add(&w->failures, 1);
        if (!w->failing) {
            bz_warn("outbox: %s (trying again every %u ms)", bz_err_message(n), w->cfg.idle_ms);
        }
        w->failing = true;
        next = 0;
    } else {
        if (w->failing) {
            bz_info("outbox: the store answers again");
        }
        w->failing = false;
        atomic_fetch_add(&w->rows_run, (unsigned long long)n);
    }
    int64_t now = bz_now_ms();
    housekeeping(w, now);
    int64_t wait = next ? next - now : (int64_t)w->cfg.idle_ms;
    return wait < 0 ? 0 : wait > (int64_t)w->cfg.idle_ms ? (int64_t)w->cfg.idle_ms : wait;
}

static void thread_main(void *arg)
{
    outbox_worker *w = arg;
    uv_mutex_lock(&w->mu);
    while (!w->stop) {
        w->kicked = false;
        uv_mutex_unlock(&w->mu);
        int64_t wait = pass(w);
        uv_mutex_lock(&w->mu);
        /* A kick while the pass ran is not lost: it left `kicked` set. */
        if (!w->stop && !w->kicked && wait > 0) {
            uv_cond_timedwait(&w->cond, &w->mu, (uint64_t)wait * 1000000u);
        }
    }
    uv_mutex_unlock(&w->mu);
}

int outbox_worker_start(outbox_worker *w, store *s)
{
    if (w->started) {
        store_close(s);
        return BZ_EINTERNAL;
    }
    w->ctx = (app_ctx){.env = w->cfg.env, .store = s, .arena = bz_arena_new(16 * 1024)};
    if (!w->ctx.arena) {
        store_close(s);
        w->ctx.store = NULL;
        return BZ_ENOMEM;
    }
    w->pruned_at = bz_now_ms() - PRUNE_EVERY_MS; /* prune on the first pass */
    w->stats_at = 0;
    if (uv_thread_create(&w->thread, thread_main, w)) {
        store_close(s);
        bz_arena_free(w->ctx.arena);
        w->ctx = (app_ctx){0};
        return BZ_EINTERNAL;
    }
    w->started = true;
    return BZ_OK;
}

void outbox_worker_kick(void *arg)
{
    outbox_worker *w = arg;
    uv_mutex_lock(&w->mu);
    w->kicked = true;
    uv_cond_signal(&w->cond);
    uv_mutex_unlock(&w->mu);
}

void outbox_worker_stop(outbox_worker *w)
{
    if (!w->started) {
        return;
    }
    uv_mutex_lock(&w->mu);
    w->stop = true;
    uv_cond_signal(&w->cond);
    uv_mutex_unlock(&w->mu);
    uv_thread_join(&w->thread);
    w->started = false;
    store_close(w->ctx.store);
    bz_arena_free(w->ctx.arena);
    w->ctx = (app_ctx){0};
}

void outbox_worker_free(outbox_worker *w)
{
    if (!w) {
        return;
    }
    outbox_worker_stop(w);
    uv_cond_destroy(&w->cond);
    uv_mutex_destroy(&w->mu);
    free(w);
}

uint64_t outbox_worker_rows_run(const outbox_worker *w)
{
    return atomic_load(&w->rows_run);
}

void outbox_worker_metrics(void *arg, bz_buf *out)
{
    outbox_worker *w = arg;
    int64_t oldest = atomic_load(&w->oldest_pending_at), now = bz_now_ms();
    double age = oldest > 0 && now > oldest ? (double)(now - oldest) / 1000.0 : 0.0;
    bz_buf_printf(
        out,
        "# HELP blytz_outbox_pending Outbox rows waiting to run (the whole database's).\n"
        "# TYPE blytz_outbox_pending gauge\n"
        "blytz_outbox_pending %lld\n"
        "# HELP blytz_outbox_parked Outbox rows parked for an operator (blytz outbox list "
        "--state parked).\n"
        "# TYPE blytz_outbox_parked gauge\n"
        "blytz_outbox_parked %lld\n"
        "# HELP blytz_outbox_oldest_pending_age_seconds Age of the oldest pending outbox row "
        "(0 when none).\n"
        "# TYPE blytz_outbox_oldest_pending_age_seconds gauge\n"
        "blytz_outbox_oldest_pending_age_seconds %.3f\n"
        "# HELP blytz_outbox_stats_ok 1 when the outbox counts above were read at the last "
        "try, 0 when the store failed.\n"
        "# TYPE blytz_outbox_stats_ok gauge\n"
        "blytz_outbox_stats_ok %d\n"
        "# HELP blytz_outbox_rows_run_total Outbox rows this node ran (any outcome).\n"
        "# TYPE blytz_outbox_rows_run_total counter\n"
        "blytz_outbox_rows_run_total %llu\n"
        "# HELP blytz_outbox_run_failures_total Outbox passes the store failed on this node.\n"
        "# TYPE blytz_outbox_run_failures_total counter\n"
        "blytz_outbox_run_failures_total %llu\n",
        (long long)atomic_load(&w->pending), (long long)atomic_load(&w->parked), age,
        atomic_load(&w->stats_ok) ? 1 : 0, (unsigned long long)atomic_load(&w->rows_run),
        (unsigned long long)atomic_load(&w->failures));
}
