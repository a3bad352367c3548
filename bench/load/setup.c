/* bench/load/setup.c - see setup.h. */
#include "setup.h"

#include "synchttp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

typedef struct setup_ctx {
    const target *t;
    char *err;
    size_t err_len;
} setup_ctx;

/* One request that must answer `want`; the JSON answer in *out (caller frees). */
static bool call(setup_ctx *s, const char *method, const char *path, const char *token,
                 json_t *body, int want, json_t **out)
{
    json_t *answer = NULL;
    int status = sync_http_json(s->t, method, path, token, body, &answer);
    json_decref(body);
    if (status != want) {
        char *text = answer ? json_dumps(answer, JSON_COMPACT) : NULL;
        snprintf(s->err, s->err_len, "%s %s: status %d, expected %d: %s", method, path, status,
                 want, text ? text : "");
        free(text);
        json_decref(answer);
        return false;
    }
    *out = answer;
    return true;
}

static bool copy_string(setup_ctx *s, json_t *root, const char *path, char *dst, size_t cap)
{
    /* path is "a.b": two levels at most, which is all the answers need */
    char first[64];
    const char *dot = strchr(path, '.');
    json_t *v = root;
    if (dot) {
        snprintf(first, sizeof first, "%.*s", (int)(dot - path), path);
        v = json_object_get(v, first);
        path = dot + 1;
    }
    v = json_object_get(v, path);
    if (!json_is_string(v) || strlen(json_string_value(v)) >= cap) {
        snprintf(s->err, s->err_len, "answer has no string %s", path);
        return false;
    }
    strcpy(dst, json_string_value(v));
    return true;
}

static bool register_user(setup_ctx *s, const char *run, const char *role, unsigned i,
                          bench_user *u)
{
    char email[128], username[64];
    snprintf(email, sizeof email, "lb-%s-%s%u@example.my", run, role, i);
    snprintf(username, sizeof username, "lb_%s_%s%u", run, role, i);
    json_t *answer;
    if (!call(s, "POST", "/api/v1/auth/register", NULL,
              json_pack("{s:s,s:s,s:s}", "email", email, "username", username, "password",
                        "bench-password-123"),
              201, &answer)) {
        return false;
    }
    bool ok = copy_string(s, answer, "user.id", u->id, sizeof u->id) &&
              copy_string(s, answer, "access_token", u->token, sizeof u->token);
    json_decref(answer);
    return ok;
}

static bool become_seller_with_product(setup_ctx *s, bench_env *env)
{
    json_t *answer;
    if (!call(s, "POST", "/api/v1/sellers", env->seller.token,
              json_pack("{s:s,s:s,s:{s:s,s:s,s:s,s:s,s:s}}", "shop_name", "Load Shop",
                        "description", "load generator seller", "pickup_address", "line1",
                        "1 Jalan Bench", "line2", "", "city", "Petaling Jaya", "state", "Selangor",
                        "postcode", "46000"),
              201, &answer)) {
        return false;
    }
    json_decref(answer);
    if (!call(s, "GET", "/api/v1/categories", NULL, NULL, 200, &answer)) {
        return false;
    }
    json_t *first = json_array_get(json_object_get(answer, "categories"), 0);
    json_t *category = json_incref(json_object_get(first, "id"));
    json_decref(answer);
    if (!json_is_string(category)) {
        snprintf(s->err, s->err_len, "no category to file the product under");
        json_decref(category);
        return false;
    }
    /* quantity: each rotation of the bid driver sells one */
    if (!call(s, "POST", "/api/v1/products", env->seller.token,
              json_pack("{s:s,s:s,s:s,s:o,s:i,s:i,s:i}", "title", "Load test lot", "description",
                        "A lot auctioned by the load generator.", "condition", "good",
                        "category_id", category, "quantity", 10000, "buy_now_price", 45000,
                        "shipping_weight_g", 300),
              201, &answer)) {
        return false;
    }
    bool ok = copy_string(s, answer, "product.id", env->product_id, sizeof env->product_id);
    json_decref(answer);
    return ok;
}

static bool go_live_with_auction(setup_ctx *s, bench_env *env)
{
    char starts_at[64], path[256], body[512];
    time_t soon = time(NULL) + 3600;
    strftime(starts_at, sizeof starts_at, "%Y-%m-%dT%H:%M:%S.000Z", gmtime(&soon));
    json_t *answer;
    if (!call(s, "POST", "/api/v1/streams", env->seller.token,
              json_pack("{s:s,s:s,s:[s]}", "title", "Load test show", "starts_at", starts_at,
                        "product_ids", env->product_id),
              201, &answer)) {
        return false;
    }
    bool ok = copy_string(s, answer, "stream.id", env->stream_id, sizeof env->stream_id);
    json_decref(answer);
    snprintf(path, sizeof path, "/api/v1/streams/%s/live", env->stream_id);
    if (!ok || !call(s, "POST", path, env->seller.token, NULL, 200, &answer)) {
        return false;
    }
    json_decref(answer);
    setup_auction_body(env, body, sizeof body);
    snprintf(path, sizeof path, "/api/v1/streams/%s/auctions", env->stream_id);
    if (!call(s, "POST", path, env->seller.token, json_loads(body, 0, NULL), 201, &answer)) {
        return false;
    }
    ok = copy_string(s, answer, "auction.id", env->auction_id, sizeof env->auction_id);
    json_t *min_next = json_object_get(json_object_get(answer, "auction"), "min_next_bid");
    env->min_next_bid =
        json_is_integer(min_next) ? json_integer_value(min_next) : BENCH_STARTING_BID_SEN;
    json_decref(answer);
    return ok;
}

void setup_auction_body(const bench_env *env, char *out, size_t cap)
{
    snprintf(out, cap,
             "{\"product_id\":\"%s\",\"starting_bid\":%d,\"duration_s\":300,"
             "\"mode\":\"standard\",\"buy_now_price\":%lld}",
             env->product_id, BENCH_STARTING_BID_SEN, (long long)BENCH_BUY_NOW_SEN);
}

bool setup_run(const target *t, unsigned bidders, bench_env *env, char *err, size_t err_len)
{
    setup_ctx s = {t, err, err_len};
    uint32_t r = 0;
    if (getrandom(&r, sizeof r, 0) != sizeof r) {
        r = (uint32_t)time(NULL);
    }
    char run[16];
    snprintf(run, sizeof run, "%06x", r & 0xFFFFFF); /* unique names per run */
    memset(env, 0, sizeof *env);
    env->bidders = calloc(bidders ? bidders : 1, sizeof *env->bidders);
    if (!env->bidders) {
        return false;
    }
    env->bidder_count = bidders;
    if (!register_user(&s, run, "s", 0, &env->seller) || !become_seller_with_product(&s, env) ||
        !go_live_with_auction(&s, env)) {
        return false;
    }
    for (unsigned i = 0; i < bidders; i++) {
        if (!register_user(&s, run, "b", i, &env->bidders[i])) {
            return false;
        }
    }
    return true;
}

void setup_free(bench_env *env)
{
    free(env->bidders);
    env->bidders = NULL;
}
