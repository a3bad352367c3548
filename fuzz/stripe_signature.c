/*
 * Fuzz target: a Stripe webhook delivery as it arrives. The input's first line
 * is the Stripe-Signature header, the rest the body. stripe_webhook_verify must
 * answer BZ_OK or BZ_ESTRIPESIG with a reason that agrees, and never accept a
 * header not signed with one of its secrets (none of the inputs is, unless the
 * fuzzer finds an HMAC collision). Then the body signed with our own secret
 * must verify with the fuzzed header's items appended, whatever they are,
 * unless they break a cap or add a timestamp.
 */
#include "base/err.h"
#include "integrations/stripe/stripe_webhook.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW 1800000000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t hlen = nl ? (size_t)(nl - data) : size;
    const uint8_t *body = nl ? nl + 1 : data + size;
    size_t blen = size - hlen - (nl ? 1 : 0);
    char *header = malloc(hlen + 1);
    if (!header) {
        return 0;
    }
    memcpy(header, data, hlen);
    header[hlen] = '\0';
    const char *secrets[] = {"whsec_fuzz_one", "whsec_fuzz_two"};
    stripe_sig_fault why = STRIPE_SIG_VALID;
    int64_t t = -1;
    int rc = stripe_webhook_verify(header, blen ? body : NULL, blen, secrets, 2, NOW, &why, &t);
    if (rc != BZ_ESTRIPESIG || why == STRIPE_SIG_VALID || t < 0) {
        abort();
    }
    /* ours, followed by the fuzzed items: valid unless they break a cap, bring another t or
     * a v1 past the cap (each reason is still one of ours) */
    char sig[STRIPE_SIG_HEX_LEN + 1];
    if (stripe_webhook_sign(secrets[1], NOW, blen ? body : NULL, blen, sig) != BZ_OK) {
        abort();
    }
    size_t cap = hlen + 128;
    char *ours = malloc(cap);
    if (ours) {
        snprintf(ours, cap, "t=%d,v1=%s,%s", NOW, sig, header);
        rc = stripe_webhook_verify(ours, blen ? body : NULL, blen, secrets, 2, NOW, &why, NULL);
        if ((rc == BZ_OK) != (why == STRIPE_SIG_VALID) ||
            (rc != BZ_OK && why != STRIPE_SIG_MALFORMED)) {
            abort();
        }
        free(ours);
    }
    free(header);
    return 0;
}
