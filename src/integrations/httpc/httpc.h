/*
 * integrations/httpc/httpc.h - one HTTP exchange with libcurl, for the
 * adapters that call a provider's API (blob_s3, livekit, janus, stripe).
 *
 * One easy handle per call, so callers hold no connection and need no lock;
 * no signals (CURLOPT_NOSIGNAL: safe in a threaded server); http and https
 * only; the response body is capped by the caller's bz_buf limit, and a
 * Content-Length over it is refused before the body is read. No retries:
 * callers map failures to BZ_EUNAVAILABLE and the outbox retries; those that
 * retry within a call (stripe, ninjavan) wait with httpc_backoff_ms.
 */
#ifndef INTEGRATIONS_HTTPC_HTTPC_H
#define INTEGRATIONS_HTTPC_HTTPC_H

#include "base/buf.h"

#include <curl/curl.h>

#include <stdbool.h>
#include <stddef.h>

typedef struct httpc_req {
    const char *who;    /* names the caller in log lines ("blob_s3", "livekit") */
    const char *method; /* "GET", "PUT", "POST", "DELETE" */
    const char *url;    /* logged on failure: must hold no secret */
    struct curl_slist *headers;
    const void *body; /* sent with PUT and POST (may be NULL when body_len is 0) */
    size_t body_len;
    int connect_timeout_ms;
    int timeout_ms; /* the whole exchange */
    /* Optional: called with each header line of the answer ("Name: value\r\n", `len` bytes,
     * not NUL-terminated; the status line and the blank line too), on the calling thread. */
    void (*on_header)(void *arg, const char *line, size_t len);
    void *header_arg;
} httpc_req;

/* The delay before retry number `n` (1-based) of a caller that retries: first_ms * 2^(n-1),
 * capped at ceil_ms, then a random point in its upper half (jitter), never below first_ms. */
int httpc_backoff_ms(int first_ms, int ceil_ms, int n);

/* Sleep `ms` milliseconds (through signals). */
void httpc_sleep_ms(int ms);

/* curl_global_init, once per process (thread-safe). BZ_OK or BZ_EINTERNAL. */
int httpc_init(void);

/* Appends "Name: value" to a header list (or "Name:", which makes curl drop that header, when
 * `value` is NULL); the line is wiped from the stack afterwards (it may hold a credential).
 * False on OOM or a line over 4 KiB; *list is unchanged then. */
bool httpc_add_header(struct curl_slist **list, const char *name, const char *value);

/* Perform `req`. The body of the answer, whatever its status, is appended to `response`
 * (capped by its limit); *status is the HTTP status (0 when there was none). BZ_OK when an
 * answer came; BZ_ETOOLARGE over the cap; BZ_EUNAVAILABLE for a network failure or timeout
 * (logged); BZ_ENOMEM. */
int httpc_perform(const httpc_req *req, bz_buf *response, long *status);

#endif
