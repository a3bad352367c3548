/*
 * Seller use cases. The pickup address rules (Malaysian states, postcodes per
 * state) are domain/address.h's, the shop name rules domain/catalog.h's.
 */
#include "app/sellers.h"

#include "app/app_util.h"
#include "base/err.h"
#include "domain/address.h"
#include "domain/catalog.h"

#include <stdio.h>
#include <string.h>

static int domain_fail(app_ctx *c, int rc, const char *prefix, const field_error *fe)
{
    char field[48];
    snprintf(field, sizeof(field), "%s%s", prefix, fe->field ? fe->field : "");
    return app_fail(c, rc, field, fe->reason && *fe->reason ? "%s" : NULL, fe->reason);
}

/* Validate a pickup address and replace state and postcode by their canonical forms. */
static int check_address(app_ctx *c, address_postal *a)
{
    address_input in = {a->line1, a->line2, a->city, a->state, a->postcode, NULL};
    address_checked out;
    field_error fe = {"", ""};
    int rc = address_validate(&in, &out, &fe);
    if (rc != BZ_OK) {
        return domain_fail(c, rc, "pickup_address.", &fe);
    }
    a->state = out.state_name;
    a->postcode = bz_arena_strdup(c->arena, out.postcode);
    if (!a->line2) {
        a->line2 = "";
    }
    return a->postcode ? BZ_OK : app_fail(c, BZ_ENOMEM, NULL, NULL);
}

/* Check the given shop fields; `pickup` (may be NULL) receives the normalised address. */
static int check_shop(app_ctx *c, const app_seller_input *in, address_postal *pickup)
{
    field_error fe = {"", ""};
    int rc = BZ_OK;
    if (in->shop_name) {
        rc = catalog_shop_name_check(in->shop_name, strlen(in->shop_name), &fe);
    }
    if (rc == BZ_OK && in->description) {
        rc = catalog_shop_description_check(in->description, strlen(in->description), &fe);
    }
    if (rc != BZ_OK) {
        return domain_fail(c, rc, "", &fe);
    }
    if (in->pickup) {
        *pickup = *in->pickup;
        return check_address(c, pickup);
    }
    return BZ_OK;
}

int app_seller_create(app_ctx *c, int64_t user_id, const app_seller_input *in, catalog_seller *out)
{
    if (!in->shop_name) {
        return app_fail(c, BZ_EVALIDATION, "shop_name", "shop_name is required");
    }
    if (!in->pickup) {
        return app_fail(c, BZ_EVALIDATION, "pickup_address", "pickup_address is required");
    }
    catalog_seller s = {.id = user_id,
                        .shop_name = in->shop_name,
                        .description = in->description ? in->description : "",
                        .created_at = c->now};
    int rc = check_shop(c, in, &s.pickup);
    if (rc != BZ_OK) {
        return rc;
    }
    rc = store_seller_create(c->store, &s);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_EUNAUTHORIZED);
    }
    rc = store_seller_get(c->store, user_id, c->arena, out);
    return rc == BZ_OK ? BZ_OK : app_fail(c, rc, NULL, NULL);
}

/* Resolve a seller by id, falling back to the owner's username. */
static int find_seller(app_ctx *c, const char *id_or_username, catalog_seller *out)
{
    int64_t id = 0;
    int rc = BZ_ENOTFOUND;
    if (app_parse_id(id_or_username, &id)) {
        rc = store_seller_get(c->store, id, c->arena, out);
    }
    if (rc == BZ_ENOTFOUND && id_or_username && *id_or_username) {
        account_user u;
        rc = store_user_by_username(c->store, id_or_username, c->arena, &u);
        if (rc == BZ_OK) {
            rc = store_seller_get(c->store, u.id, c->arena, out);
        }
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

int app_seller_get(app_ctx *c, int64_t viewer, const char *id_or_username, app_seller_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = find_seller(c, id_or_username, &out->seller);
    if (rc != BZ_OK) {
        return rc;
    }
    if (viewer != 0 && viewer != out->seller.id) {
        rc = store_is_following(c->store, viewer, out->seller.id, &out->is_following);
        if (rc != BZ_OK) {
            return app_fail(c, rc, NULL, NULL);
        }
    }
    catalog_product_query q = {.seller_id = out->seller.id,
                               .min_price = -1,
                               .max_price = -1,
                               .limit = APP_SELLER_PRODUCTS};
    return app_catalog_search(c, &q, &out->products);
}

int app_seller_update(app_ctx *c, int64_t user_id, const app_seller_input *in, catalog_seller *out)
{
    int rc = store_seller_get(c->store, user_id, c->arena, out);
    if (rc != BZ_OK) {
        return app_store_fail(c, rc, BZ_ENOTSELLER);
    }
    address_postal pickup;
    rc = check_shop(c, in, &pickup);
    if (rc != BZ_OK) {
        return rc;
    }
    if (in->shop_name) {
        out->shop_name = in->shop_name;
    }
    if (in->description) {
        out->description = in->description;
    }
    if (in->pickup) {
        out->pickup = pickup;
    }
    if (in->require_card >= 0) {
        out->require_card = in->require_card == 1;
    }
    rc = store_seller_update(c->store, out);
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTSELLER);
}

int app_seller_follow(app_ctx *c, int64_t user_id, int64_t seller_id)
{
    if (user_id == seller_id) {
        return app_fail(c, BZ_ESELFFOLLOW, NULL, NULL);
    }
    int rc = store_follow(c->store, user_id, seller_id, c->now);
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

int app_seller_unfollow(app_ctx *c, int64_t user_id, int64_t seller_id)
{
    catalog_seller s;
    if (user_id == seller_id) {
        return app_fail(c, BZ_ESELFFOLLOW, NULL, NULL);
    }
    int rc = store_seller_get(c->store, seller_id, c->arena, &s);
    if (rc == BZ_OK) {
        rc = store_unfollow(c->store, user_id, seller_id);
    }
    return rc == BZ_OK ? BZ_OK : app_store_fail(c, rc, BZ_ENOTFOUND);
}

int app_seller_following(app_ctx *c, int64_t user_id, int64_t cursor, int limit,
                         app_seller_list *out)
{
    if (limit < 1 || limit > 100) {
        return app_fail(c, BZ_EVALIDATION, "limit", "limit must be 1..100");
    }
    if (cursor < 0) {
        return app_fail(c, BZ_EVALIDATION, "cursor", "cursor is not valid");
    }
    store_page page = {0};
    memset(out, 0, sizeof(*out));
    int rc = store_following(c->store, user_id, cursor, limit, c->arena, &out->items, &page);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    out->n = page.n;
    out->next_cursor = page.next_cursor;
    return BZ_OK;
}
