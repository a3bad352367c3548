/*
 * The list of every REST route table, in match order: specific literal
 * routes (/users/me) come before the parameterised ones (/users/{id}) within
 * each table.
 */
#include "http/routes.h"

#include <stddef.h>

/* One table a line, in match order: clang-format would pack them into columns. */
/* clang-format off */
const http_route *const http_route_tables[] = {
    http_routes_auth,
    http_routes_users,
    http_routes_sellers,
    http_routes_catalog,
    http_routes_media,
    http_routes_streams,
    http_routes_auctions,
    http_routes_orders,
    http_routes_chat,
    http_routes_wellbeing,
    http_routes_notifications,
    http_routes_prebids,
    http_routes_share,
    NULL,
};
/* clang-format on */
