/*
 * app/media.h - images: product photos, avatars and show covers. Bytes go through the
 * imager port (decode, strip metadata, three WebP sizes), land in the blob
 * port under keys that name their owner, and are recorded with
 * store_image_create. Deleting an image deletes its blobs (best effort: a
 * leftover blob is garbage, not an inconsistency).
 *
 * Blob keys: <kind>/<owner>/<image>-{small,medium,large}.webp, with kind products
 * (owner: the product), avatars (the user) or streams (the show, for its cover).
 */
#ifndef APP_MEDIA_H
#define APP_MEDIA_H

#include "app/app.h"
#include "app/ports/image.h"
#include "domain/catalog.h"

#include <stddef.h>
#include <stdint.h>

/* Longest edge of each variant, in pixels. */
#define APP_PRODUCT_EDGES                                                                          \
    {                                                                                              \
        200, 600, 1200                                                                             \
    }
#define APP_AVATAR_EDGES                                                                           \
    {                                                                                              \
        64, 256, 512                                                                               \
    }

/* An image as clients see it. Strings live in c->arena. */
typedef struct app_image {
    int64_t id;
    const char *urls[IMAGE_NVARIANTS]; /* small, medium, large */
    int32_t width, height;             /* of the large variant */
} app_image;

/* Resolve the URLs of a stored image through the blob port. */
int app_media_view(app_ctx *c, const catalog_image *img, app_image *out);

/* Add an image to a product (only its seller: BZ_EFORBIDDEN otherwise; BZ_ENOTFOUND for no
 * product). BZ_EBADIMAGE for bytes that are not an image, BZ_EVALIDATION (field "image") when
 * the product has cfg.max_product_images already. */
int app_media_product_image_add(app_ctx *c, int64_t actor, int64_t product_id, const void *data,
                                size_t len, app_image *out);

/* Remove one image of a product (only its seller). BZ_ENOTFOUND when the image does not
 * belong to that product. */
int app_media_product_image_delete(app_ctx *c, int64_t actor, int64_t product_id, int64_t image_id);

#define APP_COVER_EDGES                                                                            \
    {                                                                                              \
        320, 960, 1600                                                                             \
    }

/* Set show `stream_id`'s cover picture (only its seller: BZ_EFORBIDDEN; BZ_ENOTFOUND), kept in
 * its proportions; the previous cover is deleted. BZ_EBADIMAGE as for product photos. */
int app_media_stream_cover_set(app_ctx *c, int64_t actor, int64_t stream_id, const void *data,
                               size_t len, app_image *out);

/* The view of image `image_id` into *out (arena), or *out = NULL when it is 0 or gone. */
int app_media_view_of(app_ctx *c, int64_t image_id, app_image **out);

/* Replace `user_id`'s avatar with a square-cropped image; the previous one is deleted. */
int app_media_avatar_set(app_ctx *c, int64_t user_id, const void *data, size_t len, app_image *out);

/* Delete an image's blobs, ignoring failures (used when rows go away). */
void app_media_blobs_delete(app_ctx *c, const catalog_image *img);

#endif
