/*
 * integrations/image/demo_art.h - product photos for demo data, drawn with
 * libvips: a colour gradient, a soft disc and the product's title. They are
 * real JPEG files, so demo products go through the same intake pipeline as
 * uploads. Requires the imager to be open (libvips initialised).
 */
#ifndef INTEGRATIONS_IMAGE_DEMO_ART_H
#define INTEGRATIONS_IMAGE_DEMO_ART_H

#include <stddef.h>

/* Render a `width` x `height` JPEG for `title` (a product's square photo, a show's 16:9
 * cover); `seed` picks the colours. On success *jpeg_out is malloc'd (caller frees) and
 * *len_out its size. BZ_EINTERNAL if libvips fails. */
int demo_art_render_sized(const char *title, unsigned seed, int width, int height, void **jpeg_out,
                          size_t *len_out);

#endif
