/*
 * http/routes.h - the REST route tables, one per area, each ending with a
 * zeroed entry. The composition root registers http_route_tables (all of
 * them, NULL-terminated) with the server, and gives the handlers what they
 * share as the server's handler_data (an http_api_env).
 */
#ifndef HTTP_ROUTES_H
#define HTTP_ROUTES_H

#include "engine/engine.h"
#include "http/http.h"

extern const http_route http_routes_auth[];
extern const http_route http_routes_users[];
extern const http_route http_routes_sellers[];
extern const http_route http_routes_catalog[];
extern const http_route http_routes_media[];
extern const http_route http_routes_streams[];
extern const http_route http_routes_auctions[];
extern const http_route http_routes_orders[];        /* handlers_orders.c */
extern const http_route http_routes_chat[];          /* handlers_chat.c */
extern const http_route http_routes_wellbeing[];     /* handlers_wellbeing.c */
extern const http_route http_routes_notifications[]; /* handlers_notifications.c */
extern const http_route http_routes_prebids[];       /* handlers_prebids.c */
extern const http_route http_routes_share[];         /* handlers_share.c: /s/{id}, /p/{id} */

extern const http_route *const http_route_tables[];

/* What the REST handlers share, reached through http_req_handler_data. Filled before the
 * server starts and unchanged while it runs; it and what it points to must outlive the
 * server. NULL handler_data counts as all members NULL. */
typedef struct http_api_env {
    /* Bids are submitted to it and new auctions watched by it. NULL = none: a bid is a batch
     * of one on a worker's own connection (tests of the HTTP layer). */
    engine *engine;
} http_api_env;

#endif
