/*
 * integrations/blob/blob_local.h - the blob port on a local directory (the
 * default, BLYTZ_BLOB=file:DIR).
 *
 * Key "products/1/2-large.webp" is the file DIR/products/1/2-large.webp.
 * Keys are checked with blob_key_valid (BZ_EVALIDATION otherwise). put writes
 * a temporary ".tmp-*" file in the target folder, fsyncs it, renames it over
 * the key and fsyncs the folder, so readers see the old blob or the new one,
 * never a torn one, also after a crash. content_type is not stored: the
 * static file handler serving "/media/" derives it from the extension.
 * get refuses files larger than BLOB_LOCAL_MAX_GET (BZ_ETOOLARGE).
 * url() is "/media/<key>" (ttl ignored). Thread-safe: no shared state.
 */
#ifndef INTEGRATIONS_BLOB_BLOB_LOCAL_H
#define INTEGRATIONS_BLOB_BLOB_LOCAL_H

#include "app/ports/blob.h"

#define BLOB_LOCAL_MAX_GET (64u * 1024 * 1024)

/* Open (creating it, and missing parents, with mode 0755) the directory `dir`. On success
 * *out is a blob the caller releases with (*out)->ops->close(*out). BZ_EVALIDATION for an
 * empty dir, BZ_EUNAVAILABLE if it cannot be created or is not a directory. */
int blob_local_open(const char *dir, blob **out);

#endif
