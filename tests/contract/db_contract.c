/*
 * tests/contract/db_contract.c - the behaviour of store/db/db.h that both
 * drivers must show, below the store port: values round-trip, dialect
 * macros, the statement cache, errors, transactions, savepoint units,
 * guarded and deferred writes. Run as `db_contract sqlite` (a file in a
 * temporary directory) or `db_contract pg` (BLYTZ_TEST_PG=postgres://...;
 * everything happens in temporary tables of the session).
 */
#include "base/check.h"
#include "base/err.h"
#include "base/time.h"
#include "store/db/db.h"
#include "store/pg/pg_db.h"
#include "store/sqlite/sqlite_db.h"
#include "test_util.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static db_conn *C;
static bz_arena *A;
static bool is_pg;
static char tmp_dir[64];

#define OK(expr) assert_int_equal((expr), BZ_OK)

/* `q`'s statement, which must have been prepared. */
static db_stmt *prep(db_query *q)
{
    db_stmt *st = db_prepare(C, q);
    assert_non_null(st);
    return st;
}

static int count_rows(void)
{
    static db_query q = DB_QUERY("SELECT count(*) FROM t");
    db_stmt *st = prep(&q);
    assert_int_equal(db_step(st), DB_ROW);
    int n = db_col_i32(st, 0);
    db_reset(st);
    return n;
}

static void clear(void)
{
    static db_query q = DB_QUERY("DELETE FROM t");
    OK(db_exec(prep(&q), NULL));
}

/* Insert (id, name) into t. */
static db_query Q_INSERT = DB_QUERY("INSERT INTO t (id, name) VALUES ($1, $2)");

static int insert(int64_t id, const char *name)
{
    db_stmt *st = prep(&Q_INSERT);
    db_bind_i64(st, 1, id);
    db_bind_text(st, 2, name);
    return db_exec(st, NULL);
}

static int insert_with(int (*run)(db_stmt *), int64_t id)
{
    db_stmt *st = prep(&Q_INSERT);
    db_bind_i64(st, 1, id);
    db_bind_text(st, 2, "x");
    return run(st);
}

static int run_guarded(db_stmt *st)
{
    return db_exec_guarded(st, NULL);
}

static int run_deferred(db_stmt *st)
{
    return db_exec_deferred(st);
}

/* ---- values --------------------------------------------------------------------------- */

static void values_round_trip(void **state)
{
    (void)state;
    clear();
    unsigned char blob[32], back[32];
    for (int i = 0; i < 32; i++) {
        blob[i] = (unsigned char)(i * 37 + 1); /* includes 0x00-free high bytes and a \ */
    }
    blob[5] = 0;
    blob[6] = '\\';
    static db_query ins =
        DB_QUERY("INSERT INTO t (id, name, n, flag, h, ref) VALUES ($1, $2, $3, $4, $5, $6)");
    db_stmt *st = prep(&ins);
    db_bind_i64(st, 1, 1);
    db_bind_text(st, 2, "it's \"quoted\" and $1 {x}");
    db_bind_i64(st, 3, INT64_MIN);
    db_bind_bool(st, 4, true);
    db_bind_blob32(st, 5, blob);
    db_bind_id(st, 6, 0); /* NULL */
    int changes = -1;
    OK(db_exec(st, &changes));
    assert_int_equal(changes, 1);

    static db_query sel =
        DB_QUERY("SELECT name, n, flag, h, ref, NULL, '$1 {now_ms}' FROM t WHERE id = $1");
    st = prep(&sel);
    db_bind_i64(st, 1, 1);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0, A), "it's \"quoted\" and $1 {x}");
    assert_true(db_col_i64(st, 1) == INT64_MIN);
    assert_true(db_col_bool(st, 2));
    db_col_blob32(st, 3, back);
    assert_memory_equal(back, blob, 32);
    assert_true(db_col_is_null(st, 4));
    assert_int_equal(db_col_i64(st, 4), 0);
    assert_string_equal(db_col_text(st, 5, A), "");
    assert_false(db_col_bool(st, 5));
    assert_string_equal(db_col_text(st, 6, A), "$1 {now_ms}");
    assert_true(db_row_ok(st));
    assert_int_equal(db_step(st), BZ_OK);
    db_reset(st);
}

static void read_id(db_stmt *st, bz_arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_i64(st, 0);
}

static void fetch_helpers_and_id_lists(void **state)
{
    (void)state;
    clear();
    for (int64_t id = 1; id <= 5; id++) {
        OK(insert(id, "n"));
    }
    static db_query q = DB_QUERY("SELECT id FROM t WHERE id {in_ids $1} ORDER BY id");
    const int64_t want[] = {2, 4, 9};
    db_stmt *st = prep(&q);
    db_bind_ids(st, 1, want, 3);
    size_t n = 0;
    int rc = -1;
    int64_t *ids = db_fetch_all(st, A, read_id, sizeof(*ids), &n, &rc);
    OK(rc);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 2);
    assert_int_equal(ids[1], 4);

    /* an empty list matches nothing */
    st = prep(&q);
    db_bind_ids(st, 1, want, 0);
    ids = db_fetch_all(st, A, read_id, sizeof(*ids), &n, &rc);
    OK(rc);
    assert_int_equal(n, 0);

    static db_query one = DB_QUERY("SELECT id FROM t WHERE id = $1");
    int64_t got = 0;
    st = prep(&one);
    db_bind_i64(st, 1, 3);
    OK(db_fetch_one(st, A, read_id, &got));
    assert_int_equal(got, 3);
    st = prep(&one);
    db_bind_i64(st, 1, 99);
    assert_int_equal(db_fetch_one(st, A, read_id, &got), BZ_ENOTFOUND);
    bool found = true;
    st = prep(&one);
    db_bind_i64(st, 1, 99);
    OK(db_exists(st, &found));
    assert_false(found);
}

static void now_ms_is_the_database_clock(void **state)
{
    (void)state;
    static db_query q = DB_QUERY("SELECT {now_ms}");
    db_stmt *st = prep(&q);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t now = db_col_i64(st, 0);
    db_reset(st);
    int64_t mine = bz_now_ms();
    assert_true(now > mine - 60000 && now < mine + 60000);
}

/* ---- statements ----------------------------------------------------------------------- */

static void one_statement_per_query(void **state)
{
    (void)state;
    static db_query q = DB_QUERY("SELECT $1");
    db_stmt *first = prep(&q);
    db_reset(first);
    db_stmt *again = prep(&q);
    assert_ptr_equal(first, again);
    /* not reset: the next prepare logs, resets it and still works */
    db_bind_i64(again, 1, 7);
    assert_int_equal(db_step(again), DB_ROW);
    db_stmt *third = prep(&q);
    db_bind_i64(third, 1, 8);
    assert_int_equal(db_step(third), DB_ROW);
    assert_int_equal(db_col_i64(third, 0), 8);
    db_reset(third);
}

static void errors_are_mapped(void **state)
{
    (void)state;
    clear();
    OK(insert(1, "a"));
    assert_int_equal(insert(1, "b"), BZ_ECONFLICT);
    /* a bind past the statement's parameters is a failed check (counted here instead of
     * aborting, base/check.h) and fails its step */
    bz_check_set_abort(false);
    uint64_t failed = bz_check_failures();
    db_stmt *st = prep(&Q_INSERT);
    db_bind_i64(st, 1, 2);
    db_bind_text(st, 2, "x");
    db_bind_i64(st, 3, 3);
    assert_int_equal(db_exec(st, NULL), BZ_EINTERNAL);
    assert_int_equal(bz_check_failures(), failed + 1);
    bz_check_set_abort(true);
    /* unknown macros and bad SQL fail the first step (and only it) */
    static db_query bad_macro = DB_QUERY("SELECT {nosuch}");
    st = db_prepare(C, &bad_macro);
    db_bind_i64(st, 1, 1); /* ignored */
    assert_int_equal(db_exec(st, NULL), BZ_EINTERNAL);
    static db_query bad_sql = DB_QUERY("SELEC 1");
    assert_int_equal(db_exec(db_prepare(C, &bad_sql), NULL), BZ_EINTERNAL);
    /* misuse of a statement is a failed check and refused: a step when not in use, a step
     * after the end, a column read with no row or past the row's end */
    bz_check_set_abort(false);
    failed = bz_check_failures();
    st = prep(&Q_INSERT);
    db_reset(st);
    assert_int_equal(db_step(st), BZ_EINTERNAL);
    static db_query one = DB_QUERY("SELECT 7");
    st = prep(&one);
    assert_int_equal(db_col_i64(st, 0), 0);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_i64(st, 0), 7);
    assert_int_equal(db_col_i64(st, 1), 0);
    assert_int_equal(db_step(st), BZ_OK);
    assert_int_equal(db_step(st), BZ_EINTERNAL);
    db_reset(st);
    assert_int_equal(bz_check_failures(), failed + 4);
    bz_check_set_abort(true);
    assert_int_equal(count_rows(), 1);
}

/* ---- transactions --------------------------------------------------------------------- */

static void transactions(void **state)
{
    (void)state;
    clear();
    /* unpaired transactions and units are failed checks, refused */
    bz_check_set_abort(false);
    uint64_t failed = bz_check_failures();
    assert_int_equal(db_commit(C), BZ_EINTERNAL);
    assert_int_equal(db_rollback(C), BZ_EINTERNAL);
    assert_int_equal(db_atomic_end(C, BZ_OK), BZ_EINTERNAL);
    OK(db_atomic_begin(C));
    assert_int_equal(db_atomic_begin(C), BZ_EINTERNAL);
    assert_int_equal(db_begin(C), BZ_EINTERNAL);
    OK(db_atomic_end(C, BZ_OK));
    OK(db_begin(C));
    assert_true(db_in_tx(C));
    assert_int_equal(db_begin(C), BZ_EINTERNAL);
    assert_int_equal(bz_check_failures(), failed + 6);
    bz_check_set_abort(true);
    OK(insert(1, "a"));
    OK(db_rollback(C));
    assert_false(db_in_tx(C));
    assert_int_equal(count_rows(), 0);

    OK(db_begin(C));
    static db_query locked = DB_QUERY("SELECT id FROM t WHERE id = $1 {for_update}");
    db_stmt *st = prep(&locked);
    db_bind_i64(st, 1, 1);
    bool found = true;
    OK(db_exists(st, &found));
    assert_false(found);
    OK(insert(1, "a"));
    OK(db_commit(C));
    assert_int_equal(count_rows(), 1);
}

static void atomic_units(void **state)
{
    (void)state;
    clear();
    /* alone: a transaction of its own */
    OK(db_atomic_begin(C));
    OK(insert(1, "a"));
    assert_int_equal(db_atomic_end(C, BZ_ECONFLICT), BZ_ECONFLICT);
    assert_int_equal(count_rows(), 0);
    OK(db_atomic_begin(C));
    OK(insert(1, "a"));
    OK(db_atomic_end(C, BZ_OK));
    assert_int_equal(count_rows(), 1);

    /* inside a transaction: a savepoint, whose failure leaves the rest */
    OK(db_begin(C));
    OK(insert(2, "b"));
    OK(db_atomic_begin(C));
    OK(insert(3, "c"));
    int rc = insert(1, "dup");
    assert_int_equal(rc, BZ_ECONFLICT);
    assert_int_equal(db_atomic_end(C, rc), BZ_ECONFLICT);
    OK(insert(4, "d"));
    OK(db_commit(C));
    assert_int_equal(count_rows(), 3); /* 1, 2, 4 */
}

static void guarded_writes_keep_the_transaction(void **state)
{
    (void)state;
    clear();
    OK(insert(1, "a"));
    OK(db_begin(C));
    OK(insert_with(run_guarded, 2));
    assert_int_equal(insert_with(run_guarded, 1), BZ_ECONFLICT);
    OK(insert(3, "c")); /* PostgreSQL would refuse this without the savepoint */
    OK(db_commit(C));
    assert_int_equal(count_rows(), 3);
    assert_int_equal(insert_with(run_guarded, 1), BZ_ECONFLICT); /* outside a transaction */
}

static void deferred_writes(void **state)
{
    (void)state;
    clear();
    /* outside a transaction: run at once */
    OK(insert_with(run_deferred, 1));
    assert_int_equal(count_rows(), 1);

    /* a batch: answered by the next statement or the commit */
    OK(db_begin(C));
    for (int64_t id = 2; id <= 6; id++) {
        OK(insert_with(run_deferred, id));
    }
    OK(db_sync(C));
    OK(insert_with(run_deferred, 7));
    OK(db_commit(C));
    assert_int_equal(count_rows(), 7);

    /* a failure fails the whole transaction, at the latest at commit */
    OK(db_begin(C));
    int rc = insert_with(run_deferred, 8);
    if (rc == BZ_OK) {
        rc = insert_with(run_deferred, 1); /* a duplicate */
    }
    if (rc == BZ_OK) {
        rc = db_commit(C);
    } else {
        OK(db_rollback(C));
    }
    assert_int_equal(rc, BZ_ECONFLICT);
    assert_false(db_in_tx(C));
    assert_int_equal(count_rows(), 7);
}

/* ---- setup ---------------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    const char *kind = getenv("DB_CONTRACT_KIND");
    is_pg = strcmp(kind, "pg") == 0;
    int rc;
    if (is_pg) {
        const char *url = test_pg_url("db_contract");
        if (!url) {
            return -1;
        }
        rc = pg_db_open(url, &C);
    } else {
        snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/db_contract.XXXXXX");
        if (!mkdtemp(tmp_dir)) {
            return -1;
        }
        char path[128];
        snprintf(path, sizeof(path), "%s/db.sqlite", tmp_dir);
        rc = sqlite_db_open(path, &C);
    }
    if (rc != BZ_OK) {
        return -1;
    }
    /* BYTEA / BLOB is the one spelling that differs; BOOLEAN is 1/0 in SQLite. */
    static db_query create_pg = DB_QUERY(
        "CREATE TEMP TABLE t (id BIGINT PRIMARY KEY, name TEXT, n BIGINT, flag BOOLEAN, h BYTEA, "
        "ref BIGINT)");
    static db_query create_sqlite = DB_QUERY(
        "CREATE TEMP TABLE t (id BIGINT PRIMARY KEY, name TEXT, n BIGINT, flag BOOLEAN, h BLOB, "
        "ref BIGINT)");
    if (db_exec(db_prepare(C, is_pg ? &create_pg : &create_sqlite), NULL) != BZ_OK) {
        return -1;
    }
    A = bz_arena_new(4096);
    return A ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    db_close(C);
    bz_arena_free(A);
    if (tmp_dir[0]) {
        char path[128];
        snprintf(path, sizeof(path), "%s/db.sqlite", tmp_dir);
        test_sqlite_unlink(path);
        rmdir(tmp_dir);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2 || (strcmp(argv[1], "sqlite") != 0 && strcmp(argv[1], "pg") != 0)) {
        fprintf(stderr, "usage: db_contract sqlite|pg\n");
        return 2;
    }
    setenv("DB_CONTRACT_KIND", argv[1], 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_round_trip),
        cmocka_unit_test(fetch_helpers_and_id_lists),
        cmocka_unit_test(now_ms_is_the_database_clock),
        cmocka_unit_test(one_statement_per_query),
        cmocka_unit_test(errors_are_mapped),
        cmocka_unit_test(transactions),
        cmocka_unit_test(atomic_units),
        cmocka_unit_test(guarded_writes_keep_the_transaction),
        cmocka_unit_test(deferred_writes),
    };
    return cmocka_run_group_tests_name(argv[1], tests, setup, teardown);
}
