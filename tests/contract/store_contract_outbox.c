/*
 * tests/contract/store_contract_outbox.c - the outbox (store/sql/outbox.c):
 * adding with a dedupe key, inside and outside a transaction; claiming due
 * rows under a lease; done, retry, park and requeue, each only while the
 * claim holds; a lease that runs out (a crashed worker's row is claimed
 * again, and its late outcome is refused); claimers racing on several
 * connections (no row claimed twice); lists, counts and pruning.
 *
 * Claims take every due row of the database, so each test first finishes
 * whatever earlier tests left pending (drain) and uses times of its own.
 */
#include "contract.h"

#include "base/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* Far beyond any time a test uses: claiming at it takes every pending row. */
#define END_OF_TIME (INT64_C(1) << 60)

/* Finish every pending row, so that a test's claims see only its own. */
static void drain(void)
{
    for (;;) {
        store_outbox_row *rows = NULL;
        size_t n = 0;
        OK(store_outbox_claim(S, END_OF_TIME, END_OF_TIME + 1, STORE_OUTBOX_CLAIM_MAX, A, &rows,
                              &n));
        if (n == 0) {
            return;
        }
        for (size_t i = 0; i < n; i++) {
            OK(store_outbox_done(S, &rows[i], END_OF_TIME));
        }
    }
}

/* Add a row of `kind` with `key` due (and made) at `next_at`, payload {"n":1}, under a new id
 * (*id, may be NULL); whether it was added. */
static bool add_keyed(const char *kind, const char *key, int64_t next_at, int64_t *id)
{
    store_outbox_row r = {.id = new_id(),
                          .kind = kind,
                          .dedupe_key = key,
                          .payload = "{\"n\":1}",
                          .next_at = next_at,
                          .created_at = next_at};
    bool added = !id; /* checks the NULL *added of the port once per test */
    OK(store_outbox_add(S, &r, id ? &added : NULL));
    if (id) {
        *id = r.id;
    }
    return added;
}

/* Add a row of kind "test.kind" due at `next_at`, with a key unique in the run. Its id. */
static int64_t add_row(int64_t next_at, const char **key_out)
{
    const char *key = bz_arena_printf(A, "test.kind:%s", unique_word());
    int64_t id;
    assert_true(add_keyed("test.kind", key, next_at, &id));
    if (key_out) {
        *key_out = key;
    }
    return id;
}

static store_outbox_row get_row(int64_t id)
{
    store_outbox_row r;
    OK(store_outbox_get(S, id, A, &r));
    return r;
}

/* Claim at `now` with a lease to `lease_until`; the rows in *out, their count returned. */
static size_t claim(int64_t now, int64_t lease_until, int limit, store_outbox_row **out)
{
    size_t n = 99;
    OK(store_outbox_claim(S, now, lease_until, limit, A, out, &n));
    return n;
}

static const store_outbox_row *find(const store_outbox_row *rows, size_t n, int64_t id)
{
    return find_row(rows, n, sizeof(*rows), offsetof(store_outbox_row, id), id);
}

void test_outbox_add_dedupe(void **state)
{
    (void)state;
    bz_arena_reset(A);
    drain();
    const int64_t t = 1800000000000;
    const char *key;
    int64_t id = add_row(t, &key);
    store_outbox_row r = get_row(id);
    assert_string_equal(r.kind, "test.kind");
    assert_string_equal(r.dedupe_key, key);
    assert_string_equal(r.payload, "{\"n\":1}");
    assert_string_equal(r.state, OUTBOX_PENDING);
    assert_int_equal(r.attempts, 0);
    assert_int_equal(r.next_at, t);
    assert_int_equal(r.lease_until, 0);
    assert_string_equal(r.last_error, "");
    assert_int_equal(r.created_at, t);
    assert_int_equal(r.updated_at, t);

    /* the same key again is no row and no error, also inside a transaction, which stays
     * usable and commits its other rows */
    int64_t again;
    assert_false(add_keyed("other.kind", key, t, &again));
    assert_int_equal(store_outbox_get(S, again, A, &r), BZ_ENOTFOUND);
    OK(store_begin(S));
    assert_false(add_keyed("other.kind", key, t, &again));
    int64_t in_tx = add_row(t, NULL);
    OK(store_commit(S));
    assert_string_equal(get_row(in_tx).state, OUTBOX_PENDING);
    assert_string_equal(get_row(id).kind, "test.kind");

    /* a row added in a transaction that rolls back is gone with it, and its key is free */
    const char *gone_key;
    OK(store_begin(S));
    int64_t gone = add_row(t, &gone_key);
    OK(store_rollback(S));
    assert_int_equal(store_outbox_get(S, gone, A, &r), BZ_ENOTFOUND);
    assert_true(add_keyed("test.kind", gone_key, t, &again));
    add_keyed("test.kind", gone_key, t, NULL); /* *added may be NULL */
    drain();
}

void test_outbox_lifecycle(void **state)
{
    (void)state;
    bz_arena_reset(A);
    drain();
    const int64_t t = 1810000000000;
    int64_t a = add_row(t, NULL), b = add_row(t + 10, NULL), later = add_row(t + 1000, NULL);
    int64_t due = -1;
    OK(store_outbox_next_due(S, &due));
    assert_int_equal(due, t);

    /* due rows only, leased: attempts + 1, next_at = the lease's end */
    store_outbox_row *rows;
    assert_int_equal(claim(t + 10, t + 510, 10, &rows), 2);
    const store_outbox_row *ra = find(rows, 2, a), *rb = find(rows, 2, b);
    assert_non_null(ra);
    assert_non_null(rb);
    assert_int_equal(ra->attempts, 1);
    assert_int_equal(ra->lease_until, t + 510);
    assert_int_equal(ra->next_at, t + 510);
    assert_int_equal(ra->updated_at, t + 10);
    assert_string_equal(ra->state, OUTBOX_PENDING);
    assert_string_equal(ra->payload, "{\"n\":1}");
    assert_int_equal(claim(t + 10, t + 510, 10, &rows), 0); /* leased: not due */
    OK(store_outbox_next_due(S, &due));
    assert_int_equal(due, t + 510);

    /* done, once */
    store_outbox_row ca = *ra, cb = *rb;
    OK(store_outbox_done(S, &ca, t + 20));
    assert_string_equal(get_row(a).state, OUTBOX_DONE);
    assert_int_equal(get_row(a).lease_until, 0);
    assert_int_equal(store_outbox_done(S, &ca, t + 21), BZ_ECONFLICT);
    assert_int_equal(store_outbox_park(S, &ca, "late", t + 21), BZ_ECONFLICT);

    /* retry: due again at the time given, with the error */
    OK(store_outbox_retry(S, &cb, t + 100, "unavailable: HTTP 503", t + 20));
    store_outbox_row r = get_row(b);
    assert_string_equal(r.state, OUTBOX_PENDING);
    assert_int_equal(r.next_at, t + 100);
    assert_int_equal(r.lease_until, 0);
    assert_int_equal(r.attempts, 1);
    assert_string_equal(r.last_error, "unavailable: HTTP 503");
    assert_int_equal(store_outbox_retry(S, &cb, t + 100, "again", t + 21), BZ_ECONFLICT);
    assert_int_equal(claim(t + 99, t + 599, 10, &rows), 0);
    assert_int_equal(claim(t + 100, t + 600, 10, &rows), 1);
    assert_int_equal(rows[0].id, b);
    assert_int_equal(rows[0].attempts, 2);

    /* park: out of the due rows; an outcome of the earlier claim is refused */
    cb = rows[0];
    OK(store_outbox_park(S, &cb, "validation_failed: HTTP 400", t + 110));
    r = get_row(b);
    assert_string_equal(r.state, OUTBOX_PARKED);
    assert_string_equal(r.last_error, "validation_failed: HTTP 400");
    assert_int_equal(r.lease_until, 0);
    assert_int_equal(claim(t + 100000, t + 100500, 10, &rows), 1); /* only `later` */
    assert_int_equal(rows[0].id, later);
    OK(store_outbox_done(S, &rows[0], t + 100000));

    /* requeue: parked -> pending now, attempts from 0, the error kept */
    OK(store_outbox_requeue(S, b, t + 200000));
    r = get_row(b);
    assert_string_equal(r.state, OUTBOX_PENDING);
    assert_int_equal(r.attempts, 0);
    assert_int_equal(r.next_at, t + 200000);
    assert_string_equal(r.last_error, "validation_failed: HTTP 400");
    assert_int_equal(store_outbox_requeue(S, b, t + 200001), BZ_ECONFLICT);
    assert_int_equal(store_outbox_requeue(S, a, t + 200001), BZ_ECONFLICT); /* done */
    assert_int_equal(store_outbox_requeue(S, new_id(), t), BZ_ENOTFOUND);
    store_outbox_row ghost = {.id = new_id(), .attempts = 1, .lease_until = t};
    assert_int_equal(store_outbox_done(S, &ghost, t), BZ_ENOTFOUND);
    assert_int_equal(store_outbox_retry(S, &ghost, t, "x", t), BZ_ENOTFOUND);
    assert_int_equal(store_outbox_park(S, &ghost, "x", t), BZ_ENOTFOUND);
    assert_int_equal(store_outbox_get(S, ghost.id, A, &r), BZ_ENOTFOUND);

    assert_int_equal(claim(t + 200000, t + 200500, 10, &rows), 1);
    assert_int_equal(rows[0].id, b);
    assert_int_equal(rows[0].attempts, 1);
    OK(store_outbox_done(S, &rows[0], t + 200001));
    OK(store_outbox_next_due(S, &due));
    assert_int_equal(due, 0); /* nothing pending */
}

/* A worker claims a row and dies: when its lease ends the row is claimed again, and the dead
 * worker's outcome, should it come after all, is refused. */
void test_outbox_lease_expires(void **state)
{
    (void)state;
    bz_arena_reset(A);
    drain();
    const int64_t t = 1820000000000;
    int64_t id = add_row(t, NULL);
    store_outbox_row *rows;
    assert_int_equal(claim(t, t + 1000, 1, &rows), 1);
    store_outbox_row crashed = rows[0];
    assert_int_equal(claim(t + 999, t + 1999, 1, &rows), 0);
    assert_int_equal(claim(t + 1000, t + 2000, 1, &rows), 1);
    store_outbox_row second = rows[0];
    assert_int_equal(second.id, id);
    assert_int_equal(second.attempts, 2);
    assert_int_equal(second.lease_until, t + 2000);
    assert_int_equal(store_outbox_done(S, &crashed, t + 1001), BZ_ECONFLICT);
    assert_int_equal(store_outbox_retry(S, &crashed, t + 5000, "late", t + 1001), BZ_ECONFLICT);
    assert_string_equal(get_row(id).state, OUTBOX_PENDING);
    OK(store_outbox_done(S, &second, t + 1002));
    store_outbox_row r = get_row(id);
    assert_string_equal(r.state, OUTBOX_DONE);
    assert_int_equal(r.attempts, 2);
}

/* ---- claimers racing --------------------------------------------------------------------- */

enum { RACE_ROWS = 60, RACERS = 4 };

struct claimer {
    int64_t now;
    int64_t ids[RACE_ROWS];
    size_t n;
};

/* Claim and finish due rows, three at a time, until none is left; the ids claimed in cl->ids. */
static int run_claimer(store *conn, void *arg)
{
    struct claimer *cl = arg;
    bz_arena *a = bz_arena_new(16 * 1024);
    int rc = a ? BZ_OK : BZ_ENOMEM;
    while (rc == BZ_OK) {
        store_outbox_row *rows = NULL;
        size_t n = 0;
        rc = store_outbox_claim(conn, cl->now, cl->now + 60000, 3, a, &rows, &n);
        if (rc != BZ_OK || n == 0) {
            break;
        }
        for (size_t i = 0; i < n && rc == BZ_OK; i++) {
            if (cl->n == RACE_ROWS) { /* more than there are: some row came twice */
                rc = BZ_EINTERNAL;
                break;
            }
            cl->ids[cl->n++] = rows[i].id;
            rc = store_outbox_done(conn, &rows[i], cl->now);
        }
        bz_arena_reset(a);
    }
    bz_arena_free(a);
    return rc;
}

void test_outbox_claim_race(void **state)
{
    (void)state;
    bz_arena_reset(A);
    drain();
    const int64_t t = 1830000000000;
    int64_t ids[RACE_ROWS];
    for (int i = 0; i < RACE_ROWS; i++) {
        ids[i] = add_row(t - i, NULL);
    }
    struct claimer cl[RACERS];
    memset(cl, 0, sizeof(cl));
    for (int i = 0; i < RACERS; i++) {
        cl[i].now = t;
    }
    assert_int_equal(race_threads(RACERS, run_claimer, cl, sizeof(cl[0]), BZ_OK), RACERS);
    /* every row claimed by exactly one claimer */
    size_t total = 0;
    for (int i = 0; i < RACERS; i++) {
        total += cl[i].n;
    }
    assert_int_equal(total, RACE_ROWS);
    for (int r = 0; r < RACE_ROWS; r++) {
        int seen = 0;
        for (int i = 0; i < RACERS; i++) {
            for (size_t k = 0; k < cl[i].n; k++) {
                seen += cl[i].ids[k] == ids[r];
            }
        }
        assert_int_equal(seen, 1);
        store_outbox_row row = get_row(ids[r]);
        assert_string_equal(row.state, OUTBOX_DONE);
        assert_int_equal(row.attempts, 1);
    }
}

/* ---- operators' reads, pruning ---------------------------------------------------------- */

void test_outbox_list_stats_prune(void **state)
{
    (void)state;
    bz_arena_reset(A);
    drain();
    const int64_t t = 1840000000000;
    store_outbox_counts before, after;
    OK(store_outbox_stats(S, &before));
    assert_int_equal(before.pending, 0);
    assert_int_equal(before.oldest_pending_at, 0);

    /* three parked, two pending (created at t - 5 and t - 3) */
    int64_t parked[3];
    for (int i = 0; i < 3; i++) {
        parked[i] = add_row(t, NULL);
    }
    store_outbox_row *rows;
    assert_int_equal(claim(t, t + 100, 10, &rows), 3);
    for (int i = 0; i < 3; i++) {
        OK(store_outbox_park(S, &rows[i], "bad_request", t + 1));
    }
    int64_t p1 = add_row(t - 5, NULL), p2 = add_row(t - 3, NULL);
    OK(store_outbox_stats(S, &after));
    assert_int_equal(after.pending, 2);
    assert_int_equal(after.parked, before.parked + 3);
    assert_int_equal(after.oldest_pending_at, t - 5);

    /* parked, newest first, two per page */
    store_outbox_row *page_rows;
    store_page page;
    OK(store_outbox_list(S, OUTBOX_PARKED, 0, 2, A, &page_rows, &page));
    assert_int_equal(page.n, 2);
    assert_int_equal(page_rows[0].id, parked[2]);
    assert_int_equal(page_rows[1].id, parked[1]);
    assert_string_equal(page_rows[0].last_error, "bad_request");
    assert_int_not_equal(page.next_cursor, 0);
    OK(store_outbox_list(S, OUTBOX_PARKED, page.next_cursor, 2, A, &page_rows, &page));
    assert_true(page.n >= 1);
    assert_int_equal(page_rows[0].id, parked[0]);

    /* pending; every state; not a state */
    OK(store_outbox_list(S, OUTBOX_PENDING, 0, 10, A, &page_rows, &page));
    assert_int_equal(page.n, 2);
    assert_int_equal(page.next_cursor, 0);
    assert_int_equal(page_rows[0].id, p2);
    assert_int_equal(page_rows[1].id, p1);
    OK(store_outbox_list(S, NULL, 0, 3, A, &page_rows, &page));
    assert_int_equal(page.n, 3);
    assert_int_equal(page_rows[0].id, p2);
    assert_int_equal(page_rows[2].id, parked[2]);
    assert_int_equal(store_outbox_list(S, "stuck", 0, 10, A, &page_rows, &page), BZ_EINTERNAL);
    assert_int_equal(page.n, 0);

    /* pruning takes done rows finished before the time given, and frees their keys */
    drain(); /* p1, p2 done at END_OF_TIME */
    const char *key;
    int64_t d = add_row(t, &key);
    assert_int_equal(claim(t, t + 100, 10, &rows), 1);
    OK(store_outbox_done(S, &rows[0], t + 50));
    int deleted = -1;
    OK(store_outbox_prune(S, t + 50, &deleted));
    assert_int_equal(get_row(d).id, d); /* finished at t + 50: not before */
    OK(store_outbox_prune(S, t + 51, &deleted));
    assert_true(deleted >= 1);
    store_outbox_row r;
    assert_int_equal(store_outbox_get(S, d, A, &r), BZ_ENOTFOUND);
    OK(store_outbox_get(S, p1, A, &r)); /* done later than that */
    OK(store_outbox_get(S, parked[0], A, &r));
    int64_t again;
    assert_true(add_keyed("test.kind", key, t, &again));
    OK(store_outbox_prune(S, t, NULL));
    drain();
}

/* A claim takes at most `limit` rows, also when more are due at the same instant (PostgreSQL
 * once ran the claim's LIMIT subquery again for the second row and took both). */
void test_outbox_claim_limit(void **state)
{
    (void)state;
    bz_arena_reset(A);
    drain();
    const int64_t t = 1820000000000;
    int64_t ids[4];
    for (int i = 0; i < 4; i++) {
        ids[i] = add_row(t, NULL);
    }
    store_outbox_row *rows;
    assert_int_equal(claim(t, t + 500, 1, &rows), 1);
    assert_int_equal(rows[0].id, ids[0]); /* soonest first, then by id */
    assert_int_equal(claim(t, t + 500, 2, &rows), 2);
    assert_non_null(find(rows, 2, ids[1]));
    assert_non_null(find(rows, 2, ids[2]));
    assert_int_equal(claim(t, t + 500, 1, &rows), 1);
    assert_int_equal(rows[0].id, ids[3]);
    assert_int_equal(claim(t, t + 500, 1, &rows), 0);
}
