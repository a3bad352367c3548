/*
 * integrations/blob/sigv4.c - AWS SigV4 canonical request, string to sign,
 * signing key and signature (see sigv4.h). SHA-256 and HMAC come from
 * OpenSSL libcrypto; everything else is string assembly into bz_bufs.
 */
#include "integrations/blob/sigv4.h"

#include "base/err.h"
#include "base/str.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ALGORITHM "AWS4-HMAC-SHA256"

/* Canonical strings of one request stay far below this; the cap only guards misuse. */
#define CANONICAL_LIMIT (64 * 1024)

void sigv4_amz_date(int64_t unix_s, char out[SIGV4_AMZ_DATE_LEN])
{
    time_t t = (time_t)unix_s;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, SIGV4_AMZ_DATE_LEN, "%Y%m%dT%H%M%SZ", &tm);
}

int sigv4_sha256_hex(const void *data, size_t len, char out[SIGV4_HEX_LEN])
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != sizeof(md)) {
        return BZ_EINTERNAL;
    }
    bz_hex_encode(md, sizeof(md), out);
    return BZ_OK;
}

static int hmac_sha256(const void *key, size_t keylen, const char *msg, size_t msglen,
                       unsigned char out[32])
{
    unsigned int outlen = 0;
    if (!HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg, msglen, out, &outlen) ||
        outlen != 32) {
        return BZ_EINTERNAL;
    }
    return BZ_OK;
}

static bool is_unreserved(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

int sigv4_uri_encode(bz_buf *out, const char *s, size_t len, bool keep_slash)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int rc;
        if (is_unreserved(c) || (keep_slash && c == '/')) {
            rc = bz_buf_putc(out, (char)c);
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
            rc = bz_buf_append(out, esc, 3);
        }
        if (rc) {
            return rc;
        }
    }
    return BZ_OK;
}

/* A pair after encoding (query) or lower-casing (headers); pointers into a scratch buffer. */
typedef struct sorted_pair {
    const char *name;
    const char *value;
} sorted_pair;

static int compare_pairs(const void *a, const void *b)
{
    const sorted_pair *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->value, y->value);
}

/* Offsets into `scratch` rather than pointers: the buffer may move while it grows. */
typedef struct pair_offsets {
    size_t name, value;
} pair_offsets;

static int append_query(const sigv4_request *r, bz_buf *out)
{
    bz_buf scratch;
    bz_buf_init(&scratch, CANONICAL_LIMIT);
    pair_offsets offs[SIGV4_MAX_PAIRS];
    int rc = BZ_OK;
    for (size_t i = 0; i < r->nquery && !rc; i++) {
        const char *value = r->query[i].value ? r->query[i].value : "";
        offs[i].name = scratch.len;
        rc = sigv4_uri_encode(&scratch, r->query[i].name, strlen(r->query[i].name), false);
        if (!rc) {
            rc = bz_buf_putc(&scratch, '\0');
        }
        offs[i].value = scratch.len;
        if (!rc) {
            rc = sigv4_uri_encode(&scratch, value, strlen(value), false);
        }
        if (!rc) {
            rc = bz_buf_putc(&scratch, '\0');
        }
    }
    if (!rc && r->nquery) {
        sorted_pair pairs[SIGV4_MAX_PAIRS];
        for (size_t i = 0; i < r->nquery; i++) {
            pairs[i].name = scratch.data + offs[i].name;
            pairs[i].value = scratch.data + offs[i].value;
        }
        qsort(pairs, r->nquery, sizeof(pairs[0]), compare_pairs);
        for (size_t i = 0; i < r->nquery && !rc; i++) {
            rc = bz_buf_printf(out, "%s%s=%s", i ? "&" : "", pairs[i].name, pairs[i].value);
        }
    }
    bz_buf_free(&scratch);
    return rc;
}

/* Header value as SigV4 wants it: outer spaces trimmed, inner runs collapsed to one. */
static int append_header_value(bz_buf *out, const char *v)
{
    while (*v == ' ' || *v == '\t') {
        v++;
    }
    bool pending_space = false;
    for (; *v; v++) {
        if (*v == ' ' || *v == '\t') {
            pending_space = true;
            continue;
        }
        int rc = pending_space ? bz_buf_putc(out, ' ') : BZ_OK;
        if (!rc) {
            rc = bz_buf_putc(out, *v);
        }
        if (rc) {
            return rc;
        }
        pending_space = false;
    }
    return BZ_OK;
}

/* Appends "name:value\n" lines then "\n" + signed header list, and copies the list into
 * `signed_out`. */
static int append_headers(const sigv4_request *r, bz_buf *out, char *signed_out, size_t signed_size)
{
    bz_buf scratch;
    bz_buf_init(&scratch, CANONICAL_LIMIT);
    pair_offsets offs[SIGV4_MAX_PAIRS];
    int rc = BZ_OK;
    for (size_t i = 0; i < r->nheaders && !rc; i++) {
        offs[i].name = scratch.len;
        for (const char *n = r->headers[i].name; *n && !rc; n++) {
            rc = bz_buf_putc(&scratch, (char)tolower((unsigned char)*n));
        }
        if (!rc) {
            rc = bz_buf_putc(&scratch, '\0');
        }
        offs[i].value = scratch.len;
        if (!rc) {
            rc = append_header_value(&scratch, r->headers[i].value ? r->headers[i].value : "");
        }
        if (!rc) {
            rc = bz_buf_putc(&scratch, '\0');
        }
    }
    sorted_pair pairs[SIGV4_MAX_PAIRS];
    if (!rc) {
        for (size_t i = 0; i < r->nheaders; i++) {
            pairs[i].name = scratch.data + offs[i].name;
            pairs[i].value = scratch.data + offs[i].value;
        }
        qsort(pairs, r->nheaders, sizeof(pairs[0]), compare_pairs);
        for (size_t i = 0; i < r->nheaders && !rc; i++) {
            rc = bz_buf_printf(out, "%s:%s\n", pairs[i].name, pairs[i].value);
        }
    }
    if (!rc) {
        rc = bz_buf_putc(out, '\n');
    }
    size_t start = out->len;
    for (size_t i = 0; i < r->nheaders && !rc; i++) {
        rc = bz_buf_printf(out, "%s%s", i ? ";" : "", pairs[i].name);
    }
    if (!rc && out->len - start >= signed_size) {
        rc = BZ_EVALIDATION;
    }
    if (!rc) {
        memcpy(signed_out, out->data + start, out->len - start);
        signed_out[out->len - start] = '\0';
    }
    bz_buf_free(&scratch);
    return rc;
}

static int canonical_request(const sigv4_request *r, bz_buf *out, char *signed_out,
                             size_t signed_size)
{
    if (!r->method || !r->path || !r->payload_hash || r->nquery > SIGV4_MAX_PAIRS ||
        r->nheaders > SIGV4_MAX_PAIRS || r->nheaders == 0) {
        return BZ_EVALIDATION;
    }
    int rc = bz_buf_printf(out, "%s\n", r->method);
    if (!rc) {
        rc = *r->path ? sigv4_uri_encode(out, r->path, strlen(r->path), true)
                      : bz_buf_putc(out, '/');
    }
    if (!rc) {
        rc = bz_buf_putc(out, '\n');
    }
    if (!rc) {
        rc = append_query(r, out);
    }
    if (!rc) {
        rc = bz_buf_putc(out, '\n');
    }
    if (!rc) {
        rc = append_headers(r, out, signed_out, signed_size);
    }
    if (!rc) {
        rc = bz_buf_printf(out, "\n%s", r->payload_hash);
    }
    return rc;
}

int sigv4_canonical_request(const sigv4_request *r, bz_buf *out)
{
    char signed_headers[256];
    return canonical_request(r, out, signed_headers, sizeof(signed_headers));
}

int sigv4_signing_key(const sigv4_key *k, const char *datestamp, unsigned char out[32])
{
    char secret[256];
    int n = snprintf(secret, sizeof(secret), "AWS4%s", k->secret_access_key);
    if (n < 0 || (size_t)n >= sizeof(secret)) {
        return BZ_EVALIDATION;
    }
    unsigned char k_date[32], k_region[32], k_service[32];
    int rc = hmac_sha256(secret, (size_t)n, datestamp, strlen(datestamp), k_date);
    if (!rc) {
        rc = hmac_sha256(k_date, 32, k->region, strlen(k->region), k_region);
    }
    if (!rc) {
        rc = hmac_sha256(k_region, 32, k->service, strlen(k->service), k_service);
    }
    if (!rc) {
        rc = hmac_sha256(k_service, 32, "aws4_request", 12, out);
    }
    /* The secret must not linger on the stack. */
    OPENSSL_cleanse(secret, sizeof(secret));
    OPENSSL_cleanse(k_date, sizeof(k_date));
    OPENSSL_cleanse(k_region, sizeof(k_region));
    OPENSSL_cleanse(k_service, sizeof(k_service));
    return rc;
}

int sigv4_sign(const sigv4_key *k, int64_t unix_s, const sigv4_request *r, sigv4_signature *sig)
{
    if (!k->access_key_id || !k->secret_access_key || !k->region || !k->service) {
        return BZ_EVALIDATION;
    }
    sigv4_amz_date(unix_s, sig->amz_date);
    char datestamp[9];
    memcpy(datestamp, sig->amz_date, 8);
    datestamp[8] = '\0';
    int n = snprintf(sig->scope, sizeof(sig->scope), "%s/%s/%s/aws4_request", datestamp, k->region,
                     k->service);
    if (n < 0 || (size_t)n >= sizeof(sig->scope)) {
        return BZ_EVALIDATION;
    }

    bz_buf text;
    bz_buf_init(&text, CANONICAL_LIMIT);
    int rc = canonical_request(r, &text, sig->signed_headers, sizeof(sig->signed_headers));
    if (!rc) {
        rc = sigv4_sha256_hex(text.data, text.len, sig->canonical_request_hash);
    }
    unsigned char key[32], mac[32];
    if (!rc) {
        bz_buf_reset(&text);
        rc = bz_buf_printf(&text, ALGORITHM "\n%s\n%s\n%s", sig->amz_date, sig->scope,
                           sig->canonical_request_hash);
    }
    if (!rc) {
        rc = sigv4_signing_key(k, datestamp, key);
    }
    if (!rc) {
        rc = hmac_sha256(key, sizeof(key), text.data, text.len, mac);
    }
    if (!rc) {
        bz_hex_encode(mac, sizeof(mac), sig->signature);
    }
    OPENSSL_cleanse(key, sizeof(key));
    bz_buf_free(&text);
    return rc;
}

int sigv4_authorization(const sigv4_key *k, const sigv4_signature *sig, bz_buf *out)
{
    return bz_buf_printf(out, ALGORITHM " Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                         k->access_key_id, sig->scope, sig->signed_headers, sig->signature);
}

int sigv4_presign(const sigv4_key *k, int64_t unix_s, int expires_s, const char *method,
                  const char *host, const char *path, const char *payload_hash, bz_buf *query_out,
                  sigv4_signature *sig)
{
    if (expires_s < 1 || expires_s > SIGV4_MAX_EXPIRES) {
        return BZ_EVALIDATION;
    }
    sigv4_signature local;
    if (!sig) {
        sig = &local;
    }
    char amz_date[SIGV4_AMZ_DATE_LEN], credential[320], expires[16];
    sigv4_amz_date(unix_s, amz_date);
    int n = snprintf(credential, sizeof(credential), "%s/%.8s/%s/%s/aws4_request", k->access_key_id,
                     amz_date, k->region, k->service);
    if (n < 0 || (size_t)n >= sizeof(credential)) {
        return BZ_EVALIDATION;
    }
    snprintf(expires, sizeof(expires), "%d", expires_s);

    /* Already in canonical (sorted) order, so the same list serves the URL. */
    const sigv4_pair query[] = {
        {"X-Amz-Algorithm", ALGORITHM}, {"X-Amz-Credential", credential}, {"X-Amz-Date", amz_date},
        {"X-Amz-Expires", expires},     {"X-Amz-SignedHeaders", "host"},
    };
    const sigv4_pair headers[] = {{"host", host}};
    const sigv4_request r = {
        .method = method,
        .path = path,
        .query = query,
        .nquery = sizeof(query) / sizeof(query[0]),
        .headers = headers,
        .nheaders = 1,
        .payload_hash = payload_hash,
    };
    int rc = sigv4_sign(k, unix_s, &r, sig);
    for (size_t i = 0; i < r.nquery && !rc; i++) {
        rc = bz_buf_printf(query_out, "%s%s=", i ? "&" : "", query[i].name);
        if (!rc) {
            rc = sigv4_uri_encode(query_out, query[i].value, strlen(query[i].value), false);
        }
    }
    if (!rc) {
        rc = bz_buf_printf(query_out, "&X-Amz-Signature=%s", sig->signature);
    }
    return rc;
}
