/* Built-in operational routes: liveness, readiness (store ping on a worker), metrics. */
#include "base/err.h"
#include "http/internal.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <string.h>

static void healthz(http_req *req, http_res *res)
{
    http_res_json(res, 200, wire_wrap("status", wire_str("ok")));
}

/* Ready when start-up work is over (http_server_set_starting), the store answers and, with
 * several nodes, the events bus is connected: a node cut off from Redis would serve viewers who
 * miss other nodes' bids, so a load balancer should send them elsewhere until it is back. */
static void readyz(http_req *req, http_res *res)
{
    const char *starting = atomic_load(&req->srv->starting);
    if (starting) {
        http_res_error(res, BZ_EUNAVAILABLE, "Still starting",
                       wire_wrap("starting", wire_str(starting)));
        return;
    }
    app_ctx *ctx = http_req_app(req);
    store *st = ctx ? ctx->store : NULL;
    int rc = st && st->ops && st->ops->ping ? st->ops->ping(st) : BZ_EUNAVAILABLE;
    if (rc != BZ_OK) {
        http_res_error(res, BZ_EUNAVAILABLE, "Store is not reachable", NULL);
        return;
    }
    events *bus = ctx->env ? ctx->env->events : NULL;
    const char *bus_name = bus && bus->ops->name ? bus->ops->name : "none";
    if (bus && bus->ops->status && bus->ops->status(bus) != BZ_OK) {
        http_res_error(res, BZ_EUNAVAILABLE, "Events bus is not connected",
                       wire_wrap("bus", wire_str(bus_name)));
        return;
    }
    http_res_json(res, 200, wire_ready(st->ops->name, bus_name));
}

static void metrics(http_req *req, http_res *res)
{
    http_server *s = req->srv;
    bz_buf *out = &res->body;
    bz_buf_reset(out);
    if (http_metrics_render(s->metrics, out) != BZ_OK) {
        http_res_error(res, BZ_ENOMEM, NULL, NULL);
        return;
    }
    for (int i = 0; i < s->n_on_metrics; i++) { /* the gateway's socket counters, ... */
        s->on_metrics[i].fn(s->on_metrics[i].udata, out);
    }
    res->status = 200;
    res->ext = NULL;
    http_res_header(res, "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    http_res_header(res, "Cache-Control", "no-store");
}

static const http_route ops_routes[] = {
    {HTTP_M_GET, "/healthz", healthz, HTTP_ON_LOOP},
    {HTTP_M_GET, "/readyz", readyz, 0},
    {HTTP_M_GET, "/metrics", metrics, HTTP_ON_LOOP},
    {0, NULL, NULL, 0},
};

const http_route *http_ops_routes(void)
{
    return ops_routes;
}
