/*
 * api/api.h - the REST API over the HTTP server: its route tables, one per
 * area, each ending with a zeroed entry. The composition root registers them
 * all (api_add_routes) and gives the handlers what they share as the
 * server's handler_data (an api_env).
 */
#ifndef API_API_H
#define API_API_H

#include "engine/engine.h"
#include "http/http.h"

#include <stdint.h>

typedef struct http_server http_server; /* http/server.h */
typedef struct api_reply api_reply;     /* api/handlers.h */

/* A route's body: BZ_OK with the reply filled, or a BZ_E* code (api/handlers.h). */
typedef int (*api_impl)(http_req *req, api_reply *out);

/* A route's body on the resource its path names: the pattern's {id}, read as an id. */
typedef int (*api_impl_id)(http_req *req, int64_t id, api_reply *out);

/* A use case that a signed-in actor applies to one resource, named by its id (or by its
 * parent's id and its own). */
typedef int (*api_act)(app_ctx *c, int64_t actor, int64_t id);
typedef int (*api_act2)(app_ctx *c, int64_t actor, int64_t parent_id, int64_t id);

/* A REST route: the server's entry and the body the shared handler runs for it. */
typedef struct api_route {
    http_route route;   /* first member: api_route_run finds the entry from the matched route */
    api_impl run;       /* the body; NULL when route.handler answers by itself, or with: */
    api_act act;        /* the use case on the pattern's one {parameter} as an id, answered 204 */
    api_act2 act2;      /* the same on its two {parameters} */
    api_impl_id run_id; /* the body on the pattern's {id} (a path whose {id} is no id: 404) */
} api_route;

extern const api_route api_routes_auth[];
extern const api_route api_routes_users[];
extern const api_route api_routes_sellers[];
extern const api_route api_routes_catalog[];
extern const api_route api_routes_media[];
extern const api_route api_routes_streams[];
extern const api_route api_routes_auctions[];
extern const api_route api_routes_orders[];        /* orders.c */
extern const api_route api_routes_chat[];          /* chat.c */
extern const api_route api_routes_wellbeing[];     /* wellbeing.c */
extern const api_route api_routes_addresses[];     /* addresses.c */
extern const api_route api_routes_payments[];      /* payments.c */
extern const api_route api_routes_cards[];         /* cards.c */
extern const api_route api_routes_documents[];     /* documents.c: receipts, invoices */
extern const api_route api_routes_plans[];         /* plans.c */
extern const api_route api_routes_payouts[];       /* payouts.c */
extern const api_route api_routes_notifications[]; /* notifications.c */
extern const api_route api_routes_prebids[];       /* prebids.c */
extern const api_route api_routes_ingress[];       /* ingress.c */
extern const api_route api_routes_cohosts[];       /* cohosts.c */
extern const api_route api_routes_share[];         /* src/api/share.c: /s/{id}, /p/{id} */
extern const api_route api_routes_replay[];        /* replay.c: recording and replay */

extern const api_route *const api_route_tables[]; /* NULL-terminated, in match order */

/* Register every route of api_route_tables with `s`, before it starts. BZ_OK, or the first
 * error of http_server_add_route (logged). */
int api_add_routes(http_server *s);

/* What the REST handlers share, reached through http_req_handler_data. Filled before the
 * server starts and unchanged while it runs; it and what it points to must outlive the
 * server. NULL handler_data counts as all members NULL. */
typedef struct api_env {
    /* Bids are submitted to it and new auctions watched by it. NULL = none: a bid is a batch
     * of one on a worker's own connection (tests of the HTTP layer). */
    engine *engine;
} api_env;

#endif
