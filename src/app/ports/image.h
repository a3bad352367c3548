/*
 * app/ports/image.h - image intake (adapter: integrations/image, libvips).
 *
 * Decodes untrusted bytes, refuses anything that is not a supported raster
 * image (JPEG, PNG, WebP, GIF; bounded dimensions), strips metadata and
 * produces WebP variants. Thread-safe.
 */
#ifndef APP_PORTS_IMAGE_H
#define APP_PORTS_IMAGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct imager imager;

enum { IMAGE_SMALL, IMAGE_MEDIUM, IMAGE_LARGE, IMAGE_NVARIANTS };

typedef struct image_variant {
    unsigned char *data; /* malloc'd WebP bytes, owned by the caller after success */
    size_t len;
    int32_t width, height;
} image_variant;

struct imager_ops {
    /* Decode and re-encode `len` bytes into IMAGE_NVARIANTS WebP variants fitting
     * `max_edge[i]` pixels on the longer side (never upscaled). Square-cropped when `square`
     * (avatars). BZ_EBADIMAGE when the bytes are not an acceptable image. On error nothing
     * needs freeing. */
    int (*process)(imager *im, const void *data, size_t len, const int max_edge[IMAGE_NVARIANTS],
                   int square, image_variant out[IMAGE_NVARIANTS]);
};

struct imager {
    const struct imager_ops *ops;
};

/* Free the data of every variant (safe on a zeroed array). */
void image_variants_free(image_variant v[IMAGE_NVARIANTS]);

#endif
