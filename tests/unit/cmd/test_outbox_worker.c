/* Unit tests for cmd/outbox_worker: the thread runs rows as soon as this process kicks it,
 * finds rows nobody kicked for within its idle time, sleeps until a retry is due, reports
 * its gauges, and stops cleanly (over a real SQLite database). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "test_util.h"
#include "unit_main.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/outbox.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/time.h"
#include "cmd/outbox_worker.h"
#include "store/store_open.h"

typedef struct world {
    char dir[64];
    char url[128];
    app_env env;
    app_ctx ctx; /* the enqueuing side: a connection of its own */
    outbox_worker *w;
} world;

/* What the handler saw. */
static atomic_int calls;
static atomic_llong first_call_at;
static atomic_int results[4]; /* answers of calls 1..4; BZ_OK after */

static int handler(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t why_len)
{
    (void)why;
    (void)why_len;
    assert_ptr_equal(data, &calls);
    assert_string_equal(job->kind, "test.kind");
    int i = atomic_fetch_add(&calls, 1);
    if (i == 0) {
        atomic_store(&first_call_at, bz_now_ms());
    }
    assert_true(c->store != NULL);
    return i < 4 ? atomic_load(&results[i]) : BZ_OK;
}

static store *open_store(world *wd)
{
    store *s = NULL;
    assert_int_equal(store_open_url(wd->url, &s), BZ_OK);
    return s;
}

/* A migrated database, an env as serve makes it, and a worker with the handler registered
 * (not started). */
static world *setup_world(uint32_t idle_ms)
{
    world *wd = calloc(1, sizeof(*wd));
    assert_non_null(wd);
    snprintf(wd->dir, sizeof(wd->dir), "/tmp/bz-outbox-worker.XXXXXX");
    assert_non_null(mkdtemp(wd->dir));
    snprintf(wd->url, sizeof(wd->url), "sqlite:%s/t.db", wd->dir);
    app_config_defaults(&wd->env.cfg);
    wd->env.cfg.outbox.base_delay_ms = 300;
    wd->env.clock = bz_now_ms;
    wd->ctx = (app_ctx){.env = &wd->env, .store = open_store(wd), .arena = bz_arena_new(4096)};
    assert_int_equal(store_migrate(wd->ctx.store, NULL), BZ_OK);
    outbox_worker_config oc;
    outbox_worker_config_defaults(&oc);
    oc.env = &wd->env;
    oc.idle_ms = idle_ms;
    oc.stats_ms = 0; /* every pass */
    wd->w = outbox_worker_new(&oc);
    assert_non_null(wd->w);
    assert_int_equal(outbox_worker_register(wd->w, "test.kind", handler, &calls), BZ_OK);
    wd->env.outbox_kick = outbox_worker_kick;
    wd->env.outbox_kick_data = wd->w;
    atomic_store(&calls, 0);
    for (int i = 0; i < 4; i++) {
        atomic_store(&results[i], BZ_OK);
    }
    return wd;
}

static void teardown_world(world *wd)
{
    outbox_worker_free(wd->w);
    store_close(wd->ctx.store);
    bz_arena_free(wd->ctx.arena);
    char path[160];
    snprintf(path, sizeof(path), "%s/t.db", wd->dir);
    test_sqlite_unlink(path);
    rmdir(wd->dir);
    free(wd);
}

static void enqueue(world *wd, const char *key)
{
    wd->ctx.now = bz_now_ms();
    assert_int_equal(app_outbox_enqueue(&wd->ctx, "test.kind", key, "{}"), BZ_OK);
}

/* Wait up to `ms` for the handler to have been called `n` times. */
static bool wait_calls(int n, int ms)
{
    for (int waited = 0; waited < ms; waited += 5) {
        if (atomic_load(&calls) >= n) {
            return true;
        }
        usleep(5000);
    }
    return atomic_load(&calls) >= n;
}

/* Wait up to `ms` for /metrics text of the worker to contain `want`. */
static bool wait_metric(world *wd, const char *want, int ms)
{
    bz_buf out;
    bz_buf_init(&out, 1 << 16);
    bool found = false;
    for (int waited = 0; !found && waited <= ms; waited += 5) {
        bz_buf_reset(&out);
        outbox_worker_metrics(wd->w, &out);
        found = out.data && strstr(out.data, want);
        if (!found) {
            usleep(5000);
        }
    }
    bz_buf_free(&out);
    return found;
}

static const char *state_of(world *wd, const char *key)
{
    store_outbox_row *rows;
    store_page page;
    assert_int_equal(store_outbox_list(wd->ctx.store, NULL, 0, 100, wd->ctx.arena, &rows, &page),
                     BZ_OK);
    for (size_t i = 0; i < page.n; i++) {
        if (!strcmp(rows[i].dedupe_key, key)) {
            return rows[i].state;
        }
    }
    return "";
}

/* A kick after commit runs the row at once, far sooner than the idle time (10 s here). */
static void kick_runs_at_once(void **state)
{
    (void)state;
    world *wd = setup_world(10000);
    assert_int_equal(outbox_worker_start(wd->w, open_store(wd)), BZ_OK);
    usleep(50000); /* the first pass is over: the thread sleeps */
    assert_int_equal(store_begin(wd->ctx.store), BZ_OK);
    enqueue(wd, "k1");
    assert_int_equal(store_commit(wd->ctx.store), BZ_OK);
    int64_t t0 = bz_now_ms();
    app_outbox_kick(&wd->ctx);
    assert_true(wait_calls(1, 2000));
    int64_t latency = atomic_load(&first_call_at) - t0;
    print_message("kick to handler: %lld ms\n", (long long)latency);
    assert_true(latency < 1000);
    outbox_worker_stop(wd->w); /* the outcome is recorded before stop returns */
    assert_string_equal(state_of(wd, "k1"), OUTBOX_DONE);
    assert_int_equal(outbox_worker_rows_run(wd->w), 1);
    teardown_world(wd);
}

/* Rows nobody kicked for (another node added them) run within the idle time; a retry runs
 * when its backoff ends; the gauges show what is pending. */
static void polls_and_retries(void **state)
{
    (void)state;
    world *wd = setup_world(100);
    atomic_store(&results[0], BZ_EUNAVAILABLE);
    enqueue(wd, "k2");
    assert_int_equal(outbox_worker_start(wd->w, open_store(wd)), BZ_OK);
    assert_true(wait_calls(1, 2000));
    int64_t failed_at = bz_now_ms();
    assert_true(wait_metric(wd, "\nblytz_outbox_pending 1\n", 2000));
    assert_true(wait_metric(wd, "\nblytz_outbox_parked 0\n", 0));
    assert_true(wait_metric(wd, "\nblytz_outbox_stats_ok 1\n", 0));
    assert_false(wait_metric(wd, "blytz_outbox_oldest_pending_age_seconds 0.000\n", 0));
    /* a backoff of 150..300 ms: not before, and done after */
    assert_true(wait_calls(2, 3000));
    assert_true(bz_now_ms() - failed_at >= 140);
    assert_true(wait_metric(wd, "\nblytz_outbox_pending 0\n", 2000));
    assert_true(wait_metric(wd, "\nblytz_outbox_rows_run_total 2\n", 2000));
    assert_true(wait_metric(wd, "blytz_outbox_oldest_pending_age_seconds 0.000\n", 0));
    assert_string_equal(state_of(wd, "k2"), OUTBOX_DONE);
    teardown_world(wd);
}

static void register_rules(void **state)
{
    (void)state;
    world *wd = setup_world(1000);
    assert_int_equal(outbox_worker_register(wd->w, "test.kind", handler, NULL), BZ_ECONFLICT);
    assert_int_equal(outbox_worker_register(wd->w, "Not A Kind", handler, NULL), BZ_EVALIDATION);
    assert_int_equal(outbox_worker_register(wd->w, "other.kind", handler, NULL), BZ_OK);
    outbox_worker_stop(wd->w); /* before start: nothing */
    assert_int_equal(outbox_worker_start(wd->w, open_store(wd)), BZ_OK);
    assert_int_equal(outbox_worker_register(wd->w, "late.kind", handler, NULL), BZ_EINTERNAL);
    outbox_worker_stop(wd->w);
    outbox_worker_stop(wd->w); /* again: nothing */
    teardown_world(wd);
}

UNIT_MAIN(cmocka_unit_test(kick_runs_at_once), cmocka_unit_test(polls_and_retries),
          cmocka_unit_test(register_rules))
