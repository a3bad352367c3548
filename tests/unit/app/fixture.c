#include "fixture.h"
#include "test_util.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/auth.h"
#include "app/catalog.h"
#include "app/chat.h"
#include "app/revocation.h"
#include "app/sellers.h"
#include "app/streams.h"
#include "app/video.h"
#include "base/err.h"
#include "crypto/crypto_impl.h"
#include "store/sqlite/sqlite_store.h"
#include "wire/events.h"

#define KEY "t1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

static int blob_put(blob *b, const char *key, const void *data, size_t len, const char *type)
{
    fake_blob *fb = (fake_blob *)b;
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        if (fb->keys[i] && !strcmp(fb->keys[i], key)) {
            return BZ_OK;
        }
    }
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        if (!fb->keys[i]) {
            fb->keys[i] = strdup(key);
            fb->count++;
            return BZ_OK;
        }
    }
    return BZ_EINTERNAL;
}

static int blob_get(blob *b, const char *key, void **data, size_t *len)
{
    return BZ_ENOTFOUND;
}

static int blob_del(blob *b, const char *key)
{
    fake_blob *fb = (fake_blob *)b;
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        if (fb->keys[i] && !strcmp(fb->keys[i], key)) {
            free(fb->keys[i]);
            fb->keys[i] = NULL;
            fb->count--;
        }
    }
    return BZ_OK;
}

static int blob_url(blob *b, const char *key, int64_t now, int ttl, char *out, size_t size)
{
    snprintf(out, size, "/media/%s", key);
    return BZ_OK;
}

static const struct blob_ops fake_blob_ops = {blob_put, blob_get, blob_del, blob_url, NULL};

/* Accepts bytes starting with "IMG" as a 100x50 image; anything else is not an image. */
static int fake_process(imager *im, const void *data, size_t len,
                        const int max_edge[IMAGE_NVARIANTS], int square,
                        image_variant out[IMAGE_NVARIANTS])
{
    if (len < 3 || memcmp(data, "IMG", 3) != 0) {
        return BZ_EBADIMAGE;
    }
    for (int i = 0; i < IMAGE_NVARIANTS; i++) {
        out[i].data = malloc(4);
        memcpy(out[i].data, "RIFF", 4);
        out[i].len = 4;
        out[i].width = square ? 50 : 100;
        out[i].height = 50;
    }
    return BZ_OK;
}

static const struct imager_ops fake_imager_ops = {fake_process};

static int fake_publish(events *e, const event *ev)
{
    fake_events *fe = (fake_events *)e;
    if (fe->n < FIX_MAX_EVENTS) {
        fix_event *r = &fe->items[fe->n];
        assert_true(ev->json_len < sizeof(r->json)); /* else raise FIX_EVENT_JSON */
        *r = (fix_event){.scope = ev->scope, .target = ev->target, .seq = ev->seq};
        snprintf(r->name, sizeof(r->name), "%s", ev->name);
        memcpy(r->json, ev->json, ev->json_len);
    }
    fe->n++;
    return BZ_OK;
}

static const struct events_ops fake_events_ops = {.publish = fake_publish, .name = "fake"};

int fixture_setup(void **state)
{
    fixture *f = calloc(1, sizeof(*f));
    char path[128];
    crypto_keyring ring;
    crypto_password_cost cost = crypto_password_cost_min();
    assert_non_null(f);
    snprintf(f->dir, sizeof(f->dir), "/tmp/bz-app-test.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(path, sizeof(path), "%s/t.db", f->dir);
    assert_int_equal(sqlite_store_open(path, &f->ctx.store), BZ_OK);
    assert_int_equal(store_migrate(f->ctx.store, NULL), BZ_OK);
    assert_int_equal(crypto_keyring_parse(KEY, &ring, NULL, 0), BZ_OK);
    assert_int_equal(crypto_open_with_cost(&ring, &cost, &f->env.crypto), BZ_OK);
    assert_int_equal(crypto_set_log_keys(f->env.crypto, &ring, NULL, 0), BZ_OK); /* bid log */
    app_config_defaults(&f->env.cfg);
    f->env.encoder = wire_encoder();
    f->blob.base.ops = &fake_blob_ops;
    f->imager.ops = &fake_imager_ops;
    f->env.blob = &f->blob.base;
    f->env.imager = &f->imager;
    f->events.base.ops = &fake_events_ops;
    f->env.events = &f->events.base;
    f->env.revoked = app_revocations_new();
    assert_non_null(f->env.revoked);
    f->ctx.env = &f->env;
    f->ctx.arena = bz_arena_new(16384);
    f->ctx.now = FIX_NOW;
    *state = f;
    return 0;
}

int fixture_teardown(void **state)
{
    fixture *f = *state;
    char path[128];
    store_close(f->ctx.store);
    crypto_close(f->env.crypto);
    app_revocations_free(f->env.revoked);
    bz_arena_free(f->ctx.arena);
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        free(f->blob.keys[i]);
    }
    snprintf(path, sizeof(path), "%s/t.db", f->dir);
    test_sqlite_unlink(path);
    rmdir(f->dir);
    free(f);
    return 0;
}

bool fixture_blob_has(const fixture *f, const char *key)
{
    for (int i = 0; i < FIX_MAX_BLOBS; i++) {
        if (f->blob.keys[i] && !strcmp(f->blob.keys[i], key)) {
            return true;
        }
    }
    return false;
}

int64_t fixture_user(fixture *f, const char *username)
{
    app_session s;
    char email[96];
    snprintf(email, sizeof(email), "%s@example.my", username);
    assert_int_equal(app_auth_register(&f->ctx, email, username, "correct horse battery", &s),
                     BZ_OK);
    return s.user.id;
}

int64_t fixture_seller(fixture *f, const char *username)
{
    int64_t id = fixture_user(f, username);
    address_postal a = {"1 Jalan Ampang", "", "Kuala Lumpur", "W.P. Kuala Lumpur", "50450"};
    app_seller_input in = {.shop_name = "Kedai", .description = "", .pickup = &a};
    catalog_seller out;
    assert_int_equal(app_seller_create(&f->ctx, id, &in, &out), BZ_OK);
    return id;
}

/* ---- published events ---- */

void fixture_events_clear(fixture *f)
{
    f->events.n = 0;
}

static int recorded(const fixture *f)
{
    return f->events.n < FIX_MAX_EVENTS ? f->events.n : FIX_MAX_EVENTS;
}

int fixture_events_named(const fixture *f, const char *name)
{
    int k = 0;
    for (int i = 0; i < recorded(f); i++) {
        k += strcmp(f->events.items[i].name, name) == 0;
    }
    return k;
}

const fix_event *fixture_last_event(const fixture *f, const char *name)
{
    for (int i = recorded(f) - 1; i >= 0; i--) {
        if (strcmp(f->events.items[i].name, name) == 0) {
            return &f->events.items[i];
        }
    }
    return NULL;
}

/* ---- lots, shows, auctions, bids ---- */

int64_t fixture_product(fixture *f, int64_t seller, int quantity)
{
    app_product_input in = {.set = APP_P_TITLE | APP_P_CONDITION | APP_P_QUANTITY | APP_P_WEIGHT};
    in.v.title = "Jam tangan Seiko 5";
    in.v.condition = "good";
    in.v.quantity = quantity;
    in.v.shipping_weight_g = 250;
    app_product_view v;
    assert_int_equal(app_catalog_product_create(&f->ctx, seller, &in, &v), BZ_OK);
    return v.product.id;
}

int64_t fixture_show(fixture *f, int64_t seller, const int64_t *lots, size_t n, bool live)
{
    app_stream_input in = {.title = "Malam lelong",
                           .starts_at = f->ctx.now + 3600 * 1000,
                           .product_ids = lots,
                           .n_products = n,
                           .no_record = true};
    app_stream_view v;
    assert_int_equal(app_stream_create(&f->ctx, seller, &in, &v), BZ_OK);
    if (live) {
        assert_int_equal(app_stream_go_live(&f->ctx, seller, v.stream.id, &v), BZ_OK);
    }
    return v.stream.id;
}

fix_lot fixture_lot(fixture *f, int64_t seller, bool live)
{
    fix_lot l = {.product = fixture_product(f, seller, 1)};
    l.show = fixture_show(f, seller, &l.product, 1, live);
    return l;
}

int fixture_start(fixture *f, int64_t seller, int64_t show, const app_auction_input *in,
                  int64_t *id)
{
    app_auction_view v;
    int rc = app_auction_start(&f->ctx, seller, show, in, &v);
    if (id) {
        *id = rc == BZ_OK ? v.auction.id : 0;
    }
    return rc;
}

int64_t fixture_auction_of(fixture *f, int64_t seller, app_auction_input in, fix_lot *lot)
{
    fix_lot l = fixture_lot(f, seller, true);
    int64_t id = 0;
    in.product_id = l.product;
    assert_int_equal(fixture_start(f, seller, l.show, &in, &id), BZ_OK);
    if (lot) {
        *lot = l;
    }
    return id;
}

app_bid_result fixture_bid_req(fixture *f, int64_t auction, const app_bid_req *req)
{
    app_bid_result r;
    assert_int_equal(app_auction_bid_batch(&f->ctx, auction, req, 1, &r), BZ_OK);
    return r;
}

app_bid_result fixture_bid(fixture *f, int64_t auction, int64_t bidder, int64_t amount)
{
    app_bid_req req = {.bidder_id = bidder, .amount = amount};
    return fixture_bid_req(f, auction, &req);
}

app_bid_result fixture_max_bid(fixture *f, int64_t auction, int64_t bidder, int64_t max)
{
    app_bid_req req = {.bidder_id = bidder, .is_max = true, .amount = max};
    return fixture_bid_req(f, auction, &req);
}

app_auction_view fixture_auction(fixture *f, int64_t viewer, int64_t auction)
{
    app_auction_view v;
    assert_int_equal(app_auction_get(&f->ctx, viewer, auction, &v), BZ_OK);
    return v;
}

int fixture_post(fixture *f, int64_t who, int64_t show, const char *text)
{
    app_chat_post_result r;
    return app_chat_post(&f->ctx, who, show, text, &r);
}

void fixture_sql(fixture *f, const char *sql)
{
    char path[128];
    sqlite3 *db = NULL;
    snprintf(path, sizeof(path), "%s/t.db", f->dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        fail_msg("%s: %s", sql, err ? err : "?");
    }
    sqlite3_close(db);
}

fake_video *fixture_video(fixture *f)
{
    fake_video_init(&f->video, f);
    f->env.video = &f->video.base;
    return &f->video;
}

fix_video_cast fixture_video_cast(fixture *f, bool live)
{
    fix_video_cast k = {0};
    fixture_video(f);
    k.seller = fixture_seller(f, "kedai");
    k.show = fixture_lot(f, k.seller, live).show;
    k.ali = fixture_user(f, "ali");
    return k;
}

int fixture_video_outbox(fixture *f, const app_outbox_handler *more, size_t n)
{
    app_outbox_handler all[16];
    assert_true(app_video_n_handlers + n <= sizeof(all) / sizeof(all[0]));
    memcpy(all, app_video_handlers, app_video_n_handlers * sizeof(all[0]));
    if (n) {
        memcpy(all + app_video_n_handlers, more, n * sizeof(all[0]));
    }
    int64_t next = 0;
    int ran = app_outbox_run(&f->ctx, all, app_video_n_handlers + n, 20, &next);
    assert_true(ran >= 0);
    return ran;
}

int fixture_quantity(fixture *f, int64_t product)
{
    catalog_product p;
    assert_int_equal(store_product_get(f->ctx.store, product, f->ctx.arena, &p), BZ_OK);
    return p.quantity;
}

bool fixture_order(fixture *f, int64_t auction, order_record *out)
{
    order_record o;
    return store_order_by_auction(f->ctx.store, auction, f->ctx.arena, out ? out : &o) == BZ_OK;
}
