/*
 * store/sqlite/images.c - image rows of products and avatars. The blobs
 * themselves live in the blob store; these rows hold their keys.
 */
#include "base/err.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_util.h"

#include <string.h>

#define IMAGE_COLS                                                                                 \
    "id, owner_id, kind, position, key_small, key_medium, key_large, width, height, created_at"

static void read_image(sq_row *r, void *dst)
{
    store_image *out = dst;
    memset(out, 0, sizeof(*out));
    out->id = sq_i64(r, 0);
    out->owner_id = sq_i64(r, 1);
    out->kind = sq_text(r, 2);
    out->position = sq_i32(r, 3);
    out->key_small = sq_text(r, 4);
    out->key_medium = sq_text(r, 5);
    out->key_large = sq_text(r, 6);
    out->width = sq_i32(r, 7);
    out->height = sq_i32(r, 8);
    out->created_at = sq_i64(r, 9);
}

int sq_load_product_images(sq_store *s, bz_arena *a, store_product *p)
{
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_IMAGES_OF,
                              "SELECT " IMAGE_COLS " FROM images "
                              "WHERE kind = 'product' AND owner_id = ?1 ORDER BY position, id",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, p->id);
    size_t n = 0;
    store_image *images = sq_fetch_all(s, q, a, read_image, sizeof(*images), &n, &rc);
    sq_done(q);
    p->images = images; /* NULL and 0 on failure */
    p->n_images = n;
    return rc;
}

int sq_image_create(store *st, const store_image *img)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_IMAGE_CREATE,
                              "INSERT INTO images (" IMAGE_COLS ") "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                              &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, img->id);
    sqlite3_bind_int64(q, 2, img->owner_id);
    sq_bind_text(q, 3, img->kind);
    sqlite3_bind_int(q, 4, img->position);
    sq_bind_text(q, 5, img->key_small);
    sq_bind_text(q, 6, img->key_medium);
    sq_bind_text(q, 7, img->key_large);
    sqlite3_bind_int(q, 8, img->width);
    sqlite3_bind_int(q, 9, img->height);
    sqlite3_bind_int64(q, 10, img->created_at);
    return sq_run(s, q, NULL);
}

int sq_image_get(store *st, int64_t id, bz_arena *a, store_image *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q =
        sq_stmt(s, SQ_IMAGE_GET, "SELECT " IMAGE_COLS " FROM images WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    rc = sq_fetch_one(s, q, a, read_image, out);
    sq_done(q);
    return rc;
}

int sq_image_delete(store *st, int64_t id)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_IMAGE_DELETE, "DELETE FROM images WHERE id = ?1", &rc);
    if (!q) {
        return rc;
    }
    sqlite3_bind_int64(q, 1, id);
    int changes = 0;
    rc = sq_run(s, q, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

int sq_image_count(store *st, const char *kind, int64_t owner_id, int *out)
{
    sq_store *s = sq_of(st);
    int rc = BZ_OK;
    sqlite3_stmt *q = sq_stmt(s, SQ_IMAGE_COUNT,
                              "SELECT count(*) FROM images WHERE kind = ?1 AND owner_id = ?2", &rc);
    if (!q) {
        return rc;
    }
    sq_bind_text(q, 1, kind);
    sqlite3_bind_int64(q, 2, owner_id);
    int src = sqlite3_step(q);
    *out = src == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    rc = src == SQLITE_ROW ? BZ_OK : sq_error(s, src);
    sq_done(q);
    return rc;
}
