/*
 * Fuzz target for image intake (integrations/image, libvips): arbitrary bytes
 * in, BZ_OK with three WebP variants or an error out, never a crash or leak.
 * The input's parity picks the square-crop path too.
 */
#include "base/err.h"
#include "integrations/image/image_vips.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static imager *im;
    if (!im) {
        /* Small budgets keep each run fast; the limits themselves are part of what is tested. */
        const image_vips_config cfg = {.max_pixels = 4u * 1000 * 1000,
                                       .max_input_bytes = 1024 * 1024};
        if (image_vips_open_config(&cfg, &im) != BZ_OK) {
            abort();
        }
    }
    const int edges[IMAGE_NVARIANTS] = {32, 64, 128};
    image_variant out[IMAGE_NVARIANTS];
    if (im->ops->process(im, data, size, edges, (int)(size & 1), out) == BZ_OK) {
        for (int i = 0; i < IMAGE_NVARIANTS; i++) {
            if (!out[i].data || out[i].width > 128 || out[i].height > 128) {
                abort();
            }
        }
        image_variants_free(out);
    }
    return 0;
}
