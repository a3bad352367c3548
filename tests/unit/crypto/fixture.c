/* The crypto tests' shared opening of the adapter (fixture.h). */
#include "fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

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
