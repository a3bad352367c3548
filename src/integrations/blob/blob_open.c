/*
 * integrations/blob/blob_open.c - BLYTZ_BLOB parsing (see blob_open.h).
 */
#include "integrations/blob/blob_open.h"

#include "base/err.h"
#include "base/str.h"
#include "integrations/blob/blob_local.h"

#include <openssl/crypto.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copy a %-decoded `len`-byte value into `out` (size bytes); BZ_EVALIDATION if it does not
 * fit or is badly encoded. */
static int copy_value(const char *v, size_t len, char *out, size_t size)
{
    return bz_url_decode_to(v, len, false, out, size) ? BZ_OK : BZ_EVALIDATION;
}

static int parse_int(const char *v, size_t len, long long max, long long *out)
{
    int64_t n;
    if (bz_parse_i64(v, len, &n) != BZ_OK || n < 0 || n > max) {
        return BZ_EVALIDATION;
    }
    *out = n;
    return BZ_OK;
}

/* Record why parsing failed (for the operator) and return BZ_EVALIDATION. */
static int fail(char *why, size_t why_size, const char *reason)
{
    if (why && why_size) {
        snprintf(why, why_size, "%s", reason);
    }
    return BZ_EVALIDATION;
}

static int apply_param(blob_s3_config *cfg, const char *name, size_t name_len, const char *v,
                       size_t len)
{
    long long n = 0;
    int rc;
    if (bz_strn_ieq(name, name_len, "endpoint")) {
        return copy_value(v, len, cfg->endpoint, sizeof(cfg->endpoint));
    }
    if (bz_strn_ieq(name, name_len, "region")) {
        return copy_value(v, len, cfg->region, sizeof(cfg->region));
    }
    if (bz_strn_ieq(name, name_len, "public_url")) {
        return copy_value(v, len, cfg->public_base_url, sizeof(cfg->public_base_url));
    }
    if (bz_strn_ieq(name, name_len, "timeout_ms")) {
        rc = parse_int(v, len, 3600 * 1000, &n);
        cfg->timeout_ms = (int)n;
        return rc;
    }
    if (bz_strn_ieq(name, name_len, "connect_timeout_ms")) {
        rc = parse_int(v, len, 600 * 1000, &n);
        cfg->connect_timeout_ms = (int)n;
        return rc;
    }
    if (bz_strn_ieq(name, name_len, "max_get_bytes")) {
        rc = parse_int(v, len, 1LL << 32, &n);
        cfg->max_get_bytes = (size_t)n;
        return rc;
    }
    return BZ_EVALIDATION; /* a typo must not silently fall back to a default */
}

int blob_s3_parse_url(const char *url, const char *access_key_id, const char *secret_access_key,
                      blob_s3_config *cfg, char *why, size_t why_size)
{
    memset(cfg, 0, sizeof(*cfg));
    if (!url || strncmp(url, "s3://", 5) != 0) {
        return fail(why, why_size, "expected file:DIR or s3://BUCKET?endpoint=URL");
    }
    const char *p = url + 5;
    size_t bucket_len = strcspn(p, "?/");
    if (copy_value(p, bucket_len, cfg->bucket, sizeof(cfg->bucket)) != BZ_OK) {
        return fail(why, why_size, "bad bucket name");
    }
    p += bucket_len;
    if (*p == '/') {
        p++; /* tolerate "s3://bucket/?..." */
    }
    if (*p == '?') {
        p++;
    }
    if (*p && p[-1] != '?') {
        return fail(why, why_size, "a key prefix after the bucket is not supported");
    }
    while (*p) {
        size_t item_len = strcspn(p, "&");
        const char *eq = memchr(p, '=', item_len);
        if (!eq || eq == p ||
            apply_param(cfg, p, (size_t)(eq - p), eq + 1, item_len - (size_t)(eq - p) - 1)) {
            /* Name the parameter only: its value could be anything, even a secret. */
            size_t name_len = eq ? (size_t)(eq - p) : item_len;
            char reason[120];
            snprintf(reason, sizeof(reason), "bad or unknown parameter \"%.*s\"",
                     (int)(name_len > 40 ? 40 : name_len), p);
            return fail(why, why_size, reason);
        }
        p += item_len;
        if (*p == '&') {
            p++;
        }
    }
    if (!cfg->endpoint[0]) {
        if (!cfg->region[0] || strcmp(cfg->region, "auto") == 0) {
            /* R2 and local fakes have no default endpoint */
            return fail(why, why_size, "endpoint= is required unless region= names an AWS region");
        }
        int n = snprintf(cfg->endpoint, sizeof(cfg->endpoint), "https://s3.%s.amazonaws.com",
                         cfg->region);
        if (n < 0 || (size_t)n >= sizeof(cfg->endpoint)) {
            return fail(why, why_size, "region too long");
        }
    }
    bz_strlcpy(cfg->access_key_id, access_key_id ? access_key_id : "", sizeof(cfg->access_key_id));
    bz_strlcpy(cfg->secret_access_key, secret_access_key ? secret_access_key : "",
               sizeof(cfg->secret_access_key));
    return BZ_OK;
}

int blob_open_url(const char *url, const char *access_key_id, const char *secret_access_key,
                  blob **out, char *why, size_t why_size)
{
    if (why && why_size) {
        why[0] = '\0';
    }
    if (!url) {
        return fail(why, why_size, "not set");
    }
    if (strncmp(url, "file:", 5) == 0) {
        int rc = blob_local_open(url + 5, out);
        if (rc && why && why_size) {
            snprintf(why, why_size, "cannot use folder %.150s", url + 5);
        }
        return rc;
    }
    blob_s3_config cfg;
    int rc = blob_s3_parse_url(url, access_key_id, secret_access_key, &cfg, why, why_size);
    if (!rc) {
        rc = blob_s3_open(&cfg, out);
        if (rc && why && why_size) {
            snprintf(why, why_size,
                     "invalid S3 settings (endpoint http(s)://host[:port], bucket "
                     "[a-z0-9.-]{3,63}, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)");
        }
    }
    OPENSSL_cleanse(&cfg, sizeof(cfg)); /* holds the secret */
    return rc;
}
