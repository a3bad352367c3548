/* The crypto tests' shared opening of the adapter (fixture.h). */
#include "fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"

crypto *fixture_crypto_open(const char *jwt_spec, const char *log_spec)
{
    crypto_keyring ring;
    char why[160];
    assert_int_equal(crypto_keyring_parse(jwt_spec, &ring, why, sizeof why), BZ_OK);
    crypto_password_cost cost = crypto_password_cost_min();
    crypto *c = NULL;
    assert_int_equal(crypto_open_with_cost(&ring, &cost, &c), BZ_OK);
    if (log_spec) {
        assert_int_equal(crypto_log_keyring_parse(log_spec, &ring, why, sizeof why), BZ_OK);
        assert_int_equal(crypto_set_log_keys(c, &ring, why, sizeof why), BZ_OK);
    }
    crypto_keyring_wipe(&ring);
    return c;
}

void fixture_ring_refusals(fixture_ring_parse parse, const char *const *bad, size_t n,
                           const char *secret)
{
    crypto_keyring ring;
    char why[160];
    for (size_t i = 0; i < n; i++) {
        why[0] = '\0';
        assert_int_equal(parse(bad[i], &ring, why, sizeof why), BZ_EVALIDATION);
        assert_true(why[0] != '\0');
        assert_int_equal(ring.count, 0);
        assert_null(strstr(why, secret)); /* a reason never repeats the secret */
    }
}

void fixture_ring_of_two(fixture_ring_parse parse, const char *a, const char *b, const char *kid_a,
                         const char *kid_b)
{
    char spec[256];
    snprintf(spec, sizeof spec, " %s , %s\n", a, b);
    crypto_keyring ring;
    char why[160];
    assert_int_equal(parse(spec, &ring, why, sizeof why), BZ_OK);
    assert_int_equal(ring.count, 2);
    assert_string_equal(ring.keys[0].kid, kid_a);
    assert_string_equal(ring.keys[1].kid, kid_b);
    assert_int_equal(ring.keys[1].secret_len, 32);
    for (int i = 0; i < 32; i++) {
        assert_int_equal(ring.keys[1].secret[i], i);
    }
    crypto_keyring_wipe(&ring);
}

void fixture_key_file_twice(fixture_key_file *kf, fixture_ring_load load, const char *name)
{
    snprintf(kf->dir, sizeof kf->dir, "/tmp/bz-crypto-test-XXXXXX");
    assert_non_null(mkdtemp(kf->dir));
    snprintf(kf->path, sizeof kf->path, "%s/%s", kf->dir, name);
    char why[256];
    assert_int_equal(load(kf->path, &kf->first, why, sizeof why), BZ_OK);
    struct stat st;
    assert_int_equal(stat(kf->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(kf->first.count, 1);
    assert_int_equal(kf->first.keys[0].secret_len, 32);
    assert_int_equal(load(kf->path, &kf->again, why, sizeof why), BZ_OK);
    assert_string_equal(kf->first.keys[0].kid, kf->again.keys[0].kid);
    assert_memory_equal(kf->first.keys[0].secret, kf->again.keys[0].secret, 32);
}

void fixture_key_file_remove(fixture_key_file *kf)
{
    unlink(kf->path);
    rmdir(kf->dir);
    crypto_keyring_wipe(&kf->first);
    crypto_keyring_wipe(&kf->again);
}
