/*
 * store/pg/images.c - image rows of products and avatars. The blobs
 * themselves live in the blob store; these rows hold their keys.
 */
#include "base/err.h"
#include "store/pg/pg_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define IMAGE_COLS                                                                                 \
    "id, owner_id, kind, position, key_small, key_medium, key_large, width, height, created_at"

static void read_image(pg_row *r, store_image *out)
{
    memset(out, 0, sizeof(*out));
    out->id = pg_i64(r, 0);
    out->owner_id = pg_i64(r, 1);
    out->kind = pg_text(r, 2);
    out->position = pg_i32(r, 3);
    out->key_small = pg_text(r, 4);
    out->key_medium = pg_text(r, 5);
    out->key_large = pg_text(r, 6);
    out->width = pg_i32(r, 7);
    out->height = pg_i32(r, 8);
    out->created_at = pg_i64(r, 9);
}

/* One round trip for a whole page: the ids travel as one array parameter, "{1,2,3}". */
int pg_load_product_images(pg_store *s, bz_arena *a, store_product *products, size_t n)
{
    if (n == 0) {
        return BZ_OK;
    }
    char *ids = bz_arena_alloc(a, n * 21 + 3);
    if (!ids) {
        return BZ_EINTERNAL;
    }
    size_t len = 0;
    ids[len++] = '{';
    for (size_t i = 0; i < n; i++) {
        len += (size_t)sprintf(ids + len, "%s%" PRId64, i ? "," : "", products[i].id);
    }
    ids[len++] = '}';
    ids[len] = '\0';

    pg_params p = {0};
    pg_p_text(&p, ids);
    PGresult *res = NULL;
    int rc = pg_query(s, PG_IMAGES_OF,
                      "SELECT " IMAGE_COLS " FROM images "
                      "WHERE kind = 'product' AND owner_id = ANY ($1::bigint[]) "
                      "ORDER BY owner_id, position, id",
                      NULL, &p, &res);
    if (rc != BZ_OK) {
        return rc;
    }
    int rows = PQntuples(res);
    pg_row r = {res, 0, a, true};
    for (size_t i = 0; i < n && r.ok; i++) {
        store_product *prod = &products[i];
        int first = -1, count = 0;
        for (int row = 0; row < rows; row++) {
            r.row = row;
            if (pg_i64(&r, 1) == prod->id) {
                first = first < 0 ? row : first;
                count++;
            }
        }
        prod->images = NULL;
        prod->n_images = 0;
        if (count == 0) {
            continue;
        }
        /* Rows are sorted by owner, so a product's images are consecutive. */
        prod->images = bz_arena_calloc(a, (size_t)count, sizeof(store_image));
        if (!prod->images) {
            r.ok = false;
            break;
        }
        for (int k = 0; k < count; k++) {
            r.row = first + k;
            read_image(&r, &prod->images[k]);
        }
        prod->n_images = (size_t)count;
    }
    PQclear(res);
    return r.ok ? BZ_OK : BZ_EINTERNAL;
}

int pg_image_create(store *st, const store_image *img)
{
    pg_params p = {0};
    pg_p_i64(&p, img->id);
    pg_p_i64(&p, img->owner_id);
    pg_p_text(&p, img->kind);
    pg_p_i64(&p, img->position);
    pg_p_text(&p, img->key_small);
    pg_p_text(&p, img->key_medium);
    pg_p_text(&p, img->key_large);
    pg_p_i64(&p, img->width);
    pg_p_i64(&p, img->height);
    pg_p_i64(&p, img->created_at);
    return pg_guarded_command(pg_of(st), PG_IMAGE_CREATE,
                              "INSERT INTO images (" IMAGE_COLS ") "
                              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                              &p, NULL);
}

int pg_image_get(store *st, int64_t id, bz_arena *a, store_image *out)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    PGresult *res = NULL;
    int rc = pg_query(pg_of(st), PG_IMAGE_GET, "SELECT " IMAGE_COLS " FROM images WHERE id = $1",
                      NULL, &p, &res);
    if (rc == BZ_OK && PQntuples(res) == 0) {
        rc = BZ_ENOTFOUND;
    }
    if (rc == BZ_OK) {
        pg_row r = {res, 0, a, true};
        read_image(&r, out);
        rc = r.ok ? BZ_OK : BZ_EINTERNAL;
    }
    PQclear(res);
    return rc;
}

int pg_image_delete(store *st, int64_t id)
{
    pg_params p = {0};
    pg_p_i64(&p, id);
    int changes = 0;
    int rc =
        pg_command(pg_of(st), PG_IMAGE_DELETE, "DELETE FROM images WHERE id = $1", &p, &changes);
    return rc == BZ_OK && changes == 0 ? BZ_ENOTFOUND : rc;
}

int pg_image_count(store *st, const char *kind, int64_t owner_id, int *out)
{
    pg_params p = {0};
    pg_p_text(&p, kind);
    pg_p_i64(&p, owner_id);
    PGresult *res = NULL;
    int rc =
        pg_query(pg_of(st), PG_IMAGE_COUNT,
                 "SELECT count(*) FROM images WHERE kind = $1 AND owner_id = $2", NULL, &p, &res);
    *out = 0;
    if (rc == BZ_OK && PQntuples(res) == 1) {
        pg_row r = {res, 0, NULL, true};
        *out = pg_i32(&r, 0);
    }
    PQclear(res);
    return rc;
}
