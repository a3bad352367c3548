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

/* `parse` reads " <a> , <b>\n" (blanks and a line end around the comma) as a ring of two
 * keys, a's named `kid_a` first, then b's named `kid_b`, whose secret is the 32 bytes 0..31. */
void fixture_ring_of_two(fixture_ring_parse parse, const char *a, const char *b, const char *kid_a,
                         const char *kid_b);

/* A key file in a temporary directory of its own, as a node without a configured ring makes
 * it: the first load creates it, the second reads it. */
typedef int (*fixture_ring_load)(const char *path, crypto_keyring *out, char *why, size_t why_len);
typedef struct fixture_key_file {
    char dir[32];
    char path[128];
    crypto_keyring first, again; /* what the two loads returned */
} fixture_key_file;

/* Load the key file `name` (in a new directory) twice with `load` (crypto_keyring_load_or_create
 * or crypto_log_keyring_load_or_create): the first creates it private (0600) with one key of
 * 32 bytes, the second reads the same key. */
void fixture_key_file_twice(fixture_key_file *kf, fixture_ring_load load, const char *name);
/* Remove the file (if still there) and its directory; wipe the rings. */
void fixture_key_file_remove(fixture_key_file *kf);

#endif
