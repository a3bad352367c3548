/*
 * tests/contract/bus_contract.c - the behaviour of app/ports/events.h that every bus must
 * show. Run as `bus_contract local` (one node, in-process) or `bus_contract redis`
 * (BLYTZ_TEST_REDIS=redis://...: two nodes on one Redis, as two blytz processes would be).
 *
 * Several threads publish, each through one node's port; every node must receive every
 * event, each publisher's events in its order, with the payload bytes intact (escapes,
 * UTF-8, a NUL, large bodies). The redis run also checks the shared token buckets.
 */
#include "base/err.h"
#include "base/rand.h"
#include "base/time.h"
#include "bus/local/bus_local.h"
#include "bus/redis/bus_redis.h"
#include "bus/redis/bus_redis_wire.h"
#include "bus/redis/redis_bucket.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include <cmocka.h>

#define PUBLISHERS 4
#define PER_PUB    400
#define MAX_NODES  2
#define EV_NAME    "contract:ev"

typedef struct node {
    bus_local *local;
    bus_redis *redis;
    events *port;
    int got[PUBLISHERS]; /* next expected counter per publisher */
    int total, bad;
} node;

static const char *g_mode;
static const char *g_redis;
static redis_url g_url;
static int64_t g_target; /* unique per run: other users of the Redis are ignored */
static uv_loop_t g_loop;
static node g_nodes[MAX_NODES];
static int g_nnodes;

/* The payload of event k of publisher p: deterministic, so receivers can compare bytes. */
static char *payload(int p, int k, size_t *len)
{
    size_t pad = k % 97 == 0 ? 200 * 1024 : (size_t)(k % 13) * 7;
    char *s = malloc(pad + 128);
    int n = snprintf(
        s, 128, "{\"p\":%d,\"k\":%d,\"s\":\"q\\\"b\\\\ \xc3\xa9 \xf0\x9f\x94\xa8\",\"x\":\"", p, k);
    for (size_t i = 0; i < pad; i++) {
        s[n + (int)i] = (char)('a' + (i * 7 + (size_t)k) % 26);
    }
    n += (int)pad;
    s[n++] = '\0'; /* json_len counts it: a NUL inside must survive too */
    memcpy(s + n, "\"}", 2);
    *len = (size_t)n + 2;
    return s;
}

static void on_event(void *udata, const event *ev)
{
    node *nd = udata;
    if (strcmp(ev->name, EV_NAME) != 0 || ev->target != g_target) {
        return;
    }
    int p = (int)(ev->seq / 100000), k = (int)(ev->seq % 100000);
    size_t len;
    char *want = payload(p, k, &len);
    if (p < 0 || p >= PUBLISHERS || nd->got[p] != k || ev->scope != EVENT_STREAM ||
        ev->json_len != len || memcmp(ev->json, want, len) != 0) {
        fprintf(stderr, "node %d: bad event p=%d k=%d (expected k=%d, len %zu/%zu)\n",
                (int)(nd - g_nodes), p, k, p >= 0 && p < PUBLISHERS ? nd->got[p] : -1, ev->json_len,
                len);
        nd->bad++;
    }
    if (p >= 0 && p < PUBLISHERS) {
        nd->got[p] = k + 1;
    }
    nd->total++;
    free(want);
}

static void publisher(void *arg)
{
    int p = (int)(intptr_t)arg;
    events *port = g_nodes[p % g_nnodes].port;
    for (int k = 0; k < PER_PUB; k++) {
        size_t len;
        char *json = payload(p, k, &len);
        event ev = {EVENT_STREAM, g_target, (int64_t)p * 100000 + k, EV_NAME, json, len};
        int rc;
        while ((rc = port->ops->publish(port, &ev)) == BZ_EUNAVAILABLE) {
            uv_sleep(1); /* queue full: the contract allows refusing, the test wants all */
        }
        free(json);
        if (rc != BZ_OK) {
            fprintf(stderr, "publish failed: %d\n", rc);
            abort();
        }
    }
}

static void open_nodes(void)
{
    uv_loop_init(&g_loop);
    memset(g_nodes, 0, sizeof(g_nodes));
    g_nnodes = strcmp(g_mode, "redis") == 0 ? 2 : 1;
    for (int i = 0; i < g_nnodes; i++) {
        node *nd = &g_nodes[i];
        if (g_nnodes == 1) {
            nd->local = bus_local_new(&g_loop);
            bus_local_subscribe(nd->local, on_event, nd);
            nd->port = bus_local_events(nd->local);
        } else {
            nd->redis = bus_redis_new(&g_loop, &g_url);
            bus_redis_subscribe(nd->redis, on_event, nd);
            nd->port = bus_redis_events(nd->redis);
        }
    }
    for (int i = 0; i < g_nnodes; i++) {
        int64_t deadline = bz_now_ms() + 5000;
        while (g_nodes[i].redis && !bus_redis_ready(g_nodes[i].redis) && bz_now_ms() < deadline) {
            uv_sleep(10);
        }
        if (g_nodes[i].redis && !bus_redis_ready(g_nodes[i].redis)) {
            fail_msg("redis bus did not connect to %s within 5 s", g_redis);
        }
    }
}

static void close_nodes(void)
{
    for (int i = 0; i < g_nnodes; i++) {
        if (g_nodes[i].local) {
            bus_local_close(g_nodes[i].local);
        } else {
            bus_redis_close(g_nodes[i].redis);
        }
    }
    uv_run(&g_loop, UV_RUN_DEFAULT);
    for (int i = 0; i < g_nnodes; i++) {
        bus_local_free(g_nodes[i].local);
        bus_redis_free(g_nodes[i].redis);
    }
    uv_loop_close(&g_loop);
}

static bool all_received(void)
{
    for (int i = 0; i < g_nnodes; i++) {
        if (g_nodes[i].total < PUBLISHERS * PER_PUB) {
            return false;
        }
    }
    return true;
}

static void on_tick(uv_timer_t *t)
{
    if (all_received() || bz_now_ms() > *(int64_t *)t->data) {
        uv_timer_stop(t);
        uv_close((uv_handle_t *)t, NULL);
    }
}

static void test_every_node_gets_every_event_in_order(void **state)
{
    (void)state;
    g_target = bz_id_new(bz_now_ms());
    open_nodes();
    uv_thread_t th[PUBLISHERS];
    for (int p = 0; p < PUBLISHERS; p++) {
        assert_int_equal(uv_thread_create(&th[p], publisher, (void *)(intptr_t)p), 0);
    }
    int64_t deadline = bz_now_ms() + 20000;
    uv_timer_t tick;
    uv_timer_init(&g_loop, &tick);
    tick.data = &deadline;
    uv_timer_start(&tick, on_tick, 10, 10);
    uv_run(&g_loop, UV_RUN_DEFAULT); /* the bus handles are unref'd: runs until the tick closes */
    for (int p = 0; p < PUBLISHERS; p++) {
        uv_thread_join(&th[p]);
    }
    for (int i = 0; i < g_nnodes; i++) {
        assert_int_equal(g_nodes[i].bad, 0);
        assert_int_equal(g_nodes[i].total, PUBLISHERS * PER_PUB);
    }
    close_nodes();
}

static void test_oversized_event_is_refused(void **state)
{
    (void)state;
    if (strcmp(g_mode, "redis") != 0) {
        skip(); /* the local bus has no wire limit */
    }
    g_target = bz_id_new(bz_now_ms());
    open_nodes();
    size_t len = BUS_REDIS_MAX_MSG + 1;
    char *big = calloc(1, len);
    event ev = {EVENT_STREAM, g_target, 1, EV_NAME, big, len};
    assert_int_equal(g_nodes[0].port->ops->publish(g_nodes[0].port, &ev), BZ_ETOOLARGE);
    free(big);
    close_nodes();
}

static void test_wire_round_trip(void **state)
{
    (void)state;
    event ev = {EVENT_USER, -5, 0, "auction:won", "{\"a\":1}", 7}, out;
    char head[BUS_REDIS_MAX_HEAD], name[BUS_REDIS_MAX_NAME + 1], msg[256];
    size_t h = bus_redis_header(&ev, head, sizeof(head));
    assert_true(h > 0);
    memcpy(msg, head, h);
    memcpy(msg + h, ev.json, ev.json_len);
    assert_int_equal(bus_redis_decode(msg, h + ev.json_len, &out, name), 0);
    assert_int_equal(out.scope, EVENT_USER);
    assert_int_equal(out.target, -5);
    assert_int_equal(out.seq, 0);
    assert_string_equal(out.name, "auction:won");
    assert_int_equal(out.json_len, 7);
    assert_memory_equal(out.json, "{\"a\":1}", 7);
    assert_int_equal(bus_redis_decode("s 1 2 x", 7, &out, name), -1);
    assert_int_equal(bus_redis_decode("x 1 2 n\n{}", 10, &out, name), -1);
}

/* Two nodes' limiters share one bucket: the burst spent on one is spent for both. */
static void test_shared_token_bucket(void **state)
{
    (void)state;
    if (strcmp(g_mode, "redis") != 0) {
        skip();
    }
    redis_bucket *a = redis_bucket_new(&g_url, 500), *b = redis_bucket_new(&g_url, 500);
    char key[64];
    snprintf(key, sizeof(key), "contract:%lld", (long long)bz_id_new(bz_now_ms()));
    int64_t now = bz_now_ms();
    int retry = 0;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(redis_bucket_take(i % 2 ? a : b, key, now, 0.5, 3, &retry), BZ_OK);
    }
    assert_int_equal(redis_bucket_take(b, key, now, 0.5, 3, &retry), BZ_ERATELIMIT);
    assert_int_equal(retry, 2);
    assert_int_equal(redis_bucket_take(a, key, now + 2000, 0.5, 3, &retry), BZ_OK);
    /* give puts a token back for both nodes; peek looks without taking */
    double tokens = -1;
    assert_int_equal(redis_bucket_peek(b, key, now + 2000, 0.5, 3, &tokens), BZ_OK);
    assert_true(tokens == 0.0);
    assert_int_equal(redis_bucket_give(a, key, now + 2000, 0.5, 3), BZ_OK);
    assert_int_equal(redis_bucket_peek(b, key, now + 2000, 0.5, 3, &tokens), BZ_OK);
    assert_true(tokens == 1.0);
    assert_int_equal(redis_bucket_take(b, key, now + 2000, 0.5, 3, &retry), BZ_OK);
    assert_int_equal(redis_bucket_take(b, key, now + 2000, 0.5, 3, &retry), BZ_ERATELIMIT);
    redis_url dead = g_url;
    dead.port = 1; /* nothing listens: unavailable, quickly */
    redis_bucket *d = redis_bucket_new(&dead, 200);
    assert_int_equal(redis_bucket_take(d, key, now, 0.5, 3, &retry), BZ_EUNAVAILABLE);
    redis_bucket_free(d);
    redis_bucket_free(a);
    redis_bucket_free(b);
}

int main(int argc, char **argv)
{
    g_mode = argc > 1 ? argv[1] : "";
    if (strcmp(g_mode, "local") != 0 && strcmp(g_mode, "redis") != 0) {
        fprintf(stderr, "usage: bus_contract local|redis\n");
        return 2;
    }
    if (strcmp(g_mode, "redis") == 0) {
        char err[160];
        g_redis = getenv("BLYTZ_TEST_REDIS");
        if (!g_redis || !*g_redis) {
            fprintf(stderr, "bus_contract redis: BLYTZ_TEST_REDIS is not set (scripts/test.sh "
                            "starts a Redis and sets it)\n");
            return 1;
        }
        if (redis_url_parse(g_redis, &g_url, err, sizeof(err))) {
            fprintf(stderr, "bus_contract redis: %s\n", err);
            return 1;
        }
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_node_gets_every_event_in_order),
        cmocka_unit_test(test_oversized_event_is_refused),
        cmocka_unit_test(test_wire_round_trip),
        cmocka_unit_test(test_shared_token_bucket),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
