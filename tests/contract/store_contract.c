/*
 * tests/contract/store_contract.c - the behaviour of app/ports/store.h that
 * every adapter must show. Run as `store_contract sqlite` or
 * `store_contract pg` (BLYTZ_TEST_PG=postgres://...): the PostgreSQL run
 * works in a schema of its own, dropped at the end, so runs never collide.
 */
#include "contract.h"

#include "base/check.h"
#include "base/err.h"
#include "base/rand.h"
#include "base/time.h"
#include "store/migrations/migrations.h"
#include "store/store_open.h"
#include "test_util.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

store *S;
bz_arena *A;
const char *g_url;

static char url_buf[1024];
static char tmp_dir[64];   /* sqlite: holds the database file */
static char pg_base[512];  /* pg: BLYTZ_TEST_PG */
static char pg_schema[64]; /* pg: this run's schema */
static char run_tag[9];
static int word_counter;

static int pg_admin(const char *sql);
static int fresh_database(const char *name, char *out, size_t size);

/* ---- fixture helpers ------------------------------------------------------ */

int64_t new_id(void)
{
    return bz_id_new(bz_now_ms());
}

const char *unique_word(void)
{
    /* Letters only, so every tokenizer keeps it as one word. */
    char digits[16];
    int n = ++word_counter, len = 0;
    do {
        digits[len++] = (char)('a' + n % 26);
        n /= 26;
    } while (n > 0);
    digits[len] = '\0';
    return bz_arena_printf(A, "t%s%s", run_tag, digits);
}

int64_t make_user(void)
{
    const char *name = unique_word();
    account_user u = {
        .id = new_id(),
        .email = bz_arena_printf(A, "%s@example.my", name),
        .username = name,
        .display_name = "",
        .bio = "",
        .password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA",
        .created_at = bz_now_ms(),
        .updated_at = bz_now_ms(),
    };
    OK(store_user_create(S, &u));
    return u.id;
}

int64_t make_seller(void)
{
    int64_t id = make_user();
    catalog_seller sl = {
        .id = id,
        .shop_name = "Kedai Ujian",
        .description = "test shop",
        .pickup = {"1 Jalan Ampang", "", "Kuala Lumpur", "Wilayah Persekutuan Kuala Lumpur",
                   "50450"},
        .created_at = bz_now_ms(),
    };
    OK(store_seller_create(S, &sl));
    return id;
}

int64_t make_category(int64_t parent_id)
{
    catalog_category c = {.id = new_id(), .parent_id = parent_id, .name = "Category"};
    c.slug = unique_word();
    OK(store_category_create(S, &c));
    return c.id;
}

int64_t make_product(int64_t seller_id, int64_t category_id, const char *title, int64_t price,
                     int quantity)
{
    catalog_product p = {
        .id = new_id(),
        .seller_id = seller_id,
        .category_id = category_id,
        .title = title,
        .description = "a thing for sale",
        .condition = "good",
        .quantity = quantity,
        .buy_now_price = price,
        .shipping_weight_g = 500,
        .created_at = bz_now_ms(),
        .updated_at = bz_now_ms(),
    };
    OK(store_product_create(S, &p));
    return p.id;
}

store_refresh make_refresh(int64_t user, int64_t family, int64_t created_at, int64_t expires_at)
{
    store_refresh t = {.id = new_id(),
                       .user_id = user,
                       .family_id = family,
                       .created_at = created_at,
                       .expires_at = expires_at};
    bz_random_bytes(t.hash, sizeof(t.hash));
    OK(store_refresh_create(S, &t));
    return t;
}

typedef struct racer_seat {
    pthread_t thread;
    pthread_barrier_t *go;
    racer_fn fn;
    void *arg;
    int rc;
} racer_seat;

static void *run_seat(void *p)
{
    racer_seat *seat = p;
    store *conn = NULL;
    seat->rc = store_open_url(g_url, &conn);
    pthread_barrier_wait(seat->go); /* nobody starts before every connection is open */
    if (seat->rc == BZ_OK) {
        seat->rc = seat->fn(conn, seat->arg);
    }
    store_close(conn);
    return NULL;
}

int race_threads(int n, racer_fn fn, void *args, size_t size, int loser_rc)
{
    racer_seat *seats = calloc((size_t)n, sizeof *seats);
    assert_non_null(seats);
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, (unsigned)n);
    for (int i = 0; i < n; i++) {
        seats[i] = (racer_seat){.go = &go, .fn = fn, .arg = (char *)args + (size_t)i * size};
        assert_int_equal(pthread_create(&seats[i].thread, NULL, run_seat, &seats[i]), 0);
    }
    int won = 0;
    for (int i = 0; i < n; i++) {
        pthread_join(seats[i].thread, NULL);
        if (seats[i].rc == BZ_OK) {
            won++;
        } else {
            assert_int_equal(seats[i].rc, loser_rc);
        }
    }
    pthread_barrier_destroy(&go);
    free(seats);
    return won;
}

int in_transaction(store *conn, racer_fn fn, void *arg)
{
    int rc = store_begin(conn);
    if (rc == BZ_OK) {
        rc = fn(conn, arg);
        if (rc == BZ_OK) {
            rc = store_commit(conn);
        } else {
            store_rollback(conn);
        }
    }
    return rc;
}

const void *find_row(const void *rows, size_t n, size_t size, size_t id_off, int64_t id)
{
    for (size_t i = 0; i < n; i++) {
        const char *row = (const char *)rows + i * size;
        int64_t v;
        memcpy(&v, row + id_off, sizeof(v));
        if (v == id) {
            return row;
        }
    }
    return NULL;
}

int64_t create_show(int64_t seller, const char *title, const int64_t *ids, size_t n,
                    int64_t starts_at, int64_t made_at, bool live)
{
    show_stream st = {.id = new_id(),
                      .seller_id = seller,
                      .title = title,
                      .description = "",
                      .starts_at = starts_at,
                      .created_at = made_at,
                      .updated_at = made_at,
                      .product_ids = ids,
                      .n_products = n};
    OK(store_stream_create(S, &st));
    if (live) {
        OK(store_stream_set_status(S, st.id, "scheduled", "live", starts_at));
    }
    return st.id;
}

auction_lot new_auction(int64_t seller, int64_t stream, int64_t product, const char *mode,
                        int64_t at)
{
    return (auction_lot){.id = new_id(),
                         .stream_id = stream,
                         .product_id = product,
                         .seller_id = seller,
                         .mode = mode,
                         .starting_bid = 1000,
                         .started_at = at,
                         .ends_at = at + 30000,
                         .created_at = at};
}

void end_auction(int64_t id, const char *status, int64_t ended_at, int64_t winner)
{
    auction_lot got;
    OK(store_begin(S));
    OK(store_auction_get(S, id, true, A, &got));
    got.status = status;
    got.ended_at = ended_at;
    got.winner_id = winner;
    OK(store_auction_update(S, &got, got.version));
    OK(store_commit(S));
}

/* ---- connection and migrations ---------------------------------------------- */

static void test_migrate_twice_is_noop(void **state)
{
    int applied = -1;
    OK(store_migrate(S, &applied));
    assert_int_equal(applied, 0);
    OK(store_migrate(S, NULL));

    store *other = NULL;
    OK(store_open_url(g_url, &other));
    OK(store_migrate(other, &applied));
    assert_int_equal(applied, 0);
    OK(store_ping(other));
    store_close(other);
    OK(store_ping(S));
}

static void test_open_url(void **state)
{
    store *s = (store *)1;
    assert_int_equal(store_open_url("mysql://localhost/x", &s), BZ_EVALIDATION);
    assert_null(s);
    assert_int_equal(store_open_url("sqlite:", &s), BZ_EVALIDATION);
    assert_int_equal(store_open_url("", &s), BZ_EVALIDATION);
    assert_int_equal(store_open_url(NULL, &s), BZ_EVALIDATION);
    assert_string_equal(store_name(S),
                        strcmp(getenv("CONTRACT_KIND"), "pg") == 0 ? "postgres" : "sqlite");
    store_close(NULL);
}

/* ---- transactions -------------------------------------------------------------------- */

static account_user tx_user(void)
{
    const char *name = unique_word();
    return (account_user){
        .id = new_id(),
        .email = bz_arena_printf(A, "%s@tx.my", name),
        .username = name,
        .password_hash = "h",
        .created_at = 1,
        .updated_at = 1,
    };
}

static void test_transactions(void **state)
{
    bz_arena_reset(A);
    account_user got;

    /* rollback discards */
    account_user gone = tx_user();
    OK(store_begin(S));
    OK(store_user_create(S, &gone));
    OK(store_user_get(S, gone.id, A, &got)); /* visible inside */
    OK(store_rollback(S));
    assert_int_equal(store_user_get(S, gone.id, A, &got), BZ_ENOTFOUND);

    /* an expected failure inside leaves the transaction usable; commit keeps the rest, and
     * other connections see nothing before it */
    store *other = NULL;
    OK(store_open_url(g_url, &other));
    account_user kept = tx_user(), kept2 = tx_user();
    OK(store_begin(S));
    OK(store_user_create(S, &kept));
    account_user clash = tx_user();
    clash.email = kept.email;
    assert_int_equal(store_user_create(S, &clash), BZ_EEMAILTAKEN);
    OK(store_user_create(S, &kept2));
    assert_int_equal(store_user_get(other, kept.id, A, &got), BZ_ENOTFOUND);
    OK(store_commit(S));
    OK(store_user_get(other, kept.id, A, &got));
    OK(store_user_get(other, kept2.id, A, &got));
    store_close(other);

    /* multi-statement operations nest inside a transaction and roll back with it */
    OK(store_begin(S));
    catalog_seller sl = {.id = kept.id,
                         .shop_name = "Tx",
                         .description = "",
                         .pickup = {"1 Jalan", "", "Kuching", "Sarawak", "93000"},
                         .created_at = 1};
    OK(store_seller_create(S, &sl));
    assert_int_equal(store_seller_create(S, &sl), BZ_EALREADYSELLER);
    assert_int_equal(store_product_delete(S, new_id()), BZ_ENOTFOUND);
    OK(store_user_get(S, kept.id, A, &got));
    assert_true(got.is_seller);
    OK(store_rollback(S));
    catalog_seller seller;
    assert_int_equal(store_seller_get(S, kept.id, A, &seller), BZ_ENOTFOUND);
    OK(store_user_get(S, kept.id, A, &got));
    assert_false(got.is_seller);

    /* misuse: unpaired transactions are failed checks (counted here instead of aborting,
     * base/check.h), refused */
    bz_check_set_abort(false);
    uint64_t failed = bz_check_failures();
    OK(store_begin(S));
    assert_int_equal(store_begin(S), BZ_EINTERNAL);
    int applied = 0;
    assert_int_equal(store_migrate(S, &applied), BZ_EINTERNAL);
    OK(store_rollback(S));
    assert_int_equal(store_commit(S), BZ_EINTERNAL);
    assert_int_equal(store_rollback(S), BZ_EINTERNAL);
    assert_int_equal(bz_check_failures(), failed + 3);
    bz_check_set_abort(true);
    OK(store_ping(S));
}

/* ---- migrating a fresh database from several processes at once -------------------------- */

struct migrator {
    const char *url;
    int rc, applied;
};

static void *run_migrator(void *arg)
{
    struct migrator *m = arg;
    store *conn = NULL;
    m->rc = store_open_url(m->url, &conn);
    if (m->rc == BZ_OK) {
        m->rc = store_migrate(conn, &m->applied);
    }
    store_close(conn);
    return NULL;
}

static void test_concurrent_migrate(void **state)
{
    char url[1024];
    assert_int_equal(fresh_database("fresh", url, sizeof(url)), 0);
    enum { MIGRATORS = 3 };
    pthread_t threads[MIGRATORS];
    struct migrator m[MIGRATORS];
    for (int i = 0; i < MIGRATORS; i++) {
        m[i] = (struct migrator){.url = url};
        assert_int_equal(pthread_create(&threads[i], NULL, run_migrator, &m[i]), 0);
    }
    int total = 0;
    for (int i = 0; i < MIGRATORS; i++) {
        pthread_join(threads[i], NULL);
        OK(m[i].rc);
        total += m[i].applied;
    }
    size_t n = 0;
    store_migrations(pg_base[0] ? "pg" : "sqlite", &n);
    assert_int_equal(total, (int)n); /* each migration ran exactly once */
}

/* ---- PostgreSQL: losing the connection ----------------------------------------------------- */

static void kill_sessions(void)
{
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
             "WHERE application_name = '%s'",
             pg_schema);
    assert_int_equal(pg_admin(sql), 0);
}

static void test_pg_reconnect(void **state)
{
    if (!pg_base[0]) {
        skip(); /* SQLite has no connection to lose */
    }
    bz_arena_reset(A);
    int64_t id = make_user();
    account_user got;

    /* the call that finds the connection gone fails; the next one reconnects */
    kill_sessions();
    assert_int_equal(store_user_get(S, id, A, &got), BZ_EUNAVAILABLE);
    OK(store_user_get(S, id, A, &got));
    OK(store_ping(S));

    /* a transaction cut off stays failed until rolled back: nothing of it may run in
     * autocommit mode on the new connection */
    account_user u = tx_user();
    OK(store_begin(S));
    OK(store_user_create(S, &u));
    kill_sessions();
    assert_int_equal(store_user_get(S, id, A, &got), BZ_EUNAVAILABLE);
    assert_int_equal(store_user_create(S, &u), BZ_EUNAVAILABLE);
    OK(store_rollback(S));
    assert_int_equal(store_user_get(S, u.id, A, &got), BZ_ENOTFOUND);

    OK(store_begin(S));
    kill_sessions();
    assert_int_equal(store_commit(S), BZ_EUNAVAILABLE);
    OK(store_ping(S));
    OK(store_user_get(S, id, A, &got));
}

/* ---- running the suite against one adapter ----------------------------------------------- */

static int pg_admin(const char *sql)
{
    PGconn *conn = PQconnectdb(pg_base);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "store_contract: cannot connect to BLYTZ_TEST_PG: %s",
                PQerrorMessage(conn));
        PQfinish(conn);
        return -1;
    }
    PQclear(PQexec(conn, "SET client_min_messages = warning"));
    PGresult *res = PQexec(conn, sql);
    ExecStatusType status = PQresultStatus(res);
    int rc = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? 0 : -1;
    if (rc) {
        fprintf(stderr, "store_contract: %s: %s", sql, PQerrorMessage(conn));
    }
    PQclear(res);
    PQfinish(conn);
    return rc;
}

/* Write the URL of an empty database named `name` into out: a file in the run's temporary
 * directory, or a new schema of BLYTZ_TEST_PG. -1 (after saying why) on failure. */
static int fresh_database(const char *name, char *out, size_t size)
{
    if (!pg_base[0]) {
        snprintf(out, size, "sqlite:%s/%s.db", tmp_dir, name);
        return 0;
    }
    char sql[160];
    snprintf(sql, sizeof(sql), "CREATE SCHEMA %s_%s", pg_schema, name);
    if (pg_admin(sql)) {
        return -1;
    }
    /* options=-c search_path=<schema>: every connection made from this URL, the suite's and
     * the racing threads', works in that schema. application_name lets the reconnect test
     * find this run's sessions. */
    snprintf(out, size, "%s%soptions=-csearch_path%%3D%s_%s&application_name=%s", pg_base,
             strchr(pg_base, '?') ? "&" : "?", pg_schema, name, pg_schema);
    return 0;
}

static void drop_databases(void)
{
    const char *names[] = {"main", "fresh"};
    for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
        if (pg_base[0]) {
            char sql[160];
            snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s_%s CASCADE", pg_schema, names[n]);
            pg_admin(sql);
            continue;
        }
        char path[128];
        snprintf(path, sizeof(path), "%s/%s.db", tmp_dir, names[n]);
        test_sqlite_unlink(path);
    }
    if (tmp_dir[0]) {
        rmdir(tmp_dir);
    }
}

/* Set up where this run's databases live; -1 (after saying why) if it cannot. */
static int prepare_run(const char *kind)
{
    if (strcmp(kind, "sqlite") == 0) {
        snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/blytz-contract-XXXXXX");
        if (!mkdtemp(tmp_dir)) {
            perror("store_contract: mkdtemp");
            tmp_dir[0] = '\0';
            return -1;
        }
        return 0;
    }
    const char *base = test_pg_url("store_contract");
    if (!base) {
        return -1;
    }
    snprintf(pg_base, sizeof(pg_base), "%s", base);
    snprintf(pg_schema, sizeof(pg_schema), "contract_%s_%d", run_tag, (int)getpid());
    return 0;
}

static int group_setup(void **state)
{
    int rc = store_open_url(g_url, &S);
    if (rc != BZ_OK) {
        fprintf(stderr, "store_contract: cannot open %s: %s\n", getenv("CONTRACT_KIND"),
                bz_err_message(rc));
        return -1;
    }
    int applied = 0;
    rc = store_migrate(S, &applied);
    if (rc != BZ_OK || applied < 1) {
        fprintf(stderr, "store_contract: migrate: %s (applied %d)\n", bz_err_message(rc), applied);
        return -1;
    }
    A = bz_arena_new(64 * 1024);
    return A ? 0 : -1;
}

static int group_teardown(void **state)
{
    store_close(S);
    bz_arena_free(A);
    return 0;
}

int main(int argc, char **argv)
{
    const char *kind = argc > 1 ? argv[1] : "sqlite";
    if (strcmp(kind, "sqlite") != 0 && strcmp(kind, "pg") != 0) {
        fprintf(stderr, "usage: store_contract sqlite|pg\n");
        return 2;
    }
    setenv("CONTRACT_KIND", kind, 1);
    unsigned char r[8];
    bz_random_bytes(r, sizeof(r));
    for (int i = 0; i < 8; i++) {
        run_tag[i] = (char)('a' + r[i] % 26);
    }
    if (prepare_run(kind) || fresh_database("main", url_buf, sizeof(url_buf))) {
        drop_databases();
        return 1;
    }
    g_url = url_buf;

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate_twice_is_noop),
        cmocka_unit_test(test_open_url),
        cmocka_unit_test(test_users),
        cmocka_unit_test(test_admins),
        cmocka_unit_test(test_user_duplicates),
        cmocka_unit_test(test_refresh_tokens),
        cmocka_unit_test(test_session_revoke),
        cmocka_unit_test(test_sessions_revoke_user),
        cmocka_unit_test(test_revocations_after_and_prune),
        cmocka_unit_test(test_user_set_password),
        cmocka_unit_test(test_sellers),
        cmocka_unit_test(test_follows),
        cmocka_unit_test(test_following_pagination),
        cmocka_unit_test(test_categories_tree),
        cmocka_unit_test(test_products_crud),
        cmocka_unit_test(test_search_filters),
        cmocka_unit_test(test_search_text),
        cmocka_unit_test(test_search_pagination),
        cmocka_unit_test(test_images),
        cmocka_unit_test(test_streams_create_get),
        cmocka_unit_test(test_streams_create_failures),
        cmocka_unit_test(test_streams_list_scheduled),
        cmocka_unit_test(test_streams_list_live),
        cmocka_unit_test(test_streams_set_status),
        cmocka_unit_test(test_streams_set_cover),
        cmocka_unit_test(test_streams_status_race),
        cmocka_unit_test(test_streams_lineup),
        cmocka_unit_test(test_auctions_create_get),
        cmocka_unit_test(test_auctions_update_conditional),
        cmocka_unit_test(test_bids_and_keys),
        cmocka_unit_test(test_bid_signatures),
        cmocka_unit_test(test_deferred_write_failure),
        cmocka_unit_test(test_orders_and_stock),
        cmocka_unit_test(test_sales),
        cmocka_unit_test(test_stream_events),
        cmocka_unit_test(test_auctions_close_race),
        cmocka_unit_test(test_stock_take_one),
        cmocka_unit_test(test_stock_running_count),
        cmocka_unit_test(test_stock_update_keeps_quantity),
        cmocka_unit_test(test_stock_race_last_units),
        cmocka_unit_test(test_stock_race_starts),
        cmocka_unit_test(test_chat_messages),
        cmocka_unit_test(test_chat_activity),
        cmocka_unit_test(test_chat_moderation_state),
        cmocka_unit_test(test_blocked_words),
        cmocka_unit_test(test_buyer_limits),
        cmocka_unit_test(test_bidder_facts),
        cmocka_unit_test(test_buyer_committed_orders),
        cmocka_unit_test(test_notifications_fanout),
        cmocka_unit_test(test_notifications_list_and_read),
        cmocka_unit_test(test_prebids),
        cmocka_unit_test(test_outbox_add_dedupe),
        cmocka_unit_test(test_outbox_claim_limit),
        cmocka_unit_test(test_outbox_lifecycle),
        cmocka_unit_test(test_outbox_lease_expires),
        cmocka_unit_test(test_outbox_claim_race),
        cmocka_unit_test(test_outbox_list_stats_prune),
        cmocka_unit_test(test_ingress_request_and_ready),
        cmocka_unit_test(test_ingress_failed_starts_over),
        cmocka_unit_test(test_ingress_take),
        cmocka_unit_test(test_stream_set_record),
        cmocka_unit_test(test_recording_lifecycle),
        cmocka_unit_test(test_stream_lots),
        cmocka_unit_test(test_addresses_book),
        cmocka_unit_test(test_addresses_default),
        cmocka_unit_test(test_addresses_missing_user),
        cmocka_unit_test(test_orders_facts),
        cmocka_unit_test(test_parcels),
        cmocka_unit_test(test_payments),
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_payment_events),
        cmocka_unit_test(test_stock_put_back),
        cmocka_unit_test(test_cards),
        cmocka_unit_test(test_refunds),
        cmocka_unit_test(test_disputes),
        cmocka_unit_test(test_seller_plans),
        cmocka_unit_test(test_payout_accounts),
        cmocka_unit_test(test_payout_transfers),
        cmocka_unit_test(test_payout_payouts),
        cmocka_unit_test(test_orders_to_complete),
        cmocka_unit_test(test_shipments),
        cmocka_unit_test(test_orders_to_ship),
        cmocka_unit_test(test_shipment_events),
        cmocka_unit_test(test_order_reports),
        cmocka_unit_test(test_cohosts_invite_remove),
        cmocka_unit_test(test_cohosts_missing),
        cmocka_unit_test(test_idempotency),
        cmocka_unit_test(test_transactions),
        cmocka_unit_test(test_concurrent_migrate),
        cmocka_unit_test(test_pg_reconnect),
    };
    char group[32];
    snprintf(group, sizeof(group), "store_contract_%s", kind);
    int failed = _cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]),
                                         group_setup, group_teardown);
    drop_databases();
    return failed ? 1 : 0;
}
