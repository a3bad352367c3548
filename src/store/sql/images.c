/*
 * store/sql/images.c - image rows of products and avatars. The blobs
 * themselves live in the blob store; these rows hold their keys.
 */
#include "base/err.h"
#include "store/sql/sql.h"

#include <stddef.h>
#include <string.h>

#define IMAGE_COLS                                                                                 \
    "id, owner_id, kind, position, key_small, key_medium, key_large, width, height, created_at"

#define F(kind, field) SQL_COL(kind, catalog_image, field)
SQL_READER(read_image, catalog_image, F(I64, id), F(I64, owner_id), F(TEXT, kind), F(I32, position),
           F(TEXT, key_small), F(TEXT, key_medium), F(TEXT, key_large), F(I32, width),
           F(I32, height), F(I64, created_at))
#undef F

/* One query for one product or a whole page of them (sql_fetch_children). */
#define IMAGES_OF(owners)                                                                          \
    "SELECT " IMAGE_COLS " FROM images WHERE kind = 'product' AND owner_id " owners                \
    " ORDER BY owner_id, position, id"
static db_query Q_IMAGES_OF_ONE = DB_QUERY(IMAGES_OF("= $1"));
static db_query Q_IMAGES_OF_PAGE = DB_QUERY(IMAGES_OF("{in_ids $1}"));

int sql_load_product_images(db_conn *c, bz_arena *a, catalog_product *products, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        products[i].images = NULL;
        products[i].n_images = 0;
    }
    size_t rows = 0, first = 0;
    int rc;
    catalog_image *all =
        sql_fetch_children(c, &Q_IMAGES_OF_ONE, &Q_IMAGES_OF_PAGE, products, n, sizeof(*products),
                           offsetof(catalog_product, id), a, read_image, sizeof(*all), &rows, &rc);
    for (size_t i = 0; rc == BZ_OK && i < n; i++) {
        /* all is sorted by owner: each product's images are one run of it, or none */
        products[i].n_images = sql_run_of(
            all, rows, sizeof(*all), offsetof(catalog_image, owner_id), products[i].id, &first);
        products[i].images = products[i].n_images ? &all[first] : NULL;
    }
    return rc;
}

int sql_set_image(store *s, db_query *query, int64_t id, int64_t image_id, int64_t now)
{
    return sql_exec_one(SQL_PREPARE(sql_db(s), query, SQL_I64(id), SQL_ID(image_id), SQL_I64(now)),
                        false);
}

static db_query Q_IMAGE_CREATE = DB_QUERY("INSERT INTO images (" IMAGE_COLS ") "
                                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
static db_query Q_IMAGE_GET = DB_QUERY("SELECT " IMAGE_COLS " FROM images WHERE id = $1");
static db_query Q_IMAGE_COUNT =
    DB_QUERY("SELECT count(*) FROM images WHERE kind = $1 AND owner_id = $2");

int sql_image_create(store *s, const catalog_image *img)
{
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_IMAGE_CREATE, SQL_I64(img->id), SQL_I64(img->owner_id),
                             SQL_TEXT(img->kind), SQL_I64(img->position), SQL_TEXT(img->key_small),
                             SQL_TEXT(img->key_medium), SQL_TEXT(img->key_large),
                             SQL_I64(img->width), SQL_I64(img->height), SQL_I64(img->created_at));
    return db_exec_guarded(q, NULL);
}

int sql_image_get(store *s, int64_t id, bz_arena *a, catalog_image *out)
{
    return db_fetch_one(sql_prepare_ints(sql_db(s), &Q_IMAGE_GET, &id, 1), a, read_image, out);
}

static db_query Q_IMAGE_TAKE =
    DB_QUERY("DELETE FROM images WHERE id = $1 AND kind = $2 AND owner_id = $3 "
             "RETURNING " IMAGE_COLS);

/* SQLite makes a RETURNING statement's changes in its first step, so one step is enough. */
int sql_image_take(store *s, int64_t id, const char *kind, int64_t owner_id, bz_arena *a,
                   catalog_image *out)
{
    db_stmt *q =
        SQL_PREPARE(sql_db(s), &Q_IMAGE_TAKE, SQL_I64(id), SQL_TEXT(kind), SQL_I64(owner_id));
    return db_fetch_one(q, a, read_image, out);
}

int sql_image_count(store *s, const char *kind, int64_t owner_id, int *out)
{
    *out = 0;
    db_stmt *q = SQL_PREPARE(sql_db(s), &Q_IMAGE_COUNT, SQL_TEXT(kind), SQL_I64(owner_id));
    int rc = db_step(q);
    if (rc == DB_ROW) {
        *out = db_col_i32(q, 0);
        rc = BZ_OK;
    }
    db_reset(q);
    return rc;
}
