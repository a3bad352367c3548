/*
 * integrations/blob/blob_s3.h - the blob port on an S3-compatible store
 * (AWS S3, Cloudflare R2, MinIO, s3rver in tests).
 *
 * Path-style addressing: key K of bucket B is <endpoint>/B/K. put/get/del are
 * header-signed with SigV4 (x-amz-content-sha256 = SHA-256 of the body) and
 * sent with libcurl, one easy handle per call, so the blob is thread-safe and
 * holds no connection between calls. Failures of the network or of the store
 * (5xx) are BZ_EUNAVAILABLE; a refused request (403, ...) is BZ_EINTERNAL and
 * is logged with the S3 error code (never with credentials).
 *
 * url() returns <public_base_url>/<key> when a public base is configured (an
 * R2 custom domain or a CDN), else a presigned GET URL. Presigned URLs are
 * signed at the start of a time window of `ttl_s` seconds and live for two
 * windows (at most 7 days), so the same key yields the same URL for a while
 * and browsers and CDNs can cache it, while it still stays valid for at
 * least `ttl_s` seconds from `now_ms`.
 */
#ifndef INTEGRATIONS_BLOB_BLOB_S3_H
#define INTEGRATIONS_BLOB_BLOB_S3_H

#include "app/ports/blob.h"

#include <stddef.h>

/* Plain values copied into the blob by blob_s3_open; zero/empty fields take the defaults. */
typedef struct blob_s3_config {
    char endpoint[256]; /* "http://127.0.0.1:4569", "https://<acct>.r2.cloudflarestorage.com";
                           scheme http or https, no path */
    char bucket[64];    /* 3..63 of [a-z0-9.-] */
    char region[32];    /* "" = "auto" (what R2 wants) */
    char access_key_id[128];
    char secret_access_key[128];
    char public_base_url[256]; /* "" = presigned URLs; else "https://media.example.com" */
    int connect_timeout_ms;    /* 0 = 5000 */
    int timeout_ms;            /* whole request; 0 = 30000 */
    size_t max_get_bytes;      /* larger objects fail with BZ_ETOOLARGE; 0 = 64 MiB */
} blob_s3_config;

/* Validate `cfg` and make a blob (released with (*out)->ops->close(*out)). BZ_EVALIDATION
 * names nothing secret in its log line. Does no network I/O. */
int blob_s3_open(const blob_s3_config *cfg, blob **out);

#endif
