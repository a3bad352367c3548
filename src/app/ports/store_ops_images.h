/*
 * app/ports/store_ops_images.h - the store operations of images (store/sql/images.c): the list
 * STORE_OPS_IMAGES of app/ports/store_ops.h, which says what an X line holds and includes this
 * header; nothing else should.
 */
#ifndef APP_PORTS_STORE_OPS_IMAGES_H
#define APP_PORTS_STORE_OPS_IMAGES_H

/* A table kept by hand, as in store_ops.h. */
/* clang-format off */
#define STORE_OPS_IMAGES(X)                                                                        \
    X(T, image_create, (store *s, const catalog_image *img), (s, img))                             \
    X(T, image_get, (store *s, int64_t id, bz_arena *a, catalog_image *out), (s, id, a, out))      \
    /* Delete image `id` if it is of `kind` and owned by `owner_id`, reading the row it was in the \
     * same statement, so that the caller can delete its blobs and two callers cannot both take    \
     * it. BZ_ENOTFOUND, deleting nothing, when there is no such image of that kind and owner. */  \
    X(T, image_take,                                                                               \
      (store *s, int64_t id, const char *kind, int64_t owner_id, bz_arena *a, catalog_image *out), \
      (s, id, kind, owner_id, a, out))                                                             \
    /* How many images of `kind` an owner has. */                                                  \
    X(T, image_count, (store *s, const char *kind, int64_t owner_id, int *out),                    \
      (s, kind, owner_id, out))
/* clang-format on */

#endif
