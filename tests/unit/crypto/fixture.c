/* The crypto tests' shared opening of the adapter (fixture.h). */
#include "fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

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
