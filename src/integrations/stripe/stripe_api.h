/*
 * integrations/stripe/stripe_api.h - the transport of Stripe's v1 REST API:
 * form-encoded requests, JSON answers, Stripe's errors as Blytz codes.
 *
 * Every request carries `Authorization: Bearer <secret key>` and the pinned
 * `Stripe-Version` (STRIPE_API_VERSION unless configured); every POST carries
 * the caller's `Idempotency-Key` (callers derive it from their outbox row, so a
 * retry after a crash is the same request to Stripe); `Stripe-Account` when
 * acting for a connected account. Parameters are built with stripe_form, in
 * Stripe's bracket notation ("metadata[order_id]", "payment_method_types[0]").
 *
 * Retries, with the same key, exponential backoff and jitter: on a network
 * failure or timeout, on 5xx, and on 409 lock_timeout; never on another 4xx.
 * `Stripe-Should-Retry: true|false` in an answer overrides that. A call blocks
 * its thread through its retries (the outbox worker's, never a request's).
 *
 * Errors: BZ_OK with the answer's JSON; else one of
 *   BZ_ECARDDECLINED (card_error card_declined), BZ_EAUTHREQUIRED (card_error
 *   authentication_required), BZ_EPAYMENTFAILED (any other card_error),
 *   BZ_ESTRIPEIDEMPOTENCY (idempotency_error: the key was used for another
 *   request), BZ_ESTRIPEAUTH (401/403: the key or the account), BZ_ENOTFOUND
 *   (404), BZ_ESTRIPEREFUSED (any other 4xx), BZ_EUNAVAILABLE (network, 5xx,
 *   429 or 409 after the retries; an answer that is not JSON), BZ_ETOOLARGE
 *   (answer over STRIPE_ANSWER_MAX), BZ_ENOMEM;
 * with Stripe's error object kept in stripe_error for the caller (code,
 * decline_code, the payment_intent's id, ...). A client is immutable after
 * stripe_client_new: one may be used from several threads at once.
 */
#ifndef INTEGRATIONS_STRIPE_STRIPE_API_H
#define INTEGRATIONS_STRIPE_STRIPE_API_H

#include <jansson.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STRIPE_API_VERSION     "2026-10-28.endive"
#define STRIPE_API_BASE        "https://api.stripe.com"
#define STRIPE_ANSWER_MAX      (1024u * 1024)
#define STRIPE_FORM_MAX        (64u * 1024) /* a request's parameters, encoded */
#define STRIPE_KEY_MAX         255          /* Idempotency-Key, as Stripe caps it */
#define STRIPE_RETRIES_MAX     8
#define STRIPE_BACKOFF_CEIL_MS 8000

/* ---- parameters ------------------------------------------------------------------------ */

typedef struct stripe_form stripe_form;

/* An empty parameter list, or NULL on OOM. Free with stripe_form_free (NULL is fine). */
stripe_form *stripe_form_new(void);
void stripe_form_free(stripe_form *f);

/* Adds `key`=`value`. The key is written as Stripe reads it: a name of [a-z0-9_] then any
 * "[segment]" ([A-Za-z0-9_]*), e.g. "metadata[order_id]"; the value (any bytes but NUL) is
 * %-encoded (all but A-Z a-z 0-9 - . _ ~). BZ_EVALIDATION for a key of another shape (left
 * unchanged), BZ_ETOOLARGE past STRIPE_FORM_MAX, BZ_ENOMEM. */
int stripe_form_add(stripe_form *f, const char *key, const char *value);
int stripe_form_add_i64(stripe_form *f, const char *key, int64_t value);
int stripe_form_add_bool(stripe_form *f, const char *key, bool value);

/* The encoded parameters ("a=1&b[c]=2", "" when none); valid until the next add or free. */
const char *stripe_form_text(const stripe_form *f, size_t *len);

/* ---- client ---------------------------------------------------------------------------- */

typedef struct stripe_config {
    const char *api_base;   /* NULL: STRIPE_API_BASE; tests give a loopback fake */
    const char *secret_key; /* sk_test_... / sk_live_... (or a restricted rk_) */
    const char *version;    /* NULL: STRIPE_API_VERSION */
    int max_retries;        /* 0..STRIPE_RETRIES_MAX retries after the first attempt */
    int backoff_ms;         /* first delay (then x2 each time, to the ceiling); 0: 500 */
    int connect_timeout_ms; /* 0: 5000 */
    int timeout_ms;         /* one attempt, whole exchange; 0: 30000 */
} stripe_config;

typedef struct stripe_client stripe_client;

/* A client for `cfg` (copied). BZ_OK; BZ_EVALIDATION for a missing key, a base that is not
 * http(s), counts out of range; BZ_ENOMEM; BZ_EINTERNAL if libcurl cannot start. */
int stripe_client_new(const stripe_config *cfg, stripe_client **out);
void stripe_client_free(stripe_client *c);

typedef struct stripe_call {
    const char *method;          /* "GET", "POST" or "DELETE" */
    const char *path;            /* "/v1/payment_intents", "/v1/refunds/re_123" */
    const stripe_form *params;   /* POST: the body; GET/DELETE: the query. May be NULL */
    const char *idempotency_key; /* POST: required, 1..STRIPE_KEY_MAX printable ASCII */
    const char *account;         /* Stripe-Account (acct_...) or NULL for the platform */
} stripe_call;

/* What Stripe said when it refused, and how the call went. Strings are cut to fit (they are
 * for logs and for the caller's decisions, never compared as ids except payment_intent). */
typedef struct stripe_error {
    int http_status;          /* of the last attempt; 0 when no answer came */
    int attempts;             /* 1 + retries made */
    char type[32];            /* card_error, invalid_request_error, idempotency_error, ... */
    char code[64];            /* card_declined, authentication_required, lock_timeout, ... */
    char decline_code[64];    /* insufficient_funds, ... */
    char param[128];          /* the parameter at fault */
    char message[256];        /* Stripe's words (not for buyers) */
    char payment_intent[128]; /* error.payment_intent.id of a failed confirmation */
    char request_id[64];      /* Request-Id of the last answer */
} stripe_error;

/* Perform `call` with its retries. On BZ_OK, *out is the answer (a JSON object; the caller
 * json_decrefs it); otherwise *out is NULL. `err` (may be NULL) is filled either way. */
int stripe_request(const stripe_client *c, const stripe_call *call, json_t **out,
                   stripe_error *err);

/* The Blytz code for an answer with HTTP `status` and Stripe's error `type` and `code`
 * (as stripe_request maps them once it stops retrying). */
int stripe_error_code(int status, const char *type, const char *code);

#endif
