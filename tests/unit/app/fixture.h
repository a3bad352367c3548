/*
 * tests/unit/app/fixture.h - an app_ctx over a fresh SQLite database (the real
 * adapter, migrated), the real crypto adapter at minimum argon2id cost,
 * in-memory fakes of the blob and imager ports, an events port that
 * records what use cases publish, and a video port that records what it is
 * asked (fake_video.h; installed by fixture_video, else env.video is NULL). The clock is c->now
 * (FIX_NOW at setup): tests move it by hand.
 *
 * The helpers below build the usual cast (users, sellers, lots, shows,
 * auctions, bids) through the use cases themselves and fail the test
 * (cmocka assert) when a step that is not under test is refused.
 */
#ifndef TESTS_UNIT_APP_FIXTURE_H
#define TESTS_UNIT_APP_FIXTURE_H

#include "app/app.h"
#include "app/auctions.h"
#include "app/outbox.h"
#include "fake_video.h"

#include <stdbool.h>
#include <stddef.h>

#define FIX_NOW       1767225600000LL /* 2026-01-01T00:00:00Z */
#define FIX_MAX_BLOBS 64

typedef struct fake_blob {
    blob base;
    char *keys[FIX_MAX_BLOBS];
    int count; /* live keys */
} fake_blob;

#define FIX_MAX_EVENTS 64
#define FIX_EVENT_JSON 2048

/* One published event, copied. */
typedef struct fix_event {
    event_scope scope;
    int64_t target;
    int64_t seq;
    char name[32];
    char json[FIX_EVENT_JSON];
} fix_event;

/* Records the first FIX_MAX_EVENTS events in publication order; `n` counts all of them. */
typedef struct fake_events {
    events base;
    int n;
    fix_event items[FIX_MAX_EVENTS];
} fake_events;

typedef struct fixture {
    char dir[64];
    app_env env;
    app_ctx ctx;
    fake_blob blob;
    imager imager;
    fake_events events; /* env.events points here */
    fake_video video;   /* env.video points here once fixture_video ran */
} fixture;

/* Set up / tear down (cmocka group-less: call from each test's setup and teardown). */
int fixture_setup(void **state);
int fixture_teardown(void **state);

/* Is `key` stored in the fake blob? */
bool fixture_blob_has(const fixture *f, const char *key);

/* Register a user (password "correct horse battery"); returns its id. */
int64_t fixture_user(fixture *f, const char *username);
/* Register a user and make them a seller; returns its id. */
int64_t fixture_seller(fixture *f, const char *username);

/* ---- published events ---- */

/* Forget what was published so far. */
void fixture_events_clear(fixture *f);
/* How many published events (of those recorded) are named `name`. */
int fixture_events_named(const fixture *f, const char *name);
/* The last recorded event named `name`, or NULL. */
const fix_event *fixture_last_event(const fixture *f, const char *name);

/* ---- lots, shows, auctions, bids (through the use cases) ---- */

/* A product of `seller` ("good", 250 g) with `quantity` units; returns its id. */
int64_t fixture_product(fixture *f, int64_t seller, int quantity);
/* A show of `seller` starting in an hour with lineup `lots`, not recorded (a test of
 * recordings turns that on: app_stream_set_record); live when `live`, else scheduled. Returns
 * its id. */
int64_t fixture_show(fixture *f, int64_t seller, const int64_t *lots, size_t n, bool live);

/* A show with one lot of one unit. */
typedef struct fix_lot {
    int64_t product, show;
} fix_lot;
fix_lot fixture_lot(fixture *f, int64_t seller, bool live);

/* Start an auction of `in` on `show` as `seller`: the use case's code; *id (may be NULL)
 * receives the auction's id on BZ_OK, else 0. */
int fixture_start(fixture *f, int64_t seller, int64_t show, const app_auction_input *in,
                  int64_t *id);
/* A live show of `seller` with a new lot of one unit, and an auction of it started with `in`
 * (product_id is set here; asserts the start). Returns the auction's id; *lot may be NULL. */
int64_t fixture_auction_of(fixture *f, int64_t seller, app_auction_input in, fix_lot *lot);
/* One request in a batch of its own; asserts the batch committed and returns its answer. */
app_bid_result fixture_bid_req(fixture *f, int64_t auction, const app_bid_req *req);
/* A plain bid of `amount`, and a maximum (proxy bid) of `max`. */
app_bid_result fixture_bid(fixture *f, int64_t auction, int64_t bidder, int64_t amount);
app_bid_result fixture_max_bid(fixture *f, int64_t auction, int64_t bidder, int64_t max);
/* The auction as `viewer` sees it (asserts it exists). */
app_auction_view fixture_auction(fixture *f, int64_t viewer, int64_t auction);

/* Post `text` in the chat of `show` as `who`; the use case's code. */
int fixture_post(fixture *f, int64_t who, int64_t show, const char *text);

/* Run `sql` on the fixture's database through a connection of its own: a hand edit behind the
 * use cases' back (asserts it ran). */
void fixture_sql(fixture *f, const char *sql);

/* ---- video ---- */

/* Install the fixture's fake video port (fresh, fake_video_ops) in env.video; returns it. */
fake_video *fixture_video(fixture *f);

/* The cast of a test of a video use case: the fake video port installed (fixture_video), seller
 * "kedai" with a show of one lot (fixture_lot: live when `live`; a live show's room opening is
 * enqueued, not run), and user "ali". */
typedef struct fix_video_cast {
    int64_t seller, show, ali;
} fix_video_cast;
fix_video_cast fixture_video_cast(fixture *f, bool live);

/* Run the due outbox rows (20 at most) with the video port's handlers and the n handlers at
 * `more` (another use case's, or NULL): what the outbox worker of a test with a video port
 * does. Asserts the run did not fail; returns how many rows ran. */
int fixture_video_outbox(fixture *f, const app_outbox_handler *more, size_t n);

/* The product's unsold units. */
int fixture_quantity(fixture *f, int64_t product);
/* The order made by auction `auction`, if any (`out` may be NULL). */
bool fixture_order(fixture *f, int64_t auction, order_record *out);

#endif
