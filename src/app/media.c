/*
 * Image intake: imager → blob → store. The slow part (decoding, resizing)
 * runs before any row is written, so a bad upload leaves nothing behind.
 */
#include "app/media.h"

#include "app/app_util.h"
#include "base/err.h"
#include "base/rand.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const variant_names[IMAGE_NVARIANTS] = {"small", "medium", "large"};

int app_media_view(app_ctx *c, const catalog_image *img, app_image *out)
{
    const char *keys[IMAGE_NVARIANTS] = {img->key_small, img->key_medium, img->key_large};
    blob *b = c->env->blob;
    memset(out, 0, sizeof(*out));
    out->id = img->id;
    out->width = img->width;
    out->height = img->height;
    for (int i = 0; i < IMAGE_NVARIANTS; i++) {
        char *url = bz_arena_alloc(c->arena, 2048);
        if (!url) {
            return app_fail(c, BZ_ENOMEM, NULL, NULL);
        }
        url[0] = '\0';
        if (b && keys[i]) {
            int rc = b->ops->url(b, keys[i], c->now, c->env->cfg.image_url_ttl_s, url, 2048);
            if (rc != BZ_OK) {
                return app_fail(c, rc, NULL, NULL);
            }
        }
        out->urls[i] = url;
    }
    return BZ_OK;
}

void app_media_blobs_delete(app_ctx *c, const catalog_image *img)
{
    const char *keys[IMAGE_NVARIANTS] = {img->key_small, img->key_medium, img->key_large};
    blob *b = c->env->blob;
    for (int i = 0; b && i < IMAGE_NVARIANTS; i++) {
        if (keys[i] && *keys[i]) {
            (void)b->ops->del(b, keys[i]);
        }
    }
}

/* The variants' bytes are malloc'd and ours (ports/image.h). Freed here rather than with
 * image_variants_free, which lives in the libvips adapter that the app must not link. */
static void free_variants(image_variant v[IMAGE_NVARIANTS])
{
    for (int i = 0; i < IMAGE_NVARIANTS; i++) {
        free(v[i].data);
        v[i].data = NULL;
    }
}

/* Decode `data`, write the variants under "<prefix>/<owner>/<id>-<size>.webp" and fill `img`
 * (keys, dimensions, id) ready for store_image_create. On failure nothing remains stored. */
static int ingest(app_ctx *c, const char *prefix, int64_t owner, const void *data, size_t len,
                  const int edges[IMAGE_NVARIANTS], int square, catalog_image *img)
{
    imager *im = c->env->imager;
    blob *b = c->env->blob;
    image_variant v[IMAGE_NVARIANTS];
    if (!im || !b) {
        return app_fail(c, BZ_EUNAVAILABLE, NULL, "image storage is not configured");
    }
    memset(v, 0, sizeof(v));
    int rc = im->ops->process(im, data, len, edges, square, v);
    if (rc != BZ_OK) {
        return app_fail(c, rc, "image", NULL);
    }
    img->id = bz_id_new(c->now);
    img->owner_id = owner;
    img->created_at = c->now;
    const char **keys[IMAGE_NVARIANTS] = {&img->key_small, &img->key_medium, &img->key_large};
    int stored = 0;
    for (; stored < IMAGE_NVARIANTS && rc == BZ_OK; stored++) {
        char *key = bz_arena_printf(c->arena, "%s/%lld/%lld-%s.webp", prefix, (long long)owner,
                                    (long long)img->id, variant_names[stored]);
        if (!key) {
            rc = BZ_ENOMEM;
            break;
        }
        *keys[stored] = key;
        rc = b->ops->put(b, key, v[stored].data, v[stored].len, "image/webp");
    }
    img->width = v[IMAGE_LARGE].width;
    img->height = v[IMAGE_LARGE].height;
    free_variants(v);
    if (rc != BZ_OK) {
        for (int i = 0; i < stored; i++) {
            (void)b->ops->del(b, *keys[i]);
        }
        return app_fail(c, rc, NULL, NULL);
    }
    return BZ_OK;
}

/* Point `owner` (a show or a user, through `link`) at the ingested `img`, stored here, then
 * drop the image it replaces (`old_id`, 0 = none): unreferenced now, its blobs can go. On
 * failure img's blobs are deleted and the failure recorded. */
static int replace_image(app_ctx *c, catalog_image *img,
                         int (*link)(store *s, int64_t id, int64_t image_id, int64_t now),
                         int64_t owner, int64_t old_id)
{
    int rc = store_image_create(c->store, img);
    if (rc == BZ_OK) {
        rc = link(c->store, owner, img->id, c->now);
    }
    if (rc != BZ_OK) {
        app_media_blobs_delete(c, img);
        return app_fail(c, rc, NULL, NULL);
    }
    catalog_image old;
    if (old_id != 0 &&
        store_image_take(c->store, old_id, img->kind, owner, c->arena, &old) == BZ_OK) {
        app_media_blobs_delete(c, &old);
    }
    return BZ_OK;
}

int app_media_product_image_add(app_ctx *c, int64_t actor, int64_t product_id, const void *data,
                                size_t len, app_image *out)
{
    static const int edges[IMAGE_NVARIANTS] = APP_PRODUCT_EDGES;
    catalog_product p;
    int count = 0;
    int rc = app_own_product(c, actor, product_id, &p);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = store_image_count(c->store, "product", product_id, &count);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    if (count >= c->env->cfg.max_product_images) {
        return app_fail(c, BZ_EVALIDATION, "image", "a product has at most %d images",
                        c->env->cfg.max_product_images);
    }
    catalog_image img = {.kind = "product", .position = count};
    rc = ingest(c, "products", product_id, data, len, edges, 0, &img);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = store_image_create(c->store, &img);
    if (rc != BZ_OK) {
        app_media_blobs_delete(c, &img);
        return app_fail(c, rc, NULL, NULL);
    }
    return app_media_view(c, &img, out);
}

int app_media_product_image_delete(app_ctx *c, int64_t actor, int64_t product_id, int64_t image_id)
{
    catalog_product p;
    catalog_image img;
    int rc = app_own_product(c, actor, product_id, &p);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = store_image_take(c->store, image_id, "product", product_id, c->arena, &img);
    if (rc == BZ_ENOTFOUND) {
        return app_fail(c, BZ_ENOTFOUND, NULL, "no such image on this product");
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    app_media_blobs_delete(c, &img);
    return BZ_OK;
}

int app_media_view_of(app_ctx *c, int64_t image_id, app_image **out)
{
    *out = NULL;
    catalog_image img;
    int rc = image_id ? store_image_get(c->store, image_id, c->arena, &img) : BZ_ENOTFOUND;
    if (rc == BZ_ENOTFOUND) {
        return BZ_OK;
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    app_image *view = bz_arena_calloc(c->arena, 1, sizeof(*view));
    if (!view) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    rc = app_media_view(c, &img, view);
    *out = rc == BZ_OK ? view : NULL;
    return rc;
}

int app_media_stream_cover_set(app_ctx *c, int64_t actor, int64_t stream_id, const void *data,
                               size_t len, app_image *out)
{
    static const int edges[IMAGE_NVARIANTS] = APP_COVER_EDGES;
    show_stream st;
    int rc = app_own_show(c, actor, stream_id, "only the show's seller sets its cover", &st);
    if (rc != BZ_OK) {
        return rc;
    }
    catalog_image img = {.kind = "cover"};
    if ((rc = ingest(c, "streams", stream_id, data, len, edges, 0, &img)) != BZ_OK) {
        return rc;
    }
    if ((rc = replace_image(c, &img, store_stream_set_cover, stream_id, st.cover_image_id)) !=
        BZ_OK) {
        return rc;
    }
    return app_media_view(c, &img, out);
}

int app_media_avatar_set(app_ctx *c, int64_t user_id, const void *data, size_t len, app_image *out)
{
    static const int edges[IMAGE_NVARIANTS] = APP_AVATAR_EDGES;
    account_user u;
    int rc = store_user_get(c->store, user_id, c->arena, &u);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_EUNAUTHORIZED);
    }
    catalog_image img = {.kind = "avatar"};
    rc = ingest(c, "avatars", user_id, data, len, edges, 1, &img);
    if (rc == BZ_OK) {
        rc = replace_image(c, &img, store_user_set_avatar, user_id, u.avatar_image_id);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    return app_media_view(c, &img, out);
}
