/*
 * Catalog use cases. Field rules come from domain/catalog.h; this file
 * applies them to partial inputs, checks ownership and resolves image URLs.
 */
#include "app/catalog.h"

#include "app/app_util.h"
#include "app/orders.h"
#include "base/err.h"
#include "base/rand.h"
#include "domain/auction.h"
#include "domain/catalog.h"

#include <stdbool.h>
#include <string.h>

#define SEARCH_Q_MAX 200

int app_catalog_categories(app_ctx *c, catalog_category **out, size_t *n)
{
    int rc = store_categories(c->store, c->arena, out, n);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

int app_catalog_category_resolve(app_ctx *c, const char *s, int64_t *id_out)
{
    catalog_category *cats = NULL;
    size_t n = 0;
    int64_t id = 0;
    *id_out = 0;
    if (!s || !*s) {
        return BZ_OK;
    }
    bool numeric = app_parse_id(s, &id);
    int rc = store_categories(c->store, c->arena, &cats, &n);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        if ((numeric && cats[i].id == id) || (cats[i].slug && strcmp(cats[i].slug, s) == 0)) {
            *id_out = cats[i].id;
            return BZ_OK;
        }
    }
    return app_fail(c, BZ_EVALIDATION, "category", "no such category");
}

static int view_of(app_ctx *c, const catalog_product *p, app_product_view *out)
{
    out->product = *p;
    out->n_images = p->n_images;
    out->images = NULL;
    out->sale_read = false; /* app_catalog_product_get looks the sale up */
    out->last_sale = NULL;
    if (p->n_images == 0) {
        return BZ_OK;
    }
    out->images = bz_arena_calloc(c->arena, p->n_images, sizeof(*out->images));
    if (!out->images) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < p->n_images; i++) {
        int rc = app_media_view(c, &p->images[i], &out->images[i]);
        if (rc != BZ_OK) {
            return rc;
        }
    }
    return BZ_OK;
}

/* Each field a product input may set: its bit and its member of catalog_product. */
#define PRODUCT_INPUT_FIELDS(X)                                                                    \
    X(APP_P_TITLE, title)                                                                          \
    X(APP_P_DESCRIPTION, description)                                                              \
    X(APP_P_CONDITION, condition)                                                                  \
    X(APP_P_CATEGORY, category_id)                                                                 \
    X(APP_P_QUANTITY, quantity)                                                                    \
    X(APP_P_PRICE, buy_now_price)                                                                  \
    X(APP_P_WEIGHT, shipping_weight_g)                                                             \
    X(APP_P_LENGTH, length_mm)                                                                     \
    X(APP_P_WIDTH, width_mm)                                                                       \
    X(APP_P_HEIGHT, height_mm)

/* Copy the fields named in in->set over *p. */
static void apply_input(catalog_product *p, const app_product_input *in)
{
#define COPY_IF_SET(bit, field)                                                                    \
    if (in->set & (bit)) {                                                                         \
        p->field = in->v.field;                                                                    \
    }
    PRODUCT_INPUT_FIELDS(COPY_IF_SET)
#undef COPY_IF_SET
}

/* Check the fields given in `in` against domain/catalog.h (all required ones too when
 * creating), then the category's existence. */
static int validate_input(app_ctx *c, const app_product_input *in, bool creating)
{
    const catalog_product *v = &in->v;
    /* A number is checked when given: its has_ flag and its value. */
#define NUMBER(bit, field) .has_##field = in->set & (bit), .field = v->field
    catalog_product_fields f = {
        .title = in->set & APP_P_TITLE ? v->title : NULL,
        .description = in->set & APP_P_DESCRIPTION ? v->description : NULL,
        .condition = in->set & APP_P_CONDITION ? v->condition : NULL,
        NUMBER(APP_P_QUANTITY, quantity),
        NUMBER(APP_P_PRICE, buy_now_price),
        NUMBER(APP_P_WEIGHT, shipping_weight_g),
        NUMBER(APP_P_LENGTH, length_mm),
        NUMBER(APP_P_WIDTH, width_mm),
        NUMBER(APP_P_HEIGHT, height_mm),
    };
#undef NUMBER
    field_error fe = {"", ""};
    int rc = catalog_product_check(&f, creating, &fe);
    if (rc != BZ_OK) {
        return app_fail(c, rc, fe.field, fe.reason && *fe.reason ? "%s" : NULL, fe.reason);
    }
    if ((in->set & APP_P_CATEGORY) && v->category_id != 0) {
        catalog_category cat;
        rc = store_category_get(c->store, v->category_id, c->arena, &cat);
        if (rc == BZ_ENOTFOUND) {
            return app_fail(c, BZ_EVALIDATION, "category_id", "no such category");
        }
        if (rc != BZ_OK) {
            return app_fail(c, rc, NULL, NULL);
        }
    }
    return BZ_OK;
}

int app_catalog_product_create(app_ctx *c, int64_t actor, const app_product_input *in,
                               app_product_view *out)
{
    int rc = app_require_seller(c, actor, "become a seller before listing products");
    if (rc != BZ_OK) {
        return rc;
    }
    rc = validate_input(c, in, true);
    if (rc != BZ_OK) {
        return rc;
    }
    catalog_product p = {.description = ""};
    apply_input(&p, in);
    p.id = bz_id_new(c->now);
    p.seller_id = actor;
    p.created_at = p.updated_at = c->now;
    p.images = NULL;
    p.n_images = 0;
    rc = store_product_create(c->store, &p);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    return view_of(c, &p, out);
}

int app_catalog_product_get(app_ctx *c, int64_t id, app_product_view *out)
{
    catalog_product p;
    int rc = store_product_get(c->store, id, c->arena, &p);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    rc = view_of(c, &p, out);
    size_t n = 0;
    if (rc == BZ_OK) {
        rc = app_sales_public(c, 0, id, &out->last_sale, &n);
        out->sale_read = rc == BZ_OK;
    }
    return rc;
}

/* Inside a transaction, under the product's lock: leaving `quantity` units does not take a unit
 * from a running auction of it (domain/auction.h: acknowledged bids keep their lot). */
static int check_units_left(app_ctx *c, int64_t id, int32_t quantity)
{
    int32_t stored = 0;
    int64_t running = 0;
    int rc = store_product_stock(c->store, id, true, &stored, &running);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (auction_stock_can_set(quantity, running) != BZ_OK) {
        return app_fail(c, BZ_EAUCTIONRUNNING, "quantity",
                        "running auctions of this product hold %lld unit(s) until they close",
                        (long long)running);
    }
    return BZ_OK;
}

/* Update product `id` to *p (or delete it when p is NULL) in one transaction, after
 * check_units_left(quantity). */
static int write_checked(app_ctx *c, int64_t id, int32_t quantity, const catalog_product *p)
{
    int rc = store_begin(c->store);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    rc = check_units_left(c, id, quantity);
    if (rc == BZ_OK) {
        rc = p ? store_product_update(c->store, p) : store_product_delete(c->store, id);
        rc = rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    if (rc != BZ_OK) {
        store_rollback(c->store);
        return rc;
    }
    rc = store_commit(c->store);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

int app_catalog_product_update(app_ctx *c, int64_t actor, int64_t id, const app_product_input *in,
                               app_product_view *out)
{
    catalog_product p;
    int rc = app_own_product(c, actor, id, &p);
    if (rc == BZ_OK) {
        rc = validate_input(c, in, false);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    apply_input(&p, in);
    p.updated_at = c->now;
    if (in->set & APP_P_QUANTITY) {
        rc = write_checked(c, id, p.quantity, &p);
    } else {
        p.quantity = -1; /* keep the stored one: a sale may have taken a unit since the read */
        rc = store_product_update(c->store, &p);
        rc = rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    return rc == BZ_OK ? app_catalog_product_get(c, id, out) : rc;
}

int app_catalog_product_delete(app_ctx *c, int64_t actor, int64_t id)
{
    catalog_product p;
    int rc = app_own_product(c, actor, id, &p);
    if (rc == BZ_OK) {
        rc = write_checked(c, id, 0, NULL); /* deleting leaves no unit */
    }
    if (rc != BZ_OK) {
        return rc;
    }
    for (size_t i = 0; i < p.n_images; i++) {
        app_media_blobs_delete(c, &p.images[i]);
    }
    return BZ_OK;
}

static int validate_query(app_ctx *c, const catalog_product_query *q)
{
    if (q->limit < 1 || q->limit > 100) {
        return app_fail(c, BZ_EVALIDATION, "limit", "limit must be 1..100");
    }
    if (q->q && !app_text_ok(q->q, SEARCH_Q_MAX)) {
        return app_fail(c, BZ_EVALIDATION, "q", "at most %d characters", SEARCH_Q_MAX);
    }
    if (q->min_price < -1) {
        return app_fail(c, BZ_EVALIDATION, "min_price", "must be at least 0");
    }
    if (q->max_price < -1) {
        return app_fail(c, BZ_EVALIDATION, "max_price", "must be at least 0");
    }
    if (q->min_price >= 0 && q->max_price >= 0 && q->min_price > q->max_price) {
        return app_fail(c, BZ_EVALIDATION, "max_price", "max_price is below min_price");
    }
    if (q->cursor < 0) {
        return app_fail(c, BZ_EVALIDATION, "cursor", "cursor is not valid");
    }
    return BZ_OK;
}

int app_catalog_search(app_ctx *c, const catalog_product_query *q, app_product_list *out)
{
    catalog_product *rows = NULL;
    store_page page = {0};
    int rc = validate_query(c, q);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = store_product_search(c->store, q, c->arena, &rows, &page);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    memset(out, 0, sizeof(*out));
    out->next_cursor = page.next_cursor;
    if (page.n == 0) {
        return BZ_OK;
    }
    out->items = bz_arena_calloc(c->arena, page.n, sizeof(*out->items));
    if (!out->items) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < page.n; i++) {
        rc = view_of(c, &rows[i], &out->items[i]);
        if (rc != BZ_OK) {
            return rc;
        }
    }
    out->n = page.n;
    return BZ_OK;
}
