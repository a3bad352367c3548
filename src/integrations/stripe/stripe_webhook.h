/*
 * integrations/stripe/stripe_webhook.h - verifying the Stripe-Signature of a
 * webhook delivery, before anything reads its body.
 *
 * The header is "t=<unix seconds>,v1=<hex>[,v1=<hex>...][,v0=...]": items split
 * on ',', each on its first '='. The signature Stripe computes is
 * hex(HMAC-SHA256(secret, t "." raw body)), the endpoint secret used as its
 * ASCII bytes, "whsec_" prefix included. A delivery is accepted when some v1
 * equals that for some secret we hold (several during a rotation, as Stripe
 * sends one v1 per active secret); the compare takes the same time wherever
 * the strings differ. Only v1 counts: v0 and unknown schemes are ignored, never
 * accepted (no downgrade). t must be within STRIPE_WEBHOOK_TOLERANCE_S of now,
 * both ways (Stripe's SDK only refuses the past; refusing the future too is
 * stricter and accepts every header Stripe makes).
 *
 * Caps: a header over STRIPE_SIG_HEADER_MAX bytes, more than STRIPE_SIG_ITEMS_MAX
 * items or more than STRIPE_SIG_V1_MAX v1 values is malformed; a v1 that is
 * not 64 lowercase hex digits never matches. Pure functions: thread-safe.
 */
#ifndef INTEGRATIONS_STRIPE_STRIPE_WEBHOOK_H
#define INTEGRATIONS_STRIPE_STRIPE_WEBHOOK_H

#include <stddef.h>
#include <stdint.h>

#define STRIPE_WEBHOOK_TOLERANCE_S 300
#define STRIPE_SIG_HEADER_MAX      2048
#define STRIPE_SIG_ITEMS_MAX       16
#define STRIPE_SIG_V1_MAX          8
#define STRIPE_WEBHOOK_SECRETS_MAX 4
#define STRIPE_SIG_HEX_LEN         64 /* hex of a SHA-256 HMAC */

/* Why a delivery was refused, for the log line (the client sees one code). */
typedef enum stripe_sig_fault {
    STRIPE_SIG_VALID = 0,
    STRIPE_SIG_MISSING,   /* no header, or an empty one */
    STRIPE_SIG_MALFORMED, /* no t, t not decimal, t twice, no v1, over a cap */
    STRIPE_SIG_STALE,     /* |now - t| > tolerance */
    STRIPE_SIG_MISMATCH,  /* no v1 matches any secret */
} stripe_sig_fault;

/* Verify `header` (NUL-terminated; NULL when absent) for the `len` bytes of `body` (not
 * NUL-terminated; NULL only when len is 0) against `secrets` (1..STRIPE_WEBHOOK_SECRETS_MAX
 * non-empty strings), at `now_s`. BZ_OK, or BZ_ESTRIPESIG with *why (when `why` is not NULL)
 * saying which check refused it; BZ_EINTERNAL when OpenSSL fails. *t_out (when not NULL) is the
 * header's timestamp when it parsed, else 0. */
int stripe_webhook_verify(const char *header, const void *body, size_t len,
                          const char *const *secrets, size_t n_secrets, int64_t now_s,
                          stripe_sig_fault *why, int64_t *t_out);

/* The hex signature Stripe would send for `body` at `t` with `secret`: 64 digits and a NUL
 * into `out`. BZ_OK or BZ_EINTERNAL. (For tests and the verifier itself.) */
int stripe_webhook_sign(const char *secret, int64_t t, const void *body, size_t len,
                        char out[STRIPE_SIG_HEX_LEN + 1]);

/* "missing", "malformed", "stale", "mismatch", "valid". Static string. */
const char *stripe_sig_fault_name(stripe_sig_fault why);

#endif
