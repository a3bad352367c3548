/*
 * integrations/blob/sigv4.h - AWS Signature Version 4, pure computation.
 *
 * No clock, no network: the signing time is a parameter, so every step can be
 * checked byte for byte against the AWS test suite (tests/unit/integrations).
 * The S3 adapter (blob_s3.c) builds requests on top of this.
 *
 * Rules implemented (docs/media.md, integrations.md section 4.2): the path is
 * URI-encoded once per segment ('/' kept, no "."/".." normalisation, as S3
 * wants); query names and values are encoded and sorted; header names are
 * lower-cased, values trimmed with inner runs of spaces collapsed, sorted by
 * name. All strings are NUL-terminated C strings owned by the caller; results
 * go into caller-owned buffers (bz_buf or fixed arrays below).
 */
#ifndef INTEGRATIONS_BLOB_SIGV4_H
#define INTEGRATIONS_BLOB_SIGV4_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIGV4_HEX_LEN      65     /* 64 hex digits + NUL */
#define SIGV4_AMZ_DATE_LEN 17     /* "YYYYMMDDTHHMMSSZ" + NUL */
#define SIGV4_MAX_PAIRS    16     /* query parameters or headers per request */
#define SIGV4_MAX_EXPIRES  604800 /* presigned URLs live at most 7 days */

/* Payload hash to sign when the body is not hashed (S3/R2 presigned URLs). */
#define SIGV4_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"

typedef struct sigv4_pair {
    const char *name;
    const char *value;
} sigv4_pair;

/* Who signs, and for which scope. */
typedef struct sigv4_key {
    const char *access_key_id;
    const char *secret_access_key;
    const char *region;  /* "auto" for Cloudflare R2 */
    const char *service; /* "s3" */
} sigv4_key;

typedef struct sigv4_request {
    const char *method;        /* upper case, "GET" */
    const char *path;          /* absolute, not yet encoded: "/bucket/a b.txt" */
    const sigv4_pair *query;   /* not yet encoded, any order; NULL when nquery is 0 */
    size_t nquery;             /* at most SIGV4_MAX_PAIRS */
    const sigv4_pair *headers; /* the headers to sign (must include host), unique names */
    size_t nheaders;           /* at most SIGV4_MAX_PAIRS */
    const char *payload_hash;  /* hex SHA-256 of the body, or SIGV4_UNSIGNED_PAYLOAD */
} sigv4_request;

/* Everything a signature step produced, for the Authorization header and for tests. */
typedef struct sigv4_signature {
    char amz_date[SIGV4_AMZ_DATE_LEN];
    char scope[160];          /* "20150830/us-east-1/service/aws4_request" */
    char signed_headers[256]; /* "host;x-amz-date" */
    char canonical_request_hash[SIGV4_HEX_LEN];
    char signature[SIGV4_HEX_LEN];
} sigv4_signature;

/* "YYYYMMDDTHHMMSSZ" (UTC) for `unix_s`. */
void sigv4_amz_date(int64_t unix_s, char out[SIGV4_AMZ_DATE_LEN]);

/* Lower-case hex SHA-256 of `len` bytes. BZ_OK or BZ_EINTERNAL if libcrypto fails. */
int sigv4_sha256_hex(const void *data, size_t len, char out[SIGV4_HEX_LEN]);

/* Append `len` bytes of `s` percent-encoded: unreserved A-Z a-z 0-9 - _ . ~ kept, '/' kept
 * when `keep_slash`, everything else %XX in upper-case hex. */
int sigv4_uri_encode(bz_buf *out, const char *s, size_t len, bool keep_slash);

/* Append the canonical request of `r` (lines joined by '\n', no trailing newline).
 * BZ_EVALIDATION on too many pairs or a missing field. */
int sigv4_canonical_request(const sigv4_request *r, bz_buf *out);

/* The 32-byte signing key: HMAC chain over date stamp (YYYYMMDD), region, service. */
int sigv4_signing_key(const sigv4_key *k, const char *datestamp, unsigned char out[32]);

/* Sign `r` as of `unix_s`. The caller includes an x-amz-date header equal to
 * sigv4_amz_date(unix_s) in r->headers when using the header form. Fills `sig`. */
int sigv4_sign(const sigv4_key *k, int64_t unix_s, const sigv4_request *r, sigv4_signature *sig);

/* Append "AWS4-HMAC-SHA256 Credential=<akid>/<scope>, SignedHeaders=<..>, Signature=<..>". */
int sigv4_authorization(const sigv4_key *k, const sigv4_signature *sig, bz_buf *out);

/* Presign a request with only `host` signed: append to `query_out` the encoded query string
 * (no leading '?'), X-Amz-* parameters sorted, ending in "&X-Amz-Signature=<hex>".
 * `expires_s` must be 1..SIGV4_MAX_EXPIRES (else BZ_EVALIDATION). `payload_hash` is
 * SIGV4_UNSIGNED_PAYLOAD for S3. `sig` (may be NULL) receives the intermediate values. */
int sigv4_presign(const sigv4_key *k, int64_t unix_s, int expires_s, const char *method,
                  const char *host, const char *path, const char *payload_hash, bz_buf *query_out,
                  sigv4_signature *sig);

#endif
