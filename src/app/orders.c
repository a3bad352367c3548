/*
 * Order use cases: listing a buyer's orders and a seller's sales.
 */
#include "app/orders.h"

#include "app/app_util.h"
#include "base/err.h"

#include <string.h>

int app_order_list(app_ctx *c, int64_t actor, bool as_seller, int64_t cursor, int limit,
                   app_order_page *out)
{
    memset(out, 0, sizeof(*out));
    if (limit < 1 || limit > 100) {
        return app_fail(c, BZ_EVALIDATION, "limit", "limit must be 1..100");
    }
    if (as_seller) {
        store_user u;
        int rc = store_user_get(c->store, actor, c->arena, &u);
        if (rc != BZ_OK) {
            return app_store_fail(c, rc, BZ_EUNAUTHORIZED);
        }
        if (!u.is_seller) {
            return app_fail(c, BZ_ENOTSELLER, NULL, "only sellers have sales");
        }
    }
    store_page page = {0};
    int rc =
        store_orders_of(c->store, actor, as_seller, cursor, limit, c->arena, &out->items, &page);
    if (rc != BZ_OK) {
        return app_fail(c, rc, NULL, NULL);
    }
    out->n = page.n;
    out->next_cursor = page.next_cursor;
    return BZ_OK;
}
