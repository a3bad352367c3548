/*
 * integrations/blob/blob_open.h - open a blob store from its BLYTZ_BLOB text.
 *
 *   file:DIR
 *       Local directory DIR (relative to the working directory, or absolute).
 *       Example: file:./var/media
 *   s3://BUCKET?endpoint=URL&region=REGION&public_url=URL&timeout_ms=N&max_get_bytes=N
 *       S3-compatible store, path-style. Parameters (values may be %-encoded):
 *         endpoint    http(s)://host[:port] of the S3 API. Default, only when region is
 *                     set and not "auto": https://s3.REGION.amazonaws.com
 *         region      signing region, default "auto" (Cloudflare R2)
 *         public_url  serve blobs from this base (R2 custom domain, CDN) instead of
 *                     presigned URLs
 *         timeout_ms, connect_timeout_ms, max_get_bytes  see blob_s3_config
 *       Examples:
 *         s3://blytz-media?endpoint=https://ACCOUNT.r2.cloudflarestorage.com
 *         s3://blytz-media?endpoint=http://127.0.0.1:4569&region=us-east-1
 *       Credentials never appear in the URL: the composition root reads
 *       S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY and passes them in.
 *
 * Nothing here reads the environment.
 */
#ifndef INTEGRATIONS_BLOB_BLOB_OPEN_H
#define INTEGRATIONS_BLOB_BLOB_OPEN_H

#include "app/ports/blob.h"
#include "integrations/blob/blob_s3.h"

/* Fill `cfg` (zeroed first) from an "s3://" URL and the credentials (NULL = empty, which
 * blob_s3_open refuses). BZ_EVALIDATION for anything malformed or unknown, with a reason
 * for the operator in `why` (why_size bytes; may be NULL). Never echoes the secret. */
int blob_s3_parse_url(const char *url, const char *access_key_id, const char *secret_access_key,
                      blob_s3_config *cfg, char *why, size_t why_size);

/* Open the store named by `url` (forms above). The credentials are used only by s3://.
 * On failure `why` (may be NULL) says what is wrong. On success the caller releases *out
 * with (*out)->ops->close(*out). */
int blob_open_url(const char *url, const char *access_key_id, const char *secret_access_key,
                  blob **out, char *why, size_t why_size);

#endif
