/*
 * http/static.h - files from a directory (the web app's build, or local media blobs).
 *
 * Strong ETags from size and mtime, If-None-Match -> 304, Cache-Control by kind (immutable
 * for /assets/..., no-cache for HTML), gzip for compressible types when the client accepts it.
 * Files up to 1 MiB are cached in memory (raw and gzipped bytes) keyed by path and ETag, up
 * to a total budget; cached bytes live until the http_static is freed, so responses can point
 * at them without copying. No path traversal: "." / ".." / dot-file segments are refused,
 * the file is opened relative to the root directory, and only regular files are served.
 *
 * Thread rules: http_static_serve may run on several worker threads at once.
 */
#ifndef HTTP_STATIC_H
#define HTTP_STATIC_H

#include "http/http.h"

#include <stddef.h>

typedef struct http_static http_static;

/* Serve files under `root`. `cache_control` is used for files that are neither HTML nor under
 * /assets/. NULL if root cannot be opened (logged) or on OOM. */
http_static *http_static_new(const char *root, size_t cache_bytes, const char *cache_control);
void http_static_free(http_static *s);

/* Answer `req` with the file at `relpath` (decoded, starting with '/'; "/" means
 * "/index.html"). BZ_OK if answered (200 or 304), BZ_ENOTFOUND if there is no such file. */
int http_static_serve(http_static *s, http_req *req, http_res *res, const char *relpath);

#endif
