/*
 * Show (stream) use cases. Title and description follow the product rules of
 * domain/catalog.h; the schedule window and the lineup rules are here.
 *
 * List cursors are "<sort key>.<id>" of the last show of a page (starts_at
 * or started_at, then id): the store pages on both, so two shows starting at
 * the same moment are neither repeated nor skipped. Clients treat the string
 * as opaque.
 */
#include "app/streams.h"

#include "app/app_util.h"
#include "app/orders.h"
#include "base/err.h"
#include "base/rand.h"
#include "base/str.h"
#include "domain/catalog.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

/* ---- scheduling ---------------------------------------------------------- */

static int check_text(app_ctx *c, const app_stream_input *in)
{
    if (!in->title) {
        return app_fail(c, BZ_EVALIDATION, "title", "title is required");
    }
    /* A show's title and description obey the same rules as a product's. */
    catalog_product_fields f = {.title = in->title, .description = in->description};
    field_error fe = {"", ""};
    int rc = catalog_product_check(&f, false, &fe);
    if (rc != BZ_OK) {
        return app_fail(c, rc, fe.field, fe.reason && *fe.reason ? "%s" : NULL, fe.reason);
    }
    return BZ_OK;
}

static int check_schedule(app_ctx *c, int64_t starts_at)
{
    if (starts_at <= c->now) {
        return app_fail(c, BZ_EVALIDATION, "starts_at", "starts_at must be in the future");
    }
    if (starts_at - c->now > APP_STREAM_HORIZON_MS) {
        return app_fail(c, BZ_EVALIDATION, "starts_at",
                        "a show can be scheduled at most 90 days ahead");
    }
    return BZ_OK;
}

/* Count and uniqueness: the rules that need no database. */
static int check_lineup_shape(app_ctx *c, const int64_t *ids, size_t n)
{
    if (n == 0 || n > APP_STREAM_LINEUP_MAX) {
        return app_fail(c, BZ_EVALIDATION, "product_ids", "a show needs 1 to %d products",
                        APP_STREAM_LINEUP_MAX);
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++) {
            if (ids[i] == ids[j]) {
                return app_fail(c, BZ_EVALIDATION, "product_ids",
                                "product %" PRId64 " is listed twice", ids[i]);
            }
        }
    }
    return BZ_OK;
}

/* Every product exists, is not deleted, and is the seller's own. */
static int check_lineup_products(app_ctx *c, int64_t actor, const int64_t *ids, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        catalog_product p;
        int rc = store_product_get(c->store, ids[i], c->arena, &p);
        if (rc == BZ_ENOTFOUND) {
            return app_fail(c, BZ_EVALIDATION, "product_ids", "product %" PRId64 " does not exist",
                            ids[i]);
        }
        if (rc != BZ_OK) {
            return app_fail(c, rc, NULL, NULL);
        }
        if (p.seller_id != actor) {
            return app_fail(c, BZ_EFORBIDDEN, "product_ids",
                            "product %" PRId64 " belongs to another seller", ids[i]);
        }
    }
    return BZ_OK;
}

static int check_seller(app_ctx *c, int64_t actor)
{
    return app_require_seller(c, actor, "become a seller before scheduling shows");
}

int app_stream_create(app_ctx *c, int64_t actor, const app_stream_input *in, app_stream_view *out)
{
    int rc = check_seller(c, actor);
    if (rc == BZ_OK) {
        rc = check_text(c, in);
    }
    if (rc == BZ_OK) {
        rc = check_schedule(c, in->starts_at);
    }
    if (rc == BZ_OK) {
        rc = check_lineup_shape(c, in->product_ids, in->n_products);
    }
    if (rc == BZ_OK) {
        rc = check_lineup_products(c, actor, in->product_ids, in->n_products);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    show_stream st = {
        .id = bz_id_new(c->now),
        .seller_id = actor,
        .title = in->title,
        .description = in->description ? in->description : "",
        .status = "scheduled",
        .starts_at = in->starts_at,
        .created_at = c->now,
        .updated_at = c->now,
        .product_ids = in->product_ids,
        .n_products = in->n_products,
        .record = !in->no_record,
    };
    rc = store_stream_create(c->store, &st);
    if (rc == BZ_ENOTFOUND) {
        /* a product was deleted since the checks above */
        return app_fail(c, BZ_EVALIDATION, "product_ids", "a product no longer exists");
    }
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    return app_stream_get(c, st.id, out);
}

/* ---- reading ------------------------------------------------------------- */

static int lineup_of(app_ctx *c, app_stream_view *out)
{
    catalog_product *products = NULL;
    size_t n = 0;
    int rc = store_stream_lineup(c->store, out->stream.id, c->arena, &products, &n);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    out->lineup = bz_arena_calloc(c->arena, n ? n : 1, sizeof(*out->lineup));
    if (!out->lineup) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        app_lineup_item *item = &out->lineup[i];
        item->product = products[i];
        if (products[i].n_images == 0) {
            continue;
        }
        item->image = bz_arena_calloc(c->arena, 1, sizeof(*item->image));
        if (!item->image) {
            return app_fail(c, BZ_ENOMEM, NULL, NULL);
        }
        rc = app_media_view(c, &products[i].images[0], item->image);
        if (rc != BZ_OK) {
            return rc;
        }
    }
    out->n_lineup = n;
    return BZ_OK;
}

int app_stream_get(app_ctx *c, int64_t id, app_stream_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_stream_get(c->store, id, c->arena, &out->stream);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTFOUND);
    }
    rc = app_media_view_of(c, out->stream.cover_image_id, &out->cover);
    if (rc == BZ_OK) {
        rc = lineup_of(c, out);
    }
    return rc == BZ_OK ? app_sales_public(c, id, 0, &out->sales, &out->n_sales) : rc;
}

/* ---- listing ------------------------------------------------------------- */

/* "<at>.<id>" -> cursor; false unless both parts are integers and the id is positive. */
static bool cursor_parse(const char *s, store_stream_cursor *out)
{
    const char *dot = strchr(s, '.');
    if (!dot || dot == s || !dot[1]) {
        return false;
    }
    int64_t at = 0;
    if (bz_parse_i64(s, (size_t)(dot - s), &at) != BZ_OK || !app_parse_id(dot + 1, &out->id)) {
        return false;
    }
    out->at = at;
    return true;
}

static const char *cursor_format(app_ctx *c, store_stream_cursor cur)
{
    if (cur.id == 0) {
        return NULL;
    }
    return bz_arena_printf(c->arena, "%" PRId64 ".%" PRId64, cur.at, cur.id);
}

static int to_store_query(app_ctx *c, const app_stream_query *q, store_stream_query *out)
{
    memset(out, 0, sizeof(*out));
    out->status = q->status ? q->status : "scheduled";
    if (strcmp(out->status, "scheduled") != 0 && strcmp(out->status, "live") != 0) {
        return app_fail(c, BZ_EVALIDATION, "status", "status must be scheduled or live");
    }
    if (q->limit < 1 || q->limit > 100) {
        return app_fail(c, BZ_EVALIDATION, "limit", "limit must be 1..100");
    }
    if (q->seller_id < 0) {
        return app_fail(c, BZ_EVALIDATION, "seller", "not a seller id");
    }
    if (q->cursor && *q->cursor && !cursor_parse(q->cursor, &out->cursor)) {
        return app_fail(c, BZ_EVALIDATION, "cursor", "not a cursor this server issued");
    }
    out->seller_id = q->seller_id;
    out->limit = q->limit;
    return BZ_OK;
}

int app_stream_list(app_ctx *c, const app_stream_query *q, app_stream_page *out)
{
    store_stream_query sq;
    memset(out, 0, sizeof(*out));
    int rc = to_store_query(c, q, &sq);
    if (rc != BZ_OK) {
        return rc;
    }
    store_stream_page page = {0};
    rc = store_stream_list(c->store, &sq, c->arena, &out->items, &page);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    out->n = page.n;
    out->covers = bz_arena_calloc(c->arena, page.n ? page.n : 1, sizeof(*out->covers));
    if (!out->covers) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    for (size_t i = 0; i < page.n; i++) {
        if ((rc = app_media_view_of(c, out->items[i].cover_image_id, &out->covers[i])) != BZ_OK) {
            return rc;
        }
    }
    out->next_cursor = cursor_format(c, page.next);
    if (page.next.id != 0 && !out->next_cursor) {
        return app_fail(c, BZ_ENOMEM, NULL, NULL);
    }
    return BZ_OK;
}
