/*
 * http/routes.h - the REST route tables, one per area, each ending with a
 * zeroed entry. The composition root registers http_route_tables (all of
 * them, NULL-terminated) with the server.
 */
#ifndef HTTP_ROUTES_H
#define HTTP_ROUTES_H

#include "http/http.h"

extern const http_route http_routes_auth[];
extern const http_route http_routes_users[];
extern const http_route http_routes_sellers[];
extern const http_route http_routes_catalog[];
extern const http_route http_routes_media[];
extern const http_route http_routes_streams[];
extern const http_route http_routes_auctions[];
extern const http_route http_routes_chat[];          /* handlers_chat.c */
extern const http_route http_routes_wellbeing[];     /* handlers_wellbeing.c */
extern const http_route http_routes_notifications[]; /* handlers_notifications.c */
extern const http_route http_routes_prebids[];       /* handlers_prebids.c */
extern const http_route http_routes_share[];         /* handlers_share.c: /s/{id}, /p/{id} */

extern const http_route *const http_route_tables[];

#endif
