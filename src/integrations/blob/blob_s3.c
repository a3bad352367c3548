/*
 * integrations/blob/blob_s3.c - blob port over the S3 REST API with libcurl
 * and SigV4 (see blob_s3.h; the signing itself is in sigv4.c).
 */
#include "integrations/blob/blob_s3.h"

#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "integrations/blob/blob_key.h"
#include "integrations/blob/sigv4.h"
#include "integrations/httpc/httpc.h"

#include <curl/curl.h>
#include <openssl/crypto.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_CONNECT_TIMEOUT_MS 5000
#define DEFAULT_TIMEOUT_MS         30000
#define DEFAULT_MAX_GET            (64u * 1024 * 1024)
#define ERROR_BODY_MAX             (16u * 1024) /* S3 error documents are small XML */

typedef struct blob_s3 {
    blob base; /* first, so a blob * is a blob_s3 * */
    blob_s3_config cfg;
    char origin[256]; /* "scheme://authority" of the endpoint, without a trailing '/' */
    char host[256];   /* the Host header curl sends, which is what gets signed */
    sigv4_key key;    /* points into cfg */
} blob_s3;

/* Splits "http(s)://authority[/]" into origin and Host header value; the port is dropped from
 * Host when it is the scheme's default, as curl does. */
static int parse_endpoint(blob_s3 *b)
{
    const char *e = b->cfg.endpoint;
    size_t scheme_len;
    const char *default_port;
    if (strncmp(e, "https://", 8) == 0) {
        scheme_len = 8;
        default_port = ":443";
    } else if (strncmp(e, "http://", 7) == 0) {
        scheme_len = 7;
        default_port = ":80";
    } else {
        return BZ_EVALIDATION;
    }
    const char *auth = e + scheme_len;
    size_t auth_len = strcspn(auth, "/?#");
    const char *rest = auth + auth_len;
    if (auth_len == 0 || auth_len >= sizeof(b->host) || memchr(auth, '@', auth_len) ||
        (*rest && strcmp(rest, "/") != 0)) {
        return BZ_EVALIDATION; /* a path, query or user info has no meaning here */
    }
    for (size_t i = 0; i < auth_len; i++) {
        if ((unsigned char)auth[i] <= ' ' || (unsigned char)auth[i] >= 0x7f) {
            return BZ_EVALIDATION;
        }
    }
    snprintf(b->origin, sizeof(b->origin), "%.*s", (int)(scheme_len + auth_len), e);
    size_t host_len = auth_len, dp = strlen(default_port);
    if (host_len > dp && memcmp(auth + host_len - dp, default_port, dp) == 0) {
        host_len -= dp;
    }
    snprintf(b->host, sizeof(b->host), "%.*s", (int)host_len, auth);
    return BZ_OK;
}

static bool bucket_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 63) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
            return false;
        }
    }
    return true;
}

/* "/bucket/key" - the unencoded path that both the URL and the signature use. */
static int object_path(const blob_s3 *b, const char *key, char *out, size_t size)
{
    if (!blob_key_valid(key)) {
        return BZ_EVALIDATION;
    }
    int n = snprintf(out, size, "/%s/%s", b->cfg.bucket, key);
    return n > 0 && (size_t)n < size ? BZ_OK : BZ_EVALIDATION;
}

/* The <Code> of an S3 XML error document, for log lines ("" if none). */
static void s3_error_code(const bz_buf *body, char *out, size_t size)
{
    out[0] = '\0';
    const char *start = body->data ? strstr(body->data, "<Code>") : NULL;
    const char *end = start ? strstr(start, "</Code>") : NULL;
    if (start && end) {
        start += 6;
        snprintf(out, size, "%.*s", (int)(end - start), start);
    }
}

/* One header-signed request for `path` ("/bucket/key", unencoded). `response` receives the
 * body (capped by its limit) whatever the status; *status is the HTTP status. */
static int s3_request(blob_s3 *b, const char *method, const char *path, const void *body,
                      size_t body_len, const char *content_type, bz_buf *response, long *status)
{
    char payload_hash[SIGV4_HEX_LEN], amz_date[SIGV4_AMZ_DATE_LEN];
    int64_t now = (int64_t)time(NULL); /* S3 refuses requests more than 15 min off its clock */
    int rc = sigv4_sha256_hex(body_len ? body : "", body_len, payload_hash);
    if (rc) {
        return rc;
    }
    sigv4_amz_date(now, amz_date);
    const sigv4_pair signed_headers[4] = {
        {"host", b->host},
        {"x-amz-content-sha256", payload_hash},
        {"x-amz-date", amz_date},
        {"content-type", content_type},
    };
    const sigv4_request req = {
        .method = method,
        .path = path,
        .headers = signed_headers,
        .nheaders = content_type ? 4 : 3,
        .payload_hash = payload_hash,
    };
    sigv4_signature sig;
    bz_buf url, auth;
    bz_buf_init(&url, 4096);
    bz_buf_init(&auth, 1024);
    struct curl_slist *headers = NULL;
    rc = sigv4_sign(&b->key, now, &req, &sig);
    if (!rc) {
        rc = sigv4_authorization(&b->key, &sig, &auth);
    }
    if (!rc) {
        rc = bz_buf_puts(&url, b->origin);
    }
    if (!rc) {
        rc = sigv4_uri_encode(&url, path, strlen(path), true);
    }
    /* Exactly the headers that were signed; "Expect:" drops curl's 100-continue round trip. */
    if (!rc && !(httpc_add_header(&headers, "Host", b->host) &&
                 httpc_add_header(&headers, "x-amz-content-sha256", payload_hash) &&
                 httpc_add_header(&headers, "x-amz-date", amz_date) &&
                 (!content_type || httpc_add_header(&headers, "Content-Type", content_type)) &&
                 httpc_add_header(&headers, "Authorization", auth.data) &&
                 httpc_add_header(&headers, "Expect", NULL))) {
        rc = BZ_ENOMEM;
    }
    if (!rc) {
        const httpc_req exchange = {.who = "blob_s3",
                                    .method = method,
                                    .url = url.data,
                                    .headers = headers,
                                    .body = body,
                                    .body_len = body_len,
                                    .connect_timeout_ms = b->cfg.connect_timeout_ms,
                                    .timeout_ms = b->cfg.timeout_ms};
        rc = httpc_perform(&exchange, response, status);
    }
    curl_slist_free_all(headers);
    bz_buf_free(&url);
    bz_buf_free(&auth);
    return rc;
}

/* Maps a completed exchange to a Blytz code; logs what went wrong. */
static int status_result(const char *method, const char *path, long status, const bz_buf *body)
{
    if (status >= 200 && status < 300) {
        return BZ_OK;
    }
    if (status == 404) {
        return BZ_ENOTFOUND;
    }
    char code[64];
    s3_error_code(body, code, sizeof(code));
    bz_warn("blob_s3: %s %s: HTTP %ld %s", method, path, status, code);
    return status >= 500 || status == 429 ? BZ_EUNAVAILABLE : BZ_EINTERNAL;
}

/* One signed request on the object `key`. `response` is initialised here with a cap of
 * `cap` bytes and holds the answer's body; the caller frees it whatever the result. */
static int object_exchange(blob_s3 *b, const char *method, const char *key, const void *data,
                           size_t len, const char *content_type, size_t cap, bz_buf *response)
{
    bz_buf_init(response, cap);
    char path[600];
    int rc = object_path(b, key, path, sizeof(path));
    if (rc) {
        return rc;
    }
    long status = 0;
    rc = s3_request(b, method, path, data, len, content_type, response, &status);
    return rc ? rc : status_result(method, path, status, response);
}

static int s3_put(blob *base, const char *key, const void *data, size_t len,
                  const char *content_type)
{
    bz_buf response;
    int rc =
        object_exchange((blob_s3 *)base, "PUT", key, data, len,
                        content_type && *content_type ? content_type : "application/octet-stream",
                        ERROR_BODY_MAX, &response);
    bz_buf_free(&response);
    return rc;
}

static int s3_get(blob *base, const char *key, void **data_out, size_t *len_out)
{
    blob_s3 *b = (blob_s3 *)base;
    bz_buf response;
    int rc = object_exchange(b, "GET", key, NULL, 0, NULL, b->cfg.max_get_bytes, &response);
    if (!rc) {
        size_t len = response.len;
        void *data = bz_buf_steal(&response, &len);
        *data_out = data ? data : calloc(1, 1); /* an empty object still gets a pointer */
        *len_out = len;
        rc = *data_out ? BZ_OK : BZ_ENOMEM;
    }
    bz_buf_free(&response);
    return rc;
}

static int s3_del(blob *base, const char *key)
{
    bz_buf response;
    int rc =
        object_exchange((blob_s3 *)base, "DELETE", key, NULL, 0, NULL, ERROR_BODY_MAX, &response);
    bz_buf_free(&response);
    return rc == BZ_ENOTFOUND ? BZ_OK : rc; /* deleting a missing object is not an error */
}

static int s3_url(blob *base, const char *key, int64_t now_ms, int ttl_s, char *out, size_t size)
{
    blob_s3 *b = (blob_s3 *)base;
    char path[600];
    int rc = object_path(b, key, path, sizeof(path));
    if (rc) {
        return rc;
    }
    bz_buf url;
    bz_buf_init(&url, 8192);
    if (b->cfg.public_base_url[0]) {
        rc = bz_buf_puts(&url, b->cfg.public_base_url);
        if (!rc) {
            rc = bz_buf_putc(&url, '/');
        }
        if (!rc) {
            rc = sigv4_uri_encode(&url, key, strlen(key), true);
        }
    } else {
        if (ttl_s < 1 || ttl_s > SIGV4_MAX_EXPIRES) {
            bz_buf_free(&url);
            return BZ_EVALIDATION;
        }
        int64_t now_s = now_ms / 1000;
        int64_t signed_at = now_s - now_s % ttl_s;
        int64_t expires = 2 * (int64_t)ttl_s;
        if (expires > SIGV4_MAX_EXPIRES) { /* two windows do not fit: sign from now */
            signed_at = now_s;
            expires = ttl_s;
        }
        rc = bz_buf_puts(&url, b->origin);
        if (!rc) {
            rc = sigv4_uri_encode(&url, path, strlen(path), true);
        }
        if (!rc) {
            rc = bz_buf_putc(&url, '?');
        }
        if (!rc) {
            rc = sigv4_presign(&b->key, signed_at, (int)expires, "GET", b->host, path,
                               SIGV4_UNSIGNED_PAYLOAD, &url, NULL);
        }
    }
    if (!rc && url.len >= size) {
        rc = BZ_EINTERNAL;
    }
    if (!rc) {
        memcpy(out, url.data, url.len + 1);
    }
    bz_buf_free(&url);
    return rc;
}

static void s3_close(blob *base)
{
    blob_s3 *b = (blob_s3 *)base;
    OPENSSL_cleanse(b->cfg.secret_access_key, sizeof(b->cfg.secret_access_key));
    free(b);
}

static const struct blob_ops s3_ops = BLOB_OPS_OF(s3);

int blob_s3_open(const blob_s3_config *cfg, blob **out)
{
    if (httpc_init() != BZ_OK) {
        return BZ_EINTERNAL;
    }
    blob_s3 *b = calloc(1, sizeof(*b));
    if (!b) {
        return BZ_ENOMEM;
    }
    b->cfg = *cfg;
    blob_s3_config *c = &b->cfg;
    /* Fixed arrays from the caller may lack a terminator; force one. */
    c->endpoint[sizeof(c->endpoint) - 1] = '\0';
    c->bucket[sizeof(c->bucket) - 1] = '\0';
    c->region[sizeof(c->region) - 1] = '\0';
    c->access_key_id[sizeof(c->access_key_id) - 1] = '\0';
    c->secret_access_key[sizeof(c->secret_access_key) - 1] = '\0';
    c->public_base_url[sizeof(c->public_base_url) - 1] = '\0';
    if (!c->region[0]) {
        bz_strlcpy(c->region, "auto", sizeof(c->region));
    }
    size_t pub_len = strlen(c->public_base_url);
    while (pub_len > 0 && c->public_base_url[pub_len - 1] == '/') {
        c->public_base_url[--pub_len] = '\0';
    }
    c->connect_timeout_ms =
        c->connect_timeout_ms > 0 ? c->connect_timeout_ms : DEFAULT_CONNECT_TIMEOUT_MS;
    c->timeout_ms = c->timeout_ms > 0 ? c->timeout_ms : DEFAULT_TIMEOUT_MS;
    c->max_get_bytes = c->max_get_bytes ? c->max_get_bytes : DEFAULT_MAX_GET;

    const char *bad = NULL;
    if (parse_endpoint(b) != BZ_OK) {
        bad = "endpoint";
    } else if (!bucket_valid(c->bucket)) {
        bad = "bucket";
    } else if (!c->access_key_id[0] || !c->secret_access_key[0]) {
        bad = "credentials";
    }
    if (bad) {
        bz_warn("blob_s3: invalid %s", bad);
        s3_close(&b->base);
        return BZ_EVALIDATION;
    }
    b->key = (sigv4_key){c->access_key_id, c->secret_access_key, c->region, "s3"};
    b->base.ops = &s3_ops;
    *out = &b->base;
    return BZ_OK;
}
