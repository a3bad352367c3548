/*
 * integrations/image/image_vips.h - the imager port on libvips 8.14.
 *
 * Intake of untrusted uploads:
 *   1. refuse inputs over max_input_bytes;
 *   2. sniff the format and accept only the JPEG, PNG, WebP and GIF buffer
 *      loaders (checked by the loader name libvips picked; every other loader
 *      is also blocked process-wide by image_vips_init);
 *   3. read the header and refuse more than max_pixels pixels (first frame);
 *   4. decode with fail_on=error (truncated or corrupt data is refused),
 *      rotate upright by EXIF orientation, convert embedded ICC profiles to
 *      sRGB, shrink to the largest requested edge (never upscaling), square
 *      crop by "attention" when asked;
 *   5. derive the smaller variants from that decoded image, and encode each as
 *      WebP with all metadata (EXIF, XMP, ICC, comments) stripped.
 * Anything that fails along the way is BZ_EBADIMAGE.
 *
 * Threads: process() is thread-safe. Worker threads that used it should call
 * vips_thread_shutdown() before they exit (per-thread libvips buffers).
 */
#ifndef INTEGRATIONS_IMAGE_IMAGE_VIPS_H
#define INTEGRATIONS_IMAGE_IMAGE_VIPS_H

#include "app/ports/image.h"

#include <stddef.h>
#include <stdint.h>

#define IMAGE_VIPS_MAX_EDGE 8192 /* largest max_edge a caller may ask for */

typedef struct image_vips_config {
    uint64_t max_pixels;    /* width * height of the input; 0 = 40,000,000 */
    size_t max_input_bytes; /* 0 = 10 MiB */
    int webp_quality;       /* 1..100; 0 = 80 */
} image_vips_config;

/* Start libvips once for the process: call it from the composition root at start, before
 * any thread uses an imager. Idempotent and thread-safe. Also turns off the libvips
 * operation cache (uploads must not be kept or shared between requests), runs each
 * operation on one thread (the server already has a worker per core) and blocks every
 * loader except JPEG, PNG, WebP and GIF for the whole process. BZ_EINTERNAL if libvips
 * cannot start. */
int image_vips_init(void);

/* A new imager with the default limits (calls image_vips_init itself). Released with
 * image_vips_close. BZ_EINTERNAL if libvips cannot start, BZ_ENOMEM. */
int image_vips_open(imager **out);

/* The same with explicit limits; `cfg` NULL = defaults. */
int image_vips_open_config(const image_vips_config *cfg, imager **out);

/* Free an imager from image_vips_open (NULL allowed). Does not shut libvips down. */
void image_vips_close(imager *im);

#endif
