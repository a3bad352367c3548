/*
 * tests/unit/crypto/fixture.h - the crypto adapter as the crypto tests open it: a JWT key
 * ring from its text form, the minimum argon2id cost (the tests hash many passwords), and
 * optionally a bid-log key ring. Fails the test (cmocka assert) when a ring does not parse
 * or the adapter does not open.
 */
#ifndef TESTS_UNIT_CRYPTO_FIXTURE_H
#define TESTS_UNIT_CRYPTO_FIXTURE_H

#include "crypto/crypto_impl.h"

#include <stddef.h>

/* The adapter over the JWT ring `jwt_spec` and, unless NULL, the bid-log ring `log_spec`.
 * The caller closes it (crypto_close). */
crypto *fixture_crypto_open(const char *jwt_spec, const char *log_spec);

/* Each of the n ring strings bad[] is refused by `parse` (crypto_keyring_parse or
 * crypto_log_keyring_parse): BZ_EVALIDATION, an empty ring, and a reason that does not repeat
 * `secret` (a piece of the secrets in them). */
typedef int (*fixture_ring_parse)(const char *spec, crypto_keyring *out, char *why, size_t why_len);
void fixture_ring_refusals(fixture_ring_parse parse, const char *const *bad, size_t n,
                           const char *secret);

#endif
