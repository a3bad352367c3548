/*
 * Fuzz target: JSON request bodies. Every input is sent, as the body of an
 * application/json request, to every POST/PATCH route that takes JSON, and
 * the real handler runs: jansson parsing, the strict field readers, domain
 * validation and the use case on a real SQLite store. Whatever the bytes,
 * each handler must answer with a well-formed response and leak nothing.
 *
 * The request is built directly (no socket): the wire parser has a fuzz
 * target of its own (http_request).
 */
#include "app/auth.h"
#include "app/sellers.h"
#include "base/err.h"
#include "base/rand.h"
#include "base/time.h"
#include "crypto/crypto_impl.h"
#include "http/internal.h"
#include "api/api.h"
#include "store/sqlite/sqlite_store.h"
#include "wire/events.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static app_env env;
static app_ctx ctx;
static int64_t seller_id;
static char seller_id_text[24];
static char db_path[64];

static void remove_db(void)
{
    char wal[80], shm[80];
    snprintf(wal, sizeof(wal), "%s-wal", db_path);
    snprintf(shm, sizeof(shm), "%s-shm", db_path);
    store_close(ctx.store);
    bz_arena_free(ctx.arena);
    crypto_close(env.crypto);
    unlink(db_path);
    unlink(wal);
    unlink(shm);
}

static void setup(void)
{
    crypto_keyring ring;
    crypto_password_cost cost = crypto_password_cost_min();
    if (crypto_keyring_parse("fuzz:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY", &ring, NULL, 0) ||
        crypto_open_with_cost(&ring, &cost, &env.crypto)) {
        abort();
    }
    app_config_defaults(&env.cfg);
    env.encoder = wire_encoder();
    snprintf(db_path, sizeof(db_path), "/tmp/blytz-fuzz-json-%d.db", (int)getpid());
    if (sqlite_store_open(db_path, &ctx.store) || store_migrate(ctx.store, NULL)) {
        abort();
    }
    ctx.env = &env;
    ctx.arena = bz_arena_new(16384);
    ctx.now = bz_now_ms();
    catalog_category cat = {.id = 1, .slug = "things", .name = "Things"};
    store_category_create(ctx.store, &cat);
    app_session s;
    address_postal addr = {"1 Jalan Fuzz", "", "Shah Alam", "Selangor", "40000"};
    app_seller_input in = {.shop_name = "Fuzz Shop", .description = "", .pickup = &addr};
    catalog_seller seller;
    if (app_auth_register(&ctx, "fuzz@example.my", "fuzzer", "a fine fuzzing password", &s) ||
        app_seller_create(&ctx, s.user.id, &in, &seller)) {
        abort();
    }
    seller_id = seller.id;
    snprintf(seller_id_text, sizeof(seller_id_text), "%lld", (long long)seller_id);
    atexit(remove_db);
}

static bool takes_json(const http_route *rt)
{
    return (rt->method == HTTP_M_POST || rt->method == HTTP_M_PATCH) &&
           !(rt->flags & HTTP_BODY_IMAGE);
}

static void run_route(const http_route *rt, const uint8_t *data, size_t size)
{
    http_req r;
    memset(&r, 0, sizeof(r));
    http_msg_init(&r.msg);
    http_res_init(&r.res);
    bz_buf_init(&r.head, 0);
    r.arena = ctx.arena;
    r.ctx = &ctx;
    r.match.route = rt;
    r.user_id = seller_id;
    r.msg.headers[0].name = "Content-Type";
    r.msg.headers[0].value = "application/json";
    r.msg.nheaders = 1;
    bz_buf_append(&r.msg.body, data, size);
    /* Every {param} of the pattern gets the seller's id: a real row for /sellers/{id}, a
     * missing one for products, so both the found and the not-found paths run. */
    static char names[HTTP_MAX_PARAMS][32];
    const char *p = rt->pattern;
    while ((p = strchr(p, '{')) && r.match.nparams < HTTP_MAX_PARAMS) {
        const char *end = strchr(p, '}');
        int i = r.match.nparams++;
        snprintf(names[i], sizeof(names[i]), "%.*s", (int)(end - p - 1), p + 1);
        r.match.params[i].name = names[i];
        r.params[i] = seller_id_text;
        p = end;
    }
    app_err_clear(&ctx);
    rt->handler(&r, &r.res);
    if (r.res.status < 200 || r.res.status > 599) {
        abort(); /* every handler must answer */
    }
    if (getenv("FUZZ_VERBOSE")) { /* to see what a corpus file reaches */
        fprintf(stderr, "%s -> %d\n", rt->pattern, r.res.status);
    }
    if (r.json) {
        json_decref(r.json);
    }
    http_res_free(&r.res);
    bz_buf_free(&r.head);
    http_msg_free(&r.msg);
    bz_arena_reset(ctx.arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        setup();
        ready = true;
    }
    if (size > 64 * 1024) {
        return 0;
    }
    for (size_t t = 0; api_route_tables[t]; t++) {
        for (const api_route *rt = api_route_tables[t]; rt->route.pattern; rt++) {
            if (takes_json(&rt->route)) {
                run_route(&rt->route, data, size);
            }
        }
    }
    return 0;
}
