/*
 * tests/contract/contract.h - shared fixture of the store contract suite.
 *
 * One suite, every adapter: the same tests run against SQLite (a temporary
 * file) and PostgreSQL (a fresh schema in BLYTZ_TEST_PG). The rows of one
 * run share a database, so each test makes its own users, sellers and
 * categories with unique names and never counts rows it did not create.
 */
#ifndef TESTS_CONTRACT_CONTRACT_H
#define TESTS_CONTRACT_CONTRACT_H

#include "app/ports/store.h"
#include "base/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern store *S;          /* the connection under test */
extern bz_arena *A;       /* reset by each test as it likes */
extern const char *g_url; /* what S was opened from, for second connections */

#define OK(call) assert_int_equal((call), BZ_OK)

/* A new id, greater than every id before it (so "newest first" is id order). */
int64_t new_id(void);
/* A word of letters only, unique in this run: "t" + run tag + counter (for names, FTS). */
const char *unique_word(void);

int64_t make_user(void);
int64_t make_seller(void);
int64_t make_category(int64_t parent_id);
int64_t make_product(int64_t seller_id, int64_t category_id, const char *title, int64_t price,
                     int quantity);
/* A stored refresh token of `family` for `user` with a random hash. */
store_refresh make_refresh(int64_t user, int64_t family, int64_t created_at, int64_t expires_at);
/* A racer's turn on its own connection `conn`, with its argument: BZ_OK when it won. */
typedef int (*racer_fn)(store *conn, void *arg);
/* Runs n racers at once, racer i in a thread of its own on fn(conn, (char *)args + i * size):
 * each opens its connection (from g_url), waits until every other one has opened its own, runs
 * and closes it. Every racer that does not return BZ_OK must return `loser_rc`. The number of
 * racers that won (BZ_OK). */
int race_threads(int n, racer_fn fn, void *args, size_t size, int loser_rc);
/* fn(conn, arg) in a transaction of its own on `conn`: committed when fn returns BZ_OK, else
 * rolled back. fn's code, or the begin's or the commit's. */
int in_transaction(store *conn, racer_fn fn, void *arg);
/* The first of rows[0..n) (`size` bytes each) whose int64_t at offset `id_off` is `id`, or
 * NULL: a row a test made, found in a list it read. */
const void *find_row(const void *rows, size_t n, size_t size, size_t id_off, int64_t id);
/* A show of `seller` whose lineup is the n products at `ids`, made at `made_at` to start at
 * `starts_at`; set live at starts_at when `live`, else left scheduled. Its id. */
int64_t create_show(int64_t seller, const char *title, const int64_t *ids, size_t n,
                    int64_t starts_at, int64_t made_at, bool live);
/* An auction (not stored) of `product` in show `stream` of `seller`, in `mode` ("standard" or
 * "sudden_death"), starting at 1000 sen, made and started at `at`, ending 30 s later; no
 * reserve, no buy-now price, no soft close. */
auction_lot new_auction(int64_t seller, int64_t stream, int64_t product, const char *mode,
                        int64_t at);
/* Stored auction `id` ended as the engine ends it: read for update, set to `status` ("ended" or
 * "cancelled") at `ended_at` with `winner` (0 = none), written back at its version, in a
 * transaction of its own. */
void end_auction(int64_t id, const char *status, int64_t ended_at, int64_t winner);

/* store_contract_accounts.c */
void test_users(void **state);
void test_admins(void **state);
void test_user_duplicates(void **state);
void test_refresh_tokens(void **state);
void test_sellers(void **state);
void test_follows(void **state);
void test_following_pagination(void **state);
void test_idempotency(void **state);

/* store_contract_sessions.c */
void test_session_revoke(void **state);
void test_sessions_revoke_user(void **state);
void test_revocations_after_and_prune(void **state);
void test_user_set_password(void **state);

/* store_contract_catalog.c */
void test_categories_tree(void **state);
void test_products_crud(void **state);
void test_search_filters(void **state);
void test_search_text(void **state);
void test_search_pagination(void **state);
void test_images(void **state);

/* store_contract_streams.c */
void test_streams_create_get(void **state);
void test_streams_create_failures(void **state);
void test_streams_list_scheduled(void **state);
void test_streams_list_live(void **state);
void test_streams_set_status(void **state);
void test_streams_set_cover(void **state);
void test_streams_status_race(void **state);
void test_streams_lineup(void **state);

/* store_contract_auctions.c */
void test_auctions_create_get(void **state);
void test_auctions_update_conditional(void **state);
void test_bids_and_keys(void **state);
void test_bid_signatures(void **state);
void test_deferred_write_failure(void **state);
void test_orders_and_stock(void **state);
void test_sales(void **state);
void test_stream_events(void **state);
void test_auctions_close_race(void **state);

/* store_contract_stock.c */
void test_stock_take_one(void **state);
void test_stock_running_count(void **state);
void test_stock_update_keeps_quantity(void **state);
void test_stock_race_last_units(void **state);
void test_stock_race_starts(void **state);

/* store_contract_chat.c */
void test_chat_messages(void **state);
void test_chat_activity(void **state);
void test_chat_moderation_state(void **state);
void test_blocked_words(void **state);
void test_buyer_limits(void **state);
void test_bidder_facts(void **state);
void test_buyer_committed_orders(void **state);

/* store_contract_notifications.c */
void test_notifications_fanout(void **state);
void test_notifications_list_and_read(void **state);

/* store_contract_prebids.c */
void test_prebids(void **state);

/* store_contract_outbox.c */
void test_outbox_add_dedupe(void **state);
void test_outbox_claim_limit(void **state);
void test_outbox_lifecycle(void **state);
void test_outbox_lease_expires(void **state);
void test_outbox_claim_race(void **state);
void test_outbox_list_stats_prune(void **state);

/* store_contract_addresses.c */
void test_addresses_book(void **state);
void test_addresses_default(void **state);
void test_addresses_missing_user(void **state);
/* store_contract_payments.c */
void test_orders_facts(void **state);
void test_parcels(void **state);
void test_payments(void **state);
void test_documents(void **state);
void test_payment_events(void **state);
void test_stock_put_back(void **state);
void test_cards(void **state);
void test_refunds(void **state);
void test_disputes(void **state);

/* store_contract_plans.c */
void test_seller_plans(void **state);

/* store_contract_payouts.c */
void test_payout_accounts(void **state);
void test_payout_transfers(void **state);
void test_payout_payouts(void **state);
void test_orders_to_complete(void **state);

/* store_contract_shipments.c */
void test_shipments(void **state);
void test_orders_to_ship(void **state);
void test_shipment_events(void **state);
void test_order_reports(void **state);

/* store_contract_cohosts.c */
void test_cohosts_invite_remove(void **state);
void test_cohosts_missing(void **state);

/* store_contract_ingress.c */
void test_ingress_request_and_ready(void **state);
void test_ingress_failed_starts_over(void **state);
void test_ingress_take(void **state);

/* store_contract_recordings.c */
void test_stream_set_record(void **state);
void test_recording_lifecycle(void **state);
void test_stream_lots(void **state);

#endif
