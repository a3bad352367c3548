/*
 * integrations/stripe/stripe_api.c - Stripe's REST transport (see
 * stripe_api.h): form bodies, headers, retries, errors.
 */
#include "integrations/stripe/stripe_api.h"

#include "base/buf.h"
#include "base/check.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "integrations/httpc/httpc.h"

#include <openssl/crypto.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- parameters ------------------------------------------------------------------------ */

struct stripe_form {
    bz_buf text;
};

stripe_form *stripe_form_new(void)
{
    stripe_form *f = calloc(1, sizeof(*f));
    if (f) {
        bz_buf_init(&f->text, STRIPE_FORM_MAX);
    }
    return f;
}

void stripe_form_free(stripe_form *f)
{
    if (f) {
        bz_buf_free(&f->text);
        free(f);
    }
}

static bool name_char(char c, bool upper_ok)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           (upper_ok && c >= 'A' && c <= 'Z');
}

/* name [segment]*: a name of [a-z0-9_]+, then "[...]" of [A-Za-z0-9_]* each. */
static bool key_ok(const char *key)
{
    const char *s = key;
    while (name_char(*s, false)) {
        s++;
    }
    if (s == key) {
        return false;
    }
    while (*s == '[') {
        s++;
        while (name_char(*s, true)) {
            s++;
        }
        if (*s++ != ']') {
            return false;
        }
    }
    return *s == '\0';
}

static int put_escaped(bz_buf *b, const char *v)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        bool plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                     (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~';
        char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        int rc = plain ? bz_buf_putc(b, (char)*p) : bz_buf_append(b, esc, 3);
        if (rc != BZ_OK) {
            return rc;
        }
    }
    return BZ_OK;
}

int stripe_form_add(stripe_form *f, const char *key, const char *value)
{
    if (!key_ok(key)) {
        return BZ_EVALIDATION;
    }
    size_t before = f->text.len;
    /* brackets stay as they are: Stripe reads them raw, and the SDK sends them so */
    int rc = before ? bz_buf_putc(&f->text, '&') : BZ_OK;
    if (rc == BZ_OK) {
        rc = bz_buf_puts(&f->text, key);
    }
    if (rc == BZ_OK) {
        rc = bz_buf_putc(&f->text, '=');
    }
    if (rc == BZ_OK) {
        rc = put_escaped(&f->text, value);
    }
    if (rc != BZ_OK) { /* all or nothing */
        f->text.len = before;
        if (f->text.data) {
            f->text.data[before] = '\0';
        }
    }
    return rc;
}

int stripe_form_add_i64(stripe_form *f, const char *key, int64_t value)
{
    char num[24];
    snprintf(num, sizeof(num), "%" PRId64, value);
    return stripe_form_add(f, key, num);
}

int stripe_form_add_bool(stripe_form *f, const char *key, bool value)
{
    return stripe_form_add(f, key, value ? "true" : "false");
}

const char *stripe_form_text(const stripe_form *f, size_t *len)
{
    *len = f->text.len;
    return f->text.data ? f->text.data : "";
}

/* ---- client ---------------------------------------------------------------------------- */

struct stripe_client {
    char base[256];
    char auth[300]; /* the Authorization value: "Bearer sk_..." */
    char version[64];
    int max_retries, backoff_ms, connect_timeout_ms, timeout_ms;
};

int stripe_client_new(const stripe_config *cfg, stripe_client **out)
{
    *out = NULL;
    const char *base = cfg->api_base ? cfg->api_base : STRIPE_API_BASE;
    const char *version = cfg->version ? cfg->version : STRIPE_API_VERSION;
    if (!cfg->secret_key || !cfg->secret_key[0] || strlen(cfg->secret_key) > 200 ||
        (strncmp(base, "https://", 8) != 0 && strncmp(base, "http://", 7) != 0) ||
        cfg->max_retries < 0 || cfg->max_retries > STRIPE_RETRIES_MAX || cfg->backoff_ms < 0 ||
        cfg->connect_timeout_ms < 0 || cfg->timeout_ms < 0) {
        return BZ_EVALIDATION;
    }
    if (httpc_init() != BZ_OK) {
        return BZ_EINTERNAL;
    }
    stripe_client *c = calloc(1, sizeof(*c));
    if (!c) {
        return BZ_ENOMEM;
    }
    bool fits = bz_strlcpy(c->base, base, sizeof(c->base)) < sizeof(c->base) &&
                bz_strlcpy(c->version, version, sizeof(c->version)) < sizeof(c->version);
    snprintf(c->auth, sizeof(c->auth), "Bearer %s", cfg->secret_key);
    if (!fits) {
        stripe_client_free(c);
        return BZ_EVALIDATION;
    }
    size_t n = strlen(c->base);
    if (n && c->base[n - 1] == '/') {
        c->base[n - 1] = '\0';
    }
    c->max_retries = cfg->max_retries;
    c->backoff_ms = cfg->backoff_ms ? cfg->backoff_ms : 500;
    c->connect_timeout_ms = cfg->connect_timeout_ms ? cfg->connect_timeout_ms : 5000;
    c->timeout_ms = cfg->timeout_ms ? cfg->timeout_ms : 30000;
    *out = c;
    return BZ_OK;
}

void stripe_client_free(stripe_client *c)
{
    if (c) {
        OPENSSL_cleanse(c->auth, sizeof(c->auth));
        free(c);
    }
}

/* ---- one call -------------------------------------------------------------------------- */

int stripe_error_code(int status, const char *type, const char *code)
{
    if (status >= 200 && status < 300) {
        return BZ_OK;
    }
    if (strcmp(type, "card_error") == 0 || status == 402) {
        return strcmp(code, "card_declined") == 0             ? BZ_ECARDDECLINED
               : strcmp(code, "authentication_required") == 0 ? BZ_EAUTHREQUIRED
                                                              : BZ_EPAYMENTFAILED;
    }
    if (strcmp(type, "idempotency_error") == 0) {
        return BZ_ESTRIPEIDEMPOTENCY;
    }
    if (status == 401 || status == 403) {
        return BZ_ESTRIPEAUTH;
    }
    if (status == 404) {
        return BZ_ENOTFOUND;
    }
    if (status == 0 || status == 409 || status == 429 || status >= 500) {
        return BZ_EUNAVAILABLE;
    }
    return BZ_ESTRIPEREFUSED;
}

/* What the answer's headers say that matters here. */
typedef struct answer_headers {
    int should_retry; /* -1 absent, 0 false, 1 true */
    char request_id[64];
} answer_headers;

static void read_header(void *arg, const char *line, size_t len)
{
    answer_headers *h = arg;
    while (len && (line[len - 1] == '\r' || line[len - 1] == '\n' || line[len - 1] == ' ')) {
        len--;
    }
    static const char retry[] = "stripe-should-retry:", req[] = "request-id:";
    if (len > sizeof(retry) - 1 && strncasecmp(line, retry, sizeof(retry) - 1) == 0) {
        const char *v = line + sizeof(retry) - 1;
        size_t n = len - (sizeof(retry) - 1);
        while (n && *v == ' ') {
            v++, n--;
        }
        h->should_retry = n == 4 && strncmp(v, "true", 4) == 0    ? 1
                          : n == 5 && strncmp(v, "false", 5) == 0 ? 0
                                                                  : h->should_retry;
    } else if (len > sizeof(req) - 1 && strncasecmp(line, req, sizeof(req) - 1) == 0) {
        const char *v = line + sizeof(req) - 1;
        size_t n = len - (sizeof(req) - 1);
        while (n && *v == ' ') {
            v++, n--;
        }
        if (n < sizeof(h->request_id)) {
            memcpy(h->request_id, v, n);
            h->request_id[n] = '\0';
        }
    }
}

static void copy_str(char *dst, size_t size, json_t *obj, const char *key)
{
    const char *v = json_string_value(json_object_get(obj, key));
    bz_strlcpy(dst, v ? v : "", size);
}

/* Stripe's {"error":{...}} into `err` (its strings emptied when the body says nothing). */
static void read_error(json_t *body, stripe_error *err)
{
    json_t *e = json_object_get(body, "error");
    copy_str(err->type, sizeof(err->type), e, "type");
    copy_str(err->code, sizeof(err->code), e, "code");
    copy_str(err->decline_code, sizeof(err->decline_code), e, "decline_code");
    copy_str(err->param, sizeof(err->param), e, "param");
    copy_str(err->message, sizeof(err->message), e, "message");
    copy_str(err->payment_intent, sizeof(err->payment_intent), json_object_get(e, "payment_intent"),
             "id");
}

/* Whether to try again after an attempt that ended with `rc` from httpc and `status`. */
static bool retryable(int rc, long status, const answer_headers *h, const stripe_error *err)
{
    if (rc == BZ_EUNAVAILABLE) { /* no answer: network failure or timeout */
        return true;
    }
    if (rc != BZ_OK) {
        return false;
    }
    if (h->should_retry >= 0) {
        return h->should_retry == 1;
    }
    return status >= 500 || (status == 409 && strcmp(err->code, "lock_timeout") == 0);
}

static bool key_printable(const char *k)
{
    size_t n = 0;
    for (; k[n]; n++) {
        if (k[n] < 0x21 || k[n] > 0x7e) {
            return false;
        }
    }
    return n >= 1 && n <= STRIPE_KEY_MAX;
}

static struct curl_slist *call_headers(const stripe_client *c, const stripe_call *call, bool post)
{
    struct curl_slist *h = NULL;
    bool ok =
        httpc_add_header(&h, "Authorization", c->auth) &&
        httpc_add_header(&h, "Stripe-Version", c->version) &&
        httpc_add_header(&h, "Accept", "application/json") &&
        httpc_add_header(&h, "User-Agent", "Blytz/1 (stripe_api)") &&
        httpc_add_header(&h, "Expect", NULL) &&
        (!post || (httpc_add_header(&h, "Content-Type", "application/x-www-form-urlencoded") &&
                   httpc_add_header(&h, "Idempotency-Key", call->idempotency_key))) &&
        (!call->account || httpc_add_header(&h, "Stripe-Account", call->account));
    if (!ok) {
        curl_slist_free_all(h);
        return NULL;
    }
    return h;
}

/* One attempt. BZ_OK with *status and the body in `body`, or httpc's failure. */
static int attempt(const stripe_client *c, const stripe_call *call, const char *url,
                   struct curl_slist *headers, const char *form, size_t form_len, bz_buf *body,
                   long *status, answer_headers *h)
{
    bz_buf_reset(body);
    h->should_retry = -1;
    h->request_id[0] = '\0';
    bool post = strcmp(call->method, "POST") == 0;
    const httpc_req req = {.who = "stripe",
                           .method = call->method,
                           .url = url,
                           .headers = headers,
                           .body = post ? form : NULL,
                           .body_len = post ? form_len : 0,
                           .connect_timeout_ms = c->connect_timeout_ms,
                           .timeout_ms = c->timeout_ms,
                           .on_header = read_header,
                           .header_arg = h};
    return httpc_perform(&req, body, status);
}

int stripe_request(const stripe_client *c, const stripe_call *call, json_t **out, stripe_error *err)
{
    stripe_error local;
    err = err ? err : &local;
    memset(err, 0, sizeof(*err));
    *out = NULL;
    bool post = strcmp(call->method, "POST") == 0;
    if (BZ_NEVER(!post && strcmp(call->method, "GET") != 0 &&
                 strcmp(call->method, "DELETE") != 0) ||
        BZ_NEVER(strncmp(call->path, "/v1/", 4) != 0) ||
        BZ_NEVER(post && (!call->idempotency_key || !key_printable(call->idempotency_key)))) {
        return BZ_EINTERNAL;
    }
    size_t form_len = 0;
    const char *form = call->params ? stripe_form_text(call->params, &form_len) : "";
    char *url = NULL;
    bz_buf ub;
    bz_buf_init(&ub, 0);
    if (bz_buf_printf(&ub, "%s%s%s%s", c->base, call->path, !post && form_len ? "?" : "",
                      !post ? form : "") != BZ_OK) {
        bz_buf_free(&ub);
        return BZ_ENOMEM;
    }
    url = ub.data;
    struct curl_slist *headers = call_headers(c, call, post);
    if (!headers) {
        bz_buf_free(&ub);
        return BZ_ENOMEM;
    }
    bz_buf body;
    bz_buf_init(&body, STRIPE_ANSWER_MAX);
    answer_headers h;
    int rc;
    for (;;) {
        long status = 0;
        rc = attempt(c, call, url, headers, form, form_len, &body, &status, &h);
        err->attempts++;
        err->http_status = (int)status;
        bz_strlcpy(err->request_id, h.request_id, sizeof(err->request_id));
        json_t *answer = NULL;
        if (rc == BZ_OK) {
            answer = json_loadb(body.data ? body.data : "", body.len, 0, NULL);
            if (status < 200 || status >= 300) {
                read_error(answer, err);
            }
        }
        if (rc == BZ_OK && status >= 200 && status < 300 && json_is_object(answer)) {
            *out = answer;
            break;
        }
        json_decref(answer);
        if (err->attempts > c->max_retries || !retryable(rc, status, &h, err)) {
            if (rc == BZ_OK) {
                rc = stripe_error_code((int)status, err->type, err->code);
                rc = rc == BZ_OK ? BZ_EUNAVAILABLE : rc; /* a 2xx that is not a JSON object */
            }
            bz_warn("stripe: %s %s: %d %s %s (%s) after %d attempt(s)", call->method, call->path,
                    err->http_status, err->type, err->code, err->request_id, err->attempts);
            break;
        }
        httpc_sleep_ms(httpc_backoff_ms(c->backoff_ms, STRIPE_BACKOFF_CEIL_MS, err->attempts));
    }
    curl_slist_free_all(headers);
    bz_buf_free(&body);
    bz_buf_free(&ub);
    return rc;
}
