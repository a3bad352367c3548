/*
 * integrations/ninjavan/nv_api.c - NinjaVan's REST transport (see nv_api.h):
 * the token cache, headers, retries, errors, the request id logged.
 */
#include "integrations/ninjavan/nv_api.h"

#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "base/time.h"
#include "integrations/httpc/httpc.h"
#include "integrations/ninjavan/nv_read.h"

#include <jansson.h>
#include <openssl/crypto.h>

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct nv_client {
    char base[256]; /* api_base "/" country, no trailing slash */
    char country_upper[3];
    char client_id[NV_SECRET_MAX];
    char client_secret[NV_SECRET_MAX];
    int max_retries, backoff_ms, connect_timeout_ms, timeout_ms;
    int64_t margin_ms;
    /* the token shared by every thread, under `lock` */
    pthread_mutex_t lock;
    char token[NV_TOKEN_MAX];
    int64_t token_expires_ms;
    uint64_t grants;
};

static bool country_ok(const char *cc)
{
    return cc && strlen(cc) == 2 && isalpha((unsigned char)cc[0]) && isalpha((unsigned char)cc[1]);
}

static bool secret_ok(const char *s)
{
    size_t n = s ? strnlen(s, NV_SECRET_MAX) : 0;
    return n > 0 && n < NV_SECRET_MAX;
}

int nv_client_new(const nv_config *cfg, nv_client **out)
{
    *out = NULL;
    const char *base = cfg->api_base && cfg->api_base[0] ? cfg->api_base : NV_API_BASE;
    const char *cc = cfg->country && cfg->country[0] ? cfg->country : NV_COUNTRY;
    if (!secret_ok(cfg->client_id) || !secret_ok(cfg->client_secret) || !country_ok(cc) ||
        (strncmp(base, "https://", 8) != 0 && strncmp(base, "http://", 7) != 0) ||
        cfg->max_retries < 0 || cfg->max_retries > NV_RETRIES_MAX || cfg->backoff_ms < 0 ||
        cfg->connect_timeout_ms < 0 || cfg->timeout_ms < 0 || cfg->token_margin_s < 0) {
        return BZ_EVALIDATION;
    }
    if (httpc_init() != BZ_OK) {
        return BZ_EINTERNAL;
    }
    nv_client *c = calloc(1, sizeof(*c));
    if (!c) {
        return BZ_ENOMEM;
    }
    size_t n = strlen(base);
    n -= n && base[n - 1] == '/';
    int w = snprintf(c->base, sizeof(c->base), "%.*s/%s", (int)n, base, cc);
    if (w < 0 || (size_t)w >= sizeof(c->base) || pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c);
        return w < 0 || (size_t)w >= sizeof(c->base) ? BZ_EVALIDATION : BZ_EINTERNAL;
    }
    c->country_upper[0] = (char)toupper((unsigned char)cc[0]);
    c->country_upper[1] = (char)toupper((unsigned char)cc[1]);
    bz_strlcpy(c->client_id, cfg->client_id, sizeof(c->client_id));
    bz_strlcpy(c->client_secret, cfg->client_secret, sizeof(c->client_secret));
    c->max_retries = cfg->max_retries;
    c->backoff_ms = cfg->backoff_ms ? cfg->backoff_ms : 500;
    c->connect_timeout_ms = cfg->connect_timeout_ms ? cfg->connect_timeout_ms : 5000;
    c->timeout_ms = cfg->timeout_ms ? cfg->timeout_ms : 30000;
    c->margin_ms = (int64_t)(cfg->token_margin_s ? cfg->token_margin_s : 300) * 1000;
    *out = c;
    return BZ_OK;
}

void nv_client_free(nv_client *c)
{
    if (c) {
        pthread_mutex_destroy(&c->lock);
        OPENSSL_cleanse(c, sizeof(*c));
        free(c);
    }
}

const char *nv_client_country_upper(const nv_client *c)
{
    return c->country_upper;
}

uint64_t nv_client_grants(nv_client *c)
{
    pthread_mutex_lock(&c->lock);
    uint64_t n = c->grants;
    pthread_mutex_unlock(&c->lock);
    return n;
}

int nv_status_code(long status)
{
    if (status >= 200 && status < 300) {
        return BZ_OK;
    }
    if (status == 401 || status == 403) {
        return BZ_ESHIPAUTH;
    }
    if (status == 404) {
        return BZ_ENOTFOUND;
    }
    if (status >= 400 && status < 500 && status != 429) {
        return BZ_ESHIPREFUSED;
    }
    return BZ_EUNAVAILABLE;
}

/* ---- one exchange, with its retries ----------------------------------------------------- */

typedef struct answer_headers {
    char request_id[64];
    char content_type[64];
} answer_headers;

/* The value of header `name` (lower case, with its colon) in `line`, into out[size]. */
static void header_value(const char *line, size_t len, const char *name, char *out, size_t size)
{
    size_t k = strlen(name);
    if (len <= k || strncasecmp(line, name, k) != 0) {
        return;
    }
    const char *v = line + k;
    size_t n = len - k;
    while (n && (*v == ' ' || *v == '\t')) {
        v++, n--;
    }
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ')) {
        n--;
    }
    nv_copy_text(out, size, v, n);
}

static void read_header(void *arg, const char *line, size_t len)
{
    answer_headers *h = arg;
    header_value(line, len, "x-nv-request-id:", h->request_id, sizeof(h->request_id));
    header_value(line, len, "content-type:", h->content_type, sizeof(h->content_type));
}

/* What one exchange sends. */
typedef struct exchange {
    const char *method, *path, *body, *accept;
    size_t body_len;
    const char *bearer; /* NULL: no Authorization (the token grant) */
} exchange;

static struct curl_slist *headers_of(const exchange *x)
{
    struct curl_slist *h = NULL;
    char auth[NV_TOKEN_MAX + 8] = "";
    if (x->bearer) {
        snprintf(auth, sizeof(auth), "Bearer %s", x->bearer);
    }
    bool post = strcmp(x->method, "POST") == 0;
    bool ok = httpc_add_header(&h, "Accept", x->accept ? x->accept : "application/json") &&
              httpc_add_header(&h, "User-Agent", "Blytz/1 (ninjavan)") &&
              httpc_add_header(&h, "Expect", NULL) &&
              (!post || httpc_add_header(&h, "Content-Type", "application/json")) &&
              (!x->bearer || httpc_add_header(&h, "Authorization", auth));
    OPENSSL_cleanse(auth, sizeof(auth));
    if (!ok) {
        curl_slist_free_all(h);
        return NULL;
    }
    return h;
}

/* `x` with retries on network failures and 5xx. BZ_OK when an answer came (*status, its body
 * in `answer`), else httpc's code. The note's attempts, status and request id follow. */
static int exchange_retrying(nv_client *c, const exchange *x, bz_buf *answer, long *status,
                             answer_headers *h, shipper_note *note)
{
    char url[sizeof(c->base) + 512];
    int w = snprintf(url, sizeof(url), "%s%s", c->base, x->path);
    if (BZ_NEVER(w < 0 || (size_t)w >= sizeof(url))) {
        return BZ_EINTERNAL;
    }
    struct curl_slist *headers = headers_of(x);
    if (!headers) {
        return BZ_ENOMEM;
    }
    bool post = strcmp(x->method, "POST") == 0;
    int rc;
    for (int tries = 1;; tries++) {
        bz_buf_reset(answer);
        memset(h, 0, sizeof(*h));
        *status = 0;
        const httpc_req req = {.who = "ninjavan",
                               .method = x->method,
                               .url = url,
                               .headers = headers,
                               .body = post ? x->body : NULL,
                               .body_len = post ? x->body_len : 0,
                               .connect_timeout_ms = c->connect_timeout_ms,
                               .timeout_ms = c->timeout_ms,
                               .on_header = read_header,
                               .header_arg = h};
        rc = httpc_perform(&req, answer, status);
        note->attempts++;
        note->http_status = (int)*status;
        bz_strlcpy(note->request_id, h->request_id, sizeof(note->request_id));
        bool failed = rc != BZ_OK || *status >= 400;
        if (rc == BZ_OK) {
            /* every answer's id, so that NinjaVan's support can find the call */
            bz_log(failed ? BZ_LOG_WARN : BZ_LOG_INFO,
                   "ninjavan: %s %s: %ld x-nv-request-id=%s (attempt %d)", x->method, x->path,
                   *status, h->request_id[0] ? h->request_id : "-", tries);
        }
        bool again = rc == BZ_EUNAVAILABLE || (rc == BZ_OK && *status >= 500);
        if (!again || tries > c->max_retries) {
            break;
        }
        httpc_sleep_ms(httpc_backoff_ms(c->backoff_ms, NV_BACKOFF_CEIL_MS, tries));
    }
    curl_slist_free_all(headers);
    return rc;
}

/* ---- the token ---------------------------------------------------------------------------- */

/* A new token into the cache (the lock held). The grant's own attempts are not the call's:
 * `note` gets its status, request id and refusal only when it fails. */
static int grant(nv_client *c, shipper_note *note)
{
    shipper_note mine;
    memset(&mine, 0, sizeof(mine));
    json_t *req = json_pack("{s:s, s:s, s:s}", "client_id", c->client_id, "client_secret",
                            c->client_secret, "grant_type", "client_credentials");
    char *body = req ? json_dumps(req, JSON_COMPACT) : NULL;
    json_decref(req);
    if (!body) {
        return BZ_ENOMEM;
    }
    const exchange x = {.method = "POST",
                        .path = "/2.0/oauth/access_token",
                        .body = body,
                        .body_len = strlen(body)};
    bz_buf answer;
    bz_buf_init(&answer, NV_ANSWER_MAX);
    long status;
    answer_headers h;
    int rc = exchange_retrying(c, &x, &answer, &status, &h, &mine);
    OPENSSL_cleanse(body, strlen(body));
    free(body);
    if (rc == BZ_OK && status >= 200 && status < 300) {
        c->grants++;
        if (!nv_read_token(answer.data, answer.len, bz_now_ms(), c->token, sizeof(c->token),
                           &c->token_expires_ms)) {
            bz_warn("ninjavan: a token answer that does not read (x-nv-request-id=%s)",
                    h.request_id);
            rc = BZ_EUNAVAILABLE;
        }
    } else if (rc == BZ_OK) {
        nv_read_error(answer.data, answer.len, &mine);
        /* the credentials are refused: a 4xx from the grant is ours to fix */
        rc = status >= 400 && status < 500 && status != 429 ? BZ_ESHIPAUTH : BZ_EUNAVAILABLE;
    }
    if (rc != BZ_OK) {
        *note = mine;
    }
    if (answer.data) { /* it held the token */
        OPENSSL_cleanse(answer.data, answer.len);
    }
    bz_buf_free(&answer);
    return rc;
}

/* The current token into out[NV_TOKEN_MAX], granted anew when none is held or it expires
 * within the margin. */
static int token_get(nv_client *c, char out[NV_TOKEN_MAX], shipper_note *note)
{
    pthread_mutex_lock(&c->lock);
    int rc = BZ_OK;
    if (!c->token[0] || bz_now_ms() >= c->token_expires_ms - c->margin_ms) {
        c->token[0] = '\0';
        rc = grant(c, note);
    }
    if (rc == BZ_OK) {
        memcpy(out, c->token, NV_TOKEN_MAX);
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}

/* Forget `used` after a 401, unless another thread has renewed it meanwhile. */
static void token_drop(nv_client *c, const char *used)
{
    pthread_mutex_lock(&c->lock);
    if (strcmp(c->token, used) == 0) {
        OPENSSL_cleanse(c->token, sizeof(c->token));
    }
    pthread_mutex_unlock(&c->lock);
}

/* ---- a call ------------------------------------------------------------------------------- */

int nv_request(nv_client *c, nv_call *call, bz_buf *answer, shipper_note *note)
{
    shipper_note local;
    note = note ? note : &local;
    memset(note, 0, sizeof(*note));
    call->content_type[0] = '\0';
    bz_buf_reset(answer);
    if (BZ_NEVER(strcmp(call->method, "GET") != 0 && strcmp(call->method, "POST") != 0 &&
                 strcmp(call->method, "DELETE") != 0) ||
        BZ_NEVER(call->path[0] != '/')) {
        return BZ_EINTERNAL;
    }
    char token[NV_TOKEN_MAX];
    long status = 0;
    int rc;
    for (bool renewed = false;; renewed = true) {
        rc = token_get(c, token, note);
        if (rc != BZ_OK) {
            break;
        }
        const exchange x = {.method = call->method,
                            .path = call->path,
                            .body = call->body,
                            .body_len = call->body_len,
                            .accept = call->accept,
                            .bearer = token};
        answer_headers h;
        rc = exchange_retrying(c, &x, answer, &status, &h, note);
        bz_strlcpy(call->content_type, h.content_type, sizeof(call->content_type));
        if (rc != BZ_OK || status != 401 || renewed) {
            break;
        }
        token_drop(c, token); /* expired early or revoked: once more with a new one */
    }
    OPENSSL_cleanse(token, sizeof(token));
    if (rc == BZ_OK && (status < 200 || status >= 300)) {
        nv_read_error(answer->data, answer->len, note);
        rc = nv_status_code(status);
    }
    return rc;
}
