/*
 * app/ports/blob.h - object storage for images (and later invoices,
 * recordings). Adapters: integrations/blob local directory (default) and
 * S3-compatible (AWS SigV4, path-style; Cloudflare R2 with region "auto").
 *
 * A blob is addressed by a key such as "products/123/456-large.webp": ASCII
 * letters, digits, '/', '-', '_', '.', no "..", at most 512 bytes.
 * Functions are thread-safe.
 */
#ifndef APP_PORTS_BLOB_H
#define APP_PORTS_BLOB_H

#include <stddef.h>
#include <stdint.h>

typedef struct blob blob;

struct blob_ops {
    /* Store `len` bytes under `key`, replacing any blob there. */
    int (*put)(blob *b, const char *key, const void *data, size_t len, const char *content_type);
    /* Read a blob into malloc'd memory (*data_out, caller frees). BZ_ENOTFOUND. */
    int (*get)(blob *b, const char *key, void **data_out, size_t *len_out);
    /* Delete; a missing key is not an error. */
    int (*del)(blob *b, const char *key);
    /* A URL a browser can GET the blob from, valid for at least `ttl_s` seconds, written into
     * out (size bytes). Local adapter: "/media/<key>"; S3: a presigned URL. */
    int (*url)(blob *b, const char *key, int64_t now_ms, int ttl_s, char *out, size_t size);
    void (*close)(blob *b);
};

struct blob {
    const struct blob_ops *ops;
};

/* The ops table of an adapter whose functions are prefix##_<operation> (blob_s3.c: s3_put,
 * s3_get, ...), as VIDEO_OPS_OF (app/ports/video.h). */
#define BLOB_OPS_OF(prefix)                                                                        \
    {                                                                                              \
        .put = prefix##_put, .get = prefix##_get, .del = prefix##_del, .url = prefix##_url,        \
        .close = prefix##_close                                                                    \
    }

#endif
