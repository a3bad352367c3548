/*
 * crypto/crypto_impl.h - the adapter behind app/ports/crypto.h: argon2id
 * password hashes (libsodium), HS256 access tokens with key rotation (libjwt
 * 1.10, header checked by hand first), refresh tokens, SHA-256, and the bid
 * log's Ed25519 signatures (libsodium) with their own key ring.
 *
 * Lifecycle: the composition root builds a crypto_keyring (from
 * BLYTZ_JWT_SECRET with crypto_keyring_parse, or from a file with
 * crypto_keyring_load_or_create), calls crypto_open once, hands the `crypto *`
 * to every thread (all operations are thread-safe: libjwt objects are per
 * call, the key ring is read-only after open) and calls crypto_close at exit.
 *
 * Key rotation: keys[0] of the ring signs; every key in the ring verifies.
 * To rotate, prepend a new key and keep the old one until the longest access
 * token it signed has expired (see docs/security.md).
 *
 * The bid log's key ring (BLYTZ_LOG_SIGNING_KEY, or VAR/log-signing.key) is a
 * second ring of the same text form whose secrets are 32-byte Ed25519 seeds;
 * the composition root hands it over with crypto_set_log_keys right after
 * crypto_open. Its first key signs; every key's public half is published and
 * verifies, so old logs stay checkable after a rotation for as long as the old
 * key stays in the ring (docs/auctions.md).
 */
#ifndef CRYPTO_CRYPTO_IMPL_H
#define CRYPTO_CRYPTO_IMPL_H

#include "app/ports/crypto.h"

#include <stdbool.h>
#include <stddef.h>

#define CRYPTO_KEYS_MAX     8    /* keys in a ring: the current one and older ones */
#define CRYPTO_KID_MAX      32   /* kid bytes, NUL included ([A-Za-z0-9._-], 1..31 chars) */
#define CRYPTO_SECRET_MIN   32   /* HS256 wants a key at least as long as the hash */
#define CRYPTO_SECRET_MAX   128  /* longer keys are hashed by HMAC anyway */
#define CRYPTO_PASSWORD_MAX 4096 /* longer passwords are refused before hashing (DoS) */

typedef struct crypto_key {
    char kid[CRYPTO_KID_MAX];
    unsigned char secret[CRYPTO_SECRET_MAX];
    size_t secret_len;
} crypto_key;

/* A key ring is a plain value (no heap). keys[0] is the current signing key. crypto_open copies
 * it; wipe your copy with crypto_keyring_wipe once opened. */
typedef struct crypto_keyring {
    crypto_key keys[CRYPTO_KEYS_MAX];
    size_t count;
} crypto_keyring;

/* argon2id cost. Defaults (crypto_password_cost_default): opslimit 2, memlimit 19 MiB, the
 * OWASP recommendation, about 20 ms per hash on one core here. Tests use
 * crypto_password_cost_min() so thousands of hashes stay fast. */
typedef struct crypto_password_cost {
    unsigned long long opslimit;
    size_t memlimit; /* bytes */
} crypto_password_cost;

crypto_password_cost crypto_password_cost_default(void);
crypto_password_cost crypto_password_cost_min(void);

/* Parse a key-ring string: "kid1:base64secret,kid0:base64secret" (the first entry is the
 * current signing key; secrets in standard or URL-safe base64, padded or not, decoding to
 * 32..128 bytes). A string without ':' is a single key with kid "default" whose secret is the
 * string's own bytes (at least 32), so `openssl rand -hex 32` works as BLYTZ_JWT_SECRET.
 * Whitespace around entries is ignored. BZ_OK or BZ_EVALIDATION with a reason in `why`
 * (never containing secret material; `why` may be NULL). */
int crypto_keyring_parse(const char *spec, crypto_keyring *out, char *why, size_t why_len);

/* Read the key ring kept at `path`, creating it first if it does not exist: 32 random bytes
 * as "k<8 hex>:<base64>\n", mode 0600, written aside and link()ed into place so that two
 * processes starting at once agree on one key. The file may hold any key-ring string, so an
 * operator can rotate by editing it. Refuses a file readable by group or others. BZ_OK,
 * BZ_EVALIDATION (bad contents or permissions, reason in `why`) or BZ_EINTERNAL (I/O; reason in
 * `why`). The parent directory must exist. */
int crypto_keyring_load_or_create(const char *path, crypto_keyring *out, char *why, size_t why_len);

/* Overwrite the secrets with zeros. */
void crypto_keyring_wipe(crypto_keyring *ring);

/* Parse a bid-log key ring: "kid:base64seed[,kid:base64seed...]" as crypto_keyring_parse (the
 * first entry signs), each seed exactly 32 bytes; or one bare base64 seed, whose kid is "log-"
 * and 8 hex digits of the SHA-256 of its public key. BZ_OK or BZ_EVALIDATION (reason in
 * `why`, never secret material). */
int crypto_log_keyring_parse(const char *spec, crypto_keyring *out, char *why, size_t why_len);

/* crypto_keyring_load_or_create for the bid-log ring: the file it creates holds one random
 * 32-byte seed ("k<8 hex>:<base64>"); its contents are read with crypto_log_keyring_parse. */
int crypto_log_keyring_load_or_create(const char *path, crypto_keyring *out, char *why,
                                      size_t why_len);

/* Open the adapter with the default password cost. `keys` is copied. BZ_EVALIDATION if the
 * ring is empty or a key is malformed, BZ_ENOMEM, BZ_EINTERNAL if libsodium cannot start. */
int crypto_open(const crypto_keyring *keys, crypto **out);

/* Same with an explicit argon2id cost (NULL = default). */
int crypto_open_with_cost(const crypto_keyring *keys, const crypto_password_cost *cost,
                          crypto **out);

/* Give an open crypto its bid-log keys (copied; wipe your copy). Call once, before the crypto
 * is shared between threads. Without it log_sign answers BZ_EUNAVAILABLE. BZ_OK, or
 * BZ_EVALIDATION (empty ring, a seed that is not 32 bytes, a bad kid; reason in `why`). */
int crypto_set_log_keys(crypto *c, const crypto_keyring *ring, char *why, size_t why_len);

/* Wipe the keys and free. NULL is allowed. */
void crypto_close(crypto *c);

/* True if `phc` was hashed with other parameters than the current cost (or is not an argon2id
 * string we understand), so the caller should re-hash the password after a successful login. */
bool crypto_password_needs_rehash(crypto *c, const char *phc);

#endif
