/*
 * Live shows and auctions over REST: going live and ending a show, starting
 * an auction, reading it, bidding, and the bid log (its verification and the
 * keys that sign it).
 *
 * Bids go through the auction engine when the composition root gave one (in
 * the handlers' api_env, the server's handler_data): the route is
 * HTTP_ASYNC, the loop submits the bid with engine_submit and answers once its
 * batch has committed, so a 201 means durable and no worker waits. Without an
 * engine (tests of the HTTP layer) a bid is a batch of one on a worker's own
 * connection. Bid idempotency is the engine's (per auction, bidder and key),
 * not the generic Idempotency-Key table: a replay must not be a second bid.
 */
#include "app/auctions.h"
#include "app/streams.h"
#include "base/err.h"
#include "domain/money.h"
#include "engine/engine.h"
#include "api/handlers.h"
#include "http/async.h"
#include "api/api.h"
#include "wire/auctions.h"
#include "wire/resources.h"
#include "wire/wire.h"

#include <stdlib.h>
#include <string.h>

/* The engine of the handlers' environment, NULL if none. */
static engine *api_engine(const http_req *req)
{
    const api_env *env = http_req_handler_data(req);
    return env ? env->engine : NULL;
}

/* ---- shows: live, end --------------------------------------------------------------- */

static int do_live_or_end(http_req *req, int64_t id, api_reply *out, bool live)
{
    app_stream_view v;
    app_ctx *c = http_req_app(req);
    int rc = live ? app_stream_go_live(c, api_user(req), id, &v)
                  : app_stream_end(c, api_user(req), id, &v);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_wrap("stream", wire_stream_view(&v)));
}

static int do_live(http_req *req, int64_t id, api_reply *out)
{
    return do_live_or_end(req, id, out, true);
}

static int do_end(http_req *req, int64_t id, api_reply *out)
{
    return do_live_or_end(req, id, out, false);
}

/* ---- POST /streams/{id}/auctions ------------------------------------------------------ */

static int read_auction_input(http_req *req, app_auction_input *in)
{
    json_t *body;
    memset(in, 0, sizeof(*in));
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = api_get_id(req, body, "product_id", true, &in->product_id, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_int(req, body, "starting_bid", true, 1, MONEY_PRICE_CAP_SEN, &in->starting_bid,
                         NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_int(req, body, "duration_s", false, 5, 300, &in->duration_s, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_str(req, body, NULL, "mode", false, &in->mode, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_int(req, body, "reserve_price", false, 1, MONEY_PRICE_CAP_SEN,
                         &in->reserve_price, NULL);
    }
    if (rc == BZ_OK) {
        rc = api_get_int(req, body, "buy_now_price", false, 1, MONEY_PRICE_CAP_SEN,
                         &in->buy_now_price, NULL);
    }
    return rc;
}

static int do_start(http_req *req, int64_t stream_id, api_reply *out)
{
    app_auction_input in;
    app_auction_view v;
    int rc = read_auction_input(req, &in);
    if (rc == BZ_OK) {
        rc = app_auction_start(http_req_app(req), api_user(req), stream_id, &in, &v);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    engine *e = api_engine(req);
    if (e) {
        engine_watch(e, v.auction.id, v.auction.ends_at);
    }
    return api_reply_json(out, 201, wire_wrap("auction", wire_auction(&v)));
}

/* ---- GET /auctions/{id} ---------------------------------------------------------------- */

static int do_get(http_req *req, int64_t id, api_reply *out)
{
    app_auction_view v;
    int rc = app_auction_get(http_req_app(req), api_user(req), id, &v);
    if (rc != BZ_OK) {
        return rc;
    }
    return api_reply_json(out, 200, wire_wrap("auction", wire_auction(&v)));
}

/* POST /auctions/{id}/cancel: the seller calls the lot off; answers the auction as it is now. */
static int do_cancel(http_req *req, int64_t id, api_reply *out)
{
    int rc = app_auction_cancel(http_req_app(req), api_user(req), id);
    return rc == BZ_OK ? do_get(req, id, out) : rc;
}

/* ---- POST /auctions/{id}/bids ------------------------------------------------------------ */

/* {"amount"} or {"max_amount"} and the Idempotency-Key header, read and checked by the same
 * functions as a socket's bid (wire_bid_read, app_bid_check). */
static int read_bid(http_req *req, app_bid_req *br)
{
    json_t *body;
    app_bid_input in;
    app_ctx *c = http_req_app(req);
    memset(br, 0, sizeof(*br));
    int rc = api_body(req, &body);
    if (rc == BZ_OK) {
        rc = wire_bid_read(body, NULL, &in, &c->err);
    }
    if (rc != BZ_OK) {
        return rc;
    }
    in.key = http_req_header(req, "Idempotency-Key");
    in.key_field = "Idempotency-Key";
    br->bidder_id = api_user(req);
    return app_bid_check(&in, br, &c->err);
}

static void send_refusal(http_res *res, const app_bid_result *r)
{
    http_res_error(res, r->code, NULL, wire_bid_refusal(r));
}

/* A bid in flight: the request waits (HTTP_ASYNC, nothing blocks) while the engine batches it
 * with the others; its answer is written on the loop thread once the batch has committed. */
typedef struct bid_call {
    net_job job; /* the worker fallback without an engine */
    http_req *req;
    int64_t auction_id, now;
    app_bid_req br;
    app_bid_result r;
    int rc; /* the fallback's store result */
} bid_call;

/* Loop thread: the answer of a committed (or refused) bid. */
static void bid_answer(void *udata, http_req *req)
{
    bid_call *b = udata;
    http_res *res = http_req_res(req);
    if (b->rc != BZ_OK) {
        http_res_error(res, b->rc, NULL, NULL);
    } else if (b->r.code != BZ_OK) {
        send_refusal(res, &b->r);
    } else {
        if (b->r.replayed) {
            http_res_header(res, "Idempotent-Replayed", "true");
        }
        int rc = wire_bid_reply(http_res_json_body(res, 201), &b->r, b->br.bidder_id, b->now);
        if (rc != BZ_OK) {
            http_res_error(res, rc, NULL, NULL);
        }
    }
    free(b);
}

/* Engine thread, after the commit: hand the result to the loop. */
static void bid_done_engine(void *udata, const app_bid_result *r)
{
    bid_call *b = udata;
    b->r = *r;
    http_req_complete_async_fill(b->req, bid_answer, b);
}

/* Without an engine: a batch of one on a worker's own connection. */
static void bid_work(net_job *job, void *state)
{
    bid_call *b = (bid_call *)job;
    app_ctx *c = state;
    bz_arena *own = c->arena;
    c->arena = bz_arena_new(4096);
    c->now = b->now;
    app_err_clear(c);
    if (!c->arena) {
        b->rc = BZ_ENOMEM;
    } else {
        int rc = app_auction_bid_batch(c, b->auction_id, &b->br, 1, &b->r);
        b->rc = rc == BZ_OK || rc == BZ_ENOTFOUND ? BZ_OK : rc;
        /* the result is plain old data: nothing points into the arena */
        bz_arena_free(c->arena);
    }
    c->arena = own;
}

static void bid_work_done(net_job *job)
{
    bid_call *b = (bid_call *)job;
    http_req *req = b->req;
    bid_answer(b, req);
    http_req_complete(req);
}

/* HTTP_ASYNC: runs on the loop thread. A 201 still means durable: it is sent after the batch
 * holding the bid committed. The worker no longer blocks in engine_submit_wait, so every
 * bidder's bid can join the same batch (one fsync) instead of one per worker. */
static void h_bid(http_req *req, http_res *res)
{
    app_ctx *c = http_req_app(req);
    int64_t id;
    app_bid_req br;
    int rc = api_param_id(req, "id", &id);
    if (rc == BZ_OK) {
        rc = read_bid(req, &br);
    }
    if (rc != BZ_OK) {
        if (c->err.code == rc) {
            http_res_app_error(res, &c->err);
        } else {
            http_res_error(res, rc, NULL, NULL);
        }
        return;
    }
    bid_call *b = calloc(1, sizeof(*b));
    if (!b) {
        http_res_error(res, BZ_ENOMEM, NULL, NULL);
        return;
    }
    b->req = req;
    b->auction_id = id;
    b->now = c->now;
    b->br = br;
    engine *e = api_engine(req);
    if (!e) {
        b->job.work = bid_work;
        b->job.done = bid_work_done;
        http_server_submit(http_req_server(req), &b->job);
        return;
    }
    rc = engine_submit(e, id, &br, bid_done_engine, b);
    if (rc != BZ_OK) {
        free(b);
        http_res_error(res, rc, NULL, NULL);
    }
}

/* ---- the bid log ------------------------------------------------------------------------ */

/* The log carries what an outsider needs to check it without trusting this server's verdict:
 * every entry with its signature, the head, and the public keys (docs/auctions.md). */
static int do_log(http_req *req, int64_t id, api_reply *out, bool verify)
{
    app_auction_log log;
    app_ctx *c = http_req_app(req);
    int rc = app_auction_log_read(c, id, &log);
    if (rc != BZ_OK) {
        return rc;
    }
    if (verify) {
        return api_reply_json(out, 200, wire_log_verdict(&log));
    }
    crypto_log_pubkey keys[CRYPTO_LOG_KEYS];
    size_t n_keys = app_auction_log_keys(c, keys, CRYPTO_LOG_KEYS);
    return api_reply_json(out, 200, wire_log(id, &log, keys, n_keys));
}

static int do_log_entries(http_req *req, int64_t id, api_reply *out)
{
    return do_log(req, id, out, false);
}

static int do_log_verify(http_req *req, int64_t id, api_reply *out)
{
    return do_log(req, id, out, true);
}

/* The public keys that sign bid logs, as a JWK Set; an outsider pins them once. */
static int do_log_keys(http_req *req, api_reply *out)
{
    crypto_log_pubkey keys[CRYPTO_LOG_KEYS];
    size_t n = app_auction_log_keys(http_req_app(req), keys, CRYPTO_LOG_KEYS);
    return api_reply_json(out, 200, wire_log_keys(keys, n));
}

const api_route api_routes_auctions[] = {
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/streams/{id}/live", do_live, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/streams/{id}/end", do_end, HTTP_AUTH),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/streams/{id}/auctions", do_start,
                 HTTP_AUTH | API_IDEMPOTENT),
    API_ROUTE(HTTP_M_GET, "/api/v1/auctions/log-keys", do_log_keys, 0),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/auctions/{id}", do_get, 0),
    API_ROUTE_ID(HTTP_M_POST, "/api/v1/auctions/{id}/cancel", do_cancel, HTTP_AUTH),
    API_OWN(HTTP_M_POST, "/api/v1/auctions/{id}/bids", h_bid, HTTP_AUTH | HTTP_ASYNC),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/auctions/{id}/log", do_log_entries, 0),
    API_ROUTE_ID(HTTP_M_GET, "/api/v1/auctions/{id}/log/verify", do_log_verify, 0),
    API_END,
};
