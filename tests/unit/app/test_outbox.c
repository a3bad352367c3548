/* Unit tests for app/outbox: enqueueing with the caller's transaction and a dedupe key, the
 * kick hook, and the runner with fake handlers (success, a passing failure then success with
 * the backoff respected, a permanent failure, retries running out, an unknown kind, a lease
 * that expires under a dead worker), against the real SQLite adapter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "unit_main.h"
#include <stdio.h>
#include <string.h>

#include "app/outbox.h"
#include "base/err.h"
#include "fixture.h"

/* A handler that answers from a script and records what it was given. */
#define SCRIPT_MAX 8
typedef struct fake_handler {
    int script[SCRIPT_MAX]; /* results of calls 1, 2, ...; BZ_OK after the script */
    const char *why;        /* written into `why` on failure */
    int calls;
    int64_t ids[SCRIPT_MAX];
    int attempts[SCRIPT_MAX];
    int64_t now[SCRIPT_MAX];
    char keys[SCRIPT_MAX][40];
    char payload[128];
} fake_handler;

static int fake_run(void *data, app_ctx *c, const app_outbox_job *job, char *why, size_t why_len)
{
    fake_handler *h = data;
    int i = h->calls++;
    assert_true(i < SCRIPT_MAX);
    h->ids[i] = job->id;
    h->attempts[i] = job->attempts;
    h->now[i] = c->now;
    snprintf(h->keys[i], sizeof(h->keys[i]), "%s", job->idempotency_key);
    snprintf(h->payload, sizeof(h->payload), "%s", job->payload);
    int rc = h->script[i];
    if (rc != BZ_OK && h->why) {
        snprintf(why, why_len, "%s", h->why);
    }
    return rc;
}

/* The runner over one handler of kind "test.kind", at most 10 rows; its count of rows run.
 * *next (may be NULL) receives the next due time. */
static int run(fixture *f, fake_handler *h, int64_t *next)
{
    app_outbox_handler handlers[] = {{"other.kind", fake_run, NULL}, {"test.kind", fake_run, h}};
    int64_t due = -1;
    int n = app_outbox_run(&f->ctx, handlers, 2, 10, &due);
    assert_true(n >= 0);
    if (next) {
        *next = due;
    }
    return n;
}

static store_outbox_row row_of(fixture *f, int64_t id)
{
    store_outbox_row r;
    assert_int_equal(store_outbox_get(f->ctx.store, id, f->ctx.arena, &r), BZ_OK);
    return r;
}

/* The outbox's one row (asserting there is exactly one). */
static store_outbox_row only_row(fixture *f)
{
    store_outbox_row *rows;
    store_page page;
    assert_int_equal(store_outbox_list(f->ctx.store, NULL, 0, 10, f->ctx.arena, &rows, &page),
                     BZ_OK);
    assert_int_equal(page.n, 1);
    return rows[0];
}

static void enqueue(fixture *f, const char *kind, const char *key)
{
    assert_int_equal(app_outbox_enqueue(&f->ctx, kind, key, "{\"stream_id\":\"7\"}"), BZ_OK);
}

static void success_runs_once(void **state)
{
    fixture *f = *state;
    fake_handler h = {0};
    enqueue(f, "test.kind", "test.kind:1");
    store_outbox_row r = only_row(f);
    int64_t next = -1;
    assert_int_equal(run(f, &h, &next), 1);
    assert_int_equal(h.calls, 1);
    assert_int_equal(h.ids[0], r.id);
    assert_int_equal(h.attempts[0], 1);
    assert_string_equal(h.payload, "{\"stream_id\":\"7\"}");
    char key[40];
    snprintf(key, sizeof(key), "outbox-%lld", (long long)r.id);
    assert_string_equal(h.keys[0], key);
    assert_string_equal(row_of(f, r.id).state, OUTBOX_DONE);
    assert_int_equal(next, 0); /* nothing pending */
    assert_int_equal(run(f, &h, &next), 0);
    assert_int_equal(h.calls, 1);
}

/* A 503 (BZ_EUNAVAILABLE) waits its backoff, then the row runs again with the same key. */
static void unavailable_then_success(void **state)
{
    fixture *f = *state;
    const outbox_policy *p = &f->env.cfg.outbox;
    fake_handler h = {.script = {BZ_EUNAVAILABLE}, .why = "HTTP 503 from provider"};
    enqueue(f, "test.kind", "test.kind:2");
    int64_t id = only_row(f).id, next = -1, t0 = f->ctx.now;
    assert_int_equal(run(f, &h, &next), 1);
    store_outbox_row r = row_of(f, id);
    assert_string_equal(r.state, OUTBOX_PENDING);
    assert_int_equal(r.attempts, 1);
    assert_int_equal(r.lease_until, 0);
    assert_string_equal(r.last_error, "unavailable: HTTP 503 from provider");
    assert_true(r.next_at >= t0 + p->base_delay_ms / 2);
    assert_true(r.next_at <= t0 + p->base_delay_ms);
    assert_int_equal(next, r.next_at);

    /* not before its time */
    f->ctx.now = r.next_at - 1;
    assert_int_equal(run(f, &h, &next), 0);
    assert_int_equal(h.calls, 1);
    assert_int_equal(next, r.next_at);
    f->ctx.now = r.next_at;
    assert_int_equal(run(f, &h, &next), 1);
    assert_int_equal(h.calls, 2);
    assert_int_equal(h.attempts[1], 2);
    assert_string_equal(h.keys[1], h.keys[0]);
    assert_string_equal(row_of(f, id).state, OUTBOX_DONE);
}

/* A permanent failure (a 4xx) parks at once, with the reason, and the row does not run again
 * until an operator requeues it. */
static void client_error_parks(void **state)
{
    fixture *f = *state;
    fake_handler h = {.script = {BZ_EVALIDATION}, .why = "HTTP 422: room name taken"};
    enqueue(f, "test.kind", "test.kind:3");
    int64_t id = only_row(f).id, next = -1;
    assert_int_equal(run(f, &h, &next), 1);
    store_outbox_row r = row_of(f, id);
    assert_string_equal(r.state, OUTBOX_PARKED);
    assert_string_equal(r.last_error, "validation_failed: HTTP 422: room name taken");
    assert_int_equal(next, 0);
    f->ctx.now += 24 * 3600 * 1000LL;
    assert_int_equal(run(f, &h, NULL), 0);
    assert_int_equal(h.calls, 1);

    assert_int_equal(store_outbox_requeue(f->ctx.store, id, f->ctx.now), BZ_OK);
    assert_int_equal(run(f, &h, NULL), 1);
    assert_int_equal(h.calls, 2);
    assert_int_equal(h.attempts[1], 1);
    assert_string_equal(row_of(f, id).state, OUTBOX_DONE);
}

/* A passing failure that never passes parks after the last attempt. */
static void retries_run_out(void **state)
{
    fixture *f = *state;
    f->env.cfg.outbox.max_attempts = 3;
    fake_handler h = {.script = {BZ_ETIMEOUT, BZ_EUNAVAILABLE, BZ_EUNAVAILABLE, BZ_OK}};
    enqueue(f, "test.kind", "test.kind:4");
    int64_t id = only_row(f).id, next = 0;
    for (int i = 1; i <= 3; i++) {
        assert_int_equal(run(f, &h, &next), 1);
        assert_int_equal(h.calls, i);
        f->ctx.now = next ? next : f->ctx.now;
    }
    store_outbox_row r = row_of(f, id);
    assert_string_equal(r.state, OUTBOX_PARKED);
    assert_int_equal(r.attempts, 3);
    assert_string_equal(r.last_error, "unavailable");
    assert_int_equal(next, 0);
}

static void unknown_kind_parks(void **state)
{
    fixture *f = *state;
    fake_handler h = {0};
    enqueue(f, "nobody.handles", "nobody.handles:1");
    int64_t id = only_row(f).id;
    assert_int_equal(run(f, &h, NULL), 1);
    assert_int_equal(h.calls, 0);
    store_outbox_row r = row_of(f, id);
    assert_string_equal(r.state, OUTBOX_PARKED);
    assert_string_equal(r.last_error, "internal: no handler for kind \"nobody.handles\"");
}

/* A worker claims a row and dies before recording anything: the row waits for the lease to
 * end, then runs again on the next attempt. */
static void expired_lease_runs_again(void **state)
{
    fixture *f = *state;
    const int64_t lease = f->env.cfg.outbox.lease_ms, t0 = f->ctx.now;
    fake_handler h = {0};
    enqueue(f, "test.kind", "test.kind:5");
    store_outbox_row *claimed;
    size_t n = 0;
    assert_int_equal(
        store_outbox_claim(f->ctx.store, t0, t0 + lease, 1, f->ctx.arena, &claimed, &n), BZ_OK);
    assert_int_equal(n, 1);
    int64_t next = -1;
    f->ctx.now = t0 + lease - 1;
    assert_int_equal(run(f, &h, &next), 0);
    assert_int_equal(h.calls, 0);
    assert_int_equal(next, t0 + lease);
    f->ctx.now = t0 + lease;
    assert_int_equal(run(f, &h, &next), 1);
    assert_int_equal(h.calls, 1);
    assert_int_equal(h.attempts[0], 2);
    assert_string_equal(row_of(f, claimed[0].id).state, OUTBOX_DONE);
    /* the dead worker's outcome, should it come after all, changes nothing */
    assert_int_equal(store_outbox_park(f->ctx.store, &claimed[0], "late", t0 + lease + 1),
                     BZ_ECONFLICT);
    assert_string_equal(row_of(f, claimed[0].id).state, OUTBOX_DONE);
}

/* max_rows bounds a run; the next due time then says "now". */
static void max_rows_and_next_due(void **state)
{
    fixture *f = *state;
    fake_handler h = {0};
    for (int i = 0; i < 3; i++) {
        char key[32];
        snprintf(key, sizeof(key), "test.kind:many:%d", i);
        enqueue(f, "test.kind", key);
    }
    app_outbox_handler handlers[] = {{"test.kind", fake_run, &h}};
    int64_t next = -1;
    assert_int_equal(app_outbox_run(&f->ctx, handlers, 1, 2, &next), 2);
    assert_int_equal(next, f->ctx.now);
    assert_int_equal(app_outbox_run(&f->ctx, handlers, 1, 2, &next), 1);
    assert_int_equal(next, 0);
    assert_int_equal(h.calls, 3);
}

/* The row commits with its change, or not at all; a key enqueues once; what is out of range is
 * the caller's bug. */
static void enqueue_in_transaction_and_dedupe(void **state)
{
    fixture *f = *state;
    store *s = f->ctx.store;
    assert_int_equal(store_begin(s), BZ_OK);
    enqueue(f, "test.kind", "test.kind:tx");
    assert_int_equal(store_rollback(s), BZ_OK);
    store_outbox_row *rows;
    store_page page;
    assert_int_equal(store_outbox_list(s, NULL, 0, 10, f->ctx.arena, &rows, &page), BZ_OK);
    assert_int_equal(page.n, 0);

    assert_int_equal(store_begin(s), BZ_OK);
    enqueue(f, "test.kind", "test.kind:tx");
    enqueue(f, "test.kind", "test.kind:tx");
    assert_int_equal(store_commit(s), BZ_OK);
    enqueue(f, "test.kind", "test.kind:tx");
    store_outbox_row r = only_row(f);
    assert_string_equal(r.dedupe_key, "test.kind:tx");
    assert_int_equal(r.created_at, f->ctx.now);
    assert_int_equal(r.next_at, f->ctx.now);

    assert_int_equal(app_outbox_enqueue(&f->ctx, "Bad Kind", "k", "{}"), BZ_EINTERNAL);
    assert_int_equal(f->ctx.err.code, BZ_EINTERNAL);
    assert_int_equal(app_outbox_enqueue(&f->ctx, "test.kind", "bad key", "{}"), BZ_EINTERNAL);
    assert_int_equal(app_outbox_enqueue(&f->ctx, "test.kind", "k", NULL), BZ_EINTERNAL);
    static char big[OUTBOX_PAYLOAD_MAX + 2];
    memset(big, ' ', sizeof(big) - 1);
    assert_int_equal(app_outbox_enqueue(&f->ctx, "test.kind", "k", big), BZ_EINTERNAL);
    big[OUTBOX_PAYLOAD_MAX] = '\0';
    assert_int_equal(app_outbox_enqueue(&f->ctx, "test.kind", "k", big), BZ_OK);
}

static int kicks;
static void count_kick(void *data)
{
    assert_ptr_equal(data, &kicks);
    kicks++;
}

static int64_t fake_time;
static int64_t fake_clock(void)
{
    return fake_time += 1000;
}

/* The kick hook, when plugged in; the clock, when plugged in, times each lease and retry. */
static void kick_and_clock(void **state)
{
    fixture *f = *state;
    app_outbox_kick(&f->ctx); /* none plugged in: nothing happens */
    f->env.outbox_kick = count_kick;
    f->env.outbox_kick_data = &kicks;
    kicks = 0;
    app_outbox_kick(&f->ctx);
    assert_int_equal(kicks, 1);

    enqueue(f, "test.kind", "test.kind:clock");
    fake_time = f->ctx.now;
    f->env.clock = fake_clock;
    fake_handler h = {.script = {BZ_EUNAVAILABLE}};
    int64_t id = only_row(f).id, next = 0;
    assert_int_equal(run(f, &h, &next), 1);
    /* the run read the clock for its first look, then for the claim */
    assert_int_equal(h.now[0], FIX_NOW + 2000);
    store_outbox_row r = row_of(f, id);
    /* the wait counts from the attempt's end (the clock read again) */
    assert_true(r.next_at >= FIX_NOW + 3000 + f->env.cfg.outbox.base_delay_ms / 2);
    assert_true(r.next_at <= FIX_NOW + 3000 + f->env.cfg.outbox.base_delay_ms);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

UNIT_MAIN(T(success_runs_once), T(unavailable_then_success), T(client_error_parks),
          T(retries_run_out), T(unknown_kind_parks), T(expired_lease_runs_again),
          T(max_rows_and_next_due), T(enqueue_in_transaction_and_dedupe), T(kick_and_clock))
