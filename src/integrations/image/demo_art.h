/*
 * integrations/image/demo_art.h - product photos for demo data, drawn with
 * libvips: a colour gradient, a soft disc and the product's title. They are
 * real JPEG files, so demo products go through the same intake pipeline as
 * uploads. Requires the imager to be open (libvips initialised).
 */
#ifndef INTEGRATIONS_IMAGE_DEMO_ART_H
#define INTEGRATIONS_IMAGE_DEMO_ART_H

#include <stddef.h>

/* Render a 1000x1000 JPEG for `title`; `seed` picks the colours. On success *jpeg_out is
 * malloc'd (caller frees) and *len_out its size. BZ_EINTERNAL if libvips fails. */
int demo_art_render(const char *title, unsigned seed, void **jpeg_out, size_t *len_out);

/* The same drawing at `width` x `height` (a show's 16:9 cover, say). */
int demo_art_render_sized(const char *title, unsigned seed, int width, int height, void **jpeg_out,
                          size_t *len_out);

#endif
