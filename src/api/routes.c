/*
 * The list of every REST route table, in match order: specific literal
 * routes (/users/me) come before the parameterised ones (/users/{id}) within
 * each table.
 */
#include "api/api.h"
#include "api/handlers.h"
#include "base/check.h"
#include "base/err.h"
#include "http/server.h"

#include <stdbool.h>
#include <stddef.h>

/* One table a line, in match order: clang-format would pack them into columns. */
/* clang-format off */
const api_route *const api_route_tables[] = {
    api_routes_auth,
    api_routes_users,
    api_routes_plans,
    api_routes_sellers,
    api_routes_catalog,
    api_routes_media,
    api_routes_streams,
    api_routes_auctions,
    api_routes_orders,
    api_routes_chat,
    api_routes_wellbeing,
    api_routes_addresses,
    api_routes_payments,
    api_routes_cards,
    api_routes_documents,
    api_routes_payouts,
    api_routes_notifications,
    api_routes_prebids,
    api_routes_ingress,
    api_routes_cohosts,
    api_routes_share,
    api_routes_replay,
    NULL,
};
/* clang-format on */

int api_add_routes(http_server *s)
{
    int rc = BZ_OK;
    for (size_t t = 0; rc == BZ_OK && api_route_tables[t]; t++) {
        for (const api_route *r = api_route_tables[t]; rc == BZ_OK && r->route.pattern; r++) {
            if (BZ_NEVER(!api_route_sane(r))) {
                return BZ_EINTERNAL;
            }
            rc = http_server_add_route(s, &r->route);
        }
    }
    return rc;
}
