/*
 * integrations/ninjavan/nv_webhook.c - X-Ninjavan-Hmac-Sha256 (see nv_webhook.h).
 */
#include "integrations/ninjavan/nv_webhook.h"

#include "base/check.h"
#include "base/err.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdbool.h>
#include <string.h>

int nv_webhook_sign(const char *secret, const void *body, size_t len, char out[NV_SIG_B64_LEN + 1])
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    static const unsigned char empty[1];
    bool ok =
        HMAC(EVP_sha256(), secret, (int)strlen(secret), len ? body : empty, len, mac, &mac_len) &&
        mac_len == 32 && EVP_EncodeBlock((unsigned char *)out, mac, 32) == NV_SIG_B64_LEN;
    out[ok ? NV_SIG_B64_LEN : 0] = '\0';
    OPENSSL_cleanse(mac, sizeof(mac));
    return ok ? BZ_OK : BZ_EINTERNAL;
}

int nv_webhook_verify(const char *header, const void *body, size_t len, const char *secret)
{
    BZ_CHECK(secret && secret[0]);
    BZ_CHECK(body || len == 0);
    /* the HMAC is computed whatever the header: its time says nothing about the header */
    char want[NV_SIG_B64_LEN + 1];
    if (nv_webhook_sign(secret, body, len, want) != BZ_OK) {
        return BZ_EINTERNAL;
    }
    const char *h = header ? header : "";
    while (*h == ' ' || *h == '\t') {
        h++;
    }
    size_t n = strnlen(h, NV_SIG_B64_LEN + 64);
    while (n && (h[n - 1] == ' ' || h[n - 1] == '\t')) {
        n--;
    }
    bool match = n == NV_SIG_B64_LEN && CRYPTO_memcmp(want, h, NV_SIG_B64_LEN) == 0;
    OPENSSL_cleanse(want, sizeof(want));
    return match ? BZ_OK : BZ_ESHIPSIG;
}
