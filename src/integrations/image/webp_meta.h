/*
 * integrations/image/webp_meta.h - remove metadata chunks from a WebP file.
 *
 * libvips 8.14's webpsave writes a small EXIF chunk (resolution, orientation)
 * even with strip set, so intake removes EXIF, XMP and ICCP chunks from the
 * RIFF container itself and clears their VP8X flags. Pixels are untouched.
 */
#ifndef INTEGRATIONS_IMAGE_WEBP_META_H
#define INTEGRATIONS_IMAGE_WEBP_META_H

#include <stddef.h>

/* Rewrite the `len` bytes at `data` in place without metadata chunks. Returns the new length
 * (<= len), or 0 if the bytes are not a well-formed WebP RIFF container. */
size_t webp_strip_metadata(unsigned char *data, size_t len);

#endif
