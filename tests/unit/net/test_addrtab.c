/* Per-address admission: keys, the open cap, the token bucket, and bounded memory. */
#include "net/addrtab.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "unit_main.h"

static net_addr_key key(const char *ip)
{
    net_addr_key k;
    assert_true(net_addr_key_from_ip(ip, &k));
    return k;
}

static void test_keys(void **state)
{
    net_addr_key a = key("203.0.113.7"), b = key("::ffff:203.0.113.7"), c = key("203.0.113.8");
    assert_memory_equal(&a, &b, sizeof(a)); /* a mapped IPv4 address is that IPv4 client */
    assert_memory_not_equal(&a, &c, sizeof(a));
    /* one IPv6 subscriber owns a /64: every address in it is one client */
    net_addr_key d = key("2001:db8:1:2::1"), e = key("2001:db8:1:2:ffff:ffff:ffff:ffff");
    net_addr_key f = key("2001:db8:1:3::1");
    assert_memory_equal(&d, &e, sizeof(d));
    assert_memory_not_equal(&d, &f, sizeof(d));
    net_addr_key z;
    assert_false(net_addr_key_from_ip("not an address", &z));
    assert_false(net_addr_key_from_ip("", &z));
}

static void test_open_cap(void **state)
{
    net_addr_limits lim = {.max_open = 3};
    net_addrtab *t = net_addrtab_new(&lim, 0);
    net_addr_key a = key("10.0.0.1"), b = key("10.0.0.2");
    for (int i = 0; i < 3; i++) {
        assert_int_equal(net_addrtab_acquire(t, &a, 0, NULL), NET_ADDR_OK);
    }
    assert_int_equal(net_addrtab_acquire(t, &a, 0, NULL), NET_ADDR_TOO_MANY);
    assert_int_equal(net_addrtab_acquire(t, &b, 0, NULL), NET_ADDR_OK); /* others unaffected */
    assert_int_equal(net_addrtab_open(t, &a), 3);
    net_addrtab_release(t, &a);
    assert_int_equal(net_addrtab_acquire(t, &a, 0, NULL), NET_ADDR_OK);
    for (int i = 0; i < 3; i++) {
        net_addrtab_release(t, &a);
    }
    net_addrtab_release(t, &b);
    assert_int_equal(net_addrtab_open(t, &a), 0);
    assert_int_equal(net_addrtab_size(t), 0); /* nothing held, no bucket: nothing kept */
    net_addrtab_release(t, &a);               /* an unpaired release changes nothing */
    assert_int_equal(net_addrtab_size(t), 0);
    net_addrtab_free(t);
}

static void test_rate(void **state)
{
    net_addr_limits lim = {.rate_per_s = 2, .burst = 4};
    net_addrtab *t = net_addrtab_new(&lim, 0);
    net_addr_key a = key("10.0.0.1");
    for (int i = 0; i < 4; i++) {
        assert_int_equal(net_addrtab_acquire(t, &a, 1000, NULL), NET_ADDR_OK);
        net_addrtab_release(t, &a); /* closing does not give the token back */
    }
    int retry = 0;
    assert_int_equal(net_addrtab_acquire(t, &a, 1000, &retry), NET_ADDR_TOO_FAST);
    assert_int_equal(retry, 1);
    assert_int_equal(net_addrtab_acquire(t, &a, 1499, NULL), NET_ADDR_TOO_FAST);
    assert_int_equal(net_addrtab_acquire(t, &a, 1500, NULL), NET_ADDR_OK); /* one token back */
    assert_int_equal(net_addrtab_acquire(t, &a, 1500, NULL), NET_ADDR_TOO_FAST);
    net_addrtab_free(t);
}

/* Many addresses come and go: the table sweeps finished entries instead of growing. */
static void test_bounded(void **state)
{
    net_addr_limits lim = {.max_open = 10, .rate_per_s = 10, .burst = 10};
    net_addrtab *t = net_addrtab_new(&lim, 0);
    uint64_t now = 0;
    for (int i = 0; i < 100000; i++) {
        char ip[32];
        snprintf(ip, sizeof(ip), "10.%d.%d.%d", (i >> 16) & 255, (i >> 8) & 255, i & 255);
        net_addr_key k = key(ip);
        assert_int_equal(net_addrtab_acquire(t, &k, now, NULL), NET_ADDR_OK);
        net_addrtab_release(t, &k);
        now += 10; /* 100 new addresses a second; each bucket is full again after 0.1 s */
    }
    assert_true(net_addrtab_size(t) <= 64);
    net_addrtab_free(t);
}

static void test_max_entries(void **state)
{
    net_addr_limits lim = {.max_open = 1};
    net_addrtab *t = net_addrtab_new(&lim, 100);
    for (int i = 0; i < 100; i++) {
        char ip[32];
        snprintf(ip, sizeof(ip), "10.0.%d.%d", i / 256, i % 256);
        net_addr_key k = key(ip);
        assert_int_equal(net_addrtab_acquire(t, &k, 0, NULL), NET_ADDR_OK);
    }
    net_addr_key k = key("192.0.2.1");
    assert_int_equal(net_addrtab_acquire(t, &k, 0, NULL), NET_ADDR_FULL);
    net_addr_key first = key("10.0.0.0");
    net_addrtab_release(t, &first);
    assert_int_equal(net_addrtab_acquire(t, &k, 0, NULL), NET_ADDR_OK);
    net_addrtab_free(t);
}

/* Random acquires and releases against a plain array: deletion never loses an entry. */
static void test_matches_model(void **state)
{
    enum { N = 600 };
    static uint32_t model[N];
    memset(model, 0, sizeof(model));
    net_addr_limits lim = {.max_open = 5};
    net_addrtab *t = net_addrtab_new(&lim, 0);
    srand(7);
    for (int step = 0; step < 200000; step++) {
        int i = rand() % N;
        char ip[48];
        snprintf(ip, sizeof(ip), "2001:db8:%x::1", i);
        net_addr_key k = key(ip);
        if (rand() % 2) {
            enum net_addr_verdict v = net_addrtab_acquire(t, &k, 0, NULL);
            assert_int_equal(v, model[i] < 5 ? NET_ADDR_OK : NET_ADDR_TOO_MANY);
            model[i] += v == NET_ADDR_OK;
        } else {
            net_addrtab_release(t, &k);
            model[i] -= model[i] > 0;
        }
        assert_int_equal(net_addrtab_open(t, &k), model[i]);
    }
    size_t live = 0;
    for (int i = 0; i < N; i++) {
        char ip[48];
        snprintf(ip, sizeof(ip), "2001:db8:%x::1", i);
        net_addr_key k = key(ip);
        assert_int_equal(net_addrtab_open(t, &k), model[i]);
        live += model[i] > 0;
    }
    assert_int_equal(net_addrtab_size(t), live);
    net_addrtab_free(t);
}

UNIT_MAIN(cmocka_unit_test(test_keys), cmocka_unit_test(test_open_cap), cmocka_unit_test(test_rate),
          cmocka_unit_test(test_bounded), cmocka_unit_test(test_max_entries),
          cmocka_unit_test(test_matches_model))
