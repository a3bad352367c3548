/*
 * The HTTP answers the gateway writes from more than one place: CORS, a polling response,
 * and the answer to a session's pending long-polling GET (gw_session.c answers it when
 * packets are flushed or the session closes; gw_polling.c when a request comes in).
 */
#include "realtime/gateway/gw_internal.h"

#include <stddef.h>

static const char TEXT_PLAIN[] = "text/plain; charset=UTF-8";

void gw_cors(const gateway *gw, http_res *res)
{
    if (gw->cfg.cors_any) {
        http_res_header(res, "Access-Control-Allow-Origin", "*");
    }
}

void gw_polling_ok(const gateway *gw, http_res *res, const char *body, size_t len)
{
    http_res_bytes(res, 200, TEXT_PLAIN, body, len);
    http_res_header(res, "Cache-Control", "no-store");
    gw_cors(gw, res);
}

void gw_polling_answer(gw_conn *c, const char *body, size_t len)
{
    http_req *r = c->get;
    if (!r) {
        return;
    }
    c->get = NULL;
    gw_polling_ok(c->gw, http_req_res(r), body, len);
    http_req_complete(r);
}
