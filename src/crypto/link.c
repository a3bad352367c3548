/*
 * crypto/link.c - MACs for links that grant something to whoever holds them (a receipt's
 * download link), under keys derived from the access-token ring.
 *
 *   link key(k, purpose) = HMAC-SHA256(k.secret, "blytz-link-v1" 0x00 purpose)
 *   mac(k, purpose, msg) = base64url(HMAC-SHA256(link key(k, purpose), msg))
 *
 * Why derived keys: the ring's secrets also sign access tokens (HS256); a MAC under the raw
 * secret over a message an attacker partly chooses must never be confusable with a token's
 * signature, nor a link made for one purpose with another's. The label and the NUL keep the
 * derivation unambiguous.
 */
#include "crypto/crypto_private.h"

#include "base/check.h"
#include "base/err.h"

#include <sodium.h>
#include <string.h>

static const char LINK_LABEL[] = "blytz-link-v1";

static void link_key(const crypto_key *k, const char *purpose, unsigned char out[32])
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, k->secret, k->secret_len);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)LINK_LABEL, sizeof LINK_LABEL);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)purpose, strlen(purpose));
    crypto_auth_hmacsha256_final(&st, out);
    sodium_memzero(&st, sizeof st);
}

static void link_mac(const crypto_key *k, const char *purpose, const char *msg,
                     unsigned char out[32])
{
    unsigned char key[32];
    link_key(k, purpose, key);
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, sizeof key);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, strlen(msg));
    crypto_auth_hmacsha256_final(&st, out);
    sodium_memzero(&st, sizeof st);
    sodium_memzero(key, sizeof key);
}

static bool purpose_ok(const char *purpose)
{
    size_t n = purpose ? strnlen(purpose, CRYPTO_PURPOSE_MAX + 1) : 0;
    return n >= 1 && n <= CRYPTO_PURPOSE_MAX;
}

void crypto_link_sign(crypto *base, const char *purpose, const char *msg,
                      char out[CRYPTO_LINK_SIG_LEN + 1])
{
    const crypto_impl *c = (const crypto_impl *)base;
    BZ_ALWAYS(purpose_ok(purpose) && msg);
    unsigned char mac[32];
    link_mac(&c->ring.keys[0], purpose, msg, mac);
    sodium_bin2base64(out, CRYPTO_LINK_SIG_LEN + 1, mac, sizeof mac,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int crypto_link_verify(crypto *base, const char *purpose, const char *msg, const char *mac)
{
    const crypto_impl *c = (const crypto_impl *)base;
    unsigned char given[32];
    size_t len = 0;
    if (!purpose_ok(purpose) || !msg || !mac ||
        strnlen(mac, CRYPTO_LINK_SIG_LEN + 1) != CRYPTO_LINK_SIG_LEN ||
        sodium_base642bin(given, sizeof given, mac, CRYPTO_LINK_SIG_LEN, NULL, &len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        len != sizeof given) {
        return BZ_EUNAUTHORIZED;
    }
    int found = 0;
    for (size_t i = 0; i < c->ring.count; i++) {
        unsigned char want[32];
        link_mac(&c->ring.keys[i], purpose, msg, want);
        found |= sodium_memcmp(want, given, sizeof want) == 0;
    }
    return found ? BZ_OK : BZ_EUNAUTHORIZED;
}
