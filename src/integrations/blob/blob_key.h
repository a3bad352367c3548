/*
 * integrations/blob/blob_key.h - the one rule for blob keys, shared by every
 * blob adapter so that a key accepted by one store is accepted by all.
 *
 * A key is 1..BLOB_KEY_MAX bytes of ASCII [A-Za-z0-9/_.-], made of non-empty
 * '/'-separated segments, none starting with '.' (so no "." or ".." segments
 * and no hidden files: the local adapter keeps its temporary files as
 * ".tmp-*" next to the blobs), no ".." anywhere, no leading or trailing '/'.
 */
#ifndef INTEGRATIONS_BLOB_BLOB_KEY_H
#define INTEGRATIONS_BLOB_BLOB_KEY_H

#include <stdbool.h>

#define BLOB_KEY_MAX 512

/* True if `key` (NUL-terminated; NULL allowed) follows the rule above. */
bool blob_key_valid(const char *key);

#endif
