/*
 * integrations/ninjavan/nv_api.h - the transport of NinjaVan's REST API: the
 * OAuth token, JSON requests, retries, NinjaVan's errors as Blytz codes.
 *
 * URLs are {api_base}/{country}{path}: "https://api.ninjavan.co" "/my" "/4.2/orders".
 *
 * Token: client credentials (POST /2.0/oauth/access_token, a JSON body with
 * client_id, client_secret, grant_type), as NinjaVan asks integrators to: fetched
 * once, kept in the client and shared by every thread (a mutex; a thread that
 * finds it stale fetches it while holding the lock, so others wait for that one
 * grant instead of each asking), renewed only when less than token_margin_s is
 * left before its expiry (the answer's `expires`, or now + `expires_in`, the
 * earlier) or after a call answered 401 with it: then the call is made once more
 * with a new token. Every other call carries `Authorization: Bearer <token>`.
 *
 * Retries, with exponential backoff and jitter: on a network failure or timeout
 * and on 5xx only; never on a 4xx (NinjaVan's advice: log it and fix it).
 * Every answer's `x-nv-request-id` is logged (info; warn when it failed), with
 * the method, the path and the status.
 *
 * Errors of nv_request: BZ_OK (any 2xx, its body in `answer`); BZ_ESHIPAUTH (the
 * grant refused, 401 after a renewal, 403); BZ_ENOTFOUND (404); BZ_ESHIPREFUSED
 * (another 4xx but 429); BZ_EUNAVAILABLE (network, 5xx, 429 after the retries);
 * BZ_ETOOLARGE (an answer over the buffer's limit); BZ_ENOMEM. On an error with an
 * answer, `answer` holds its body and `note` NinjaVan's error title and message.
 */
#ifndef INTEGRATIONS_NINJAVAN_NV_API_H
#define INTEGRATIONS_NINJAVAN_NV_API_H

#include "app/ports/shipper.h"
#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NV_API_BASE        "https://api.ninjavan.co"
#define NV_COUNTRY         "my"
#define NV_ANSWER_MAX      (256u * 1024)       /* a JSON answer */
#define NV_LABEL_MAX       (16u * 1024 * 1024) /* a waybill, whatever the caller's buffer allows */
#define NV_RETRIES_MAX     8
#define NV_BACKOFF_CEIL_MS 8000
#define NV_TOKEN_MAX       2048 /* an access token, NUL included */
#define NV_SECRET_MAX      256  /* a client id or secret, NUL included */

typedef struct nv_config {
    const char *api_base;      /* NULL: NV_API_BASE; tests give a loopback fake */
    const char *country;       /* NULL: NV_COUNTRY; two letters, sent as given ("my", "MY") */
    const char *client_id;     /* required */
    const char *client_secret; /* required */
    int max_retries;           /* 0..NV_RETRIES_MAX retries after the first attempt */
    int backoff_ms;            /* first delay (then x2, to the ceiling); 0: 500 */
    int connect_timeout_ms;    /* 0: 5000 */
    int timeout_ms;            /* one attempt, whole exchange; 0: 30000 */
    int token_margin_s;        /* renew this long before expiry; 0: 300 */
} nv_config;

typedef struct nv_client nv_client;

/* A client for `cfg` (copied). BZ_OK; BZ_EVALIDATION for a missing or overlong id or secret, a
 * base that is not http(s), a country that is not two letters, counts out of range; BZ_ENOMEM;
 * BZ_EINTERNAL if libcurl or the lock cannot start. No network I/O. */
int nv_client_new(const nv_config *cfg, nv_client **out);
void nv_client_free(nv_client *c);

/* The country as configured, upper case ("MY"): what addresses carry. */
const char *nv_client_country_upper(const nv_client *c);

/* How many token grants this client has made (for tests and /metrics). Thread-safe. */
uint64_t nv_client_grants(nv_client *c);

typedef struct nv_call {
    const char *method; /* "GET", "POST" or "DELETE" */
    const char *path;   /* after the country: "/4.2/orders" (the caller checked what it put in) */
    const char *body;   /* POST: JSON */
    size_t body_len;
    const char *accept; /* NULL: "application/json" */
    /* out: the answer's Content-Type (cut to fit; "" when none) */
    char content_type[64];
} nv_call;

/* Perform `call` with the token and the retries. `answer` is reset, then holds the last
 * answer's body (capped by its limit). `note` (may be NULL) is zeroed and filled. */
int nv_request(nv_client *c, nv_call *call, bz_buf *answer, shipper_note *note);

/* The Blytz code for a final answer with HTTP `status` (0: none came) to an API call. */
int nv_status_code(long status);

#endif
